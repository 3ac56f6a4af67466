"""/api/v1/auth: sign-up, verification, sign-in and out, password reset and change."""

from fastapi import APIRouter, Response, status

from netplus.accounts import service
from netplus.accounts.dependencies import (
    SESSION_COOKIE,
    ClientDep,
    CurrentSession,
    LimiterDep,
    PoolDep,
    SettingsDep,
)
from netplus.accounts.schemas import (
    Accepted,
    LoginIn,
    PasswordChanged,
    PasswordChangeIn,
    RegisterIn,
    ResetIn,
    ResetRequestIn,
    SessionOut,
    TokenIn,
)
from netplus.core import ratelimit
from netplus.core.problems import Problem

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
CHECK_INBOX = Accepted(message="If the address can be used, a message is on its way; check your inbox.")


@router.post("/register", status_code=status.HTTP_202_ACCEPTED)
async def register(body: RegisterIn, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                   client: ClientDep) -> Accepted:
    await limiter.require(ratelimit.REGISTER_PER_ADDRESS, "register", client.ip or "-")
    await service.register(pool, settings, email=body.email, username=body.username, password=body.password,
                           client=client)
    return CHECK_INBOX


@router.post("/verify-email")
async def verify_email(body: TokenIn, pool: PoolDep, limiter: LimiterDep, client: ClientDep) -> Accepted:
    await limiter.require(ratelimit.VERIFY_PER_ADDRESS, "verify", client.ip or "-")
    await service.verify_email(pool, token=body.token, client=client)
    return Accepted(message="Your email address is confirmed.")


@router.post("/login")
async def login(body: LoginIn, response: Response, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> SessionOut:
    account_key = ("login", body.identifier.lower(), client.ip or "-")
    if not await limiter.allowed(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS, *account_key):
        raise ratelimit.too_many(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS)
    await limiter.require(ratelimit.LOGIN_PER_ADDRESS, "login", client.ip or "-")
    try:
        session = await service.login(pool, settings, identifier=body.identifier, password=body.password,
                                      client=client)
    except Problem as failure:
        if failure.status == 401:
            await limiter.hit(ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS, *account_key)
        raise
    response.set_cookie(SESSION_COOKIE, session.token, max_age=settings.session_absolute_days * 86400,
                        httponly=True, samesite="lax", secure=settings.public_base_url.startswith("https://"),
                        path="/")
    return SessionOut(token=session.token, expires_at=session.expires_at, user=session.user)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> Response:
    await service.logout(pool, signed_in, client)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/password-reset/request", status_code=status.HTTP_202_ACCEPTED)
async def request_reset(body: ResetRequestIn, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                        client: ClientDep) -> Accepted:
    await limiter.require(ratelimit.RESET_PER_ADDRESS, "reset", client.ip or "-")
    if await limiter.hit(ratelimit.RESET_PER_ACCOUNT, "reset", body.email.lower()):
        await service.request_password_reset(pool, settings, email=body.email, client=client)
    return CHECK_INBOX  # the same answer when over the per-account limit: nothing is revealed


@router.post("/password-reset")
async def reset(body: ResetIn, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> Accepted:
    await limiter.require(ratelimit.VERIFY_PER_ADDRESS, "reset-confirm", client.ip or "-")
    await service.reset_password(pool, settings, token=body.token, new_password=body.new_password, client=client)
    return Accepted(message="Your password is changed; sign in with the new one.")


@router.post("/password")
async def change_password(body: PasswordChangeIn, signed_in: CurrentSession, pool: PoolDep, settings: SettingsDep,
                          limiter: LimiterDep, client: ClientDep) -> PasswordChanged:
    async with ratelimit.password_check(limiter, signed_in.user.id):
        ended = await service.change_password(pool, settings, signed_in, current_password=body.current_password,
                                              new_password=body.new_password,
                                              end_other_sessions=body.end_other_sessions, client=client)
    return PasswordChanged(other_sessions_ended=ended)
