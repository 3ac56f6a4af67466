"""Account actions. Each runs in one transaction and writes its activity-log row in it."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg_pool import AsyncConnectionPool

from netplus.accounts import queries
from netplus.accounts.mail import queue_mail
from netplus.accounts.passwords import hash_password, password_problem, verify_password
from netplus.accounts.tokens import hash_token, new_token
from netplus.core.activity import Client, log_activity
from netplus.core.config import Settings
from netplus.core.pool import AsyncConn, act_as, user_transaction
from netplus.core.problems import Problem

Pool = AsyncConnectionPool[AsyncConn]
INVALID_LOGIN = Problem(401, "Sign-in failed", "The email, username or password is not right.")
INVALID_TOKEN = Problem(400, "Link not valid", "This link has expired or was already used; ask for a new one.")


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    email: str
    username: str
    role: str
    account_status: str
    email_verified: bool
    created_at: datetime
    last_login_at: datetime | None


@dataclass(frozen=True)
class SignedIn:
    session_id: uuid.UUID
    user: User


@dataclass(frozen=True)
class NewSession:
    token: str
    session_id: uuid.UUID
    expires_at: datetime
    user: User


def user_from(row: tuple[object, ...]) -> User:
    return User(*row[:8])  # type: ignore[arg-type]


def password_error(password: str, *, email: str = "", username: str = "", field: str = "password") -> None:
    if reason := password_problem(password, email=email, username=username):
        raise Problem(422, "Invalid request", "The password cannot be used.", [{"field": field, "message": reason}])


async def register(pool: Pool, settings: Settings, *, email: str, username: str, password: str,
                   client: Client) -> None:
    """Create an unverified account and mail a verification link.

    An address that already has an account gets a mail saying so instead, and the caller sees the same
    answer either way: registration does not reveal who has an account.
    """
    password_error(password, email=email, username=username)
    password_hash = hash_password(password, settings.bcrypt_rounds)
    async with user_transaction(pool, None) as conn:
        existing = await (await conn.execute(queries.EMAIL_TAKEN, (email,))).fetchone()
        if existing is not None:
            await queue_mail(conn, user_id=existing[0], to=email, subject="Someone tried to sign up with your address",
                             body="Your address already has a NetPlus account. If this was you, sign in or reset "
                                  f"your password at {settings.public_base_url}/reset-password.\n",
                             log_body=settings.smtp_host is None)
            return
        if await (await conn.execute(queries.USERNAME_TAKEN, (username,))).fetchone():
            raise Problem(409, "Conflict", "That username is taken.",
                          [{"field": "username", "message": "That username is taken; choose another."}])
        row = await (await conn.execute(queries.INSERT_USER, (email, username, password_hash))).fetchone()
        assert row is not None
        user_id: uuid.UUID = row[0]
        await act_as(conn, user_id)
        await conn.execute(queries.INSERT_PROFILE, (user_id, username))
        await conn.execute(queries.INSERT_SETTINGS, (user_id,))
        await send_verification(conn, settings, user_id, email)
        await log_activity(conn, user_id, "auth.register", "Created an account", client=client)


async def send_verification(conn: AsyncConn, settings: Settings, user_id: uuid.UUID, email: str) -> None:
    token, digest = new_token()
    await conn.execute(queries.INSERT_EMAIL_TOKEN,
                       (user_id, "verify_email", digest, settings.email_token_hours * 60))
    await queue_mail(conn, user_id=user_id, to=email, subject="Confirm your email address for NetPlus",
                     body=f"Welcome to NetPlus! Confirm your address by opening:\n"
                          f"{settings.public_base_url}/verify-email?token={token}\n"
                          f"The link works once, for {settings.email_token_hours} hours.\n",
                     log_body=settings.smtp_host is None)


async def verify_email(pool: Pool, *, token: str, client: Client) -> None:
    async with user_transaction(pool, None) as conn:
        row = await (await conn.execute(queries.SPEND_EMAIL_TOKEN, (hash_token(token), "verify_email"))).fetchone()
        if row is None:
            raise INVALID_TOKEN
        await act_as(conn, row[0])
        await conn.execute(queries.MARK_VERIFIED, (row[0],))
        await log_activity(conn, row[0], "auth.verify_email", "Confirmed the email address", client=client)


async def login(pool: Pool, settings: Settings, *, identifier: str, password: str, client: Client) -> NewSession:
    """Check the password and open a new session (a fresh token on every sign-in)."""
    async with user_transaction(pool, None) as conn:
        row = await (await conn.execute(queries.FIND_LOGIN, {"identifier": identifier})).fetchone()
        password_hash = str(row[8]) if row else None
        if not verify_password(password, password_hash) or row is None:
            await log_activity(conn, None, "auth.login_failed", "Sign-in failed", client=client,
                               metadata={"identifier": identifier[:254]})
            raise INVALID_LOGIN
        user = user_from(row)
        await act_as(conn, user.id)
        if user.account_status != "active":
            await log_activity(conn, user.id, "auth.login_refused", f"Sign-in refused: {user.account_status}",
                               client=client)
            raise Problem(403, "Account not active",
                          f"This account is {user.account_status}; contact an administrator.")
        token, digest = new_token()
        created = await (await conn.execute(queries.INSERT_SESSION, (
            user.id, digest, settings.session_absolute_days, client.ip, client.user_agent))).fetchone()
        assert created is not None
        await conn.execute(queries.RECORD_LOGIN, (user.id,))
        await log_activity(conn, user.id, "auth.login", "Signed in", client=client)
    return NewSession(token, created[0], created[1], user)


async def authenticate(pool: Pool, settings: Settings, token: str) -> SignedIn | None:
    """The session and user a token stands for, if the session is still alive."""
    async with user_transaction(pool, None) as conn:
        row = await (await conn.execute(queries.TOUCH_SESSION, {
            "hash": hash_token(token), "idle": settings.session_idle_minutes})).fetchone()
    return SignedIn(row[0], user_from(row[1:])) if row else None


async def logout(pool: Pool, signed_in: SignedIn, client: Client) -> None:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await conn.execute(queries.REVOKE_SESSION, (signed_in.session_id,))
        await log_activity(conn, signed_in.user.id, "auth.logout", "Signed out", client=client)


async def request_password_reset(pool: Pool, settings: Settings, *, email: str, client: Client) -> None:
    """Mail a reset link if the address has an active account; answer the same either way."""
    async with user_transaction(pool, None) as conn:
        row = await (await conn.execute(queries.FIND_LOGIN, {"identifier": email})).fetchone()
        if row is None or str(row[1]).lower() != email.lower() or row[4] != "active":
            return
        user = user_from(row)
        await act_as(conn, user.id)
        token, digest = new_token()
        await conn.execute(queries.INSERT_EMAIL_TOKEN, (user.id, "reset_password", digest,
                                                        settings.reset_token_minutes))
        await queue_mail(conn, user_id=user.id, to=user.email, subject="Reset your NetPlus password",
                         body=f"Choose a new password at:\n{settings.public_base_url}/reset-password?token={token}\n"
                              f"The link works once, for {settings.reset_token_minutes} minutes. If you did not "
                              "ask for it, ignore this mail: your password stays as it is.\n",
                         log_body=settings.smtp_host is None)
        await log_activity(conn, user.id, "auth.reset_requested", "Asked for a password reset", client=client)


async def reset_password(pool: Pool, settings: Settings, *, token: str, new_password: str, client: Client) -> None:
    """Set a new password from a reset link and end every session of the account."""
    async with user_transaction(pool, None) as conn:
        row = await (await conn.execute(queries.SPEND_EMAIL_TOKEN, (hash_token(token), "reset_password"))).fetchone()
        if row is None:
            raise INVALID_TOKEN
        user_id: uuid.UUID = row[0]
        await act_as(conn, user_id)
        account = await (await conn.execute(queries.PASSWORD_HASH, (user_id,))).fetchone()
        assert account is not None
        password_error(new_password, email=str(account[1]), username=str(account[2]), field="new_password")
        await conn.execute(queries.SET_PASSWORD, (hash_password(new_password, settings.bcrypt_rounds), user_id))
        await conn.execute(queries.REVOKE_USER_SESSIONS, (user_id, None))
        await log_activity(conn, user_id, "auth.password_reset", "Reset the password; all sessions ended",
                           client=client)


async def change_password(pool: Pool, settings: Settings, signed_in: SignedIn, *, current_password: str,
                          new_password: str, end_other_sessions: bool, client: Client) -> int:
    """Change the password knowing the current one; returns how many other sessions were ended."""
    user = signed_in.user
    async with user_transaction(pool, user.id) as conn:
        account = await (await conn.execute(queries.PASSWORD_HASH, (user.id,))).fetchone()
        assert account is not None
        if not verify_password(current_password, str(account[0])):
            raise Problem(422, "Invalid request", "The current password is not right.",
                          [{"field": "current_password", "message": "This is not your current password."}])
        password_error(new_password, email=user.email, username=user.username, field="new_password")
        await conn.execute(queries.SET_PASSWORD, (hash_password(new_password, settings.bcrypt_rounds), user.id))
        ended = 0
        if end_other_sessions:
            ended = (await conn.execute(queries.REVOKE_USER_SESSIONS, (user.id, signed_in.session_id))).rowcount
        await log_activity(conn, user.id, "auth.password_change", "Changed the password", client=client,
                           metadata={"other_sessions_ended": ended})
    return ended
