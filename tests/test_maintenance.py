"""`netplus db maintain`: what each period does to the data, and what it reports."""

from pathlib import Path

from netplus.core.database import DatabaseTarget, connect
from netplus.database.maintenance import run_maintenance
from tests.factories import make_user


def test_weekly_removes_old_sessions_and_writes_a_backup(fresh_db: DatabaseTarget, backup_dir: Path) -> None:
    with connect(fresh_db) as conn:
        user = make_user(conn)
        for age in ("1 day", "29 days", "31 days", "90 days"):
            conn.execute("INSERT INTO learning_sessions (user_id, created_at) VALUES (%s, now() - %s::interval)",
                         (user, age))
        conn.commit()
    report = run_maintenance(fresh_db, "weekly", backup_dir=backup_dir)
    assert "removed 2 learning sessions older than 30 days" in report.steps
    assert any(step.startswith("wrote the weekly full backup") for step in report.steps)
    assert len(list(backup_dir.glob("*_full_*.sql.gz"))) == 1
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM learning_sessions").fetchone() == (2,)


def test_monthly_moves_old_logs_into_the_archive(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn:
        user = make_user(conn)
        for age in ("10 days", "89 days", "91 days", "400 days"):
            conn.execute("INSERT INTO user_activity_logs (user_id, activity_type, metadata, created_at)"
                         " VALUES (%s, 'login', jsonb_build_object('age', %s::text), now() - %s::interval)",
                         (user, age, age))
        conn.commit()
    report = run_maintenance(fresh_db, "monthly")
    assert "archived 2 activity log rows older than 90 days" in report.steps
    assert "vacuumed and analyzed the database" in report.steps
    assert report.unused_indexes  # a fresh database has scanned almost nothing
    with connect(fresh_db) as conn:
        kept = conn.execute("SELECT metadata ->> 'age' FROM user_activity_logs ORDER BY 1").fetchall()
        archived = conn.execute(
            "SELECT metadata ->> 'age', user_id FROM user_activity_logs_archive ORDER BY 1").fetchall()
    assert kept == [("10 days",), ("89 days",)]
    assert archived == [("400 days", user), ("91 days", user)]


def test_daily_refreshes_the_views_and_says_whether_slow_queries_are_known(fresh_db: DatabaseTarget) -> None:
    report = run_maintenance(fresh_db, "daily")
    assert "refreshed mv_daily_user_activity and mv_weekly_domain_progress" in report.steps
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM mv_daily_user_activity").fetchone() == (0,)  # populated, empty
        loaded = conn.execute("SELECT current_setting('shared_preload_libraries') ~ 'pg_stat_statements'"
                              " AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')"
                              ).fetchone() == (True,)
    assert (report.slow_queries is not None) == loaded
    assert any("pg_stat_statements" in step for step in report.steps)
