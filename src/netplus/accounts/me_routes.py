"""/api/v1/me: the signed-in account and its sessions."""

import uuid
from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from netplus.accounts import queries
from netplus.accounts.dependencies import ClientDep, CurrentSession, PoolDep
from netplus.accounts.service import User
from netplus.core.activity import log_activity
from netplus.core.pool import user_transaction
from netplus.core.problems import not_found

router = APIRouter(prefix="/api/v1/me", tags=["me"])


class SessionInfo(BaseModel):
    id: uuid.UUID
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ip_address: str | None
    user_agent: str | None
    current: bool


@router.get("")
async def me(signed_in: CurrentSession) -> User:
    return signed_in.user


@router.get("/sessions")
async def sessions(signed_in: CurrentSession, pool: PoolDep) -> list[SessionInfo]:
    """The account's live sessions, so the ones not recognised can be ended."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        rows = await (await conn.execute(queries.LIST_SESSIONS, (signed_in.user.id,))).fetchall()
    return [SessionInfo(id=r[0], created_at=r[1], last_seen_at=r[2], expires_at=r[3], ip_address=r[4],
                        user_agent=r[5], current=r[0] == signed_in.session_id) for r in rows]


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def end_session(session_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        ended = (await conn.execute(queries.REVOKE_OWN_SESSION, (session_id, signed_in.user.id))).rowcount
        if not ended:
            raise not_found("session")
        await log_activity(conn, signed_in.user.id, "auth.session_ended", "Ended a session", client=client,
                           resource_type="session", resource_id=session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
