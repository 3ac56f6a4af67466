"""Applying and rolling back the Alembic revisions (the `migrate.sh` commands)."""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from netplus.core.database import DatabaseTarget, connection, ensure_database
from netplus.database.migrations.sqlfile import sql_path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(target: DatabaseTarget) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["target"] = target
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def current_revision(target: DatabaseTarget) -> str | None:
    with connection(target) as conn:
        has_table = conn.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL").fetchone()
        if not has_table or not has_table[0]:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def upgrade(target: DatabaseTarget, revision: str = "head") -> None:
    """Create the database if needed and apply every pending revision, in one transaction."""
    ensure_database(target)
    command.upgrade(alembic_config(target), revision)


def downgrade(target: DatabaseTarget, revision: str = "-1") -> None:
    command.downgrade(alembic_config(target), revision)


@dataclass(frozen=True)
class RollbackPlan:
    """What `migrate.sh down` would do: leave `revision` for `down_to`, running `sql`."""

    revision: str
    description: str
    down_to: str | None
    sql_file: Path
    sql: str


def rollback_plan(target: DatabaseTarget) -> RollbackPlan | None:
    """The last applied revision and the SQL that rolling it back runs; None at base."""
    current = current_revision(target)
    if current is None:
        return None
    script = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(current)
    assert script is not None
    down_file = sql_path(Path(script.path).stem + ".down.sql")
    return RollbackPlan(
        revision=current,
        description=(script.doc or "").strip(),
        down_to=script.down_revision if isinstance(script.down_revision, str) else None,
        sql_file=down_file,
        sql=down_file.read_text(),
    )

