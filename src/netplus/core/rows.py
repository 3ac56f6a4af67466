"""Rows as dicts: the small fetch helpers every feature's service uses."""

from typing import Any

from psycopg import sql
from psycopg.rows import dict_row

from netplus.core.pool import AsyncConn

Row = dict[str, Any]
Query = str | sql.SQL | sql.Composed


async def fetch_all(conn: AsyncConn, query: Query, params: Any = None) -> list[Row]:
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params)
        return await cur.fetchall()


async def fetch_one(conn: AsyncConn, query: Query, params: Any = None) -> Row | None:
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params)
        return await cur.fetchone()


async def fetch_value(conn: AsyncConn, query: Query, params: Any = None) -> Any:
    row = await (await conn.execute(query, params)).fetchone()
    return row[0] if row else None
