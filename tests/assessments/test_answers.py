"""Saving answers: an idempotent upsert, flags and time, and every kind of bad input refused unchanged."""

import uuid
from typing import Any

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import API, Student, make_quiz, question_id, rows

QUIZ = ["demo-q01", "demo-q08", "demo-q05", "demo-q04", "demo-q03", "demo-q06", "demo-q14"]


def answers_of(target: DatabaseTarget, attempt: object) -> list[tuple[Any, ...]]:
    return rows(target, "SELECT question_id, user_answer, flagged_for_review, time_spent_seconds, answered_at,"
                        " updated_at FROM assessment_answers WHERE attempt_id = %s ORDER BY question_id", attempt)


def test_an_answer_is_saved_changed_and_saved_again_idempotently(student: Student,
                                                                  fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, QUIZ))["id"]
    q01 = question_id("demo-q01")
    first = student.answer(attempt, q01, "a", seconds=20)
    assert first.status_code == 200
    assert first.json() | {"answered_at": None} == {"question_id": str(q01), "answer": "a", "flagged_for_review": False,
                                                    "time_spent_seconds": 20, "answered_at": None}
    changed = student.answer(attempt, q01, "b", flagged=True, seconds=35).json()
    repeated = student.answer(attempt, q01, "b", flagged=True, seconds=35).json()
    assert repeated == changed and changed["answered_at"] > first.json()["answered_at"]
    [(_, answer, flagged, seconds, answered_at, _)] = answers_of(fresh_seeded_db, attempt)
    assert (answer, flagged, seconds, answered_at.isoformat().replace("+00:00", "Z")) == (
        "b", True, 35, changed["answered_at"])


def test_a_question_can_be_flagged_unanswered_and_an_answer_cleared(student: Student,
                                                                    fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, QUIZ))["id"]
    flagged = student.answer(attempt, question_id("demo-q05"), None, flagged=True).json()
    assert (flagged["answer"], flagged["flagged_for_review"], flagged["answered_at"]) == (None, True, None)
    student.answer(attempt, question_id("demo-q01"), "b")
    cleared = student.answer(attempt, question_id("demo-q01"), None).json()
    assert (cleared["answer"], cleared["answered_at"]) == (None, None)
    result = student.submit(attempt).json()
    assert (result["skipped_questions"], result["score"]) == (7, 0.0)


BAD_ANSWERS = [
    ("demo-q01", "z", "answer"), ("demo-q01", 1, "answer"), ("demo-q01", ["b"], "answer"),
    ("demo-q08", [], "answer"), ("demo-q08", ["a", "a"], "answer"), ("demo-q08", ["a", "z"], "answer"),
    ("demo-q08", "a", "answer"),
    ("demo-q05", "true", "answer"), ("demo-q05", 1, "answer"),
    ("demo-q04", "12", "answer"), ("demo-q04", [], "answer"), ("demo-q04", ["  "], "answer"),
    ("demo-q04", [12], "answer"), ("demo-q04", ["1"] * 11, "answer"), ("demo-q04", ["x" * 501], "answer"),
    ("demo-q03", {}, "answer"), ("demo-q03", {"l9": "r1"}, "answer.l9"), ("demo-q03", {"l1": "r9"}, "answer.l1"),
    ("demo-q03", ["r1"], "answer"), ("demo-q03", {"l1": ["r1"]}, "answer.l1"),
    ("demo-q06", {"nope": ["x"]}, "answer.nope"), ("demo-q06", {"wan_mask": "m9"}, "answer.wan_mask"),
    ("demo-q06", {"hq_subnet": "172.16.40.0/25"}, "answer.hq_subnet"), ("demo-q06", "m3", "answer"),
    ("demo-q14", {"steps": ["identify"]}, "answer.steps"),
    ("demo-q14", {"steps": ["identify"] * 7}, "answer.steps"),
    ("demo-q14", {"changes_step": "o2"}, "answer.changes_step"),
]


def test_an_answer_that_does_not_fit_its_question_is_refused(student: Student,
                                                             fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, QUIZ))["id"]
    for slug in QUIZ:
        student.answer(attempt, question_id(slug), None, flagged=True, seconds=5)
    before = answers_of(fresh_seeded_db, attempt)
    outcomes = []
    for slug, answer, _ in BAD_ANSWERS:
        response = student.answer(attempt, question_id(slug), answer, seconds=9)
        outcomes.append((slug, answer, response.status_code, response.headers["content-type"],
                         [e["field"] for e in response.json().get("errors", [])]))
    assert outcomes == [(slug, answer, 422, "application/problem+json", [field]) for slug, answer, field in BAD_ANSWERS]
    assert answers_of(fresh_seeded_db, attempt) == before


def test_malformed_requests_are_refused_and_change_nothing(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, QUIZ))["id"]
    q01 = question_id("demo-q01")
    student.answer(attempt, q01, "b", seconds=5)
    before = answers_of(fresh_seeded_db, attempt)
    url = f"{API}/attempts/{attempt}/answers/{q01}"
    bodies: list[dict[str, Any]] = [
        {}, {"flagged_for_review": True}, {"answer": "a", "extra": 1}, {"answer": "a", "time_spent_seconds": -1},
        {"answer": "a", "time_spent_seconds": 10**6}, {"answer": "a", "time_spent_seconds": "soon"},
        {"answer": "a", "flagged_for_review": "yes"}]
    for body in bodies:
        response = student.client.put(url, headers=student.headers, json=body)
        assert (response.status_code, response.headers["content-type"]) == (422, "application/problem+json"), body
    not_json = student.client.put(url, headers=student.headers | {"content-type": "application/json"}, content=b"{")
    assert not_json.status_code == 422
    assert student.answer(attempt, question_id("demo-q02"), "b").status_code == 404  # not in this attempt
    assert student.answer(attempt, uuid.uuid4(), "b").status_code == 404
    assert student.answer(attempt, "q1", "b").status_code == 422
    assert student.answer(uuid.uuid4(), q01, "b").status_code == 404
    for call in (student.attempt, student.submit, student.abandon):
        assert (call("nope").status_code, call(uuid.uuid4()).status_code) == (422, 404)
    assert answers_of(fresh_seeded_db, attempt) == before
    assert rows(fresh_seeded_db, "SELECT status FROM assessment_attempts") == [("in_progress",)]
