"""Learners as instructors follow them: students with their statistics, and one student in detail.

Staff read the per-user tables through the staff policies of row-level security, as themselves.
"""

import uuid

from netplus.accounts.service import Pool, SignedIn
from netplus.analytics import queries
from netplus.analytics.schemas import AttemptRow, ComponentProgress, DomainProgress, LearnerDetail, LearnerSummary
from netplus.core.listing import Page, PageRequest, contains_pattern, read_page
from netplus.core.pool import user_transaction
from netplus.core.problems import not_found
from netplus.core.rows import fetch_all, fetch_one


async def list_learners(pool: Pool, staff: SignedIn, page: PageRequest, *, q: str | None) -> Page[LearnerSummary]:
    return await read_page(pool, staff.user.id, queries.LIST_LEARNERS,
                           {"user_id": None, "pattern": contains_pattern(q)}, page=page, model=LearnerSummary)


async def learner_detail(pool: Pool, staff: SignedIn, user_id: uuid.UUID, *, attempts: int) -> LearnerDetail:
    """A student's statistics, progress per domain and per component, and their latest attempts."""
    params = {"user_id": user_id, "pattern": None, "limit": 1, "offset": 0}
    async with user_transaction(pool, staff.user.id) as conn:
        learner = await fetch_one(conn, queries.LIST_LEARNERS, params)
        if learner is None:
            raise not_found("student")
        overall = await fetch_one(conn, queries.OVERALL_PROGRESS, params)
        domains = await fetch_all(conn, queries.LEARNER_DOMAINS, params)
        components = await fetch_all(conn, queries.LEARNER_COMPONENTS, params)
        recent = await fetch_all(conn, queries.LEARNER_ATTEMPTS, params | {"limit": attempts})
    assert overall is not None
    return LearnerDetail(learner=LearnerSummary(**learner), overall_progress=overall["overall_progress"],
                         domains=[DomainProgress(**d) for d in domains],
                         components=[ComponentProgress(**c) for c in components],
                         recent_attempts=[AttemptRow(**a) for a in recent])
