"""check_and_award_achievement, get_user_dashboard_summary, calculate_overall_progress,
refresh_analytics_views."""

import threading
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from netplus.core.database import DatabaseTarget, connect
from tests.factories import (
    Conn,
    make_achievement,
    make_assessment,
    make_attempt,
    make_component,
    make_goal,
    make_progress,
    make_question,
    make_user,
)


def award(db: Conn, user: Any, code: str) -> bool:
    row = db.execute("SELECT check_and_award_achievement(%s, %s)", (user, code)).fetchone()
    assert row is not None
    return bool(row[0])


def test_award_once_then_false(db: Conn) -> None:
    user = make_user(db)
    make_achievement(db, code="first_steps")
    assert award(db, user, "first_steps") is True
    assert award(db, user, "first_steps") is False
    rows = db.execute("SELECT earned_at IS NOT NULL FROM user_achievements WHERE user_id = %s", (user,)).fetchall()
    assert rows == [(True,)]


def test_award_completes_an_in_progress_row(db: Conn) -> None:
    user = make_user(db)
    achievement = make_achievement(db, code="ten_quizzes")
    db.execute("INSERT INTO user_achievements (user_id, achievement_id, progress_data) VALUES (%s, %s, %s)",
               (user, achievement, psycopg.types.json.Jsonb({"current": 9, "target": 10})))
    assert award(db, user, "ten_quizzes") is True
    row = db.execute("SELECT earned_at IS NOT NULL, progress_data FROM user_achievements WHERE user_id = %s",
                     (user,)).fetchone()
    assert row == (True, {"current": 9, "target": 10})


def test_inactive_achievement_is_not_awarded(db: Conn) -> None:
    user = make_user(db)
    make_achievement(db, code="retired", is_active=False)
    assert award(db, user, "retired") is False


def test_unknown_code_is_an_error(db: Conn) -> None:
    user = make_user(db)
    with pytest.raises(psycopg.errors.NoDataFound, match="unknown achievement code nope"):
        award(db, user, "nope")


def test_concurrent_awards_award_exactly_once(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as setup:
        user = make_user(setup)
        make_achievement(setup, code="race")
        setup.commit()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        with connect(fresh_db) as conn:
            barrier.wait()
            results.append(award(conn, user, "race"))
            conn.commit()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    with connect(fresh_db) as check:
        assert check.execute("SELECT count(*) FROM user_achievements").fetchone() == (1,)


def summary(db: Conn, user: Any) -> dict[str, Any] | None:
    cur = db.execute("SELECT * FROM get_user_dashboard_summary(%s)", (user,))
    row = cur.fetchone()
    if row is None:
        return None
    assert cur.description is not None
    return dict(zip([c.name for c in cur.description], row, strict=True))


def test_dashboard_of_an_empty_user(db: Conn) -> None:
    user = make_user(db)
    assert summary(db, user) == {
        "components_started": 0, "components_completed": 0, "total_time_minutes": 0, "current_streak": 0,
        "longest_streak": 0, "achievement_count": 0, "average_assessment_score": None, "active_goals_count": 0,
    }


def test_dashboard_of_unknown_or_deleted_user_is_empty(db: Conn) -> None:
    deleted = make_user(db, account_status="deleted", deleted_at="2026-01-01")
    assert summary(db, deleted) is None
    assert summary(db, "00000000-0000-0000-0000-000000000000") is None


def test_dashboard_of_a_busy_user(db: Conn) -> None:
    user, other = make_user(db), make_user(db)
    c1, c2, c3 = make_component(db), make_component(db), make_component(db)
    make_progress(db, user, c1, status="completed", progress_percentage=100, completion_date="2026-01-02",
                  time_spent_minutes=30)
    make_progress(db, user, c2, status="in_progress", progress_percentage=40, time_spent_minutes=15)
    make_progress(db, user, c3, status="not_started", progress_percentage=0, started_at=None)
    make_progress(db, other, c1, status="in_progress", time_spent_minutes=99)
    q = make_question(db)
    quiz = make_assessment(db, [q])
    for n, pct in enumerate([60, 90], start=1):
        make_attempt(db, user, quiz, attempt_number=n, status="completed", started_at="2026-01-03 09:00Z",
                     completed_at="2026-01-03 09:20Z",
                     percentage=pct, score=pct / 10, max_score=10, question_order=[q])
    make_attempt(db, user, quiz, attempt_number=3)  # in progress: not scored yet
    make_goal(db, user)
    make_goal(db, user, status="abandoned")
    make_achievement(db, code="busy")
    award(db, user, "busy")
    for day in ("2026-01-01", "2026-01-02"):
        db.execute("SELECT update_learning_streak(%s, %s)", (user, day))
    assert summary(db, user) == {
        "components_started": 2, "components_completed": 1, "total_time_minutes": 45, "current_streak": 2,
        "longest_streak": 2, "achievement_count": 1, "average_assessment_score": Decimal("75.00"),
        "active_goals_count": 1,
    }


def overall(db: Conn, user: Any) -> Decimal:
    row = db.execute("SELECT calculate_overall_progress(%s)", (user,)).fetchone()
    assert row is not None
    return row[0]  # type: ignore[return-value]


def test_overall_progress_over_the_published_catalog(db: Conn) -> None:
    user = make_user(db)
    assert overall(db, user) == Decimal("0.00")  # empty catalog
    done, half, _untouched = make_component(db), make_component(db), make_component(db)
    make_component(db, is_published=False, published_at=None)  # drafts do not count
    make_progress(db, user, done, status="completed", progress_percentage=100, completion_date="2026-01-02")
    make_progress(db, user, half, progress_percentage=50)
    assert overall(db, user) == Decimal("50.00")  # (100 + 50 + 0) / 3


def test_refresh_analytics_views_first_plain_then_concurrently(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
            conn.execute("SELECT * FROM mv_daily_user_activity")  # never refreshed
        user = make_user(conn)
        component = make_component(conn, domain="2.0")
        conn.execute("INSERT INTO learning_sessions (user_id, component_id, session_start, session_end,"
                     " duration_minutes) VALUES (%s, %s, '2026-02-03 10:00Z', '2026-02-03 10:25Z', 25)",
                     (user, component))
        make_progress(conn, user, component, status="completed", progress_percentage=100,
                      completion_date="2026-02-03 10:25Z", last_accessed_at="2026-02-03 10:25Z")
        conn.execute("SELECT refresh_analytics_views()")
        daily = conn.execute("SELECT activity_date::text, active_users, total_sessions, total_minutes,"
                             " components_completed FROM mv_daily_user_activity").fetchall()
        assert daily == [("2026-02-03", 1, 1, 25, 1)]
        weekly = conn.execute("SELECT week_start::text, domain, active_users, completions, total_time_minutes"
                              " FROM mv_weekly_domain_progress").fetchall()
        assert weekly == [("2026-02-02", "2.0", 1, 1, 25)]
        conn.execute("SELECT refresh_analytics_views()")  # populated now: the concurrent path
        assert conn.execute("SELECT count(*) FROM mv_daily_user_activity").fetchone() == (1,)


def test_refresh_analytics_views_runs_for_the_application_role(db: Conn) -> None:
    db.execute("SET LOCAL ROLE app_user")
    db.execute("SELECT refresh_analytics_views()")
    assert db.execute("SELECT count(*) FROM mv_weekly_domain_progress").fetchone() == (0,)
