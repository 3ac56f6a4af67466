"""Reads the assessment pages need beyond the API's: one assessment with the student's attempts at it,
the drills to start, and a result together with the names of its exam's domains and objectives.

Each runs in one transaction as the student (row-level security), and times out the student's expired
attempts first, as the API's lists do, so what the pages show is never an attempt past its deadline.
"""

import uuid
from dataclasses import dataclass, field

from pydantic import BaseModel

from netplus.accounts.service import Pool
from netplus.assessments import queries
from netplus.assessments.finishing import time_out_expired
from netplus.assessments.review import attempt_view
from netplus.assessments.schemas import AssessmentOut, AttemptOut, AttemptSummary
from netplus.assessments.service import current_attempt
from netplus.core.activity import Client
from netplus.core.listing import PageRequest, fetch_page
from netplus.core.pool import user_transaction
from netplus.core.problems import not_found
from netplus.core.rows import fetch_all, fetch_one

EVERY_ROW = PageRequest(limit=500, offset=0)  # a student's attempts at one assessment, or all assessments


class DrillOut(BaseModel):
    id: uuid.UUID
    title: str
    description: str | None
    questions: int
    time_limit_minutes: int | None
    attempts_used: int
    best_percentage: float | None
    open_attempt_id: uuid.UUID | None


@dataclass(frozen=True)
class AssessmentPage:
    assessment: AssessmentOut
    attempts: list[AttemptSummary]


@dataclass(frozen=True)
class ResultPage:
    attempt: AttemptOut
    is_drill: bool
    is_listed: bool
    component_id: uuid.UUID | None
    names: dict[str, str] = field(default_factory=dict)  # "1.0" -> domain name, "1.4" -> objective title


def with_remaining(row: dict[str, object]) -> AssessmentOut:
    used, limit = row["attempts_used"], row["max_attempts"]
    assert isinstance(used, int)
    assert limit is None or isinstance(limit, int)
    return AssessmentOut.model_validate(row | {"attempts_remaining": None if limit is None else max(0, limit - used)})


async def exams_and_drills(pool: Pool, user_id: uuid.UUID, *, client: Client
                           ) -> tuple[list[AssessmentOut], list[DrillOut]]:
    """Every published assessment with the student's standing on it, and the generated drills."""
    async with user_transaction(pool, user_id) as conn:
        await time_out_expired(conn, user_id, client)
        rows, _ = await fetch_page(conn, queries.LIST_ASSESSMENTS, {
            "user_id": user_id, "assessment_type": None, "domain": None, "assessment_id": None}, EVERY_ROW)
        drills = await fetch_all(conn, queries.LIST_DRILLS, {"user_id": user_id})
    return [with_remaining(r) for r in rows], [DrillOut(**d) for d in drills]


async def assessment_page(pool: Pool, user_id: uuid.UUID, assessment_id: uuid.UUID, *,
                          client: Client) -> AssessmentPage:
    """A published assessment and the student's attempts at it, newest first; 404 when not published."""
    async with user_transaction(pool, user_id) as conn:
        await time_out_expired(conn, user_id, client)
        rows, _ = await fetch_page(conn, queries.LIST_ASSESSMENTS, {
            "user_id": user_id, "assessment_type": None, "domain": None, "assessment_id": assessment_id},
            PageRequest(limit=1, offset=0))
        if not rows:
            raise not_found("assessment")
        attempts, _ = await fetch_page(conn, queries.LIST_MY_ATTEMPTS, {
            "user_id": user_id, "assessment_id": assessment_id, "status": None}, EVERY_ROW)
    return AssessmentPage(with_remaining(rows[0]), [AttemptSummary(**a) for a in attempts])


async def result_page(pool: Pool, user_id: uuid.UUID, attempt_id: uuid.UUID, *, client: Client) -> ResultPage:
    """The attempt as the review rules show it (timed out first if its deadline passed), with names."""
    async with user_transaction(pool, user_id) as conn:
        attempt = await current_attempt(conn, attempt_id, user_id, client)
        view = await attempt_view(conn, attempt)
        facts = await fetch_one(conn, queries.RESULT_FACTS, {"assessment_id": attempt.assessment_id})
    assert facts is not None  # the attempt's assessment exists (foreign key)
    return ResultPage(view, is_drill=facts["is_drill"], is_listed=facts["is_listed"],
                      component_id=facts["component_id"],
                      names=facts["domain_names"] | facts["objective_names"])
