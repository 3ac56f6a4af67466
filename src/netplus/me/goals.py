"""Study goals. current_value and the completed/failed status are always computed by the database's
refresh_study_goals() (migration 0007), which runs after every change here and before every read.

Rules checked here, with "today" in the user's time zone:
- target_value > 0; at most 100 for the score metric (a percentage); a whole number for the counting
  metrics (minutes, components, assessments, streak);
- start_date defaults to today and lies within a year of it;
- target_date, when given, is not before start_date nor before today; exam_date goals need one;
- only active goals can be changed or abandoned.
"""

import uuid
from datetime import date, timedelta
from typing import Any

from psycopg import sql

from netplus.accounts.service import SignedIn
from netplus.core.activity import Client, log_activity
from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem, conflict, not_found
from netplus.core.rows import Row, fetch_all, fetch_one, fetch_value
from netplus.me.schemas import GoalIn, GoalPatch

COLUMNS = sql.SQL("""
id, goal_type, metric, title, description, target_value, current_value, start_date, target_date,
study_goal_end(g) AS end_date, completed_date, status, created_at, updated_at,
least(100, round(100 * current_value / target_value, 2)) AS percent
""")
COUNTING_METRICS = ("minutes", "components", "assessments", "streak")
MAX_START_DISTANCE = timedelta(days=366)


def invalid(errors: list[dict[str, str]]) -> Problem:
    return Problem(422, "Invalid request", "Some fields are missing or invalid.", errors)


async def today(conn: AsyncConn, user_id: uuid.UUID) -> date:
    value: date = await fetch_value(conn, "SELECT user_local_date(%s)", (user_id,))
    return value


def check_target(metric: str, target: float) -> list[dict[str, str]]:
    if metric == "score" and target > 100:
        return [{"field": "target_value", "message": "A score target is a percentage: at most 100."}]
    if metric in COUNTING_METRICS and target != int(target):
        return [{"field": "target_value", "message": f"A {metric} target is a whole number."}]
    return []


def check_dates(goal_type: str, start: date, target: date | None, now: date) -> list[dict[str, str]]:
    problems = []
    if goal_type == "exam_date" and target is None:
        problems.append({"field": "target_date", "message": "An exam_date goal needs the exam's date."})
    if target is not None and target < start:
        problems.append({"field": "target_date", "message": "must not be before start_date"})
    elif target is not None and target < now:
        problems.append({"field": "target_date", "message": "must not be in the past"})
    return problems


async def refresh(conn: AsyncConn, user_id: uuid.UUID) -> None:
    await conn.execute("SELECT refresh_study_goals(%s)", (user_id,))


async def list_goals(conn: AsyncConn, user_id: uuid.UUID, status: list[str] | None) -> list[Row]:
    await refresh(conn, user_id)
    where = sql.SQL("AND status = ANY (%(status)s)" if status else "")
    return await fetch_all(conn, sql.SQL(
        "SELECT {} FROM study_goals g WHERE user_id = %(user)s {}"
        " ORDER BY status = 'active' DESC, coalesce(study_goal_end(g), 'infinity'), created_at, id",
    ).format(COLUMNS, where), {"user": user_id, "status": status})


async def get_goal(conn: AsyncConn, user_id: uuid.UUID, goal_id: uuid.UUID, *, lock: bool = False) -> Row:
    row = await fetch_one(conn, sql.SQL("SELECT {} FROM study_goals g WHERE id = %s AND user_id = %s {}").format(
        COLUMNS, sql.SQL("FOR UPDATE" if lock else "")), (goal_id, user_id))
    if row is None:
        raise not_found("goal")
    return row


async def create(conn: AsyncConn, signed_in: SignedIn, goal: GoalIn, client: Client) -> Row:
    user_id = signed_in.user.id
    now = await today(conn, user_id)
    start = goal.start_date or now
    problems = check_target(goal.metric, goal.target_value)
    if abs(start - now) > MAX_START_DISTANCE:
        problems.append({"field": "start_date", "message": "must be within a year of today"})
    problems += check_dates(goal.goal_type, start, goal.target_date, now)
    if problems:
        raise invalid(problems)
    goal_id = await fetch_value(conn, """
        INSERT INTO study_goals (user_id, goal_type, metric, title, description, target_value, start_date, target_date)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""", (
        user_id, goal.goal_type, goal.metric, goal.title, goal.description, goal.target_value, start,
        goal.target_date))
    await log_activity(conn, user_id, "goal.create", f"Set a goal: {goal.title}", client=client,
                       resource_type="study_goal", resource_id=goal_id,
                       metadata={"goal_type": goal.goal_type, "metric": goal.metric})
    await refresh(conn, user_id)
    return await get_goal(conn, user_id, goal_id)


def require_active(goal: Row) -> None:
    if goal["status"] != "active":
        raise conflict(f"This goal is {goal['status']}; only an active goal can change.")


async def update(conn: AsyncConn, signed_in: SignedIn, goal_id: uuid.UUID, patch: GoalPatch, client: Client) -> Row:
    user_id = signed_in.user.id
    await refresh(conn, user_id)
    goal = await get_goal(conn, user_id, goal_id, lock=True)
    require_active(goal)
    changes: dict[str, Any] = patch.model_dump(exclude_unset=True)
    problems = check_target(goal["metric"], changes["target_value"]) if "target_value" in changes else []
    if "target_date" in changes:
        problems += check_dates(goal["goal_type"], goal["start_date"], changes["target_date"],
                                await today(conn, user_id))
    if problems:
        raise invalid(problems)
    if changes:
        assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c))
                                         for c in changes)
        await conn.execute(sql.SQL("UPDATE study_goals SET {} WHERE id = %(id)s AND user_id = %(user)s").format(
            assignments), changes | {"id": goal_id, "user": user_id})
        await log_activity(conn, user_id, "goal.update", f"Changed the goal {goal['title']}", client=client,
                           resource_type="study_goal", resource_id=goal_id, metadata={"fields": sorted(changes)})
    await refresh(conn, user_id)
    return await get_goal(conn, user_id, goal_id)


async def abandon(conn: AsyncConn, signed_in: SignedIn, goal_id: uuid.UUID, client: Client) -> Row:
    user_id = signed_in.user.id
    await refresh(conn, user_id)
    goal = await get_goal(conn, user_id, goal_id, lock=True)
    require_active(goal)
    await conn.execute("UPDATE study_goals SET status = 'abandoned' WHERE id = %s AND user_id = %s", (goal_id, user_id))
    await log_activity(conn, user_id, "goal.abandon", f"Abandoned the goal {goal['title']}", client=client,
                       resource_type="study_goal", resource_id=goal_id)
    return await get_goal(conn, user_id, goal_id)


async def delete(conn: AsyncConn, signed_in: SignedIn, goal_id: uuid.UUID, client: Client) -> None:
    user_id = signed_in.user.id
    goal = await get_goal(conn, user_id, goal_id)
    await conn.execute("DELETE FROM study_goals WHERE id = %s AND user_id = %s", (goal_id, user_id))
    await log_activity(conn, user_id, "goal.delete", f"Deleted the goal {goal['title']}", client=client,
                       resource_type="study_goal", resource_id=goal_id)
