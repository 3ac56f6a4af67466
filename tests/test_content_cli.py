"""`netplus content validate|load`, run as a writer would."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from netplus.core.database import DatabaseTarget, connect

PACK = Path(__file__).resolve().parents[1] / "content" / "N10-009"


def netplus(*args: str, target: DatabaseTarget | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DB_") and k != "DATABASE_URL"}
    if target is not None:
        env["DATABASE_URL"] = target.url
    return subprocess.run([sys.executable, "-m", "netplus", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_validate_accepts_the_pack() -> None:
    result = netplus("content", "validate", str(PACK.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "25 objectives, 420 questions" in result.stdout and "valid" in result.stdout


def test_validate_reports_file_and_line_and_load_refuses(tmp_path: Path, fresh_db: DatabaseTarget) -> None:
    copy = tmp_path / "N10-009"
    shutil.copytree(PACK, copy)
    lesson = next(copy.glob("4.0-*/4.2-*/lesson.md"))
    lesson.write_text(lesson.read_text().replace("difficulty:", "difficulty: expert\nold_difficulty:", 1))
    result = netplus("content", "validate", str(copy))
    assert result.returncode == 1
    assert f"{lesson}:" in result.stdout and "difficulty" in result.stdout
    refused = netplus("content", "load", str(copy), target=fresh_db)
    assert refused.returncode == 1 and "nothing was loaded" in refused.stderr
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM question_bank").fetchone() == (0,)


def test_load_writes_the_pack(fresh_db: DatabaseTarget) -> None:
    result = netplus("content", "load", str(PACK), target=fresh_db)
    assert result.returncode == 0, result.stderr
    assert "question_bank 420" in result.stdout
    again = netplus("content", "load", str(PACK), target=fresh_db)
    assert "question_bank 0" in again.stdout
