"""The service's async connection pool, and transactions that act as one user under row-level security."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from netplus.core.config import Settings
from netplus.core.database import DatabaseTarget

AsyncConn = AsyncConnection[Any]


def create_pool(settings: Settings, target: DatabaseTarget) -> AsyncConnectionPool[AsyncConn]:
    return AsyncConnectionPool(
        target.conninfo, min_size=min(settings.db_pool_min, settings.db_pool_max), max_size=settings.db_pool_max,
        max_idle=settings.db_pool_idle_seconds, open=False, name="netplus",
    )


@asynccontextmanager
async def user_transaction(pool: AsyncConnectionPool[AsyncConn], user_id: uuid.UUID | None) -> AsyncIterator[AsyncConn]:
    """One transaction as the application role, with `app.user_id` set for its row-level security.

    Both settings are LOCAL: they end with the transaction, so nothing leaks to the next borrower of
    the pooled connection. With no user, the per-user tables show nothing.
    """
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SET LOCAL ROLE app_user")
        await conn.execute("SELECT set_config('app.user_id', %s, true)", (str(user_id) if user_id else "",))
        yield conn


async def act_as(conn: AsyncConn, user_id: uuid.UUID) -> None:
    """Within a transaction, become `user_id` for row-level security (after signing in or signing up)."""
    await conn.execute("SELECT set_config('app.user_id', %s, true)", (str(user_id),))
