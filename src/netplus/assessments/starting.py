"""Starting an attempt, or resuming the one in progress, under a lock on (user, assessment).

The lock (pg_advisory_xact_lock) makes count-then-insert atomic: two starts at the same moment queue,
the second sees the first's attempt and resumes it, and max_attempts can never be exceeded. Every
attempt counts toward max_attempts, whatever became of it (abandoning does not give one back).
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

from psycopg.types.json import Jsonb

from netplus.assessments import queries
from netplus.assessments.finishing import finish_attempt, load_attempt
from netplus.assessments.ordering import option_order, question_order
from netplus.core.activity import Client, log_activity
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem, conflict
from netplus.core.rows import fetch_all, fetch_one

QuestionSource = Callable[[], Awaitable[list[uuid.UUID]]]


@dataclass(frozen=True)
class Rules:
    """An assessment's settings that an attempt follows (queries.ASSESSMENT_RULES)."""

    id: uuid.UUID
    title: str
    assessment_type: str
    component_id: uuid.UUID | None
    exam_code: str
    question_ids: list[uuid.UUID]
    time_limit_minutes: int | None
    passing_score: Decimal
    max_attempts: int | None
    randomize_questions: bool
    randomize_answers: bool
    allow_review: bool
    show_answers_after: bool


@dataclass(frozen=True)
class Started:
    attempt_id: uuid.UUID | None
    resumed: bool = False
    refusal: Problem | None = None  # raised after the transaction commits (a time-out it did must stay)


def no_attempts_left(rules: Rules) -> Problem:
    return conflict(f"You have used all {rules.max_attempts} attempts at this assessment.",
                    [{"field": "max_attempts", "message": f"{rules.max_attempts} attempts allowed, all used."}])


async def open_or_start(conn: AsyncConn, rules: Rules, user_id: uuid.UUID, client: Client,
                        questions: QuestionSource) -> Started:
    keys = {"user_id": user_id, "assessment_id": rules.id}
    await conn.execute(queries.LOCK_USER_ASSESSMENT, keys)
    current = await fetch_one(conn, queries.OPEN_ATTEMPT, keys)
    if current is not None and not current["expired"]:
        return Started(current["id"], resumed=True)
    if current is not None:  # its deadline passed unnoticed: it ends now, scored on what was saved
        await finish_attempt(conn, await load_attempt(conn, current["id"], user_id, lock=True),
                             status="timed_out", client=client)
    counts = await fetch_one(conn, queries.ATTEMPT_COUNTS, keys)
    assert counts is not None
    if rules.max_attempts is not None and counts["used"] >= rules.max_attempts:
        return Started(None, refusal=no_attempts_left(rules))
    rows = await fetch_all(conn, queries.ATTEMPT_QUESTIONS, {"ids": await questions()})
    if not rows:
        return Started(None, refusal=conflict("This assessment has no questions to show yet."))
    answer_order = {str(r["id"]): entry for r in rows if (entry := option_order(
        r["question_type"], r["question_data"], r["correct_answer"], rules.randomize_answers)) is not None}
    number = counts["last_number"] + 1
    created = await fetch_one(conn, queries.INSERT_ATTEMPT, keys | {
        "attempt_number": number, "minutes": rules.time_limit_minutes, "answer_order": Jsonb(answer_order),
        "question_order": question_order([r["id"] for r in rows], rules.randomize_questions)})
    assert created is not None
    await log_activity(conn, user_id, "assessment.start", f"Started {rules.title} (attempt {number})",
                       client=client, resource_type="assessment_attempt", resource_id=created["id"],
                       metadata={"assessment_id": str(rules.id), "attempt_number": number})
    return Started(created["id"])
