"""Restoring a backup (`restore.sh PATH`): verify first, refuse to clobber, all or nothing."""

import gzip
import subprocess
import tempfile
import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from netplus.core.database import DatabaseTarget, connection, create_database, database_exists
from netplus.database.backup import HEADER_PREFIX
from netplus.database.pgtools import bin_dir_for
from netplus.database.roles import ensure_roles_exist

DUMP_START = "-- PostgreSQL database dump"
DUMP_END = "-- PostgreSQL database dump complete"


class RestoreError(Exception):
    pass


@dataclass(frozen=True)
class ArchiveInfo:
    path: Path
    kind: str  # full | schema | data
    source_database: str | None


def verify_archive(path: Path) -> ArchiveInfo:
    """Read the whole archive: it must decompress, and hold one complete pg_dump script."""
    if not path.is_file():
        raise RestoreError(f"{path}: no such file")
    head: list[str] = []
    tail: deque[str] = deque(maxlen=8)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            for line in stream:
                if len(head) < 40:
                    head.append(line)
                tail.append(line)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise RestoreError(f"{path}: not a readable .sql.gz archive ({exc})") from None
    if not any(line.startswith(DUMP_START) for line in head):
        raise RestoreError(f"{path}: not a pg_dump SQL script")
    if not any(line.startswith(DUMP_END) for line in tail):
        raise RestoreError(f"{path}: the dump is incomplete (no end marker); it was cut short")
    fields: dict[str, str] = {}
    if head and head[0].startswith(HEADER_PREFIX):
        fields = dict(part.split("=", 1) for part in head[0][len(HEADER_PREFIX):].split() if "=" in part)
    kind = fields.get("kind", "full")
    if kind not in ("full", "schema", "data"):
        raise RestoreError(f"{path}: unknown backup kind {kind!r}")
    return ArchiveInfo(path, kind, fields.get("database"))


def public_tables(target: DatabaseTarget) -> list[str]:
    with connection(target) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").fetchall()
    return [str(r[0]) for r in rows]


def tables_with_rows(target: DatabaseTarget, tables: list[str]) -> list[str]:
    with connection(target) as conn:
        return [t for t in tables if t != "alembic_version" and conn.execute(
            sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(t))).fetchone() == (True,)]


def restore_backup(target: DatabaseTarget, path: Path, *, force: bool = False, create: bool = False) -> ArchiveInfo:
    """Load `path` into the target database in one transaction.

    Refuses a database that already has tables (full and schema backups) or rows (data backups)
    unless `force`; with `force` a data backup first empties the tables, in the same transaction.
    """
    info = verify_archive(path)
    if not database_exists(target):
        if not create:
            raise RestoreError(f"database {target.dbname!r} does not exist (use --create to create it)")
        create_database(target)
    tables = public_tables(target)
    prelude = ""
    if info.kind == "data":
        if not tables:
            raise RestoreError(f"database {target.dbname!r} has no schema: restore a full or schema backup, "
                               "or run `migrate.sh up`, before a data-only backup")
        filled = tables_with_rows(target, tables)
        if filled and not force:
            raise RestoreError(f"database {target.dbname!r} already holds data (in {', '.join(filled[:5])}); "
                               "use --force to replace it")
        # The dump carries its own alembic_version row, so the target's goes first in any case.
        emptied = tables if filled else [t for t in tables if t == "alembic_version"]
        if emptied:
            prelude = sql.SQL("TRUNCATE {} CASCADE;\n").format(
                sql.SQL(", ").join(sql.Identifier(t) for t in emptied)).as_string()
    elif tables and not force:
        raise RestoreError(f"database {target.dbname!r} is not empty ({len(tables)} tables); "
                           "use --force to overwrite it")
    with connection(target, autocommit=True) as conn:
        ensure_roles_exist(conn)
    run_psql_script(target, path, prelude)
    return info


def run_psql_script(target: DatabaseTarget, path: Path, prelude: str) -> None:
    psql = bin_dir_for(target) / "psql"
    args = [str(psql), "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
            "--no-password", "--dbname", target.conninfo]
    with tempfile.TemporaryFile() as errors:
        with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors) as proc:
            assert proc.stdin is not None
            try:
                proc.stdin.write(prelude.encode())
                with gzip.open(path, "rb") as stream:
                    while chunk := stream.read(1 << 20):
                        proc.stdin.write(chunk)
                proc.stdin.close()
            except BrokenPipeError:
                pass  # psql stopped at the first error; its message is in `errors`
        if proc.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip().splitlines()
            detail = "; ".join(message[-3:]) if message else f"psql exited with {proc.returncode}"
            raise RestoreError(f"restore failed and was rolled back, the database is unchanged: {detail}")
