"""max_attempts: every attempt counts, and concurrent starts can never get past the limit."""

from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import API, Student, at_once, make_quiz, rows

STARTS = 8


def attempts_of(target: DatabaseTarget, quiz: object) -> list[tuple[Any, ...]]:
    return rows(target, "SELECT attempt_number, status FROM assessment_attempts WHERE assessment_id = %s"
                        " ORDER BY attempt_number", quiz)


def test_the_limit_counts_every_attempt_whatever_became_of_it(student: Student,
                                                              fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"], max_attempts=2)
    student.submit(student.begin(quiz)["id"])
    student.abandon(student.begin(quiz)["id"])
    refused = student.start(quiz)
    assert refused.status_code == 409
    assert refused.json()["errors"] == [{"field": "max_attempts", "message": "2 attempts allowed, all used."}]
    assert attempts_of(fresh_seeded_db, quiz) == [(1, "completed"), (2, "abandoned")]
    listed = next(a for a in student.get("/assessments", limit=200).json()["items"] if a["id"] == str(quiz))
    assert (listed["attempts_used"], listed["attempts_remaining"], listed["max_attempts"]) == (2, 0, 2)


def concurrent_starts(target: DatabaseTarget, student: Student, quiz: object) -> list[tuple[int, str | None]]:
    def start(client: TestClient) -> tuple[int, str | None]:
        response = client.post(f"{API}/assessments/{quiz}/attempts", headers=student.headers)
        return response.status_code, response.json().get("id")

    return at_once(target, STARTS, start)


def test_concurrent_starts_create_one_attempt_and_never_pass_the_limit(student: Student,
                                                                      fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"], max_attempts=2)
    student.abandon(student.begin(quiz)["id"])

    results = concurrent_starts(fresh_seeded_db, student, quiz)
    assert sorted(status for status, _ in results) == [200] * (STARTS - 1) + [201]  # one started, the rest resumed
    assert len({attempt for _, attempt in results}) == 1
    assert attempts_of(fresh_seeded_db, quiz) == [(1, "abandoned"), (2, "in_progress")]

    student.abandon(results[0][1])
    again = concurrent_starts(fresh_seeded_db, student, quiz)
    assert [status for status, _ in again] == [409] * STARTS
    assert attempts_of(fresh_seeded_db, quiz) == [(1, "abandoned"), (2, "abandoned")]
