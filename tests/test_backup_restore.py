"""backup.sh and restore.sh: round trips, refusals, and restores that fail without a trace."""

import gzip
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from netplus.core.database import DatabaseTarget, connect, database_exists, drop_database
from netplus.database.backup import cleanup_backups, create_backup, list_backups
from netplus.database.restore import RestoreError, restore_backup


@pytest.fixture
def new_db(server: DatabaseTarget) -> Iterator[DatabaseTarget]:
    target = server.with_database(f"netplus_test_restore_{uuid.uuid4().hex[:10]}")
    yield target
    drop_database(target)


def row_counts(target: DatabaseTarget) -> dict[str, int]:
    with connect(target) as conn:
        tables = [str(r[0]) for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()]
        return {t: int(str(conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(
            psycopg.sql.Identifier(t))).fetchone()[0])) for t in tables}  # type: ignore[index]


def test_full_backup_restores_into_a_new_database(fresh_seeded_db: DatabaseTarget, new_db: DatabaseTarget,
                                                  backup_dir: Path) -> None:
    made = create_backup(fresh_seeded_db, "full", backup_dir)
    assert made.path.name.startswith(f"netplus_{fresh_seeded_db.dbname}_full_")
    assert made.path.name.endswith(".sql.gz")
    assert [b.path for b in list_backups(backup_dir)] == [made.path]
    restore_backup(new_db, made.path, create=True)
    counts = row_counts(new_db)
    assert counts == row_counts(fresh_seeded_db)
    assert counts["users"] == 5 and counts["alembic_version"] == 1
    with connect(new_db) as conn:  # policies and functions came back too
        assert conn.execute("SELECT count(*) > 0 FROM pg_policies").fetchone() == (True,)
        conn.execute("SELECT * FROM get_user_dashboard_summary(gen_random_uuid())")


def test_schema_then_data_backups_restore(fresh_seeded_db: DatabaseTarget, new_db: DatabaseTarget,
                                          backup_dir: Path) -> None:
    schema = create_backup(fresh_seeded_db, "schema", backup_dir)
    data = create_backup(fresh_seeded_db, "data", backup_dir)
    with pytest.raises(RestoreError, match="has no schema"):
        restore_backup(new_db, data.path, create=True)
    restore_backup(new_db, schema.path)
    assert set(row_counts(new_db).values()) == {0}
    restore_backup(new_db, data.path)
    assert row_counts(new_db) == row_counts(fresh_seeded_db)


def test_a_database_that_is_not_empty_is_refused_unless_forced(fresh_seeded_db: DatabaseTarget,
                                                                backup_dir: Path) -> None:
    made = create_backup(fresh_seeded_db, "full", backup_dir)
    data = create_backup(fresh_seeded_db, "data", backup_dir)
    with connect(fresh_seeded_db) as conn:
        conn.execute("DELETE FROM user_settings")
        conn.commit()
    with pytest.raises(RestoreError, match="is not empty"):
        restore_backup(fresh_seeded_db, made.path)
    with pytest.raises(RestoreError, match="already holds data"):
        restore_backup(fresh_seeded_db, data.path)
    assert row_counts(fresh_seeded_db)["user_settings"] == 0
    restore_backup(fresh_seeded_db, made.path, force=True)
    assert row_counts(fresh_seeded_db)["user_settings"] == 5
    restore_backup(fresh_seeded_db, data.path, force=True)
    assert row_counts(fresh_seeded_db)["users"] == 5


def test_missing_database_needs_create(server: DatabaseTarget, fresh_seeded_db: DatabaseTarget,
                                       backup_dir: Path) -> None:
    made = create_backup(fresh_seeded_db, "full", backup_dir)
    missing = server.with_database(f"netplus_test_missing_{uuid.uuid4().hex[:8]}")
    with pytest.raises(RestoreError, match="does not exist"):
        restore_backup(missing, made.path)
    assert not database_exists(missing)


@pytest.mark.parametrize("damage", ["truncated", "not_gzip", "not_a_dump", "cut_short"])
def test_a_damaged_archive_is_refused_before_anything_is_touched(
        fresh_seeded_db: DatabaseTarget, new_db: DatabaseTarget, backup_dir: Path, damage: str) -> None:
    made = create_backup(fresh_seeded_db, "full", backup_dir)
    bad = backup_dir / "damaged.sql.gz"
    raw = made.path.read_bytes()
    text = gzip.decompress(raw).decode()
    if damage == "truncated":
        bad.write_bytes(raw[: len(raw) // 2])
    elif damage == "not_gzip":
        bad.write_text(text)
    elif damage == "not_a_dump":
        bad.write_bytes(gzip.compress(b"DROP TABLE users;\n"))
    else:
        bad.write_bytes(gzip.compress(text[: len(text) // 2].encode()))
    with pytest.raises(RestoreError):
        restore_backup(new_db, bad, create=True)
    assert not database_exists(new_db)


def test_a_restore_that_fails_midway_changes_nothing(fresh_seeded_db: DatabaseTarget, backup_dir: Path) -> None:
    made = create_backup(fresh_seeded_db, "full", backup_dir)
    text = gzip.decompress(made.path.read_bytes()).decode()
    marker = "-- PostgreSQL database dump complete"
    poisoned = text.replace(marker, "SELECT 1 / 0;\n\n" + marker)
    bad = backup_dir / "poisoned.sql.gz"
    bad.write_bytes(gzip.compress(poisoned.encode()))
    with connect(fresh_seeded_db) as conn:
        conn.execute("DELETE FROM user_settings WHERE user_id IN (SELECT id FROM users WHERE username = 'student3')")
        conn.execute("INSERT INTO performance_metrics (metric_type, metric_name, metric_value) VALUES ('t', 'n', 1)")
        conn.commit()
    before = row_counts(fresh_seeded_db)
    with pytest.raises(RestoreError, match=r"rolled back.*division by zero"):
        restore_backup(fresh_seeded_db, bad, force=True)
    assert row_counts(fresh_seeded_db) == before


def test_cleanup_keeps_the_last_seven_days(backup_dir: Path) -> None:
    backup_dir.mkdir(parents=True)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    names = {}
    for days in (0, 3, 6, 8, 30):
        stamp = (now - timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
        names[days] = backup_dir / f"netplus_np_full_{stamp}.sql.gz"
        names[days].write_bytes(b"")
    unrelated = backup_dir / "notes.txt"
    unrelated.write_text("keep me")
    removed = cleanup_backups(backup_dir, keep_days=7, now=now)
    assert sorted(b.path for b in removed) == sorted([names[8], names[30]])
    assert sorted(p.name for p in backup_dir.iterdir()) == sorted(
        [names[0].name, names[3].name, names[6].name, "notes.txt"])
