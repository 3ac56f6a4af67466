"""The seed's scripts, run as a user would: usage errors, confirmations, clear failures."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from netplus.core.database import DatabaseTarget, connect, database_exists, drop_database
from netplus.database import migrate

SCRIPTS = Path(__file__).parent.parent / "backend" / "database" / "scripts"


def run(script: str, *args: str, target: DatabaseTarget | None = None, backup_dir: Path | None = None,
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DB_") and k != "DATABASE_URL"}
    if target is not None:
        env["DATABASE_URL"] = target.url
    if backup_dir is not None:
        env["BACKUP_DIR"] = str(backup_dir)
    env["BCRYPT_ROUNDS"] = "10"
    env.update(extra_env or {})
    return subprocess.run([str(SCRIPTS / script), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.mark.parametrize(("script", "args"), [
    ("migrate.sh", []), ("migrate.sh", ["sideways"]), ("migrate.sh", ["up", "--yes"]),
    ("migrate.sh", ["down", "--now"]), ("seed.sh", ["extra"]), ("backup.sh", []), ("backup.sh", ["weekly"]),
    ("restore.sh", []), ("restore.sh", ["--force"]),
])
def test_wrong_or_missing_arguments_print_usage_and_do_nothing(
        fresh_db: DatabaseTarget, tmp_path: Path, script: str, args: list[str]) -> None:
    result = run(script, *args, target=fresh_db, backup_dir=tmp_path / "b")
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: {script}")
    assert not (tmp_path / "b").exists()
    assert migrate.current_revision(fresh_db) == migrate.head_revision()


def test_migrate_up_creates_and_migrates_a_new_database(server: DatabaseTarget) -> None:
    target = server.with_database(f"netplus_test_scripts_{uuid.uuid4().hex[:8]}")
    try:
        result = run("migrate.sh", "up", target=target)
        assert result.returncode == 0, result.stderr
        assert f"is at revision {migrate.head_revision()}" in result.stdout
        assert migrate.current_revision(target) == migrate.head_revision()
    finally:
        drop_database(target)


def test_migrate_down_shows_the_plan_and_needs_yes(fresh_db: DatabaseTarget) -> None:
    shown = run("migrate.sh", "down", target=fresh_db)
    assert shown.returncode == 0
    head = migrate.head_revision()
    plan = migrate.rollback_plan(fresh_db)
    assert plan is not None
    assert f"Rolling back would undo revision {head}" in shown.stdout
    assert plan.sql.splitlines()[0] in shown.stdout and "migrate.sh down --yes" in shown.stdout
    assert migrate.current_revision(fresh_db) == head
    done = run("migrate.sh", "down", "--yes", target=fresh_db)
    assert done.returncode == 0, done.stderr
    assert migrate.current_revision(fresh_db) == plan.down_to


def test_reset_refuses_without_confirmation(fresh_seeded_db: DatabaseTarget) -> None:
    refused = run("migrate.sh", "reset", target=fresh_seeded_db)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    with connect(fresh_seeded_db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (5,)
    done = run("migrate.sh", "reset", "--yes", target=fresh_seeded_db)
    assert done.returncode == 0, done.stderr
    with connect(fresh_seeded_db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (0,)
    assert migrate.current_revision(fresh_seeded_db) == migrate.head_revision()


def test_seed_backup_and_restore_through_the_scripts(fresh_db: DatabaseTarget, server: DatabaseTarget,
                                                     tmp_path: Path) -> None:
    first = run("seed.sh", target=fresh_db)
    assert first.returncode == 0, first.stderr
    assert "student3@network.test" in first.stdout
    assert "New accounts: none" in run("seed.sh", target=fresh_db).stdout
    backup = run("backup.sh", "full", target=fresh_db, backup_dir=tmp_path)
    assert backup.returncode == 0, backup.stderr
    [archive] = list(tmp_path.glob("netplus_*_full_*.sql.gz"))
    copy = f"netplus_test_scripts_{uuid.uuid4().hex[:8]}"
    try:
        restored = run("restore.sh", str(archive), "--create", "--database", copy, target=fresh_db)
        assert restored.returncode == 0, restored.stderr
        with connect(server.with_database(copy)) as conn:
            assert conn.execute("SELECT count(*) FROM users").fetchone() == (5,)
        again = run("restore.sh", str(archive), "--database", copy, target=fresh_db)
        assert again.returncode == 1 and "is not empty" in again.stderr and "Traceback" not in again.stderr
    finally:
        drop_database(server.with_database(copy))


def test_seed_needs_a_migrated_database(server: DatabaseTarget) -> None:
    target = server.with_database(f"netplus_test_scripts_{uuid.uuid4().hex[:8]}")
    result = run("seed.sh", target=target)
    assert result.returncode == 1 and "migrate.sh up" in result.stderr
    assert not database_exists(target)


def test_an_unreachable_server_is_one_clear_line() -> None:
    result = run("migrate.sh", "up", extra_env={"DB_HOST": "127.0.0.1", "DB_PORT": "1"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "cannot connect to PostgreSQL at 127.0.0.1:1" in lines[0]
    assert "Traceback" not in result.stderr


def test_status_reports_version_and_tables(fresh_seeded_db: DatabaseTarget) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DB_HOST"} | {"DATABASE_URL": fresh_seeded_db.url}
    result = subprocess.run([sys.executable, "-m", "netplus", "db", "status"],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert f"Migration: {migrate.head_revision()} (up to date)" in result.stdout
    assert "learning_components" in result.stdout
