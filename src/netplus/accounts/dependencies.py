"""Who is asking: the signed-in user from a bearer token or the session cookie, and role checks."""

import ipaddress
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from psycopg_pool import AsyncConnectionPool

from netplus.accounts.service import SignedIn, authenticate
from netplus.core.activity import Client
from netplus.core.config import Settings
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem, forbidden
from netplus.core.ratelimit import Limiter

SESSION_COOKIE = "netplus_session"
UNAUTHENTICATED = Problem(401, "Sign-in required", "Sign in to continue.", headers={"WWW-Authenticate": "Bearer"})


def get_pool(request: Request) -> AsyncConnectionPool[AsyncConn]:
    pool: AsyncConnectionPool[AsyncConn] = request.app.state.pool
    return pool


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_limiter(request: Request) -> Limiter:
    limiter: Limiter = request.app.state.limiter
    return limiter


def get_client(request: Request) -> Client:
    host = request.client.host if request.client else None
    try:
        ip = str(ipaddress.ip_address(host)) if host else None
    except ValueError:  # a Unix socket or a test transport names no address
        ip = None
    return Client(ip=ip, user_agent=request.headers.get("user-agent"))


PoolDep = Annotated[AsyncConnectionPool[AsyncConn], Depends(get_pool)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimiterDep = Annotated[Limiter, Depends(get_limiter)]
ClientDep = Annotated[Client, Depends(get_client)]


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE)


async def get_signed_in(request: Request, pool: PoolDep, settings: SettingsDep) -> SignedIn:
    token = presented_token(request)
    signed_in = await authenticate(pool, settings, token) if token else None
    if signed_in is None:
        raise UNAUTHENTICATED
    request.scope.setdefault("state", {})["user_id"] = str(signed_in.user.id)
    return signed_in


CurrentSession = Annotated[SignedIn, Depends(get_signed_in)]


def role_checker(*roles: str) -> Callable[[SignedIn], Coroutine[Any, Any, SignedIn]]:
    async def check(signed_in: CurrentSession) -> SignedIn:
        if signed_in.user.role not in roles:
            raise forbidden("This needs the role " + " or ".join(roles) + ".")
        return signed_in
    return check


StaffSession = Annotated[SignedIn, Depends(role_checker("instructor", "admin"))]
AdminSession = Annotated[SignedIn, Depends(role_checker("admin"))]
