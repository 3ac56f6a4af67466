"""Platform statistics for admins: the seed's views, the materialized views, the rollup and request latency."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, LiteralString, TypeVar

from pydantic import BaseModel

from netplus.accounts.service import Pool, SignedIn
from netplus.analytics import queries
from netplus.analytics.schemas import Freshness, Refreshed, RouteLatency
from netplus.core.activity import Client, log_activity
from netplus.core.pool import user_transaction
from netplus.core.problems import Problem, conflict
from netplus.core.rows import fetch_all, fetch_one

M = TypeVar("M", bound=BaseModel)
MATERIALIZED_VIEWS = ["mv_daily_user_activity", "mv_weekly_domain_progress"]


async def read_materialized(pool: Pool, admin: SignedIn, view: str, query: LiteralString, *, params: dict[str, Any],
                            model: type[M]) -> list[M]:
    """Rows of a materialized view; 409 until refresh_analytics_views() has computed it once."""
    async with user_transaction(pool, admin.user.id) as conn:
        state = await fetch_one(conn, queries.VIEW_POPULATED, {"view": view})
        if not (state and state["relispopulated"]):
            raise conflict(f"{view} has not been computed yet; POST /api/v1/analytics/refresh first.")
        rows = await fetch_all(conn, query, params)
    return [model(**r) for r in rows]


async def refresh_views(pool: Pool, admin: SignedIn, client: Client) -> Refreshed:
    """Recompute both materialized views (concurrently once populated, so readers are not blocked)."""
    async with user_transaction(pool, admin.user.id) as conn:
        await conn.execute(queries.REFRESH_VIEWS)
        await log_activity(conn, admin.user.id, "analytics.views_refreshed", "Refreshed the analytics views",
                           client=client, metadata={"views": MATERIALIZED_VIEWS})
    return Refreshed(views=MATERIALIZED_VIEWS, refreshed_at=datetime.now(UTC))


async def route_latency(pool: Pool, admin: SignedIn, *, name: str | None, since: datetime,
                        until: datetime) -> list[RouteLatency]:
    async with user_transaction(pool, admin.user.id) as conn:
        rows = await fetch_all(conn, queries.METRICS_BY_ROUTE, {"name": name, "since": since, "until": until})
    return [RouteLatency(**r) for r in rows]


async def freshness(pool: Pool, admin: SignedIn) -> Freshness:
    """Whether the views are computed, the newest day they hold against the live data's, the last refresh."""
    async with user_transaction(pool, admin.user.id) as conn:
        populated = True
        for view in MATERIALIZED_VIEWS:
            state = await fetch_one(conn, queries.VIEW_POPULATED, {"view": view})
            populated = populated and bool(state and state["relispopulated"])
        # an unpopulated view cannot be read at all, not even for its max()
        view_day = await fetch_one(conn, queries.NEWEST_VIEW_DAY) if populated else None
        live_day = await fetch_one(conn, queries.NEWEST_LIVE_DAY)
        refresh = await fetch_one(conn, queries.LAST_LOGGED_REFRESH)
    return Freshness(populated=populated, newest_view_day=view_day["newest"] if view_day else None,
                     newest_live_day=live_day["newest"] if live_day else None,
                     last_refreshed_at=refresh["created_at"] if refresh else None,
                     last_refreshed_by=refresh["username"] if refresh else None)


async def domain_names(pool: Pool, admin: SignedIn) -> dict[str, str]:
    """Domain code -> name ("1.0" -> "Networking Concepts"), for labelling per-domain figures."""
    async with user_transaction(pool, admin.user.id) as conn:
        rows = await fetch_all(conn, queries.DOMAIN_NAMES)
    return {r["code"]: r["name"] for r in rows}


async def question_texts(pool: Pool, admin: SignedIn, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The wording of some questions (v_question_performance has ids only)."""
    async with user_transaction(pool, admin.user.id) as conn:
        rows = await fetch_all(conn, queries.QUESTION_TEXTS, {"ids": ids})
    return {r["id"]: r["question_text"] for r in rows}


def day_range(since: date | None, until: date | None, *, default_days: int) -> tuple[date, date]:
    """`since`..`until` (inclusive), by default the last `default_days` UTC days up to today."""
    end = until or datetime.now(UTC).date()
    start = since or end - timedelta(days=default_days - 1)
    if start > end:
        raise Problem(422, "Invalid request", "The range starts after it ends.",
                      [{"field": "from", "message": "Must not be after `to`."}])
    return start, end


def time_range(since: datetime | None, until: datetime | None, *, default_hours: int) -> tuple[datetime, datetime]:
    """`since`..`until` (half-open), by default the last `default_hours` hours."""
    end = until or datetime.now(UTC)
    start = since or end - timedelta(hours=default_hours)
    if start >= end:
        raise Problem(422, "Invalid request", "The range starts after it ends.",
                      [{"field": "since", "message": "Must be before `until`."}])
    return start, end
