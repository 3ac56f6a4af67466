"""Read-only views of the user's learning: streak, achievements and the dashboard.

Dashboard rules:
- summary: get_user_dashboard_summary(user) as the database computes it (its total_time_minutes sums
  the minutes reported on components); overall_progress: calculate_overall_progress(user);
- domains: the current exam's domains (exam_domains, N10-009) with name and weight, and over that
  exam's published components: how many, completed or mastered, in progress, and the mean progress
  (completed = 100, never opened = 0, as calculate_overall_progress counts); weighted_progress weighs
  each domain's progress by its share of the exam;
- today: minutes of learning sessions started today in the user's time zone (the same minutes that
  minutes goals count) against user_settings.daily_goal_minutes;
- continue_where_you_left_off: the in_progress component accessed most recently;
- next_recommended: among published components of the exam that the user has not started (no
  progress, or not_started) and whose prerequisites are all met, the first by: practice exams last
  (they mix every domain), then domain weight (heaviest first), then domain code, sort_order, title, id.
"""

import uuid
from typing import Any

from psycopg import sql

from netplus.achievements.engine import progress_toward
from netplus.core.pool import AsyncConn
from netplus.core.rows import Row, fetch_all, fetch_one, fetch_value

EXAM_CODE = "N10-009"

STREAK = """
SELECT coalesce(s.current_streak, 0) AS current_streak, coalesce(s.longest_streak, 0) AS longest_streak,
       coalesce(s.streak_frozen_days, 0) AS freezes_available, s.last_activity_date,
       coalesce(s.total_active_days, 0) AS total_active_days, coalesce(s.streak_history, '[]') AS history,
       t.today
FROM (SELECT user_local_date(%(user)s) AS today) t
LEFT JOIN learning_streaks s ON s.user_id = %(user)s
"""

ACHIEVEMENTS = """
SELECT a.code, a.name, a.description, a.achievement_type, a.rarity, a.points, a.icon, a.is_secret, a.criteria,
       ua.earned_at, coalesce(ua.progress_data, '{}') AS progress_data, a.is_active
FROM achievements a
LEFT JOIN user_achievements ua ON ua.achievement_id = a.id AND ua.user_id = %s
WHERE a.is_active OR ua.earned_at IS NOT NULL
ORDER BY a.sort_order, a.code
"""

DOMAINS = """
SELECT d.code, d.name, d.weight,
       count(c.id)::integer AS components,
       count(c.id) FILTER (WHERE p.status IN ('completed', 'mastered'))::integer AS completed,
       count(c.id) FILTER (WHERE p.status = 'in_progress')::integer AS in_progress,
       coalesce(round(avg(CASE WHEN p.status IN ('completed', 'mastered') THEN 100
                               ELSE coalesce(p.progress_percentage, 0) END), 2), 0) AS progress_percentage
FROM exam_domains d
LEFT JOIN learning_components c ON c.exam_code = d.exam_code AND c.domain = d.code
                                AND c.is_published AND c.deleted_at IS NULL
LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = %(user)s
WHERE d.exam_code = %(exam)s
GROUP BY d.code, d.name, d.weight
ORDER BY d.code
"""

TODAY = """
SELECT user_local_date(%(user)s) AS date,
       (SELECT coalesce(sum(s.duration_minutes), 0) FROM learning_sessions s
         WHERE s.user_id = %(user)s
           AND (s.session_start AT TIME ZONE coalesce((SELECT timezone FROM user_profiles WHERE user_id = %(user)s),
                                                      'UTC'))::date = user_local_date(%(user)s))::integer AS minutes,
       coalesce((SELECT daily_goal_minutes FROM user_settings WHERE user_id = %(user)s), 30) AS goal_minutes
"""

COMPONENT_REF = sql.SQL("c.id, c.slug, c.title, c.component_type, c.domain, c.estimated_minutes")

CONTINUE = sql.SQL("""
SELECT {columns}, p.status, p.progress_percentage, p.last_position, p.last_accessed_at
FROM user_progress p JOIN learning_components c ON c.id = p.component_id
WHERE p.user_id = %(user)s AND p.status = 'in_progress' AND c.is_published AND c.deleted_at IS NULL
ORDER BY p.last_accessed_at DESC NULLS LAST, p.updated_at DESC, c.id
LIMIT 1
""").format(columns=COMPONENT_REF)

NEXT = sql.SQL("""
SELECT {columns}
FROM learning_components c
JOIN exam_domains d ON d.exam_code = c.exam_code AND d.code = c.domain
LEFT JOIN user_progress p ON p.component_id = c.id AND p.user_id = %(user)s
WHERE c.exam_code = %(exam)s AND c.is_published AND c.deleted_at IS NULL
  AND coalesce(p.status, 'not_started') = 'not_started'
  AND NOT EXISTS (
      SELECT 1 FROM learning_components r
      LEFT JOIN user_progress rp ON rp.component_id = r.id AND rp.user_id = %(user)s
      WHERE r.id = ANY (c.prerequisites) AND r.is_published AND r.deleted_at IS NULL
        AND coalesce(rp.status, 'not_started') NOT IN ('completed', 'mastered'))
ORDER BY c.component_type = 'practice_exam', d.weight DESC, c.domain, c.sort_order, c.title, c.id
LIMIT 1
""").format(columns=COMPONENT_REF)


async def streak(conn: AsyncConn, user_id: uuid.UUID) -> Row:
    row = await fetch_one(conn, STREAK, {"user": user_id})
    assert row is not None
    last, today = row["last_activity_date"], row["today"]
    row["active_today"] = last == today
    row["at_risk"] = last is not None and (today - last).days == 1 and row["current_streak"] > 0
    return row


async def achievements(conn: AsyncConn, user_id: uuid.UUID) -> dict[str, Any]:
    """Earned ones with their date; the others with how far along the user is (computed now from the same
    totals the achievement engine uses; the stored progress_data when the engine does not know the
    criterion). Secret achievements are listed only once earned."""
    totals: dict[str, Any] = await fetch_value(conn, "SELECT user_learning_totals(%s)", (user_id,))
    items, hidden = [], 0
    for row in await fetch_all(conn, ACHIEVEMENTS, (user_id,)):
        earned = row["earned_at"] is not None
        if row["is_secret"] and not earned:
            hidden += 1
            continue
        progress = row["progress_data"]
        if not earned:
            live = progress_toward(row["criteria"], totals, set())
            progress = live.as_json() if live is not None else progress
        started = bool(progress.get("current"))
        items.append({k: row[k] for k in ("code", "name", "description", "achievement_type", "rarity", "points",
                                          "icon", "is_secret", "earned_at")}
                     | {"progress_data": progress,
                        "status": "earned" if earned else "in_progress" if started else "locked"})
    earned_items = [i for i in items if i["status"] == "earned"]
    return {"items": items, "earned_count": len(earned_items), "points": sum(i["points"] for i in earned_items),
            "hidden_secret_count": hidden}


async def dashboard(conn: AsyncConn, user_id: uuid.UUID) -> dict[str, Any]:
    params = {"user": user_id, "exam": EXAM_CODE}
    summary = await fetch_one(conn, "SELECT * FROM get_user_dashboard_summary(%(user)s)", params)
    overall = await fetch_value(conn, "SELECT calculate_overall_progress(%(user)s)", params)
    domains = await fetch_all(conn, DOMAINS, params)
    weight = sum(float(d["weight"]) for d in domains)
    weighted = sum(float(d["weight"]) * float(d["progress_percentage"]) for d in domains) / weight if weight else 0.0
    today = await fetch_one(conn, TODAY, params)
    assert summary is not None
    assert today is not None
    today["percent"] = min(100.0, round(100 * today["minutes"] / today["goal_minutes"], 2))
    today["goal_met"] = today["minutes"] >= today["goal_minutes"]
    return {"summary": summary, "overall_progress": overall, "exam_code": EXAM_CODE, "weighted_progress": weighted,
            "domains": domains, "today": today,
            "continue_where_you_left_off": await fetch_one(conn, CONTINUE, params),
            "next_recommended": await fetch_one(conn, NEXT, params)}
