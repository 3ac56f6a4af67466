"""Publishing, unpublishing, soft-deleting and restoring authored rows, each with its activity-log row.

Components, questions and assessments move through the same states (draft, published, deleted);
what differs is kept in a `Kind`: the statements, and the guards that may refuse a move.
"""

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, LiteralString

from netplus.accounts.service import Pool, SignedIn
from netplus.authoring.errors import refusals
from netplus.core.activity import Client, log_activity
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import not_found
from netplus.core.rows import fetch_one

Action = Literal["publish", "unpublish", "delete", "restore"]
Guard = Callable[[AsyncConn, uuid.UUID], Awaitable[None]]
PAST: dict[str, str] = {"publish": "published", "unpublish": "unpublished", "delete": "deleted",
                        "restore": "restored", "create": "created", "update": "updated"}


@dataclass(frozen=True)
class Kind:
    noun: str  # "component": activity types are authoring.<noun>.<past tense>
    resource_type: str  # the activity log's resource_type
    lock: LiteralString  # selects is_published, deleted_at and label for one id, FOR UPDATE
    statements: Mapping[Action, LiteralString]
    guards: Mapping[Action, Guard] = field(default_factory=dict)


def already_there(action: Action, row: dict[str, Any], noun: str) -> bool:
    """True when the row is already in the state `action` leads to; deleted rows cannot be (un)published."""
    if action in ("publish", "unpublish") and row["deleted_at"] is not None:
        raise not_found(noun)
    deleted = row["deleted_at"] is not None
    return bool({"publish": row["is_published"], "unpublish": not row["is_published"], "delete": deleted,
                 "restore": not deleted}[action])


async def change_state(pool: Pool, staff: SignedIn, client: Client, kind: Kind, *, resource_id: uuid.UUID,
                       action: Action) -> None:
    """Apply `action` in one transaction; doing it again changes nothing and logs nothing."""
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        row = await fetch_one(conn, kind.lock, {"id": resource_id})
        if row is None:
            raise not_found(kind.noun)
        if already_there(action, row, kind.noun):
            return
        if guard := kind.guards.get(action):
            await guard(conn, resource_id)
        await conn.execute(kind.statements[action], {"id": resource_id})
        await log_change(conn, staff, client, kind, action=action, resource_id=resource_id,
                         metadata={"label": row["label"]})


async def log_change(conn: AsyncConn, staff: SignedIn, client: Client, kind: Kind, *, action: str,
                     resource_id: uuid.UUID, metadata: dict[str, Any]) -> None:
    past = PAST[action]
    await log_activity(conn, staff.user.id, f"authoring.{kind.noun}.{past}",
                       f"{past.capitalize()} {kind.noun} {metadata.get('label', resource_id)}", client=client,
                       resource_type=kind.resource_type, resource_id=resource_id, metadata=metadata)


def changed_fields(before: dict[str, Any], after: dict[str, Any], names: list[str]) -> list[str]:
    return [n for n in names if before.get(n) != after.get(n)]
