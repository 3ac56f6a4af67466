"""Questions over HTTP: every type is checked against its options before anything is written."""

import asyncio
import copy
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netplus.accounts.service import SignedIn, User
from netplus.authoring import questions
from netplus.content.models import Choice, MultipleChoice
from netplus.core.activity import Client
from netplus.core.database import DatabaseTarget, connect
from netplus.core.ids import stable_id
from netplus.core.pool import create_pool
from netplus.core.problems import Problem
from tests import api

BASE: dict[str, Any] = {"difficulty": "intermediate", "objectives": ["1.4"], "explanation": "Because.",
                        "hints": ["Think about the port."]}
OPTIONS = [{"id": "a", "text": "22"}, {"id": "b", "text": "23"}, {"id": "c", "text": "443"}]
# Per type: a valid question, and the change that makes its answer disagree with its options.
VALID_AND_BROKEN: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "multiple_choice": ({"question": "Which port does SSH use?", "options": OPTIONS, "answer": "a"},
                        {"answer": "d"}),
    "multiple_select": ({"question": "Which ports are encrypted? (Choose two.)", "options": OPTIONS,
                         "answer": ["a", "c"]}, {"answer": ["a", "z"]}),
    "true_false": ({"question": "Telnet encrypts its traffic.", "answer": False}, {"answer": "perhaps"}),
    "fill_blank": ({"question": "SSH listens on TCP port ____.", "answer": ["22"]},
                   {"question": "SSH listens on a TCP port."}),
    "matching": ({"question": "Match each protocol to its port.",
                  "left": [{"id": "l1", "text": "SSH"}, {"id": "l2", "text": "HTTPS"}],
                  "right": [{"id": "r1", "text": "22"}, {"id": "r2", "text": "443"}],
                  "answer": {"l1": "r1", "l2": "r2"}}, {"answer": {"l1": "r1", "l2": "r9"}}),
    "simulation": ({"question": "Configure the firewall rule.", "points": 3,
                    "fields": [{"id": "port", "label": "Port", "kind": "select",
                                "options": [{"id": "p22", "text": "22"}, {"id": "p23", "text": "23"}]},
                               {"id": "proto", "label": "Protocol", "kind": "text", "normalize": "lower"}],
                    "answer": {"port": "p22", "proto": ["tcp"]}}, {"answer": {"port": "p99", "proto": ["tcp"]}}),
}


def question_body(qtype: str, key: str, *, broken: bool = False) -> dict[str, Any]:
    valid, breakage = VALID_AND_BROKEN[qtype]
    body = {"id": key, "type": qtype, **BASE, **copy.deepcopy(valid)}
    return body | breakage if broken else body


def stored(target: DatabaseTarget, key: str) -> tuple[int, list[str]]:
    """The question's rows and the activity types logged about it."""
    with connect(target) as conn:
        rows = conn.execute("SELECT count(*) FROM question_bank WHERE id = %s", (stable_id("question", key),))
        count = rows.fetchone()
        logged = conn.execute("SELECT activity_type FROM user_activity_logs WHERE resource_id = %s ORDER BY created_at",
                              (stable_id("question", key),)).fetchall()
    assert count is not None
    return int(str(count[0])), [str(r[0]) for r in logged]


@pytest.mark.parametrize("qtype", list(VALID_AND_BROKEN))
def test_each_type_is_refused_when_inconsistent_and_published_when_right(
        client: TestClient, instructor: dict[str, str], fresh_seeded_db: DatabaseTarget, qtype: str) -> None:
    key = f"staff-{qtype.replace('_', '-')}-q001"
    broken = question_body(qtype, key, broken=True)
    refused = client.post("/api/v1/authoring/questions", headers=instructor, json=broken)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert stored(fresh_seeded_db, key) == (0, [])

    created = client.post("/api/v1/authoring/questions", headers=instructor, json=question_body(qtype, key))
    assert created.status_code == 201, created.text
    body = created.json()
    me = client.get("/api/v1/me", headers=instructor).json()
    assert (body["key"], body["is_published"], body["author_id"]) == (key, False, me["id"])
    assert body["question"] == question_body(qtype, key) | {"points": body["question"]["points"]}

    published = client.post(f"/api/v1/authoring/questions/{body['id']}/publish", headers=instructor)
    assert published.status_code == 200 and published.json()["is_published"] is True
    assert stored(fresh_seeded_db, key) == (1, ["authoring.question.created", "authoring.question.published"])


def test_an_edit_is_checked_like_a_new_question(client: TestClient, instructor: dict[str, str],
                                                fresh_seeded_db: DatabaseTarget) -> None:
    key = "staff-edit-q001"
    question_id = client.post("/api/v1/authoring/questions", headers=instructor,
                              json=question_body("multiple_choice", key)).json()["id"]
    broken = client.put(f"/api/v1/authoring/questions/{question_id}", headers=instructor,
                        json=question_body("multiple_choice", key) | {"answer": "x"})
    renamed = client.put(f"/api/v1/authoring/questions/{question_id}", headers=instructor,
                         json=question_body("multiple_choice", "staff-other-q001"))
    assert broken.status_code == renamed.status_code == 422
    assert renamed.json()["errors"][0]["field"] == "id"
    edited = client.put(f"/api/v1/authoring/questions/{question_id}", headers=instructor,
                        json=question_body("multiple_choice", key) | {"answer": "b", "question": "Telnet's port?"})
    assert edited.status_code == 200
    assert (edited.json()["question"]["answer"], edited.json()["question"]["question"]) == ("b", "Telnet's port?")
    with connect(fresh_seeded_db) as conn:
        row = conn.execute("SELECT metadata -> 'changed' FROM user_activity_logs "
                           "WHERE activity_type = 'authoring.question.updated'").fetchone()
    assert row == (["question_text", "correct_answer"],)


def test_a_taken_question_id_is_a_conflict(client: TestClient, instructor: dict[str, str]) -> None:
    response = client.post("/api/v1/authoring/questions", headers=instructor,
                           json=question_body("true_false", "demo-q01"))
    assert response.status_code == 409
    assert response.json()["errors"] == [{"field": "id", "message": response.json()["detail"]}]


def test_objectives_unknown_to_the_exam_are_refused(client: TestClient, instructor: dict[str, str],
                                                    fresh_seeded_db: DatabaseTarget) -> None:
    body = question_body("true_false", "staff-objective-q001") | {"objectives": ["4.5"]}  # N10-008 only
    response = client.post("/api/v1/authoring/questions", headers=instructor, json=body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "objectives", "message": "N10-009 has no objective 4.5"}]
    assert stored(fresh_seeded_db, "staff-objective-q001") == (0, [])


def test_the_database_check_backs_up_the_model(fresh_seeded_db: DatabaseTarget) -> None:
    """A question that slipped past the model (built without validation) is still refused, as a 422."""
    with connect(fresh_seeded_db) as conn:
        row = conn.execute("SELECT id FROM users WHERE username = 'instructor'").fetchone()
    assert row is not None
    staff = SignedIn(uuid.uuid4(), User(uuid.UUID(str(row[0])), "instructor@network.test", "instructor", "instructor",
                                        "active", True, datetime.now(UTC), None))
    unchecked = MultipleChoice.model_construct(
        id="staff-unchecked-q001", type="multiple_choice", difficulty="beginner", objectives=["1.4"],
        question="Which?", exhibit=None, explanation="x", hints=["h"], points=1,
        options=[Choice(id="a", text="A"), Choice(id="b", text="B")], answer="z")

    async def create() -> None:
        pool = create_pool(api.service_settings(), fresh_seeded_db)
        await pool.open()
        try:
            await questions.create_question(pool, staff, Client(), unchecked, "N10-009")
        finally:
            await pool.close()

    with pytest.raises(Problem) as refused:
        asyncio.run(create())
    assert (refused.value.status, refused.value.errors[0]["field"]) == (422, "answer")
    assert stored(fresh_seeded_db, "staff-unchecked-q001") == (0, [])
