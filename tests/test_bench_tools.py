"""The benchmark harness reads wrk's and pgbench's figures correctly."""

import math

import pytest

from bench.tools import parse_pgbench, parse_wrk

WRK = """Running 15s test @ http://127.0.0.1:8787
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.31ms    4.02ms  80.11ms   75.00%
    Req/Sec     1.30k   120.00     1.60k    70.00%
  Latency Distribution
     50%   11.52ms
     75%   14.10ms
     90%   17.80ms
     99%    1.02s
  38950 requests in 15.01s, 20.11MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   2595.10
Transfer/sec:      1.34MB
"""

PGBENCH = """pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: <builtin: select only>
scaling factor: 10
number of clients: 32
latency average = 1.234 ms
initial connection time = 40.118 ms
tps = 25931.552109 (without initial connection time)
"""


def test_wrk_figures() -> None:
    figures = parse_wrk(WRK)
    assert figures.requests_per_second == 2595.10
    assert figures.p50_ms == 11.52
    assert figures.p99_ms == 1020.0
    assert figures.errors == 7


def test_pgbench_figures() -> None:
    figures = parse_pgbench(PGBENCH)
    assert figures.requests_per_second == pytest.approx(25931.552109)
    assert figures.p50_ms == 1.234
    assert math.isnan(figures.p99_ms)


def test_unexpected_output_is_an_error() -> None:
    with pytest.raises(ValueError, match="Requests/sec"):
        parse_wrk("connection refused")
