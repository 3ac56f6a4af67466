"""Six weeks of study for one demo student, so the demo's dashboard has a past to show.

Written once: a student who already has learning sessions is left alone (the history is relative to
the day it is written, so writing it again would not be "changing nothing"). It goes through the
database's own streak function day by day, so the streak, its history and the freezes are what six
weeks of real use would have produced. It is part of `--demo` setups only, not of the tests' seed.
"""

import asyncio
import random
from datetime import date, timedelta
from typing import Any

from psycopg import AsyncConnection, Connection

from netplus.achievements.engine import evaluate_achievements
from netplus.core.database import DatabaseTarget

DAYS = 42
COMPLETED = 9  # the first components of the catalog's order, finished along the way

PATTERN_START = """
SELECT u.id, coalesce(p.timezone, 'UTC') AS tz, user_local_date(u.id) AS today
FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id
WHERE u.username = %s AND u.deleted_at IS NULL
"""

STUDY_ORDER = """
SELECT id, estimated_minutes FROM learning_components
WHERE exam_code = 'N10-009' AND is_published AND deleted_at IS NULL
  AND component_type IN ('lesson', 'flashcard') AND cardinality(prerequisites) = 0
ORDER BY domain, sort_order, title
LIMIT %s
"""


def active_days(today: date, seed: int) -> list[date]:
    """Most days of the last six weeks, with a few gaps, and every one of the last eight (a live streak
    that today has not yet extended)."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable demo pattern, not a secret
    days = [today - timedelta(days=n) for n in range(DAYS, 0, -1)]
    return [d for d in days if (today - d).days <= 8 or rng.random() < 0.7]


def seed_demo_history(conn: Connection[Any], username: str = "student1") -> int:
    """Write the history for `username` unless they have one; returns the number of study days written."""
    found = conn.execute(PATTERN_START, (username,)).fetchone()
    if found is None:
        return 0
    user_id, tz, today = found
    if conn.execute("SELECT 1 FROM learning_sessions WHERE user_id = %s LIMIT 1", (user_id,)).fetchone():
        return 0
    rng = random.Random(user_id.int)  # noqa: S311 - a repeatable demo pattern, not a secret
    days = active_days(today, user_id.int)
    components = conn.execute(STUDY_ORDER, (COMPLETED + 1,)).fetchall()
    for n, day in enumerate(days):
        minutes = rng.choice((15, 20, 25, 30, 35, 45, 60))
        component = components[min(n * len(components) // len(days), len(components) - 1)][0]
        conn.execute(
            "INSERT INTO learning_sessions (user_id, component_id, session_start, session_end, duration_minutes,"
            " interaction_count, device_type) VALUES (%(user)s, %(component)s,"
            " (%(day)s::date + time '19:00') AT TIME ZONE %(tz)s,"
            " (%(day)s::date + time '19:00') AT TIME ZONE %(tz)s + make_interval(mins => %(minutes)s),"
            " %(minutes)s, %(interactions)s, %(device)s)",
            {"user": user_id, "component": component, "day": day, "tz": tz, "minutes": minutes,
             "interactions": minutes * 2, "device": rng.choice(("desktop", "mobile", "mobile"))})
        conn.execute("SELECT update_learning_streak(%s, %s)", (user_id, day))
    for n, (component, estimate) in enumerate(components):
        finished = n < COMPLETED
        day = days[min((n + 1) * len(days) // (COMPLETED + 1), len(days) - 1)]
        conn.execute(
            "INSERT INTO user_progress (user_id, component_id, status, progress_percentage, time_spent_minutes,"
            " started_at, last_accessed_at, completion_date) VALUES (%(user)s, %(component)s, %(status)s,"
            " %(percent)s, %(minutes)s, %(day)s::date - 1 + time '19:00', %(day)s::date + time '19:30',"
            " CASE WHEN %(finished)s THEN %(day)s::date + time '19:30' END) ON CONFLICT DO NOTHING",
            {"user": user_id, "component": component, "status": "completed" if finished else "in_progress",
             "percent": 100 if finished else 40, "minutes": estimate or 20, "day": day, "finished": finished})
    return len(days)


async def _award(conninfo: str, username: str) -> list[str]:
    async with await AsyncConnection.connect(conninfo) as conn, conn.transaction():
        row = await (await conn.execute("SELECT id FROM users WHERE username = %s AND deleted_at IS NULL",
                                        (username,))).fetchone()
        return await evaluate_achievements(conn, row[0]) if row else []


def award_demo_achievements(target: DatabaseTarget, username: str = "student1") -> list[str]:
    """What the history has earned, awarded by the same engine that awards it live (it is async)."""
    return asyncio.run(_award(target.conninfo, username))
