"""Submitting: once only, question analytics, the component's progress, the scaled score, abandoning."""

from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import API, Student, at_once, make_quiz, question_id, row, rows


def answered(student: Student, quiz: object, answers: dict[str, Any], seconds: int = 0) -> str:
    attempt: str = student.begin(quiz)["id"]
    for slug, answer in answers.items():
        assert student.answer(attempt, question_id(slug), answer, seconds=seconds).status_code == 200
    return attempt


def analytics(target: DatabaseTarget, slug: str) -> tuple[Any, ...]:
    return row(target, "SELECT usage_count, correct_count, incorrect_count, average_time_seconds::float"
                       " FROM question_bank WHERE id = %s", question_id(slug))


def test_submitting_twice_returns_the_same_result_and_counts_once(student: Student,
                                                                   fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q08"], component=True)
    attempt = answered(student, quiz, {"demo-q01": "b", "demo-q08": ["a", "c", "e"]})
    first = student.submit(attempt)
    assert first.status_code == 200
    assert first.json()["achievements_awarded"] == ["first_pass", "first_steps", "flawless"]
    assert student.submit(attempt).json() == first.json()

    def submit(client: TestClient) -> dict[str, Any]:
        return dict(client.post(f"{API}/attempts/{attempt}/submit", headers=student.headers).json())

    assert at_once(fresh_seeded_db, 4, submit) == [first.json()] * 4
    assert analytics(fresh_seeded_db, "demo-q01")[:3] == (1, 1, 0)
    assert rows(fresh_seeded_db, "SELECT count(*) FROM user_activity_logs WHERE activity_type = 'assessment.submit'"
                ) == [(1,)]
    assert row(fresh_seeded_db, "SELECT total_active_days FROM learning_streaks WHERE user_id = %s", student.id) == (1,)


def test_question_analytics_follow_every_submit(student: Student, other_student: Student,
                                                fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q08", "demo-q05"])
    student.submit(answered(student, quiz, {"demo-q01": "b", "demo-q08": ["a", "c"]}, seconds=30))
    other_student.submit(answered(other_student, quiz, {"demo-q01": "a"}, seconds=10))
    # usage, correct, incorrect (partly right counts as incorrect), average time over the answers given
    assert analytics(fresh_seeded_db, "demo-q01") == (2, 1, 1, 20.0)
    assert analytics(fresh_seeded_db, "demo-q08") == (2, 0, 1, 30.0)
    assert analytics(fresh_seeded_db, "demo-q05") == (2, 0, 0, None)
    assert analytics(fresh_seeded_db, "demo-q02") == (0, 0, 0, None)


def progress(target: DatabaseTarget, quiz: object) -> tuple[Any, ...]:
    return row(target, "SELECT p.status, p.progress_percentage::float, p.latest_score::float, p.best_score::float,"
                       " p.completion_date IS NOT NULL, p.mastery_date IS NOT NULL FROM user_progress p"
                       " JOIN assessments a ON a.component_id = p.component_id WHERE a.id = %s", quiz)


def test_the_components_progress_records_scores_completion_and_mastery(student: Student,
                                                                       fresh_seeded_db: DatabaseTarget) -> None:
    five = ["demo-q01", "demo-q02", "demo-q05", "demo-q07", "demo-q09"]
    quiz = make_quiz(fresh_seeded_db, five, component=True, passing_score=70)
    right: dict[str, Any] = {"demo-q01": "b", "demo-q02": "b", "demo-q05": True, "demo-q07": "b", "demo-q09": False}
    wrong: dict[str, Any] = {"demo-q01": "a", "demo-q02": "a", "demo-q05": False, "demo-q07": "a", "demo-q09": True}

    student.submit(answered(student, quiz, dict(list(right.items())[:3]) | dict(list(wrong.items())[3:])))
    assert progress(fresh_seeded_db, quiz) == ("in_progress", 0.0, 60.0, 60.0, False, False)
    student.submit(answered(student, quiz, dict(list(right.items())[:4]) | dict(list(wrong.items())[4:])))
    assert progress(fresh_seeded_db, quiz) == ("completed", 100.0, 80.0, 80.0, True, False)
    student.submit(answered(student, quiz, wrong))
    assert progress(fresh_seeded_db, quiz) == ("completed", 100.0, 0.0, 80.0, True, False)
    student.submit(answered(student, quiz, right))
    assert progress(fresh_seeded_db, quiz) == ("mastered", 100.0, 100.0, 100.0, True, True)
    student.submit(answered(student, quiz, wrong))
    assert progress(fresh_seeded_db, quiz) == ("mastered", 100.0, 0.0, 100.0, True, True)


def test_a_practice_exam_reports_the_scaled_score(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    exam = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q02", "demo-q05", "demo-q09"],
                     assessment_type="practice_exam", passing_score=77.5)
    result = student.submit(answered(student, exam, {"demo-q01": "b", "demo-q02": "b", "demo-q05": True})).json()
    assert (result["percentage"], result["scaled_score"], result["passed"]) == (75.0, 700, False)
    assert row(fresh_seeded_db, "SELECT result_details -> 'scaled_score' FROM assessment_attempts") == (700,)
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    assert student.submit(answered(student, quiz, {"demo-q01": "b"})).json()["scaled_score"] is None


def test_an_abandoned_attempt_has_no_score_and_cannot_change(student: Student,
                                                             fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"], component=True)
    attempt = answered(student, quiz, {"demo-q01": "b"})
    abandoned = student.abandon(attempt)
    assert abandoned.status_code == 200
    body = abandoned.json()
    assert (body["status"], body["score"], body["passed"]) == ("abandoned", None, None)
    assert student.abandon(attempt).json() == abandoned.json()
    assert student.submit(attempt).status_code == 409
    assert student.answer(attempt, question_id("demo-q01"), "a").status_code == 409
    assert analytics(fresh_seeded_db, "demo-q01")[0] == 0
    assert rows(fresh_seeded_db, "SELECT count(*) FROM user_progress WHERE user_id = %s", student.id) == [(0,)]
    assert rows(fresh_seeded_db, "SELECT activity_type FROM user_activity_logs WHERE activity_type LIKE"
                                 " 'assessment.%%' ORDER BY created_at, activity_type DESC") == [
        ("assessment.start",), ("assessment.abandon",)]
    done = answered(student, quiz, {})
    student.submit(done)
    assert student.abandon(done).status_code == 409
