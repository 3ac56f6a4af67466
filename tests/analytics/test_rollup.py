"""`netplus analytics rollup`, run as an operator would: exact numbers, and the same rows every run."""

from datetime import timedelta
from typing import Any

from netplus.core.database import DatabaseTarget, connect
from tests.analytics.dataset import Known, session
from tests.test_content_cli import netplus

ROWS = """
SELECT c.slug, a.views, a.unique_users, a.completions, a.average_time_minutes::float, a.average_score::float,
       a.engagement_rate::float, a.bounce_rate::float, a.updated_at
FROM component_analytics a JOIN learning_components c ON c.id = a.component_id
WHERE a.date = %s ORDER BY c.slug
"""


def stored(target: DatabaseTarget, known: Known, days: int = 0) -> list[tuple[Any, ...]]:
    with connect(target) as conn:
        return conn.execute(ROWS, (known.day + timedelta(days=days),)).fetchall()


def test_the_rollup_of_a_day_is_exact_and_idempotent(fresh_db: DatabaseTarget, known: Known) -> None:
    first = netplus("analytics", "rollup", "--date", str(known.day), target=fresh_db)
    assert first.returncode == 0, first.stderr
    assert f"component_analytics for {known.day} (UTC): 2 rows, 2 written or changed." in first.stdout
    rows = stored(fresh_db, known)
    # k-c1: 3 sessions by 2 learners; mean of the 2 that ended (30 and 0 min); 1 engaged, 2 bounced
    # (20 s, and never ended); alice completed it. k-c2: 1 session of 20 min without interaction
    # (neither engaged nor a bounce); the mean of the 2 attempts on the assessment it presents.
    assert [r[:8] for r in rows] == [("k-c1", 3, 2, 1, 15.0, None, 33.33, 66.67),
                                     ("k-c2", 1, 1, 0, 20.0, 75.0, 0.0, 0.0)]

    second = netplus("analytics", "rollup", "--date", str(known.day), target=fresh_db)
    assert second.returncode == 0 and "2 rows, 0 written or changed." in second.stdout
    assert stored(fresh_db, known) == rows  # updated_at included: nothing was rewritten

    with connect(fresh_db) as conn, conn.transaction():  # a late session on k-c2 changes only its row
        session(conn, known.bob, known.components["C2"], known.at(18), seconds=5 * 60, interactions=4)
    third = netplus("analytics", "rollup", "--date", str(known.day), target=fresh_db)
    assert "2 rows, 1 written or changed." in third.stdout
    after = stored(fresh_db, known)
    assert after[0] == rows[0]
    assert after[1][:8] == ("k-c2", 2, 2, 0, 12.5, 75.0, 50.0, 0.0)

    before = netplus("analytics", "rollup", "--date", str(known.day - timedelta(days=1)), target=fresh_db)
    assert "1 rows, 1 written or changed." in before.stdout
    assert [r[:8] for r in stored(fresh_db, known, days=-1)] == [("k-c2", 1, 1, 0, 1.0, None, 100.0, 0.0)]


def test_the_default_day_is_yesterday_and_old_days_are_refused(fresh_db: DatabaseTarget, known: Known) -> None:
    yesterday = netplus("analytics", "rollup", target=fresh_db)
    assert yesterday.returncode == 0, yesterday.stderr
    assert f"for {known.day + timedelta(days=1)} (UTC): 0 rows" in yesterday.stdout
    purged = netplus("analytics", "rollup", "--date", str(known.day - timedelta(days=40)), target=fresh_db)
    assert purged.returncode == 1 and "cannot be recomputed" in purged.stderr
    malformed = netplus("analytics", "rollup", "--date", "25/11/2026", target=fresh_db)
    assert malformed.returncode == 2
