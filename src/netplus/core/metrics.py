"""Request latency per route into performance_metrics, in batches rather than a write per request."""

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from netplus.core.pool import AsyncConn

log = logging.getLogger(__name__)

INSERT_METRIC = """
INSERT INTO performance_metrics (metric_type, metric_name, metric_value, unit, tags)
VALUES ('http_latency', %s, %s, 'ms', %s)
"""


@dataclass
class RouteStats:
    count: int = 0
    errors: int = 0
    total_ms: float = 0.0
    max_ms: float = 0.0


@dataclass
class LatencyRecorder:
    """Aggregates latency per (method, route) and writes one row per route per flush interval."""

    pool: AsyncConnectionPool[AsyncConn]
    interval: float
    stats: dict[tuple[str, str], RouteStats] = field(default_factory=dict)
    _task: asyncio.Task[None] | None = None

    async def observe(self, method: str, route: str, status: int, elapsed_ms: float) -> None:
        s = self.stats.setdefault((method, route), RouteStats())
        s.count += 1
        s.errors += status >= 500
        s.total_ms += elapsed_ms
        s.max_ms = max(s.max_ms, elapsed_ms)

    async def flush(self) -> int:
        taken, self.stats = self.stats, {}
        if not taken:
            return 0
        async with self.pool.connection() as conn, conn.cursor() as cur:
            await cur.executemany(INSERT_METRIC, [
                (f"{method} {route}", s.total_ms / s.count,
                 Jsonb({"method": method, "route": route, "count": s.count, "errors": s.errors,
                        "max_ms": round(s.max_ms, 2)}))
                for (method, route), s in taken.items()])
        return len(taken)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.flush()
            except Exception:  # a metrics outage must not stop the service
                log.exception("could not write latency metrics")

    def start(self) -> None:
        self._task = asyncio.create_task(self.run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
