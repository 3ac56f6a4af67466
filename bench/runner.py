"""`python -m bench`: build a population, then measure the hot paths against a pgbench baseline.

Steps: a fresh database (`netplus_bench` on the configured server, or BENCH_DATABASE_URL), migrated,
with the N10-009 pack; the synthetic population (population.sql, set-based); `pgbench -S` on the same
server for the baseline; the service started on a local port; wrk against each endpoint with many
users' tokens (replay.lua). Prints requests/s, p50 and p99 per endpoint and the ratio to pgbench.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import bcrypt

from bench.scenarios import SCENARIOS, Scenario
from bench.tools import Figures, run_pgbench, run_wrk
from netplus.content.loader import load_pack
from netplus.content.pack import read_pack
from netplus.core.config import Settings
from netplus.core.database import (
    DatabaseTarget,
    connect,
    create_database,
    drop_database,
    resolve_target,
    target_from_url,
)
from netplus.database import migrate
from netplus.database.pgtools import bin_dir_for

HERE = Path(__file__).parent
CONTENT = HERE.parent / "content" / "N10-009"


def bench_target() -> DatabaseTarget:
    url = os.environ.get("BENCH_DATABASE_URL")
    return target_from_url(url) if url else resolve_target(Settings()).with_database("netplus_bench")


def build(target: DatabaseTarget, users: int) -> None:
    started = time.perf_counter()
    drop_database(target)
    migrate.upgrade(target)
    with connect(target) as conn, conn.transaction():
        load_pack(conn, read_pack(CONTENT))
    password_hash = bcrypt.hashpw(os.urandom(16).hex().encode(), bcrypt.gensalt(10)).decode()
    psql = bin_dir_for(target) / "psql"
    subprocess.run([str(psql), "-X", "-q", "-v", f"users={users}", "-v", f"password_hash={password_hash}",
                    "-f", str(HERE / "population.sql"), target.conninfo], check=True, stdout=subprocess.DEVNULL)
    with connect(target) as conn:
        counts = conn.execute("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM user_progress),"
                              " (SELECT count(*) FROM learning_sessions), (SELECT count(*) FROM assessment_attempts),"
                              " pg_size_pretty(pg_database_size(current_database()))").fetchone()
    print(f"population: {counts} (users, progress rows, sessions, attempts, size) "
          f"in {time.perf_counter() - started:.1f} s")


def baseline(target: DatabaseTarget, *, clients: int, threads: int, seconds: int) -> Figures:
    db = target.with_database("netplus_bench_pgbench")
    drop_database(db)
    create_database(db)
    pgbench = bin_dir_for(target) / "pgbench"
    subprocess.run([str(pgbench), "-i", "-s", "10", "-q", db.conninfo], check=True, capture_output=True)
    try:
        return run_pgbench(pgbench, db.conninfo, clients=clients, threads=threads, seconds=seconds)
    finally:
        drop_database(db)


def start_service(target: DatabaseTarget, port: int, pool_max: int) -> subprocess.Popen[bytes]:
    env = os.environ | {"DATABASE_URL": target.url, "DB_POOL_MIN": "4", "DB_POOL_MAX": str(pool_max),
                        "METRICS_FLUSH_SECONDS": "10"}
    proc = subprocess.Popen([sys.executable, "-m", "netplus", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the service did not start")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--users", type=int, default=10_000, help="synthetic students to create")
    parser.add_argument("--seconds", type=int, default=15, help="length of each measurement")
    parser.add_argument("--connections", type=int, default=32, help="concurrent HTTP connections (and pgbench clients)")
    parser.add_argument("--threads", type=int, default=2, help="wrk and pgbench threads")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--reuse", action="store_true", help="keep the population of the previous run")
    parser.add_argument("--only", nargs="*", choices=[s.name for s in SCENARIOS], help="run these endpoints only")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    target = bench_target()
    if not args.reuse:
        build(target, args.users)
    base = baseline(target, clients=args.connections, threads=args.threads, seconds=args.seconds)
    print(f"pgbench -S: {base.requests_per_second:,.0f} tps, mean latency {base.p50_ms:.2f} ms")
    service = start_service(target, args.port, pool_max=args.connections)
    rng = random.Random(1)  # noqa: S311 - which users to replay, not a secret
    try:
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            for scenario in (s for s in SCENARIOS if not args.only or s.name in args.only):
                requests = Path(tmp) / f"{scenario.name}.tsv"
                with connect(target) as conn:
                    lines = scenario.prepare(conn, rng)
                requests.write_text("".join(lines))
                figures = run_wrk(f"http://127.0.0.1:{args.port}", requests, threads=args.threads,
                                  connections=args.connections, seconds=args.seconds, script=HERE / "replay.lua")
                rows.append((scenario, figures))
                print(row(scenario, figures, base))
    finally:
        service.terminate()
        service.wait(timeout=30)


def row(scenario: Scenario, f: Figures, base: Figures) -> str:
    ratio = f.requests_per_second / base.requests_per_second
    return (f"{scenario.name:<14} {f.requests_per_second:>9,.0f} req/s  p50 {f.p50_ms:>7.2f} ms  "
            f"p99 {f.p99_ms:>8.2f} ms  errors {f.errors:>5}  = {ratio:.3f} x pgbench -S")
