"""The seed's regular maintenance tasks (`netplus db maintain daily|weekly|monthly`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from psycopg import Connection

from netplus.core.database import DatabaseTarget, connection
from netplus.database.backup import create_backup

Period = Literal["daily", "weekly", "monthly"]
SESSION_RETENTION = "30 days"
LOG_RETENTION = "90 days"

DELETE_OLD_SESSIONS = """
DELETE FROM learning_sessions WHERE created_at < now() - %s::interval
"""
# One statement moves the rows: they are in the archive or still in the log, never lost.
ARCHIVE_OLD_LOGS = """
WITH moved AS (
    DELETE FROM user_activity_logs WHERE created_at < now() - %s::interval RETURNING *
)
INSERT INTO user_activity_logs_archive
    (id, user_id, activity_type, activity_description, resource_type, resource_id, metadata,
     ip_address, user_agent, created_at, updated_at)
SELECT id, user_id, activity_type, activity_description, resource_type, resource_id, metadata,
       ip_address, user_agent, created_at, updated_at
FROM moved
"""
UNUSED_INDEXES = """
SELECT s.relname, s.indexrelname, pg_size_pretty(pg_relation_size(s.indexrelid))
FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
WHERE s.idx_scan = 0 AND NOT i.indisunique AND s.schemaname = 'public'
ORDER BY pg_relation_size(s.indexrelid) DESC, s.indexrelname
"""
SLOWEST_QUERIES = """
SELECT round(mean_exec_time::numeric, 2)::text, calls::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 120)
FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10
"""

Conn = Connection[tuple[object, ...]]


@dataclass
class MaintenanceReport:
    period: Period
    steps: list[str] = field(default_factory=list)
    unused_indexes: list[tuple[str, str, str]] = field(default_factory=list)
    slow_queries: list[tuple[str, str, str]] | None = None  # None: pg_stat_statements not loaded


def refresh_views(conn: Conn, report: MaintenanceReport) -> None:
    conn.execute("SELECT refresh_analytics_views()")
    report.steps.append("refreshed mv_daily_user_activity and mv_weekly_domain_progress")


def report_slow_queries(conn: Conn, report: MaintenanceReport) -> None:
    loaded = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')"
        " AND current_setting('shared_preload_libraries') ~ 'pg_stat_statements'").fetchone()
    if loaded == (True,):
        report.slow_queries = [(str(a), str(b), str(c)) for a, b, c in conn.execute(SLOWEST_QUERIES).fetchall()]
        report.steps.append("read the slowest queries from pg_stat_statements")
    else:
        report.steps.append("pg_stat_statements is not loaded: no slow-query report")


def analyze(conn: Conn, report: MaintenanceReport) -> None:
    conn.execute("ANALYZE")
    report.steps.append("analyzed all tables")


def clean_old_sessions(conn: Conn, report: MaintenanceReport) -> None:
    deleted = conn.execute(DELETE_OLD_SESSIONS, (SESSION_RETENTION,)).rowcount
    report.steps.append(f"removed {deleted} learning sessions older than {SESSION_RETENTION}")


def archive_old_logs(conn: Conn, report: MaintenanceReport) -> None:
    with conn.transaction():
        moved = conn.execute(ARCHIVE_OLD_LOGS, (LOG_RETENTION,)).rowcount
    report.steps.append(f"archived {moved} activity log rows older than {LOG_RETENTION}")


def vacuum(conn: Conn, report: MaintenanceReport) -> None:
    conn.execute("VACUUM (ANALYZE)")
    report.steps.append("vacuumed and analyzed the database")


def find_unused_indexes(conn: Conn, report: MaintenanceReport) -> None:
    report.unused_indexes = [(str(a), str(b), str(c)) for a, b, c in conn.execute(UNUSED_INDEXES).fetchall()]
    report.steps.append(f"found {len(report.unused_indexes)} never-scanned non-unique indexes")


TASKS: dict[Period, list[Callable[[Conn, MaintenanceReport], None]]] = {
    "daily": [refresh_views, report_slow_queries],
    "weekly": [analyze, clean_old_sessions],
    "monthly": [archive_old_logs, vacuum, find_unused_indexes],
}


def run_maintenance(target: DatabaseTarget, period: Period, *, backup_dir: Path | None = None) -> MaintenanceReport:
    """Run the period's tasks; weekly also writes a full backup when `backup_dir` is given.

    Autocommit, because VACUUM cannot run inside a transaction; each task is one statement (or
    one explicit transaction), so an interrupted run leaves nothing half-done.
    """
    report = MaintenanceReport(period)
    with connection(target, autocommit=True) as conn:
        for task in TASKS[period]:
            task(conn, report)
    if period == "weekly" and backup_dir is not None:
        backup = create_backup(target, "full", backup_dir)
        report.steps.append(f"wrote the weekly full backup {backup.path}")
    return report
