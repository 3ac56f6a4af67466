"""Stopping the embedded server that `resolve_target` leaves running between commands."""

import os
import pwd
import subprocess
from pathlib import Path

from netplus.core.database import embedded_bin_dir


def stop_embedded(pgdata: Path) -> str:
    if not (pgdata / "postmaster.pid").exists():
        return f"No embedded server is running in {pgdata}."
    args = [str(embedded_bin_dir() / "pg_ctl"), "-D", str(pgdata), "-w", "stop", "-m", "fast"]
    owner = pwd.getpwuid(pgdata.stat().st_uid).pw_name
    # As root the wheel runs the server as its own system user, and pg_ctl must run as that user.
    user = owner if os.geteuid() == 0 and owner != "root" else None
    subprocess.run(args, check=True, capture_output=True, user=user)
    return f"Stopped the embedded server in {pgdata}."
