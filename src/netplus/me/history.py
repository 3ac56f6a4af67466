"""The dashboard's pictures of the past: the activity calendar and the score trend.

Active days come from the streak's history (a day counts as soon as any learning is recorded, in the
user's time zone), and minutes from learning sessions, grouped by the user's local date.
"""

import uuid
from datetime import date
from typing import Any

from netplus.core.pool import AsyncConn
from netplus.core.rows import fetch_all

ACTIVE_DAYS = """
SELECT (e->>'date')::date AS day
FROM learning_streaks s, jsonb_array_elements(s.streak_history) e
WHERE s.user_id = %(user)s AND (e->>'date')::date >= %(since)s
"""

MINUTES_BY_DAY = """
SELECT (s.session_start AT TIME ZONE z.tz)::date AS day, sum(coalesce(s.duration_minutes, 0))::integer AS minutes
FROM learning_sessions s,
     (SELECT coalesce((SELECT timezone FROM user_profiles WHERE user_id = %(user)s), 'UTC') AS tz) z
WHERE s.user_id = %(user)s AND s.session_start >= %(since)s::date - 1
GROUP BY 1
"""

SCORE_TREND = """
SELECT * FROM (
    SELECT a.completed_at, a.percentage, a.passed, s.title, s.assessment_type
    FROM assessment_attempts a JOIN assessments s ON s.id = a.assessment_id
    WHERE a.user_id = %(user)s AND a.status IN ('completed', 'timed_out') AND a.percentage IS NOT NULL
    ORDER BY a.completed_at DESC LIMIT %(limit)s) recent
ORDER BY completed_at
"""


async def activity_calendar(conn: AsyncConn, user_id: uuid.UUID, since: date) -> tuple[dict[date, int], set[date]]:
    """Minutes studied per local day since `since`, and the days with any learning at all."""
    params = {"user": user_id, "since": since}
    minutes = {r["day"]: r["minutes"] for r in await fetch_all(conn, MINUTES_BY_DAY, params)}
    active = {r["day"] for r in await fetch_all(conn, ACTIVE_DAYS, params)}
    return minutes, active | {d for d, m in minutes.items() if m > 0}


async def score_trend(conn: AsyncConn, user_id: uuid.UUID, limit: int = 20) -> list[dict[str, Any]]:
    """The latest scored attempts, oldest first."""
    return await fetch_all(conn, SCORE_TREND, {"user": user_id, "limit": limit})
