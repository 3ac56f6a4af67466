"""Assessments over HTTP: only existing, published questions, each once; questions in use stay published."""

import uuid
from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.authoring.test_questions import question_body

URL = "/api/v1/authoring/assessments"


def new_question(client: TestClient, headers: dict[str, str], key: str, *, publish: bool) -> str:
    created = client.post("/api/v1/authoring/questions", headers=headers, json=question_body("multiple_choice", key))
    question_id = str(created.json()["id"])
    if publish:
        assert client.post(f"/api/v1/authoring/questions/{question_id}/publish", headers=headers).status_code == 200
    return question_id


def assessment(slug: str, question_ids: list[str], **fields: Any) -> dict[str, Any]:
    return {"slug": slug, "title": "Quiz: ports", "assessment_type": "quiz", "question_ids": question_ids,
            "time_limit_minutes": 10, "passing_score": 75} | fields


def assessments_named(target: DatabaseTarget, slug: str) -> int:
    with connect(target) as conn:
        row = conn.execute("SELECT count(*) FROM assessments WHERE slug = %s", (slug,)).fetchone()
    assert row is not None
    return int(str(row[0]))


def test_an_instructor_authors_and_publishes_an_assessment(client: TestClient, instructor: dict[str, str],
                                                           fresh_seeded_db: DatabaseTarget) -> None:
    ready = [new_question(client, instructor, f"staff-quiz-q00{n}", publish=True) for n in (1, 2)]
    draft = new_question(client, instructor, "staff-quiz-q003", publish=False)
    unknown = str(uuid.uuid4())

    refused = client.post(URL, headers=instructor, json=assessment("staff-ports-quiz", [*ready, draft, unknown]))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "question_ids"
    assert draft in refused.json()["detail"] and unknown in refused.json()["detail"]
    assert not any(q in refused.json()["detail"] for q in ready)
    twice = client.post(URL, headers=instructor, json=assessment("staff-ports-quiz", [ready[0], ready[0]]))
    assert twice.status_code == 422 and twice.json()["detail"] == "A question is listed twice."
    assert assessments_named(fresh_seeded_db, "staff-ports-quiz") == 0

    created = client.post(URL, headers=instructor, json=assessment("staff-ports-quiz", ready))
    assert created.status_code == 201, created.text
    quiz = created.json()
    assert (quiz["is_published"], quiz["question_ids"], quiz["passing_score"]) == (False, ready, 75)
    published = client.post(f"{URL}/{quiz['id']}/publish", headers=instructor)
    assert published.status_code == 200 and published.json()["is_published"] is True
    with connect(fresh_seeded_db) as conn:
        logged = conn.execute("SELECT activity_type, metadata FROM user_activity_logs WHERE resource_id = %s "
                              "ORDER BY created_at", (quiz["id"],)).fetchall()
    assert logged == [("authoring.assessment.created", {"label": "staff-ports-quiz", "questions": 2}),
                      ("authoring.assessment.published", {"label": "staff-ports-quiz"})]


def test_questions_in_use_stay_published_and_undeleted(client: TestClient, instructor: dict[str, str]) -> None:
    question = new_question(client, instructor, "staff-used-q001", publish=True)
    quiz = client.post(URL, headers=instructor, json=assessment("staff-used-quiz", [question])).json()
    assert client.delete(f"/api/v1/authoring/questions/{question}", headers=instructor).status_code == 409
    client.post(f"{URL}/{quiz['id']}/publish", headers=instructor)
    unpublish = client.post(f"/api/v1/authoring/questions/{question}/unpublish", headers=instructor)
    assert unpublish.status_code == 409 and "staff-used-quiz" in unpublish.json()["detail"]
    client.post(f"{URL}/{quiz['id']}/unpublish", headers=instructor)
    assert client.post(f"/api/v1/authoring/questions/{question}/unpublish", headers=instructor).status_code == 200
    # the draft now holds an unpublished question: it cannot be published until that changes
    republish = client.post(f"{URL}/{quiz['id']}/publish", headers=instructor)
    assert republish.status_code == 422 and question in republish.json()["detail"]


def test_publishing_needs_a_question_and_slugs_are_unique(client: TestClient, instructor: dict[str, str]) -> None:
    empty = client.post(URL, headers=instructor, json=assessment("staff-empty-quiz", [])).json()
    refused = client.post(f"{URL}/{empty['id']}/publish", headers=instructor)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "question_ids"
    taken = client.post(URL, headers=instructor, json=assessment("demo-final-exam", []))
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "slug"


def test_an_edit_keeps_the_rules(client: TestClient, instructor: dict[str, str]) -> None:
    question = new_question(client, instructor, "staff-edit-quiz-q001", publish=True)
    quiz = client.post(URL, headers=instructor, json=assessment("staff-edit-quiz", [question])).json()
    client.post(f"{URL}/{quiz['id']}/publish", headers=instructor)
    emptied = client.put(f"{URL}/{quiz['id']}", headers=instructor, json=assessment("staff-edit-quiz", []))
    assert emptied.status_code == 422  # a published assessment keeps at least one question
    edited = client.put(f"{URL}/{quiz['id']}", headers=instructor,
                        json=assessment("staff-edit-quiz", [question], max_attempts=2, title="Ports, again"))
    assert edited.status_code == 200
    assert (edited.json()["max_attempts"], edited.json()["title"], edited.json()["is_published"]) == (
        2, "Ports, again", True)
    listed = client.get(URL, headers=instructor, params={"q": "staff-edit", "state": "published"}).json()
    assert [(a["slug"], a["question_count"]) for a in listed["items"]] == [("staff-edit-quiz", 1)]
