"""/api/v1/staff/learners: students and their progress, for instructors and admins."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from netplus.accounts.dependencies import PoolDep, StaffSession
from netplus.analytics import learners
from netplus.analytics.schemas import LearnerDetail, LearnerSummary
from netplus.core.listing import Page, PageParams

router = APIRouter(prefix="/api/v1/staff/learners", tags=["learners"])


@router.get("")
async def list_learners(staff: StaffSession, pool: PoolDep, page: PageParams,
                        q: Annotated[str | None, Query(max_length=200,
                                                       description="Part of a name, username or email")] = None,
                        ) -> Page[LearnerSummary]:
    """Students (not deleted) with their learning statistics, by username."""
    return await learners.list_learners(pool, staff, page, q=q)


@router.get("/{user_id}")
async def learner_detail(user_id: uuid.UUID, staff: StaffSession, pool: PoolDep,
                         attempts: Annotated[int, Query(ge=1, le=100, description="Recent attempts to show")] = 20,
                         ) -> LearnerDetail:
    return await learners.learner_detail(pool, staff, user_id, attempts=attempts)
