"""Generated drills: fresh questions each attempt, stored so review shows them, scored exactly."""

import uuid
from typing import Any

import pytest

from netplus.content.generators import generate
from netplus.core.database import DatabaseTarget
from netplus.core.ids import stable_id
from tests.assessments.helpers import API, Student, row, rows

DRILLS = {"n10-009-subnetting-drill": 15, "n10-009-ports-drill": 10}  # slug: time limit (content/N10-009/exam.yaml)


def start_drill(student: Student, slug: str) -> Any:
    return student.client.post(f"{API}/components/{stable_id('component', slug)}/drill-attempts",
                               headers=student.headers)


def drawn(target: DatabaseTarget, question: str) -> tuple[str, int]:
    """The (kind, seed) a stored generated question came from, read from its tags."""
    tags = row(target, "SELECT tags FROM question_bank WHERE id = %s", uuid.UUID(question))[0]
    kind = next(t.removeprefix("generator:") for t in tags if t.startswith("generator:"))
    return kind, int(next(t.removeprefix("seed:") for t in tags if t.startswith("seed:")))


@pytest.mark.parametrize("slug", DRILLS)
def test_a_drill_attempt_generates_stores_and_scores_its_questions(student: Student,
                                                                   fresh_seeded_db: DatabaseTarget, slug: str) -> None:
    response = start_drill(student, slug)
    assert response.status_code == 201, response.text
    attempt = response.json()
    assert (len(attempt["questions"]), attempt["time_limit_minutes"]) == (10, DRILLS[slug])
    for question in attempt["questions"]:
        kind, seed = drawn(fresh_seeded_db, question["id"])
        generated = generate(kind, seed)
        assert question["id"] == str(stable_id("question", generated.id))
        assert (question["text"], question["type"]) == (generated.question, generated.type)
        assert "correct_answer" not in question
        assert student.answer(attempt["id"], question["id"], generated.answer).status_code == 200
    result = student.submit(attempt["id"]).json()
    assert (result["percentage"], result["passed"], result["correct_answers"]) == (100.0, True, 10)
    review = student.attempt(attempt["id"]).json()
    assert [(q["id"], q["text"]) for q in review["questions"]] == [
        (q["id"], q["text"]) for q in attempt["questions"]]
    assert all(q["is_correct"] for q in review["questions"])
    hidden = row(fresh_seeded_db, "SELECT slug, is_published, component_id, time_limit_minutes, question_ids"
                                  " FROM assessments WHERE id = %s", attempt["assessment_id"])
    assert hidden == (slug, False, stable_id("component", slug), DRILLS[slug], [])
    assert attempt["assessment_id"] not in str(student.get("/assessments", limit=200).json())
    assert row(fresh_seeded_db, "SELECT status FROM user_progress WHERE component_id = %s",
               stable_id("component", slug)) == ("mastered",)


def test_each_drill_attempt_draws_new_questions_and_an_open_one_resumes(student: Student,
                                                                        fresh_seeded_db: DatabaseTarget) -> None:
    first = start_drill(student, "n10-009-ports-drill").json()
    resumed = start_drill(student, "n10-009-ports-drill")
    assert resumed.status_code == 200
    assert [q["id"] for q in resumed.json()["questions"]] == [q["id"] for q in first["questions"]]
    student.submit(first["id"])
    second = start_drill(student, "n10-009-ports-drill").json()
    assert second["attempt_number"] == 2 and second["assessment_id"] == first["assessment_id"]
    assert {q["id"] for q in second["questions"]}.isdisjoint(q["id"] for q in first["questions"])
    assert rows(fresh_seeded_db, "SELECT count(*) FROM assessments WHERE slug = 'n10-009-ports-drill'") == [(1,)]
    assert rows(fresh_seeded_db, "SELECT count(*), bool_and(NOT is_published) FROM question_bank"
                                 " WHERE 'generated' = ANY (tags)") == [(20, True)]


def test_only_a_published_generator_quiz_is_a_drill(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    lesson = row(fresh_seeded_db, "SELECT id FROM learning_components WHERE component_type = 'lesson' LIMIT 1")[0]
    for component in (lesson, uuid.uuid4()):
        response = student.client.post(f"{API}/components/{component}/drill-attempts", headers=student.headers)
        assert response.status_code == 404
    rows(fresh_seeded_db, "UPDATE learning_components SET is_published = false WHERE slug = %s RETURNING id",
         "n10-009-ports-drill")
    assert start_drill(student, "n10-009-ports-drill").status_code == 404
    assert rows(fresh_seeded_db, "SELECT count(*) FROM assessment_attempts") == [(0,)]
