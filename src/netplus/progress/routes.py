"""/api/v1/components/{component}/progress|rating, /api/v1/learning-sessions and /api/v1/me/learning-sessions."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from netplus.accounts.dependencies import ClientDep, CurrentSession, PoolDep
from netplus.core.pool import user_transaction
from netplus.progress import service, sessions
from netplus.progress.schemas import (
    CompleteIn,
    ProgressPatch,
    ProgressResult,
    RatingIn,
    RatingOut,
    SessionOut,
    SessionPage,
    SessionPatch,
    SessionStart,
)

router = APIRouter(prefix="/api/v1", tags=["progress"])


@router.post("/components/{component}/progress/start")
async def start(component: str, signed_in: CurrentSession, pool: PoolDep, client: ClientDep,
                response: Response) -> ProgressResult:
    """Start a component (201), or resume one already started (200). 409 names unmet prerequisites."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        body, started = await service.start(conn, signed_in, component, client)
    response.status_code = status.HTTP_201_CREATED if started else status.HTTP_200_OK
    return ProgressResult.model_validate(body)


@router.patch("/components/{component}/progress")
async def report(component: str, body: ProgressPatch, signed_in: CurrentSession, pool: PoolDep,
                 client: ClientDep) -> ProgressResult:
    """Report progress on a started component: percentage (kept as a high-water mark), the resume
    position (replaced) and minutes spent since the last report (added)."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        result = await service.report(conn, signed_in, component, client, percentage=body.progress_percentage,
                                      position=body.last_position, minutes=body.time_spent_minutes_delta)
    return ProgressResult.model_validate(result)


@router.post("/components/{component}/progress/complete")
async def complete(component: str, signed_in: CurrentSession, pool: PoolDep, client: ClientDep,
                   body: Annotated[CompleteIn | None, Body()] = None) -> ProgressResult:
    """Complete a component; the first completion counts once on the component. Mastered stays mastered."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        result = await service.complete(conn, signed_in, component, client,
                                        minutes=body.time_spent_minutes_delta if body else 0)
    return ProgressResult.model_validate(result)


@router.post("/components/{component}/rating")
async def rate(component: str, body: RatingIn, signed_in: CurrentSession, pool: PoolDep,
               client: ClientDep) -> RatingOut:
    """Rate a component you have started, 1 to 5; rating again replaces your rating."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        result = await service.rate(conn, signed_in, component, client, rating=body.rating)
    return RatingOut.model_validate(result)


@router.post("/learning-sessions", status_code=status.HTTP_201_CREATED)
async def start_session(signed_in: CurrentSession, pool: PoolDep, client: ClientDep,
                        body: Annotated[SessionStart | None, Body()] = None) -> SessionOut:
    """Start a study session, optionally on a component; the device type comes from the User-Agent."""
    body = body or SessionStart()
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await sessions.start(conn, signed_in, client, component_id=body.component_id,
                                   session_data=body.session_data)
    return SessionOut.model_validate(row)


@router.patch("/learning-sessions/{session_id}")
async def session_interactions(session_id: uuid.UUID, body: SessionPatch, signed_in: CurrentSession,
                               pool: PoolDep) -> SessionOut:
    """Count interactions in an open session."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await sessions.interact(conn, signed_in, session_id, body.interaction_count_delta)
    return SessionOut.model_validate(row)


@router.post("/learning-sessions/{session_id}/end")
async def end_session(session_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep,
                      client: ClientDep) -> SessionOut:
    """End a session: its rounded minutes count toward minutes goals and today's total."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await sessions.end(conn, signed_in, session_id, client)
    return SessionOut.model_validate(row)


@router.get("/me/learning-sessions")
async def my_sessions(signed_in: CurrentSession, pool: PoolDep,
                      limit: Annotated[int, Query(ge=1, le=100)] = 20,
                      cursor: Annotated[str | None, Query(max_length=500)] = None) -> SessionPage:
    """Your sessions, newest first; follow next_cursor for older ones."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        page = await sessions.history(conn, signed_in, limit=limit, cursor=cursor)
    return SessionPage.model_validate(page)
