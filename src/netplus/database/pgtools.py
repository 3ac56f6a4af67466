"""Finding pg_dump and psql that can talk to the server in use.

pg_dump refuses servers newer than itself, so the tools come from the server's own installation:
the embedded wheel's bin/ for the embedded server, else Debian's /usr/lib/postgresql/<major>/bin,
else PATH; the embedded wheel's tools (PostgreSQL 18) are the last resort for any older server.
"""

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from netplus.core.database import DatabaseTarget, connection, embedded_bin_dir


class ToolNotFoundError(Exception):
    pass


def server_major_version(target: DatabaseTarget) -> int:
    with connection(target) as conn:
        row = conn.execute("SELECT current_setting('server_version_num')::int").fetchone()
    assert row is not None
    return int(str(row[0])) // 10000


@lru_cache(maxsize=16)
def tool_major_version(executable: Path) -> int | None:
    try:
        out = subprocess.run([str(executable), "--version"], capture_output=True, text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    return int(match.group(1)) if match else None


def candidate_bin_dirs(server_major: int) -> list[Path]:
    dirs = [Path(f"/usr/lib/postgresql/{server_major}/bin")]
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).parent)
    dirs.append(embedded_bin_dir())
    return dirs


def bin_dir_for(target: DatabaseTarget) -> Path:
    """A directory holding pg_dump and psql at least as new as the server."""
    if target.embedded_dir is not None:
        return embedded_bin_dir()
    major = server_major_version(target)
    usable = []
    for directory in candidate_bin_dirs(major):
        version = tool_major_version(directory / "pg_dump")
        if version is not None and version >= major and (directory / "psql").exists():
            usable.append((version != major, directory))
    if not usable:
        raise ToolNotFoundError(f"no pg_dump/psql of version {major} or newer was found")
    return min(usable)[1]
