"""A user's progress on a component: start, report progress, complete, rate.

Each action is one transaction that ends with `record_learning_activity` (streak, goals,
achievements). The rules:
- start refuses a component whose prerequisites are not met (409 naming them); starting again is
  harmless and only touches last_accessed_at;
- progress_percentage is a high-water mark (the highest reported value is kept), time accumulates,
  last_position is replaced;
- complete sets status completed, 100 % and completion_date; the first completion of a row makes
  completion_count + 1 (recomputed by the database's trigger, so it happens exactly once);
- a mastered row (set by the assessments engine) is never downgraded;
- rating is for a component you have started; rating_count and average_rating are recomputed from
  every user's rating in the database (refresh_component_counters), never adjusted incrementally.
"""

import uuid
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from netplus.accounts.service import SignedIn
from netplus.catalog.service import PROGRESS_COLUMNS, Component, find_component, require_prerequisites
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem, conflict
from netplus.core.rows import Row, fetch_one
from netplus.progress.events import ActivityOutcome, record_learning_activity

START = sql.SQL("""
WITH before AS (SELECT status FROM user_progress WHERE user_id = %(user)s AND component_id = %(component)s)
INSERT INTO user_progress AS p (user_id, component_id, status, started_at, last_accessed_at)
VALUES (%(user)s, %(component)s, 'in_progress', now(), now())
ON CONFLICT (user_id, component_id) DO UPDATE SET
    status = CASE WHEN p.status = 'not_started' THEN 'in_progress' ELSE p.status END,
    started_at = coalesce(p.started_at, now()),
    last_accessed_at = now()
RETURNING {columns}, (SELECT status FROM before) AS previous_status
""").format(columns=PROGRESS_COLUMNS)
REPORT = sql.SQL("""
UPDATE user_progress SET
    progress_percentage = CASE WHEN status IN ('completed', 'mastered') THEN 100
                               ELSE greatest(progress_percentage, coalesce(%(percentage)s, 0)) END,
    last_position = coalesce(%(position)s, last_position),
    time_spent_minutes = time_spent_minutes + %(minutes)s,
    last_accessed_at = now()
WHERE user_id = %(user)s AND component_id = %(component)s AND status <> 'not_started'
RETURNING {columns}
""").format(columns=PROGRESS_COLUMNS)
COMPLETE = sql.SQL("""
WITH before AS (SELECT completion_date FROM user_progress WHERE user_id = %(user)s AND component_id = %(component)s)
INSERT INTO user_progress AS p (user_id, component_id, status, progress_percentage, time_spent_minutes, started_at,
                                last_accessed_at, completion_date)
VALUES (%(user)s, %(component)s, 'completed', 100, %(minutes)s, now(), now(), now())
ON CONFLICT (user_id, component_id) DO UPDATE SET
    status = CASE WHEN p.status = 'mastered' THEN 'mastered' ELSE 'completed' END,
    progress_percentage = 100,
    time_spent_minutes = p.time_spent_minutes + %(minutes)s,
    started_at = coalesce(p.started_at, now()),
    completion_date = coalesce(p.completion_date, now()),
    last_accessed_at = now()
RETURNING {columns}, NOT EXISTS (SELECT 1 FROM before WHERE completion_date IS NOT NULL) AS first_completion
""").format(columns=PROGRESS_COLUMNS)
RATE = sql.SQL("""
UPDATE user_progress SET rating = %(rating)s, last_accessed_at = now()
WHERE user_id = %(user)s AND component_id = %(component)s AND status <> 'not_started'
RETURNING {columns}
""").format(columns=PROGRESS_COLUMNS)
RATINGS = "SELECT average_rating, rating_count FROM learning_components WHERE id = %s"


def not_started(component: Component) -> Problem:
    return conflict(f"Start “{component.title}” first (POST /api/v1/components/{component.slug}/progress/start).")


def result(component: Component, row: Row, outcome: ActivityOutcome, **extra: Any) -> dict[str, Any]:
    progress = {k: v for k, v in row.items() if k not in ("previous_status", "first_completion")}
    return {"component_id": component.id, "slug": component.slug, "progress": progress,
            "achievements_awarded": outcome.achievements_awarded} | extra


async def record(conn: AsyncConn, signed_in: SignedIn, component: Component, kind: str, description: str, *,
                 client: Client, **metadata: Any) -> ActivityOutcome:
    return await record_learning_activity(
        conn, signed_in.user.id, f"component.{kind}", f"{description} “{component.title}”", client=client,
        resource_type="component", resource_id=component.id, metadata={"slug": component.slug} | metadata)


async def current_status(conn: AsyncConn, user_id: uuid.UUID, component: Component) -> str | None:
    row = await fetch_one(conn, "SELECT status FROM user_progress WHERE user_id = %s AND component_id = %s"
                                " FOR UPDATE", (user_id, component.id))
    return str(row["status"]) if row else None


async def start(conn: AsyncConn, signed_in: SignedIn, ref: str, client: Client) -> tuple[dict[str, Any], bool]:
    """Start (or resume) a component; the bool says whether this call started it."""
    component = await find_component(conn, ref, signed_in)
    user_id = signed_in.user.id
    if await current_status(conn, user_id, component) in (None, "not_started"):
        await require_prerequisites(conn, user_id, component)
    row = await fetch_one(conn, START, {"user": user_id, "component": component.id})
    assert row is not None
    started = row["previous_status"] in (None, "not_started")
    outcome = await record(conn, signed_in, component, "start" if started else "resume",
                           "Started" if started else "Resumed", client=client)
    return result(component, row, outcome), started


async def report(conn: AsyncConn, signed_in: SignedIn, ref: str, client: Client, *, percentage: float | None,
                 position: dict[str, Any] | None, minutes: int | None) -> dict[str, Any]:
    component = await find_component(conn, ref, signed_in)
    row = await fetch_one(conn, REPORT, {
        "user": signed_in.user.id, "component": component.id,
        "percentage": round(percentage, 2) if percentage is not None else None,
        "position": Jsonb(position) if position is not None else None, "minutes": minutes or 0})
    if row is None:
        raise not_started(component)
    outcome = await record(conn, signed_in, component, "progress", "Studied", client=client,
                           progress_percentage=float(row["progress_percentage"]), minutes=minutes or 0)
    return result(component, row, outcome)


async def complete(conn: AsyncConn, signed_in: SignedIn, ref: str, client: Client, *, minutes: int) -> dict[str, Any]:
    """Complete a component (starting it on the way, prerequisites permitting)."""
    component = await find_component(conn, ref, signed_in)
    user_id = signed_in.user.id
    if await current_status(conn, user_id, component) in (None, "not_started"):
        await require_prerequisites(conn, user_id, component)
    row = await fetch_one(conn, COMPLETE, {"user": user_id, "component": component.id, "minutes": minutes})
    assert row is not None
    first = bool(row["first_completion"])
    outcome = await record(conn, signed_in, component, "complete", "Completed", client=client,
                           first_completion=first)
    return result(component, row, outcome, first_completion=first)


async def rate(conn: AsyncConn, signed_in: SignedIn, ref: str, client: Client, *, rating: int) -> dict[str, Any]:
    component = await find_component(conn, ref, signed_in)
    row = await fetch_one(conn, RATE, {"user": signed_in.user.id, "component": component.id, "rating": rating})
    if row is None:
        raise conflict(f"Start “{component.title}” before rating it.")
    totals = await fetch_one(conn, RATINGS, (component.id,))
    assert totals is not None
    outcome = await record(conn, signed_in, component, "rate", f"Rated {rating}/5:", client=client, rating=rating)
    return {"component_id": component.id, "rating": rating, "average_rating": totals["average_rating"],
            "rating_count": totals["rating_count"], "achievements_awarded": outcome.achievements_awarded}
