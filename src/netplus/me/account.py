"""The signed-in user's profile and settings, and deleting the account.

Profile and settings rows are created with their defaults the first time they are read or changed
(accounts made before they existed have none). A PATCH changes only the fields it sends.
"""

from typing import Any

from psycopg import errors, sql
from psycopg.types.json import Jsonb

from netplus.accounts import queries as account_queries
from netplus.accounts.passwords import verify_password
from netplus.accounts.service import SignedIn
from netplus.achievements.engine import evaluate_achievements
from netplus.core.activity import Client, log_activity
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem
from netplus.core.rows import Row, fetch_one
from netplus.me.schemas import ProfilePatch, SettingsPatch

PROFILE_COLUMNS = ("first_name", "last_name", "display_name", "bio", "avatar_url", "timezone", "locale",
                   "certifications")
SETTINGS_COLUMNS = ("theme", "notifications_enabled", "email_notifications", "study_reminders", "reminder_time",
                    "reminder_days", "accessibility_mode", "high_contrast", "font_size", "daily_goal_minutes",
                    "privacy_settings")
# "Fill in every field of your profile" (the profile_complete achievement): the free-text fields and
# the picture; time zone and locale always have a value, and certifications may rightly be none yet.
PROFILE_COMPLETE_FIELDS = ("first_name", "last_name", "display_name", "bio", "avatar_url")


async def ensure_rows(conn: AsyncConn, user_id: Any) -> None:
    await conn.execute("INSERT INTO user_profiles (user_id) VALUES (%s) ON CONFLICT (user_id) DO NOTHING", (user_id,))
    await conn.execute("INSERT INTO user_settings (user_id) VALUES (%s) ON CONFLICT (user_id) DO NOTHING", (user_id,))


def select(table: str, columns: tuple[str, ...]) -> sql.Composed:
    return sql.SQL("SELECT {}, updated_at FROM {} WHERE user_id = %s").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table))


async def profile(conn: AsyncConn, user_id: Any) -> Row:
    await ensure_rows(conn, user_id)
    row = await fetch_one(conn, select("user_profiles", PROFILE_COLUMNS), (user_id,))
    assert row is not None
    return row


async def settings(conn: AsyncConn, user_id: Any) -> Row:
    await ensure_rows(conn, user_id)
    row = await fetch_one(conn, select("user_settings", SETTINGS_COLUMNS), (user_id,))
    assert row is not None
    return row


async def update(conn: AsyncConn, table: str, user_id: Any, changes: dict[str, Any]) -> None:
    if not changes:
        return
    statement = sql.SQL("UPDATE {} SET {} WHERE user_id = %s").format(
        sql.Identifier(table),
        sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(k)) for k in changes))
    await conn.execute(statement, [*changes.values(), user_id])


async def update_profile(conn: AsyncConn, signed_in: SignedIn, patch: ProfilePatch, client: Client) -> Row:
    user_id = signed_in.user.id
    changes = patch.model_dump(exclude_unset=True)
    await ensure_rows(conn, user_id)
    try:
        async with conn.transaction():
            await update(conn, "user_profiles", user_id, changes)
    except errors.CheckViolation as exc:
        # The database's rules are the last word (a time zone this server's tz database lacks).
        column = "timezone" if "timezone" in str(exc) else "profile"
        raise Problem(422, "Invalid request", "Some fields are missing or invalid.",
                      [{"field": column, "message": "is not accepted by the database"}]) from None
    row = await profile(conn, user_id)
    if changes:
        await log_activity(conn, user_id, "profile.update", "Updated the profile", client=client,
                           metadata={"fields": sorted(changes)})
    if all(row[f] for f in PROFILE_COMPLETE_FIELDS):
        await evaluate_achievements(conn, user_id, events=frozenset({"profile_completed"}))
    return row


async def update_settings(conn: AsyncConn, signed_in: SignedIn, patch: SettingsPatch, client: Client) -> Row:
    user_id = signed_in.user.id
    changes = patch.model_dump(exclude_unset=True)
    current = await settings(conn, user_id)
    if "privacy_settings" in changes:
        sent = patch.privacy_settings.model_dump(exclude_unset=True)
        changes["privacy_settings"] = Jsonb(dict(current["privacy_settings"]) | sent)
    await update(conn, "user_settings", user_id, changes)
    if changes:
        await log_activity(conn, user_id, "settings.update", "Updated the settings", client=client,
                           metadata={"fields": sorted(changes)})
    return await settings(conn, user_id)


async def delete_account(conn: AsyncConn, signed_in: SignedIn, password: str, client: Client) -> None:
    """Soft delete: status deleted with deleted_at (which frees the email and username), every session
    revoked. The account's learning history stays, attached to the deleted account."""
    user = signed_in.user
    account = await (await conn.execute(account_queries.PASSWORD_HASH, (user.id,))).fetchone()
    assert account is not None
    if not verify_password(password, str(account[0])):
        raise Problem(422, "Invalid request", "The current password is not right.",
                      [{"field": "current_password", "message": "This is not your current password."}])
    await conn.execute("UPDATE users SET account_status = 'deleted', deleted_at = now()"
                       " WHERE id = %s AND deleted_at IS NULL", (user.id,))
    ended = (await conn.execute(account_queries.REVOKE_USER_SESSIONS, (user.id, None))).rowcount
    await log_activity(conn, user.id, "account.delete", "Deleted the account", client=client,
                       metadata={"sessions_ended": ended})
