"""/api/v1/auth: sign-up, verification, sign-in and out, password reset and change."""

from fastapi import APIRouter, Response, status

from netplus.accounts import doors, service
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

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
CHECK_INBOX = Accepted(message="If the address can be used, a message is on its way; check your inbox.")


@router.post("/register", status_code=status.HTTP_202_ACCEPTED)
async def register(body: RegisterIn, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                   client: ClientDep) -> Accepted:
    await doors.register(pool, settings, limiter, client, email=body.email, username=body.username,
                         password=body.password)
    return CHECK_INBOX


@router.post("/verify-email")
async def verify_email(body: TokenIn, pool: PoolDep, limiter: LimiterDep, client: ClientDep) -> Accepted:
    await doors.verify_email(pool, limiter, client, token=body.token)
    return Accepted(message="Your email address is confirmed.")


@router.post("/login")
async def login(body: LoginIn, response: Response, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> SessionOut:
    session = await doors.login(pool, settings, limiter, client, identifier=body.identifier, password=body.password)
    doors.set_session_cookie(response, settings, session.token)
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
    await doors.request_reset(pool, settings, limiter, client, email=body.email)
    return CHECK_INBOX  # the same answer when over the per-account limit: nothing is revealed


@router.post("/password-reset")
async def reset(body: ResetIn, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> Accepted:
    await doors.reset_password(pool, settings, limiter, client, token=body.token, new_password=body.new_password)
    return Accepted(message="Your password is changed; sign in with the new one.")


@router.post("/password")
async def change_password(body: PasswordChangeIn, signed_in: CurrentSession, pool: PoolDep, settings: SettingsDep,
                          limiter: LimiterDep, client: ClientDep) -> PasswordChanged:
    async with ratelimit.password_check(limiter, signed_in.user.id):
        ended = await service.change_password(pool, settings, signed_in, current_password=body.current_password,
                                              new_password=body.new_password,
                                              end_other_sessions=body.end_other_sessions, client=client)
    return PasswordChanged(other_sessions_ended=ended)
