"""Account administration. Each action is one transaction with its audit row, where the admin is the
actor (user_id) and the account the resource (resource_type 'user', resource_id, and its email and
username in metadata, as they were)."""

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from psycopg import errors

from netplus.accounts.service import Pool, SignedIn
from netplus.admin import queries
from netplus.admin.schemas import ActiveAccounts, AdminUser, ContentCount, Overview, Role, Status, UserChange
from netplus.core.activity import Client, log_activity
from netplus.core.listing import Page, PageRequest, contains_pattern, read_one, read_page
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import conflict, not_found
from netplus.core.rows import fetch_all, fetch_one

NOT_YOURSELF = "An admin cannot demote, suspend or delete their own account; another admin can."


async def list_users(pool: Pool, admin: SignedIn, page: PageRequest, *, q: str | None, role: Role | None,
                     status: Status | None) -> Page[AdminUser]:
    return await read_page(pool, admin.user.id, queries.LIST_USERS,
                           {"status": status, "role": role, "pattern": contains_pattern(q), "id": None},
                           page=page, model=AdminUser)


async def get_user(pool: Pool, admin: SignedIn, user_id: uuid.UUID) -> AdminUser:
    """One account, deleted or not."""
    return await read_one(pool, admin.user.id, queries.LIST_USERS, {
        "status": None, "role": None, "pattern": None, "id": user_id, "limit": 1, "offset": 0},
        model=AdminUser, missing="user")


async def locked_account(conn: AsyncConn, user_id: uuid.UUID) -> dict[str, Any]:
    row = await fetch_one(conn, queries.LOCK_USER, {"id": user_id})
    if row is None:
        raise not_found("user")
    return row


async def audit(conn: AsyncConn, admin: SignedIn, client: Client, account: dict[str, Any], *, user_id: uuid.UUID,
                activity: str, description: str, details: dict[str, Any]) -> None:
    await log_activity(conn, admin.user.id, activity, description, client=client, resource_type="user",
                       resource_id=user_id,
                       metadata={"email": account["email"], "username": account["username"]} | details)


async def change_user(pool: Pool, admin: SignedIn, client: Client, user_id: uuid.UUID, change: UserChange) -> None:
    """Change role and/or status. Leaving 'active' revokes every session of the account at once."""
    if user_id == admin.user.id and (change.role not in (None, "admin")
                                     or change.account_status not in (None, "active")):
        raise conflict(NOT_YOURSELF)
    async with user_transaction(pool, admin.user.id) as conn:
        account = await locked_account(conn, user_id)
        if account["deleted_at"] is not None:
            raise conflict("The account is deleted; restore it first.")
        if change.role and change.role != account["role"]:
            await conn.execute(queries.SET_ROLE, {"id": user_id, "role": change.role})
            await audit(conn, admin, client, account, user_id=user_id, activity="admin.user.role_changed",
                        description=f"Changed the role of {account['username']} to {change.role}",
                        details={"from": account["role"], "to": change.role})
        if change.account_status and change.account_status != account["account_status"]:
            await conn.execute(queries.SET_STATUS, {"id": user_id, "account_status": change.account_status})
            revoked = 0
            if change.account_status != "active":
                revoked = (await conn.execute(queries.REVOKE_SESSIONS, {"id": user_id})).rowcount
            await audit(conn, admin, client, account, user_id=user_id, activity="admin.user.status_changed",
                        description=f"Set the account of {account['username']} to {change.account_status}",
                        details={"from": account["account_status"], "to": change.account_status,
                                 "sessions_revoked": revoked})


async def delete_user(pool: Pool, admin: SignedIn, client: Client, user_id: uuid.UUID) -> None:
    """Soft delete: the account keeps its history, frees its email and username, and loses its sessions."""
    if user_id == admin.user.id:
        raise conflict(NOT_YOURSELF)
    async with user_transaction(pool, admin.user.id) as conn:
        account = await locked_account(conn, user_id)
        if account["deleted_at"] is not None:
            return
        await conn.execute(queries.SOFT_DELETE, {"id": user_id})
        revoked = (await conn.execute(queries.REVOKE_SESSIONS, {"id": user_id})).rowcount
        await audit(conn, admin, client, account, user_id=user_id, activity="admin.user.deleted",
                    description=f"Deleted the account of {account['username']}",
                    details={"previous_status": account["account_status"], "sessions_revoked": revoked})


async def restore_user(pool: Pool, admin: SignedIn, client: Client, user_id: uuid.UUID) -> None:
    """Bring a deleted account back, active; 409 if its email or username was taken meanwhile."""
    async with user_transaction(pool, admin.user.id) as conn:
        account = await locked_account(conn, user_id)
        if account["deleted_at"] is None:
            return
        try:
            await conn.execute(queries.RESTORE, {"id": user_id})
        except errors.UniqueViolation as exc:
            field = "email" if exc.diag.constraint_name == "users_email_key" else "username"
            message = f"Another account has taken this {field} ({account[field]}) since the deletion."
            raise conflict(message, [{"field": field, "message": message}]) from None
        await audit(conn, admin, client, account, user_id=user_id, activity="admin.user.restored",
                    description=f"Restored the account of {account['username']}", details={})


async def overview(pool: Pool, admin: SignedIn, *, now: datetime | None = None) -> Overview:
    """Accounts by role and status, the accounts active today and this week (UTC days), content counts."""
    today = datetime.combine((now or datetime.now(UTC)).astimezone(UTC).date(), time(), UTC)
    async with user_transaction(pool, admin.user.id) as conn:
        counts = await fetch_all(conn, queries.ACCOUNTS_BY_ROLE_AND_STATUS)
        active = await fetch_one(conn, queries.ACTIVE_ACCOUNTS, {"today": today, "week": today - timedelta(days=6)})
        content = await fetch_all(conn, queries.CONTENT_COUNTS)
    accounts: dict[str, dict[str, int]] = {}
    for row in counts:
        accounts.setdefault(row["role"], {})[row["account_status"]] = row["accounts"]
    return Overview(accounts=accounts, active=ActiveAccounts(**(active or {})),
                    content=[ContentCount(**row) for row in content])
