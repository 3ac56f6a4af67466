"""Ending an attempt with a score, by submit or by its deadline: one code path for both, so a timed-out
attempt is scored on what was saved exactly as a submit would score it.

Everything happens in the caller's transaction, which holds the attempt's row lock: the answers' points,
the attempt's result, the questions' analytics, the component's progress, and the learning activity
(streak, goals, achievements). A second submit finds the attempt finished and changes nothing.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from psycopg.types.json import Jsonb

from netplus.assessments import queries
from netplus.assessments.results import tally
from netplus.assessments.schemas import AssessmentType, AttemptStatus
from netplus.assessments.scoring import score_answer
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn
from netplus.core.problems import not_found
from netplus.core.rows import fetch_all, fetch_one
from netplus.progress.events import record_learning_activity

MASTERY_PERCENTAGE = Decimal(90)  # best score on a completed component that makes it mastered


@dataclass(frozen=True)
class Attempt:
    """An attempt with the rules of its assessment (queries.ATTEMPT_COLUMNS)."""

    id: uuid.UUID
    assessment_id: uuid.UUID
    user_id: uuid.UUID
    attempt_number: int
    status: AttemptStatus
    started_at: datetime
    expires_at: datetime | None
    completed_at: datetime | None
    time_spent_seconds: int | None
    score: Decimal | None
    max_score: Decimal | None
    percentage: Decimal | None
    passed: bool | None
    question_order: list[uuid.UUID]
    answer_order: dict[str, Any]
    correct_answers: int
    incorrect_answers: int
    skipped_questions: int
    result_details: dict[str, Any]
    expired: bool
    seconds_remaining: int | None
    assessment_title: str
    assessment_type: AssessmentType
    component_id: uuid.UUID | None
    passing_score: Decimal
    time_limit_minutes: int | None
    max_attempts: int | None
    allow_review: bool
    show_answers_after: bool

    @property
    def finished(self) -> bool:
        """Scored: completed or timed out (an abandoned attempt is over but has no score)."""
        return self.status in ("completed", "timed_out")


async def load_attempt(conn: AsyncConn, attempt_id: uuid.UUID, user_id: uuid.UUID, *, lock: bool) -> Attempt:
    """The user's attempt (locked for a change when `lock`); 404 for anyone else's, as for none at all."""
    row = await fetch_one(conn, queries.LOCK_ATTEMPT if lock else queries.GET_ATTEMPT,
                          {"attempt_id": attempt_id, "user_id": user_id})
    if row is None:
        raise not_found("attempt")
    return Attempt(**row)


async def finish_attempt(conn: AsyncConn, attempt: Attempt, *, status: Literal["completed", "timed_out"],
                         client: Client) -> None:
    """Score a locked, in-progress attempt and record everything that follows from it."""
    rows = await fetch_all(conn, queries.ATTEMPT_SHEET, {"question_order": attempt.question_order,
                                                         "attempt_id": attempt.id})
    scored = [(row, score_answer(row["question_type"], row["question_data"], row["correct_answer"],
                                 row["user_answer"], row["points"])) for row in rows]
    await conn.execute(queries.SAVE_SCORES, {
        "attempt_id": attempt.id, "question_ids": [row["id"] for row, _ in scored],
        "is_correct": [s.is_correct for _, s in scored], "points": [s.points for _, s in scored]})
    result = tally(scored)
    percentage = result.total.percentage
    passed = result.passed(attempt.passing_score)
    details = result.details()
    if attempt.assessment_type == "practice_exam":
        scaled = await fetch_one(conn, queries.SCALED_SCORE, {"percentage": percentage})
        details["scaled_score"] = scaled["scaled"] if scaled else None
    finished = await fetch_one(conn, queries.FINISH_ATTEMPT, {
        "attempt_id": attempt.id, "status": status, "score": result.total.score, "max_score": result.total.max_score,
        "percentage": percentage, "passed": passed, "correct": result.total.correct, "incorrect": result.incorrect,
        "skipped": result.skipped, "details": Jsonb(details)})
    assert finished is not None, "finish_attempt needs the attempt locked and in progress"
    ids = {"ids": attempt.question_order, "attempt_id": attempt.id}
    await conn.execute(queries.LOCK_QUESTIONS, ids)
    await conn.execute(queries.QUESTION_ANALYTICS, ids)
    if attempt.component_id is not None:
        await conn.execute(queries.RECORD_PROGRESS, {
            "user_id": attempt.user_id, "component_id": attempt.component_id, "percentage": percentage,
            "passed": passed, "mastery": MASTERY_PERCENTAGE, "started_at": attempt.started_at,
            "minutes": round(finished["time_spent_seconds"] / 60)})
    outcome = await record_learning_activity(
        conn, attempt.user_id, "assessment.submit",
        f"{'Submitted' if status == 'completed' else 'Ran out of time on'} {attempt.assessment_title}: "
        f"{percentage}%{' (passed)' if passed else ''}",
        client=client, resource_type="assessment_attempt", resource_id=attempt.id,
        metadata={"assessment_id": str(attempt.assessment_id), "attempt_number": attempt.attempt_number,
                  "status": status, "percentage": float(percentage), "passed": passed})
    if outcome.achievements_awarded:
        await conn.execute(queries.ADD_ACHIEVEMENTS, {"attempt_id": attempt.id,
                                                      "codes": outcome.achievements_awarded})


async def time_out_expired(conn: AsyncConn, user_id: uuid.UUID, client: Client) -> int:
    """Time out and score every attempt of the user whose deadline has passed; how many there were."""
    expired = await fetch_all(conn, queries.EXPIRED_ATTEMPTS, {"user_id": user_id})
    for row in expired:
        attempt = await load_attempt(conn, row["id"], user_id, lock=True)
        if attempt.status == "in_progress" and attempt.expired:  # still so once locked
            await finish_attempt(conn, attempt, status="timed_out", client=client)
    return len(expired)
