"""`netplus db ...`: the commands behind backend/database/scripts/*.sh."""

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from netplus.core.config import get_settings
from netplus.core.database import (
    DatabaseTarget,
    connection,
    database_exists,
    drop_database,
    resolve_target,
)
from netplus.database import backup, maintenance, migrate, restore, roles
from netplus.database.status import database_status
from netplus.demo.history import award_demo_achievements, seed_demo_history
from netplus.demo.seed import seed_demo_data

app = typer.Typer(help="Database: migrations, demo data, roles, backups, maintenance.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class MigrateAction(StrEnum):
    up = "up"
    down = "down"
    reset = "reset"


class BackupAction(StrEnum):
    full = "full"
    schema = "schema"
    data = "data"
    cleanup = "cleanup"


class MaintenancePeriod(StrEnum):
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"


YesOption = Annotated[bool, typer.Option("--yes", help="Confirm a destructive action.")]


def target() -> DatabaseTarget:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)
    resolved = resolve_target()
    if resolved.embedded_dir is not None:
        err.print(f"Using the embedded PostgreSQL server in {resolved.embedded_dir} (no DATABASE_URL or DB_HOST set).")
    return resolved


def require_migrated(t: DatabaseTarget) -> None:
    if not database_exists(t) or migrate.current_revision(t) != migrate.head_revision():
        err.print(f"[red]netplus: database {t.dbname!r} is not migrated to the latest revision; "
                  "run `migrate.sh up` (netplus db migrate up) first[/red]")
        raise typer.Exit(1)


@app.command("migrate")
def migrate_command(action: MigrateAction, yes: YesOption = False) -> None:
    """up: apply all migrations. down: show the last one's rollback (--yes runs it).
    reset: drop, recreate and migrate the database (--yes)."""
    t = target()
    if action is MigrateAction.up:
        migrate.upgrade(t)
        out.print(f"Database {t.dbname!r} is at revision {migrate.current_revision(t)} (latest).")
    elif action is MigrateAction.down:
        migrate_down(t, yes=yes)
    else:
        migrate_reset(t, yes=yes)


def migrate_down(t: DatabaseTarget, *, yes: bool) -> None:
    plan = migrate.rollback_plan(t) if database_exists(t) else None
    if plan is None:
        out.print(f"Database {t.dbname!r} has no migrations applied: nothing to roll back.")
        return
    if not yes:
        out.print(f"Rolling back would undo revision {plan.revision} ({plan.description})\n"
                  f"and leave database {t.dbname!r} at revision {plan.down_to or 'base (empty)'}.\n"
                  f"It runs {plan.sql_file.name}:\n")
        out.print(plan.sql, markup=False)
        out.print("Data in anything this drops is lost: take a backup first (backup.sh full).\n"
                  "To roll back, run:  migrate.sh down --yes")
        return
    migrate.downgrade(t)
    out.print(f"Rolled back {plan.revision}; database {t.dbname!r} is at {plan.down_to or 'base'}.")


def migrate_reset(t: DatabaseTarget, *, yes: bool) -> None:
    if not yes:
        if not sys.stdin.isatty():
            err.print(f"[red]netplus: reset drops database {t.dbname!r} and every row in it; "
                      "run `migrate.sh reset --yes` to confirm[/red]")
            raise typer.Exit(1)
        typer.confirm(f"Drop database {t.dbname!r} at {t.location} and recreate it?", abort=True)
    drop_database(t)
    migrate.upgrade(t)
    out.print(f"Database {t.dbname!r} was dropped, recreated and migrated to {migrate.head_revision()}.")


@app.command("seed")
def seed_command() -> None:
    """Create the demo accounts, catalog, questions, assessments and achievements (idempotent)."""
    seed_into(target())


def seed_into(t: DatabaseTarget) -> None:
    require_migrated(t)
    with connection(t) as conn, conn.transaction():
        report = seed_demo_data(conn, bcrypt_rounds=get_settings().bcrypt_rounds)
        history_days = seed_demo_history(conn)
    created = ", ".join(report.created_users) or "none (all existed)"
    written = ", ".join(f"{table}: {n}" for table, n in report.written.items())
    out.print(f"Demo data loaded into {t.dbname!r}. New accounts: {created}. Rows written or changed: {written}.")
    if history_days:
        award_demo_achievements(t)
        out.print(f"student1 has {history_days} days of study history.")
    out.print("Demo password for every account: password123")


@app.command("setup")
def setup_command(demo: Annotated[bool, typer.Option(help="Also load the demo data.")] = False) -> None:
    """Create the database if needed, migrate it, create the roles and (with --demo) load the demo data."""
    t = target()
    migrate.upgrade(t)
    with connection(t, autocommit=True) as conn:
        roles.apply_roles(conn, roles.role_specs(get_settings()))
    out.print(f"Database {t.dbname!r} at {t.location} is migrated to {migrate.head_revision()}.")
    if demo:
        seed_into(t)


@app.command("roles")
def roles_command() -> None:
    """Create or update app_user, readonly and admin; passwords from DB_APP_USER_PASSWORD,
    DB_READONLY_PASSWORD and DB_ADMIN_PASSWORD."""
    t = target()
    with connection(t, autocommit=True) as conn:
        outcomes = roles.apply_roles(conn, roles.role_specs(get_settings()))
    for outcome in outcomes:
        out.print(f"{outcome.name}: {outcome.action}")


@app.command("backup")
def backup_command(action: BackupAction) -> None:
    """full, schema or data: write a timestamped .sql.gz into BACKUP_DIR. cleanup: delete backups older than 7 days."""
    settings = get_settings()
    directory = settings.resolved_backup_dir
    if action is BackupAction.cleanup:
        removed = backup.cleanup_backups(directory, keep_days=settings.backup_retention_days)
        out.print(f"Removed {len(removed)} backups older than {settings.backup_retention_days} days from {directory}.")
        for b in removed:
            out.print(f"  {b.path.name}")
        return
    made = backup.create_backup(target(), action.value, directory)  # type: ignore[arg-type]
    out.print(f"Wrote {made.path} ({made.path.stat().st_size:,} bytes).")


@app.command("restore")
def restore_command(
    path: Annotated[Path, typer.Argument(help="A .sql.gz file written by backup.sh.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite a database that is not empty.")] = False,
    create: Annotated[bool, typer.Option("--create", help="Create the database if it does not exist.")] = False,
    database: Annotated[str | None, typer.Option(help="Restore into this database instead of DB_NAME.")] = None,
) -> None:
    """Verify a backup, then restore it in one transaction (a failure changes nothing)."""
    t = target()
    if database:
        t = t.with_database(database)
    info = restore.restore_backup(t, path, force=force, create=create)
    out.print(f"Restored {info.kind} backup {path.name} into {t.dbname!r}.")


@app.command("maintain")
def maintain_command(period: MaintenancePeriod) -> None:
    """Run the daily, weekly or monthly maintenance tasks and report what they did."""
    settings = get_settings()
    report = maintenance.run_maintenance(target(), period.value,
                                         backup_dir=settings.resolved_backup_dir)
    for step in report.steps:
        out.print(f"- {step}")
    if report.unused_indexes:
        table = Table("table", "index", "size", title="Indexes never scanned (candidates to drop)")
        for row in report.unused_indexes:
            table.add_row(*row)
        out.print(table)
    if report.slow_queries:
        table = Table("mean ms", "calls", "query", title="Slowest queries")
        for row in report.slow_queries:
            table.add_row(*row)
        out.print(table)


@app.command("status")
def status_command() -> None:
    """Show the connection, the migration version and the size of each table."""
    t = target()
    if not database_exists(t):
        out.print(f"Server {t.location} is reachable; database {t.dbname!r} does not exist yet (run migrate.sh up).")
        return
    status = database_status(t)
    state = "up to date" if status.up_to_date else f"behind: latest is {status.head}"
    out.print(f"Server: {status.location}, PostgreSQL {status.server_version}")
    out.print(f"Database: {status.database} ({status.database_size})")
    out.print(f"Migration: {status.revision or 'none applied'} ({state})")
    table = Table("table", "rows (estimate)", "size")
    for ts in status.tables:
        table.add_row(ts.name, f"{ts.estimated_rows:,}", ts.size)
    out.print(table)


@app.command("embedded-stop")
def embedded_stop_command() -> None:
    """Stop the embedded PostgreSQL server, if this machine runs one."""
    from netplus.database.embedded import stop_embedded

    pgdata = get_settings().netplus_data_dir / "pgdata"
    out.print(stop_embedded(pgdata))
