"""The daily component rollup: component_analytics for one UTC day, from sessions, progress and attempts.

The definitions of every number are in sql/component_rollup.sql, next to the statement that computes them.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg import Connection

from netplus.database.maintenance import SESSION_RETENTION

ROLLUP = (Path(__file__).parent / "sql" / "component_rollup.sql").read_text(encoding="utf-8")
ROWS_OF_DAY = "SELECT count(*) FROM component_analytics WHERE date = %(day)s"
# Sessions older than this are deleted by the weekly maintenance: a day before it can no longer be recomputed.
OLDEST_DAY = "SELECT ((now() AT TIME ZONE 'UTC') - %(retention)s::interval)::date"


def yesterday_utc() -> date:
    return datetime.now(UTC).date() - timedelta(days=1)


def oldest_rollup_day(conn: Connection[Any]) -> date:
    row = conn.execute(OLDEST_DAY, {"retention": SESSION_RETENTION}).fetchone()
    assert row is not None
    oldest: date = row[0]
    return oldest


def rollup_components(conn: Connection[Any], day: date) -> tuple[int, int]:
    """Write `day`'s component_analytics rows in the caller's transaction.

    Returns (rows written or changed, rows the day has): the second run for a day writes nothing.
    """
    written = conn.execute(ROLLUP, {"day": day}).rowcount
    row = conn.execute(ROWS_OF_DAY, {"day": day}).fetchone()
    assert row is not None
    return written, int(row[0])
