"""Reading rows for the API: pages (`limit`/`offset` and the page they answer with), single rows as models,
search patterns."""

import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Generic, LiteralString, TypeVar

from fastapi import Depends, Query
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel

from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import not_found
from netplus.core.rows import fetch_one

T = TypeVar("T")


@dataclass(frozen=True)
class PageRequest:
    limit: int
    offset: int


def page_request(limit: Annotated[int, Query(ge=1, le=200, description="Rows per page")] = 50,
                 offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0) -> PageRequest:
    return PageRequest(limit, offset)


PageParams = Annotated[PageRequest, Depends(page_request)]


class Page(BaseModel, Generic[T]):
    """One page of a list; `total` counts every row the filters match, not only this page's."""

    items: list[T]
    total: int
    limit: int
    offset: int


def contains_pattern(text: str | None) -> str | None:
    """An ILIKE pattern matching `text` anywhere, with its own % and _ taken literally (NULL for no search)."""
    if not text or not text.strip():
        return None
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def fetch_page(conn: AsyncConn, query: LiteralString, params: dict[str, Any],
                     page: PageRequest) -> tuple[list[dict[str, Any]], int]:
    """Run a list query and return one page of rows (as dicts) with the number of rows that match.

    The query selects `count(*) OVER () AS total` first, orders its rows, and ends with
    `LIMIT %(limit)s OFFSET %(offset)s`.
    """
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(query, params | {"limit": page.limit, "offset": page.offset})
        rows = await cur.fetchall()
        if not rows and page.offset:  # past the end: the count still matters to the client
            await cur.execute(query, params | {"limit": 1, "offset": 0})
            first = await cur.fetchone()
            return [], int(first["total"]) if first else 0
    total = int(rows[0]["total"]) if rows else 0
    return [{k: v for k, v in row.items() if k != "total"} for row in rows], total




M = TypeVar("M", bound=BaseModel)


async def read_page(pool: AsyncConnectionPool[AsyncConn], user_id: uuid.UUID, query: LiteralString,
                    params: dict[str, Any], *, page: PageRequest, model: type[M]) -> Page[M]:
    """One page of `query`'s rows as `model`s, read as `user_id` under row-level security."""
    async with user_transaction(pool, user_id) as conn:
        rows, total = await fetch_page(conn, query, params, page)
    return Page(items=[model(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)


async def read_one(pool: AsyncConnectionPool[AsyncConn], user_id: uuid.UUID, query: LiteralString,
                   params: dict[str, Any], *, model: type[M], missing: str) -> M:
    """The one row of `query` as a `model`, read as `user_id`; 404 naming `missing` when there is none."""
    async with user_transaction(pool, user_id) as conn:
        row = await fetch_one(conn, query, params)
    if row is None:
        raise not_found(missing)
    return model(**row)
