"""Migrations: up, down to base, up again; each step leaves the schema it promises."""

import threading
import time
import warnings
from decimal import Decimal

from netplus.core.database import DatabaseTarget, connect
from netplus.database import migrate
from tests.factories import make_component, make_progress, make_user

CATALOG = """
SELECT 'table ' || c.relname || ' ' || c.relkind::text FROM pg_class c
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'i', 'S')
UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                 || coalesce(column_default, '')
  FROM information_schema.columns WHERE table_schema = 'public'
UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace
UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
UNION ALL SELECT 'policy ' || tablename || ' ' || policyname || ' ' || coalesce(qual, '') FROM pg_policies
UNION ALL SELECT 'grant ' || table_name || ' ' || grantee || ' ' || privilege_type
  FROM information_schema.role_table_grants WHERE table_schema = 'public' AND grantee IN ('app_user', 'readonly')
"""


def catalog(target: DatabaseTarget) -> list[str]:
    with connect(target) as conn:
        return sorted(str(r[0]) for r in conn.execute(CATALOG).fetchall())


def test_up_down_to_base_and_up_again(empty_db: DatabaseTarget) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        migrate.upgrade(empty_db)
        assert migrate.current_revision(empty_db) == migrate.head_revision()
        at_head = catalog(empty_db)
        assert any(line.startswith("policy user_activity_logs user_logs_policy") for line in at_head)

        migrate.downgrade(empty_db, "base")
        assert migrate.current_revision(empty_db) is None
        assert [line for line in catalog(empty_db) if "alembic_version" not in line] == []

        migrate.upgrade(empty_db)
        assert catalog(empty_db) == at_head


def test_each_revision_downgrades_one_step(empty_db: DatabaseTarget) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        revisions = ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"]
        assert revisions[-1] == migrate.head_revision()
        snapshots = {}
        for rev in revisions:
            migrate.upgrade(empty_db, rev)
            snapshots[rev] = catalog(empty_db)
        for rev, previous in zip(reversed(revisions[1:]), reversed(revisions[:-1]), strict=True):
            plan = migrate.rollback_plan(empty_db)
            assert plan is not None and plan.revision == rev and plan.down_to == previous
            assert plan.sql.strip()
            migrate.downgrade(empty_db)
            assert catalog(empty_db) == snapshots[previous]


def test_concurrent_migrations_wait_for_the_advisory_lock(empty_db: DatabaseTarget) -> None:
    from netplus.database.migrations.env_settings import MIGRATION_LOCK_KEY

    with connect(empty_db) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        done = threading.Event()

        def run() -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                migrate.upgrade(empty_db)
            done.set()

        worker = threading.Thread(target=run)
        worker.start()
        deadline = time.monotonic() + 10
        waiting = False
        while time.monotonic() < deadline and not waiting:
            row = holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()
            waiting = row == (1,)
            time.sleep(0.05)
        assert waiting and not done.is_set()
        holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        worker.join(timeout=30)
    assert done.is_set()
    assert migrate.current_revision(empty_db) == migrate.head_revision()


def test_0008_corrects_time_zones_and_recounts_components(empty_db: DatabaseTarget) -> None:
    """Rows written under the old rules: zones in the wrong case or as offsets, counters out of step."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        migrate.upgrade(empty_db, "0007")
        with connect(empty_db) as conn:
            users = [make_user(conn) for _ in range(3)]
            for user, zone in zip(users, ("europe/london", "UTC+3", "Asia/Tokyo"), strict=True):
                conn.execute("INSERT INTO user_profiles (user_id, timezone) VALUES (%s, %s)", (user, zone))
            component = make_component(conn, completion_count=7, rating_count=1, average_rating=1)
            for user, rating in zip(users, (5, 4, None), strict=True):
                make_progress(conn, user, component, rating=rating, status="completed", progress_percentage=100,
                              completion_date="2026-01-02")
            conn.commit()
        migrate.upgrade(empty_db)
        with connect(empty_db) as conn:
            zones = conn.execute("SELECT timezone FROM user_profiles ORDER BY created_at, id").fetchall()
            counters = conn.execute("SELECT average_rating, rating_count, completion_count FROM learning_components"
                                    ).fetchone()
    assert sorted(str(z[0]) for z in zones) == ["Asia/Tokyo", "Europe/London", "UTC"]
    assert counters == (Decimal("4.50"), 2, 3)
