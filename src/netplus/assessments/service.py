"""The assessment actions a student takes. Each runs in one transaction as the student, under row-level
security, and every attempt it touches is looked up with the student's id: anyone else's is a 404.

An attempt past its deadline is timed out and scored on what was saved by whichever action meets it
first (reading it, listing, saving an answer, submitting, starting again).
"""

import uuid
from typing import Any

from psycopg.types.json import Jsonb

from netplus.accounts.service import Pool
from netplus.assessments import queries
from netplus.assessments.answers import answer_problems
from netplus.assessments.drills import ensure_drill_assessment, find_drill, generate_questions
from netplus.assessments.finishing import Attempt, finish_attempt, load_attempt, time_out_expired
from netplus.assessments.review import attempt_view, result_of
from netplus.assessments.schemas import (
    AnswerIn,
    AnswerOut,
    AssessmentOut,
    AttemptOut,
    AttemptResult,
    AttemptSummary,
)
from netplus.assessments.starting import Rules, Started, open_or_start
from netplus.core.activity import Client, log_activity
from netplus.core.listing import Page, PageRequest, fetch_page
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import Problem, not_found
from netplus.core.rows import fetch_one


def time_is_up() -> Problem:
    return Problem(410, "Time is up", "The time limit of this attempt has passed; it was scored on the answers "
                                      "saved before the deadline.")


def over(attempt: Attempt) -> Problem:
    """Why an attempt that is no longer in progress refuses a change."""
    if attempt.status == "timed_out":
        return time_is_up()
    return Problem(409, "Attempt is over", f"This attempt is {attempt.status.replace('_', ' ')}; "
                                           "its answers can no longer change.")


async def list_assessments(pool: Pool, user_id: uuid.UUID, page: PageRequest, *, assessment_type: str | None,
                           domain: str | None, client: Client) -> Page[AssessmentOut]:
    async with user_transaction(pool, user_id) as conn:
        await time_out_expired(conn, user_id, client)
        rows, total = await fetch_page(conn, queries.LIST_ASSESSMENTS, {
            "user_id": user_id, "assessment_type": assessment_type, "domain": domain,
            "assessment_id": None}, page)
    items = [AssessmentOut(**r, attempts_remaining=None if r["max_attempts"] is None
                           else max(0, r["max_attempts"] - r["attempts_used"])) for r in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def started_view(conn: AsyncConn, started: Started, user_id: uuid.UUID) -> AttemptOut | None:
    if started.attempt_id is None:
        return None
    attempt = await load_attempt(conn, started.attempt_id, user_id, lock=False)
    return await attempt_view(conn, attempt, resumed=started.resumed)


async def start_attempt(pool: Pool, user_id: uuid.UUID, assessment_id: uuid.UUID, *, client: Client) -> AttemptOut:
    """A new attempt at a published assessment, or the one in progress (`resumed`)."""
    async with user_transaction(pool, user_id) as conn:
        row = await fetch_one(conn, queries.PUBLISHED_ASSESSMENT, {"id": assessment_id})
        if row is None:
            raise not_found("assessment")
        rules = Rules(**row)

        async def fixed_questions() -> list[uuid.UUID]:
            return rules.question_ids

        started = await open_or_start(conn, rules, user_id, client, fixed_questions)
        view = await started_view(conn, started, user_id)
    if view is None:
        raise started.refusal or not_found("attempt")
    return view


async def start_drill_attempt(pool: Pool, user_id: uuid.UUID, component_id: uuid.UUID, *,
                              client: Client) -> AttemptOut:
    """An attempt at a generated drill with freshly generated questions, or the one in progress."""
    async with user_transaction(pool, user_id) as conn:
        drill = await find_drill(conn, component_id)
        assessment_id = await ensure_drill_assessment(conn, drill)
        row = await fetch_one(conn, queries.ASSESSMENT_BY_ID, {"id": assessment_id})
        assert row is not None
        started = await open_or_start(conn, Rules(**row), user_id, client, lambda: generate_questions(conn, drill))
        view = await started_view(conn, started, user_id)
    if view is None:
        raise started.refusal or not_found("attempt")
    return view


async def current_attempt(conn: AsyncConn, attempt_id: uuid.UUID, user_id: uuid.UUID, client: Client) -> Attempt:
    """The attempt as it stands now: timed out and scored first if its deadline has passed."""
    attempt = await load_attempt(conn, attempt_id, user_id, lock=False)
    if attempt.expired:
        attempt = await load_attempt(conn, attempt_id, user_id, lock=True)
        if attempt.expired:
            await finish_attempt(conn, attempt, status="timed_out", client=client)
        attempt = await load_attempt(conn, attempt_id, user_id, lock=False)
    return attempt


async def get_attempt(pool: Pool, user_id: uuid.UUID, attempt_id: uuid.UUID, *, client: Client) -> AttemptOut:
    async with user_transaction(pool, user_id) as conn:
        attempt = await current_attempt(conn, attempt_id, user_id, client)
        return await attempt_view(conn, attempt)


async def save_answer(pool: Pool, user_id: uuid.UUID, attempt_id: uuid.UUID, question_id: uuid.UUID,
                      body: AnswerIn, *, client: Client) -> AnswerOut:
    """Save or change one answer (the same request twice saves it once). Refused once the attempt is over;
    a save that arrives after the deadline times the attempt out instead."""
    refusal: Problem | None = None
    saved: dict[str, Any] | None = None
    async with user_transaction(pool, user_id) as conn:
        attempt = await load_attempt(conn, attempt_id, user_id, lock=True)
        if attempt.expired:
            await finish_attempt(conn, attempt, status="timed_out", client=client)
            refusal = time_is_up()
        elif attempt.status != "in_progress":
            refusal = over(attempt)
        else:
            question = await fetch_one(conn, queries.ANSWERED_QUESTION, {
                "question_id": question_id, "question_order": attempt.question_order})
            if question is None:
                raise not_found("question in this attempt")
            if problems := answer_problems(question["question_type"], question["question_data"], body.answer):
                raise Problem(422, "Invalid answer", "The answer does not fit this question.", problems)
            saved = await fetch_one(conn, queries.SAVE_ANSWER, {
                "attempt_id": attempt_id, "question_id": question_id, "flagged": body.flagged_for_review,
                "answer": None if body.answer is None else Jsonb(body.answer), "seconds": body.time_spent_seconds})
    if refusal is not None or saved is None:
        raise refusal or not_found("attempt")
    return AnswerOut(question_id=saved["question_id"], answer=saved["user_answer"],
                     flagged_for_review=saved["flagged_for_review"],
                     time_spent_seconds=saved["time_spent_seconds"], answered_at=saved["answered_at"])


async def submit_attempt(pool: Pool, user_id: uuid.UUID, attempt_id: uuid.UUID, *, client: Client) -> AttemptResult:
    """Score the attempt; a finished attempt answers with the result it already has (no double counting)."""
    async with user_transaction(pool, user_id) as conn:
        attempt = await load_attempt(conn, attempt_id, user_id, lock=True)
        if attempt.status == "abandoned":
            raise over(attempt)
        if attempt.status == "in_progress":
            await finish_attempt(conn, attempt, status="timed_out" if attempt.expired else "completed",
                                 client=client)
            attempt = await load_attempt(conn, attempt_id, user_id, lock=False)
    return result_of(attempt)


async def abandon_attempt(pool: Pool, user_id: uuid.UUID, attempt_id: uuid.UUID, *, client: Client
                          ) -> AttemptResult:
    """Give up an attempt in progress without a score; it still counts toward max_attempts."""
    refusal: Problem | None = None
    async with user_transaction(pool, user_id) as conn:
        attempt = await load_attempt(conn, attempt_id, user_id, lock=True)
        if attempt.expired:
            await finish_attempt(conn, attempt, status="timed_out", client=client)
            refusal = time_is_up()
        elif attempt.status in ("completed", "timed_out"):
            refusal = over(attempt)
        elif attempt.status == "in_progress":
            await conn.execute(queries.ABANDON_ATTEMPT, {"attempt_id": attempt_id})
            await log_activity(conn, user_id, "assessment.abandon", f"Abandoned {attempt.assessment_title}",
                               client=client, resource_type="assessment_attempt", resource_id=attempt_id,
                               metadata={"assessment_id": str(attempt.assessment_id)})
        attempt = await load_attempt(conn, attempt_id, user_id, lock=False)
    if refusal is not None:
        raise refusal
    return result_of(attempt)


async def list_my_attempts(pool: Pool, user_id: uuid.UUID, page: PageRequest, *, assessment_id: uuid.UUID | None,
                           status: str | None, client: Client) -> Page[AttemptSummary]:
    async with user_transaction(pool, user_id) as conn:
        await time_out_expired(conn, user_id, client)
        rows, total = await fetch_page(conn, queries.LIST_MY_ATTEMPTS, {
            "user_id": user_id, "assessment_id": assessment_id, "status": status}, page)
    return Page(items=[AttemptSummary(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)
