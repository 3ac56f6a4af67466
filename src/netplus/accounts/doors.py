"""The rate-limited doors into an account (sign-up, verification, sign-in, password reset), shared by
the JSON API (routes.py) and the pages (pages.py), so both count the same attempts the same way."""

from fastapi import Response

from netplus.accounts import service
from netplus.accounts.dependencies import SESSION_COOKIE
from netplus.accounts.service import NewSession, Pool
from netplus.core import ratelimit
from netplus.core.activity import Client
from netplus.core.config import Settings
from netplus.core.problems import Problem
from netplus.core.ratelimit import Limiter


def address(client: Client) -> str:
    return client.ip or "-"


async def register(pool: Pool, settings: Settings, limiter: Limiter, client: Client, *, email: str, username: str,
                   password: str) -> None:
    await limiter.require(ratelimit.REGISTER_PER_ADDRESS, "register", address(client))
    await service.register(pool, settings, email=email, username=username, password=password, client=client)


async def verify_email(pool: Pool, limiter: Limiter, client: Client, *, token: str) -> None:
    await limiter.require(ratelimit.VERIFY_PER_ADDRESS, "verify", address(client))
    await service.verify_email(pool, token=token, client=client)


async def login(pool: Pool, settings: Settings, limiter: Limiter, client: Client, *, identifier: str,
                password: str) -> NewSession:
    """Failures count per (account, address) and per address, never per account alone."""
    account_key = ("login", identifier.lower(), address(client))
    if not await limiter.allowed(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS, *account_key):
        raise ratelimit.too_many(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS)
    await limiter.require(ratelimit.LOGIN_PER_ADDRESS, "login", address(client))
    try:
        return await service.login(pool, settings, identifier=identifier, password=password, client=client)
    except Problem as failure:
        if failure.status == 401:
            await limiter.hit(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS, *account_key)
        raise


async def request_reset(pool: Pool, settings: Settings, limiter: Limiter, client: Client, *, email: str) -> None:
    """Over the per-account limit nothing is sent, and the caller answers the same: nothing is revealed."""
    await limiter.require(ratelimit.RESET_PER_ADDRESS, "reset", address(client))
    if await limiter.hit(ratelimit.RESET_PER_ACCOUNT, "reset", email.lower()):
        await service.request_password_reset(pool, settings, email=email, client=client)


async def reset_password(pool: Pool, settings: Settings, limiter: Limiter, client: Client, *, token: str,
                         new_password: str) -> None:
    await limiter.require(ratelimit.VERIFY_PER_ADDRESS, "reset-confirm", address(client))
    await service.reset_password(pool, settings, token=token, new_password=new_password, client=client)


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_absolute_days * 86400, httponly=True,
                        samesite="lax", secure=settings.public_base_url.startswith("https://"), path="/")
