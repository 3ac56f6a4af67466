"""Compressed, timestamped SQL backups (`backup.sh full|schema|data|cleanup`)."""

import gzip
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from netplus.core.database import DatabaseTarget, connection
from netplus.database.pgtools import bin_dir_for, server_major_version

BackupKind = Literal["full", "schema", "data"]

PG_DUMP_OPTIONS: dict[BackupKind, list[str]] = {
    # --clean lets a forced restore replace what the target already has; --no-owner lets any
    # owner restore it. Grants are kept: they carry the row-level security design.
    "full": ["--clean", "--if-exists", "--no-owner"],
    "schema": ["--schema-only", "--clean", "--if-exists", "--no-owner"],
    "data": ["--data-only", "--no-owner"],
}
BACKUP_NAME = re.compile(r"^netplus_(?P<db>.+)_(?P<kind>full|schema|data)_(?P<stamp>\d{8}T\d{6}Z)(?:-\d+)?\.sql\.gz$")
HEADER_PREFIX = "-- netplus backup:"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    created: datetime


def backup_path(directory: Path, dbname: str, kind: BackupKind, now: datetime) -> Path:
    stem = f"netplus_{dbname}_{kind}_{now.strftime(STAMP_FORMAT)}"
    path = directory / f"{stem}.sql.gz"
    counter = 2
    while path.exists():
        path = directory / f"{stem}-{counter}.sql.gz"
        counter += 1
    return path


def create_backup(target: DatabaseTarget, kind: BackupKind, directory: Path) -> BackupFile:
    """Dump the database with pg_dump into `directory`; the file appears only when complete."""
    with connection(target):  # a clear error when the server is unreachable, before anything runs
        pass
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    final = backup_path(directory, target.dbname, kind, now)
    partial = final.with_name(final.name + ".partial")
    pg_dump = bin_dir_for(target) / "pg_dump"
    header = (f"{HEADER_PREFIX} kind={kind} database={target.dbname} "
              f"created={now.strftime(STAMP_FORMAT)} server={server_major_version(target)}\n")
    args = [str(pg_dump), "--format=plain", "--no-password", *PG_DUMP_OPTIONS[kind], "--dbname", target.conninfo]
    try:
        with gzip.open(partial, "wb") as out, subprocess.Popen(
                args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            out.write(header.encode())
            assert proc.stdout is not None
            assert proc.stderr is not None
            shutil.copyfileobj(proc.stdout, out, length=1 << 20)
            errors = proc.stderr.read().decode(errors="replace")
        if proc.returncode != 0:
            raise BackupError(f"pg_dump failed ({proc.returncode}): {errors.strip()}")
        partial.rename(final)
    finally:
        partial.unlink(missing_ok=True)
    return BackupFile(final, kind, now)


def list_backups(directory: Path) -> list[BackupFile]:
    found = []
    for path in sorted(directory.glob("netplus_*.sql.gz")) if directory.is_dir() else []:
        match = BACKUP_NAME.match(path.name)
        if match:
            created = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(BackupFile(path, match["kind"], created))
    return found


def cleanup_backups(directory: Path, *, keep_days: int, now: datetime | None = None) -> list[BackupFile]:
    """Delete the backups made more than `keep_days` days ago; other files are never touched."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
    removed = [b for b in list_backups(directory) if b.created < cutoff]
    for backup in removed:
        backup.path.unlink()
    return removed
