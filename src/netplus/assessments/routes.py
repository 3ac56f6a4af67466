"""/api/v1 assessments, attempts and drills, for signed-in users (docs/assessments.md)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from netplus.accounts.dependencies import ClientDep, CurrentSession, PoolDep
from netplus.assessments import service
from netplus.assessments.schemas import (
    AnswerIn,
    AnswerOut,
    AssessmentOut,
    AssessmentType,
    AttemptOut,
    AttemptResult,
    AttemptStatus,
    AttemptSummary,
    DomainCode,
)
from netplus.core.listing import Page, PageParams

router = APIRouter(prefix="/api/v1", tags=["assessments"])
# An attempt's view leaves out what review does not reveal (correct answers, explanations, hints,
# correctness), rather than sending it as null: those fields are only set when the rules allow them.


@router.get("/assessments")
async def list_assessments(signed_in: CurrentSession, pool: PoolDep, client: ClientDep, page: PageParams,
                           assessment_type: Annotated[AssessmentType | None, Query(alias="type")] = None,
                           domain: Annotated[DomainCode | None, Query(description="covers this domain")] = None,
                           ) -> Page[AssessmentOut]:
    """Published assessments, with the caller's attempts used and remaining and best percentage."""
    return await service.list_assessments(pool, signed_in.user.id, page, assessment_type=assessment_type,
                                          domain=domain, client=client)


@router.post("/assessments/{assessment_id}/attempts", status_code=status.HTTP_201_CREATED,
             responses={200: {"description": "The attempt in progress, resumed"}}, response_model_exclude_unset=True)
async def start_attempt(assessment_id: uuid.UUID, response: Response, signed_in: CurrentSession, pool: PoolDep,
                        client: ClientDep) -> AttemptOut:
    """Start an attempt (201), or resume the one in progress (200); 409 when no attempt is left."""
    attempt = await service.start_attempt(pool, signed_in.user.id, assessment_id, client=client)
    if attempt.resumed:
        response.status_code = status.HTTP_200_OK
    return attempt


@router.post("/components/{component_id}/drill-attempts", status_code=status.HTTP_201_CREATED,
             responses={200: {"description": "The drill attempt in progress, resumed"}},
             response_model_exclude_unset=True)
async def start_drill_attempt(component_id: uuid.UUID, response: Response, signed_in: CurrentSession,
                              pool: PoolDep, client: ClientDep) -> AttemptOut:
    """Start an attempt at a generated drill with new questions (201), or resume the one in progress (200)."""
    attempt = await service.start_drill_attempt(pool, signed_in.user.id, component_id, client=client)
    if attempt.resumed:
        response.status_code = status.HTTP_200_OK
    return attempt


@router.get("/attempts/{attempt_id}", response_model_exclude_unset=True)
async def get_attempt(attempt_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep,
                      client: ClientDep) -> AttemptOut:
    """The attempt with the caller's answers and flags, and the review its assessment allows."""
    return await service.get_attempt(pool, signed_in.user.id, attempt_id, client=client)


@router.put("/attempts/{attempt_id}/answers/{question_id}")
async def save_answer(attempt_id: uuid.UUID, question_id: uuid.UUID, body: AnswerIn, signed_in: CurrentSession,
                      pool: PoolDep, client: ClientDep) -> AnswerOut:
    """Save or change an answer; 409 once the attempt is over, 410 after its deadline."""
    return await service.save_answer(pool, signed_in.user.id, attempt_id, question_id, body, client=client)


@router.post("/attempts/{attempt_id}/submit")
async def submit_attempt(attempt_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep,
                         client: ClientDep) -> AttemptResult:
    """Score the attempt; submitting again returns the same result."""
    return await service.submit_attempt(pool, signed_in.user.id, attempt_id, client=client)


@router.post("/attempts/{attempt_id}/abandon")
async def abandon_attempt(attempt_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep,
                          client: ClientDep) -> AttemptResult:
    """Give up the attempt without a score (it still counts as an attempt)."""
    return await service.abandon_attempt(pool, signed_in.user.id, attempt_id, client=client)


@router.get("/me/attempts")
async def my_attempts(signed_in: CurrentSession, pool: PoolDep, client: ClientDep, page: PageParams,
                      assessment_id: uuid.UUID | None = None,
                      attempt_status: Annotated[AttemptStatus | None, Query(alias="status")] = None,
                      ) -> Page[AttemptSummary]:
    """The caller's attempts, newest first."""
    return await service.list_my_attempts(pool, signed_in.user.id, page, assessment_id=assessment_id,
                                          status=attempt_status, client=client)
