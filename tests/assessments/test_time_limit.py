"""The deadline: an attempt past it is timed out and scored on what was saved, by whatever touches it first."""

from typing import Any

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import Student, make_quiz, question_id, row, rows


def expire(target: DatabaseTarget, attempt: object) -> None:
    """Move the attempt back in time: started 11 minutes ago with a 10-minute limit."""
    rows(target, "UPDATE assessment_attempts SET started_at = now() - interval '11 minutes',"
                 " expires_at = now() - interval '1 minute' WHERE id = %s RETURNING id", attempt)


def started_with_answers(student: Student, target: DatabaseTarget, **rules: Any) -> tuple[object, str]:
    quiz = make_quiz(target, ["demo-q01", "demo-q08", "demo-q05"], time_limit_minutes=10, **rules)
    attempt = student.begin(quiz)["id"]
    assert student.answer(attempt, question_id("demo-q01"), "b", seconds=30).status_code == 200
    assert student.answer(attempt, question_id("demo-q08"), ["a", "c"], seconds=40).status_code == 200
    expire(target, attempt)
    return quiz, attempt


def test_reading_an_expired_attempt_times_it_out_scored_on_the_saved_answers(student: Student,
                                                                              fresh_seeded_db: DatabaseTarget) -> None:
    _, attempt = started_with_answers(student, fresh_seeded_db)
    seen = student.attempt(attempt).json()
    assert (seen["status"], seen["score"], seen["max_score"], seen["time_spent_seconds"]) == (
        "timed_out", 1.67, 3.0, 600)
    assert (seen["correct_answers"], seen["incorrect_answers"], seen["skipped_questions"]) == (1, 1, 1)
    assert seen["completed_at"] == seen["expires_at"]
    assert seen["review"] == {"questions": True, "scores": True, "answers": True}
    assert row(fresh_seeded_db, "SELECT metadata ->> 'status' FROM user_activity_logs"
                                " WHERE activity_type = 'assessment.submit'") == ("timed_out",)


def test_answers_after_the_deadline_are_refused_and_the_attempt_is_scored(student: Student,
                                                                         fresh_seeded_db: DatabaseTarget) -> None:
    _, attempt = started_with_answers(student, fresh_seeded_db)
    late = student.answer(attempt, question_id("demo-q05"), True)
    assert (late.status_code, late.json()["title"]) == (410, "Time is up")
    assert row(fresh_seeded_db, "SELECT status, score::float FROM assessment_attempts WHERE id = %s", attempt) == (
        "timed_out", 1.67)  # the refusal kept the time-out
    assert student.answer(attempt, question_id("demo-q01"), "a").status_code == 410
    assert sorted(map(str, rows(fresh_seeded_db, "SELECT user_answer FROM assessment_answers"
                                                 " WHERE attempt_id = %s", attempt))) == ["('b',)", "(['a', 'c'],)"]
    submitted = student.submit(attempt).json()
    assert (submitted["status"], submitted["score"]) == ("timed_out", 1.67)
    assert student.abandon(attempt).status_code == 410
    assert row(fresh_seeded_db, "SELECT usage_count FROM question_bank WHERE id = %s", question_id("demo-q01")) == (1,)


def test_a_submit_after_the_deadline_is_a_time_out(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    _, attempt = started_with_answers(student, fresh_seeded_db)
    result = student.submit(attempt)
    assert result.status_code == 200
    assert (result.json()["status"], result.json()["percentage"]) == ("timed_out", 55.67)


def test_starting_again_ends_the_expired_attempt_first(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz, _ = started_with_answers(student, fresh_seeded_db, max_attempts=2)
    second = student.start(quiz)
    assert (second.status_code, second.json()["attempt_number"]) == (201, 2)
    expire(fresh_seeded_db, second.json()["id"])
    refused = student.start(quiz)
    assert refused.status_code == 409  # both attempts used, and the second was still timed out and scored:
    assert rows(fresh_seeded_db, "SELECT attempt_number, status, score::float FROM assessment_attempts"
                                 " ORDER BY attempt_number") == [(1, "timed_out", 1.67), (2, "timed_out", 0)]


def test_lists_time_out_expired_attempts(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz, attempt = started_with_answers(student, fresh_seeded_db)
    listed = student.get("/me/attempts").json()["items"]
    assert [(a["id"], a["status"], a["score"]) for a in listed] == [(attempt, "timed_out", 1.67)]
    quiz_row = next(a for a in student.get("/assessments", limit=200).json()["items"] if a["id"] == str(quiz))
    assert (quiz_row["best_percentage"], quiz_row["open_attempt_id"], quiz_row["attempts_used"]) == (55.67, None, 1)
