"""Review after the attempt: allow_review and show_answers_after decide what the student sees again."""

from typing import Any

from netplus.core.database import DatabaseTarget
from netplus.core.ids import stable_id
from tests.assessments.helpers import Student, correct_answer, make_quiz, question_id, question_of, row

FINAL_EXAM = stable_id("assessment", "demo-final-exam")  # allow_review, but show_answers_after is false


def finished(student: Student, quiz: object, answers: dict[str, Any]) -> dict[str, Any]:
    attempt = student.begin(quiz)
    for slug, answer in answers.items():
        student.answer(attempt["id"], question_id(slug), answer, flagged=slug == "demo-q08")
    student.submit(attempt["id"])
    review: dict[str, Any] = student.attempt(attempt["id"]).json()
    return review


def test_a_full_review_shows_correctness_answers_explanations_and_hints(student: Student,
                                                                        fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q08", "demo-q06"], randomize_answers=True)
    attempt = student.begin(quiz)
    shown = [o["id"] for o in question_of(attempt, "demo-q08")["data"]["options"]]
    review = finished(student, quiz, {"demo-q01": "b", "demo-q08": ["a"]})
    assert review["review"] == {"questions": True, "scores": True, "answers": True}
    q01, q08, q06 = (question_of(review, s) for s in ("demo-q01", "demo-q08", "demo-q06"))
    assert (q01["is_correct"], q01["points_earned"], q01["correct_answer"]) == (True, 1.0, "b")
    assert (q08["is_correct"], q08["points_earned"], q08["response"]["flagged_for_review"]) == (False, 0.33, True)
    assert (q06["is_correct"], q06["points_earned"], q06["response"]["answer"]) == (None, 0.0, None)
    assert q08["correct_answer"] == correct_answer(fresh_seeded_db, question_id("demo-q08"))
    explanation, hints = row(fresh_seeded_db, "SELECT explanation, hints FROM question_bank WHERE id = %s",
                             question_id("demo-q06"))
    assert (q06["explanation"], q06["hints"]) == (explanation, hints)
    assert [o["id"] for o in q08["data"]["options"]] == shown  # the order the student saw


def test_without_answers_after_the_review_shows_only_what_was_right(student: Student,
                                                                    fresh_seeded_db: DatabaseTarget) -> None:
    review = finished(student, FINAL_EXAM, {"demo-q02": "b", "demo-q04": ["8"]})
    assert review["review"] == {"questions": True, "scores": True, "answers": False}
    assert (question_of(review, "demo-q02")["is_correct"], question_of(review, "demo-q04")["is_correct"]) == (
        True, False)
    for question in review["questions"]:
        assert {"correct_answer", "explanation", "hints"}.isdisjoint(question)
    explanation = row(fresh_seeded_db, "SELECT explanation FROM question_bank WHERE id = %s",
                      question_id("demo-q04"))[0]
    assert explanation[:50] not in str(review)


def test_without_review_only_the_result_is_shown(student: Student, fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q05"], allow_review=False, show_answers_after=True)
    attempt = student.begin(quiz)
    assert len(attempt["questions"]) == 2  # taking it shows the questions, of course
    review = finished(student, quiz, {"demo-q01": "b"})
    assert review["review"] == {"questions": False, "scores": False, "answers": False}
    assert review["questions"] == []
    assert (review["status"], review["score"], review["percentage"], review["correct_answers"]) == (
        "completed", 1.0, 50.0, 1)


def test_an_abandoned_attempt_shows_the_students_answers_but_nothing_more(student: Student,
                                                                          fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    attempt = student.begin(quiz)["id"]
    student.answer(attempt, question_id("demo-q01"), "b")
    student.abandon(attempt)
    review = student.attempt(attempt).json()
    assert review["review"] == {"questions": True, "scores": False, "answers": False}
    [question] = review["questions"]
    assert question["response"]["answer"] == "b"
    assert {"is_correct", "points_earned", "correct_answer", "explanation", "hints"}.isdisjoint(question)
