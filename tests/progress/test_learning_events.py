"""What moves after a learning activity: streak, goals (recomputed from the data), achievements."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from netplus.core.activity import Client
from netplus.core.database import DatabaseTarget, connect
from netplus.progress.events import ActivityOutcome, record_learning_activity
from tests.factories import (
    make_achievement,
    make_assessment,
    make_attempt,
    make_component,
    make_goal,
    make_progress,
    make_question,
    make_user,
)


def as_user(target: DatabaseTarget, user_id: uuid.UUID,
            work: Callable[[psycopg.AsyncConnection[Any]], Awaitable[ActivityOutcome]]) -> ActivityOutcome:
    async def run() -> ActivityOutcome:
        async with await psycopg.AsyncConnection.connect(target.conninfo) as conn, conn.transaction():
            await conn.execute("SET LOCAL ROLE app_user")
            await conn.execute("SELECT set_config('app.user_id', %s, true)", (str(user_id),))
            return await work(conn)
    return asyncio.run(run())


def study(target: DatabaseTarget, user_id: uuid.UUID, events: frozenset[str] = frozenset()) -> ActivityOutcome:
    return as_user(target, user_id, lambda conn: record_learning_activity(
        conn, user_id, "lesson.study", "Studied", client=Client(), events=events))


def test_an_activity_is_logged_and_starts_the_streak(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn:
        user = make_user(conn)
        conn.execute("INSERT INTO user_profiles (user_id, timezone) VALUES (%s, 'Pacific/Kiritimati')", (user,))
        conn.commit()
    study(fresh_db, user)
    with connect(fresh_db) as conn:
        row = conn.execute("SELECT s.current_streak, s.last_activity_date = (now() AT TIME ZONE 'Pacific/Kiritimati')"
                           "::date FROM learning_streaks s").fetchone()
        assert row == (1, True)  # the user's own calendar day (UTC+14)
        assert conn.execute("SELECT activity_type FROM user_activity_logs").fetchall() == [("lesson.study",)]


def test_goals_are_recomputed_and_complete_or_fail(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn:
        user = make_user(conn)
        done = [make_component(conn) for _ in range(3)]
        for c in done:
            make_progress(conn, user, c, status="completed", progress_percentage=100, started_at="2026-01-01",
                          completion_date="now()")
        conn.execute("INSERT INTO learning_sessions (user_id, session_start, session_end, duration_minutes)"
                     " VALUES (%s, now() - interval '40 minutes', now(), 40)", (user,))
        reached = make_goal(conn, user, goal_type="weekly", metric="components", target_value=3)
        short = make_goal(conn, user, goal_type="daily", metric="minutes", target_value=60, title="An hour a day")
        missed = make_goal(conn, user, goal_type="custom", metric="minutes", target_value=500,
                           start_date="2026-01-01", target_date="2026-01-31", title="January")
        conn.commit()
    outcome = study(fresh_db, user)
    assert outcome.goals_changed == 2
    with connect(fresh_db) as conn:
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, status, current_value, completed_date IS NOT NULL FROM study_goals").fetchall()}
    assert rows[reached] == ("completed", 3, True)
    assert rows[short] == ("active", 40, False)
    assert rows[missed] == ("failed", 0, False)
    assert study(fresh_db, user).goals_changed == 0  # running again changes nothing


def test_achievements_are_awarded_once_with_progress_toward_the_rest(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn:
        user = make_user(conn)
        make_achievement(conn, code="first_steps", criteria=Jsonb({"type": "components_completed", "count": 1}))
        make_achievement(conn, code="five_done", criteria=Jsonb({"type": "components_completed", "count": 5}))
        make_achievement(conn, code="welcome", criteria=Jsonb({"type": "special", "event": "first_login"}))
        make_achievement(conn, code="sharp", criteria=Jsonb({"type": "score_at_least", "percentage": 90,
                                                             "assessment_type": "practice_exam"}))
        make_achievement(conn, code="flawless", criteria=Jsonb({"type": "perfect_score"}))
        q = make_question(conn)
        exam = make_assessment(conn, [q], assessment_type="practice_exam")
        make_attempt(conn, user, exam, status="completed", started_at="2026-02-01 10:00Z",
                     completed_at="2026-02-01 11:00Z", percentage=100, score=1, max_score=1, passed=True,
                     question_order=[q])
        make_progress(conn, user, make_component(conn), status="completed", progress_percentage=100,
                      completion_date="now()")
        conn.commit()
    first = study(fresh_db, user, events=frozenset({"first_login"}))
    assert sorted(first.achievements_awarded) == ["first_steps", "flawless", "sharp", "welcome"]
    assert study(fresh_db, user).achievements_awarded == []
    with connect(fresh_db) as conn:
        progress = conn.execute("SELECT a.code, ua.progress_data FROM user_achievements ua JOIN achievements a"
                                " ON a.id = ua.achievement_id WHERE ua.earned_at IS NULL").fetchall()
    assert progress == [("five_done", {"current": 1.0, "target": 5.0, "percent": 20})]
