"""A student's attempts are theirs alone: the API answers 404 for anyone else's, and RLS refuses them in SQL."""

import psycopg
import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.assessments.helpers import Student, make_quiz, question_id, row, rows, sign_in


def test_another_students_attempt_is_not_found_and_stays_unchanged(student: Student, other_student: Student,
                                                                   client: TestClient,
                                                                   fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    attempt = student.begin(quiz)["id"]
    student.answer(attempt, question_id("demo-q01"), "b")
    before = rows(fresh_seeded_db, "SELECT a.*, x.* FROM assessment_attempts a JOIN assessment_answers x"
                                   " ON x.attempt_id = a.id")
    for response in (other_student.attempt(attempt), other_student.answer(attempt, question_id("demo-q01"), "a"),
                     other_student.submit(attempt), other_student.abandon(attempt),
                     sign_in(client, "instructor").attempt(attempt)):
        assert (response.status_code, response.json()["title"]) == (404, "Not found")
    assert rows(fresh_seeded_db, "SELECT a.*, x.* FROM assessment_attempts a JOIN assessment_answers x"
                                 " ON x.attempt_id = a.id") == before
    assert other_student.get("/me/attempts").json()["items"] == []
    assert [a["id"] for a in student.get("/me/attempts").json()["items"]] == [attempt]


def test_row_level_security_refuses_another_students_attempt_in_sql(student: Student, other_student: Student,
                                                                    fresh_seeded_db: DatabaseTarget) -> None:
    attempt = student.begin(make_quiz(fresh_seeded_db, ["demo-q01"]))["id"]
    student.answer(attempt, question_id("demo-q01"), "b")
    with connect(fresh_seeded_db) as conn:
        conn.execute("SET ROLE app_user")
        conn.execute("SELECT set_config('app.user_id', %s, false)", (str(other_student.id),))
        assert conn.execute("SELECT count(*) FROM assessment_attempts WHERE id = %s", (attempt,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM assessment_answers WHERE attempt_id = %s",
                            (attempt,)).fetchone() == (0,)
        assert conn.execute("UPDATE assessment_attempts SET status = 'abandoned', completed_at = now()"
                            " WHERE id = %s", (attempt,)).rowcount == 0
        assert conn.execute("DELETE FROM assessment_answers WHERE attempt_id = %s", (attempt,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO assessment_answers (attempt_id, question_id, user_answer)"
                         " VALUES (%s, %s, '\"a\"')", (attempt, question_id("demo-q02")))
        conn.rollback()
    assert row(fresh_seeded_db, "SELECT status FROM assessment_attempts WHERE id = %s", attempt) == ("in_progress",)
    assert rows(fresh_seeded_db, "SELECT count(*) FROM assessment_answers") == [(1,)]
