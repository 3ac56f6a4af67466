"""Running pgbench and wrk, and reading the figures they print."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass(frozen=True)
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and socket errors


def parse_latency(text: str, percentile: str) -> float:
    match = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    if not match:
        raise ValueError(f"no {percentile} line in wrk output:\n{text}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(text: str) -> Figures:
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not rps:
        raise ValueError(f"no Requests/sec in wrk output:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return Figures(float(rps.group(1)), parse_latency(text, "50%"), parse_latency(text, "99%"), errors)


def run_wrk(url: str, requests_file: Path, *, threads: int, connections: int, seconds: int,
            script: Path) -> Figures:
    wrk = shutil.which("wrk") or "wrk"
    out = subprocess.run(
        [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True, text=True, check=True, env={"BENCH_REQUESTS": str(requests_file), "PATH": "/usr/bin:/bin"})
    return parse_wrk(out.stdout)


def parse_pgbench(text: str) -> Figures:
    tps = re.search(r"^tps = ([\d.]+)", text, re.M)
    latency = re.search(r"^latency average = ([\d.]+) ms", text, re.M)
    if not tps or not latency:
        raise ValueError(f"unexpected pgbench output:\n{text}")
    # pgbench reports the mean; it stands in for the median it does not print
    return Figures(float(tps.group(1)), float(latency.group(1)), float("nan"), 0)


def run_pgbench(pgbench: Path, conninfo: str, *, clients: int, threads: int, seconds: int) -> Figures:
    out = subprocess.run([str(pgbench), "-S", "-n", "-c", str(clients), "-j", str(threads), "-T", str(seconds),
                          conninfo], capture_output=True, text=True, check=True)
    return parse_pgbench(out.stdout)
