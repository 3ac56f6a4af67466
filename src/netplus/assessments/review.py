"""How an attempt is shown to its student: while it runs, the questions without anything that gives an
answer away; once it is over, what the assessment's rules allow.

- in progress: the questions (options in the attempt's order) and the student's saved answers and flags.
- completed or timed out: the result always; with allow_review, the questions, the student's answers
  and per-question correctness; with show_answers_after as well, the correct answers, explanations
  and hints.
- abandoned: no score; with allow_review, the questions and the student's answers only.
"""

from decimal import Decimal
from typing import Any

from netplus.assessments import queries
from netplus.assessments.finishing import Attempt
from netplus.assessments.ordering import shown_data
from netplus.assessments.schemas import AttemptOut, AttemptResult, Breakdown, QuestionOut, Review, SavedAnswer
from netplus.core.pool import AsyncConn
from netplus.core.rows import fetch_all


def review_rules(attempt: Attempt) -> Review:
    if attempt.status == "in_progress":
        return Review(questions=True, scores=False, answers=False)
    if not attempt.allow_review:
        return Review(questions=False, scores=False, answers=False)
    return Review(questions=True, scores=attempt.finished, answers=attempt.finished and attempt.show_answers_after)


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def result_of(attempt: Attempt) -> AttemptResult:
    details = attempt.result_details
    return AttemptResult(
        id=attempt.id, assessment_id=attempt.assessment_id, assessment_title=attempt.assessment_title,
        assessment_type=attempt.assessment_type, attempt_number=attempt.attempt_number, status=attempt.status,
        started_at=attempt.started_at, expires_at=attempt.expires_at, completed_at=attempt.completed_at,
        time_spent_seconds=attempt.time_spent_seconds, question_count=len(attempt.question_order),
        score=number(attempt.score), max_score=number(attempt.max_score), percentage=number(attempt.percentage),
        passed=attempt.passed,
        correct_answers=attempt.correct_answers, incorrect_answers=attempt.incorrect_answers,
        skipped_questions=attempt.skipped_questions, passing_score=float(attempt.passing_score),
        scaled_score=details.get("scaled_score"),
        domains={k: Breakdown(**v) for k, v in details.get("domains", {}).items()},
        objectives={k: Breakdown(**v) for k, v in details.get("objectives", {}).items()},
        achievements_awarded=details.get("achievements_awarded", []))


def question_of(row: dict[str, Any], attempt: Attempt, review: Review) -> QuestionOut:
    question = QuestionOut(
        id=row["id"], position=row["position"], type=row["question_type"], text=row["question_text"],
        data=shown_data(row["question_type"], row["question_data"], attempt.answer_order.get(str(row["id"]))),
        points=row["points"], difficulty=row["difficulty_level"], domain=row["domain"],
        objectives=row["comptia_objectives"],
        response=SavedAnswer(answer=row["user_answer"], flagged_for_review=row["flagged_for_review"],
                             time_spent_seconds=row["time_spent_seconds"], answered_at=row["answered_at"]))
    if review.scores:
        question.is_correct = row["is_correct"]
        question.points_earned = float(row["points_earned"] or 0)
    if review.answers:
        question.correct_answer = row["correct_answer"]
        question.explanation = row["explanation"]
        question.hints = row["hints"]
    return question


async def attempt_view(conn: AsyncConn, attempt: Attempt, *, resumed: bool | None = None) -> AttemptOut:
    review = review_rules(attempt)
    questions = []
    if review.questions:
        rows = await fetch_all(conn, queries.ATTEMPT_SHEET, {"question_order": attempt.question_order,
                                                             "attempt_id": attempt.id})
        questions = [question_of(row, attempt, review) for row in rows]
    return AttemptOut(**result_of(attempt).model_dump(), time_limit_minutes=attempt.time_limit_minutes,
                      seconds_remaining=attempt.seconds_remaining, resumed=resumed, review=review,
                      questions=questions)
