"""The activity log: one row per thing a user did, with where it came from."""

import uuid
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from netplus.core.pool import AsyncConn

INSERT_ACTIVITY = """
INSERT INTO user_activity_logs (user_id, activity_type, activity_description, resource_type, resource_id,
                                metadata, ip_address, user_agent)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
"""


@dataclass(frozen=True)
class Client:
    """Who is on the other end of a request: its address and user agent."""

    ip: str | None = None
    user_agent: str | None = None


async def log_activity(conn: AsyncConn, user_id: uuid.UUID | None, activity_type: str, description: str, *,
                       client: Client, resource_type: str | None = None, resource_id: uuid.UUID | None = None,
                       metadata: dict[str, Any] | None = None) -> None:
    await conn.execute(INSERT_ACTIVITY, (user_id, activity_type, description, resource_type, resource_id,
                                         Jsonb(metadata or {}), client.ip, (client.user_agent or "")[:1000] or None))
