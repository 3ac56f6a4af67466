"""The FastAPI application: pool, limiter and metrics for its lifetime; problem details; request logs."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from netplus import __version__
from netplus.accounts.mail import run_sender
from netplus.accounts.me_routes import router as me_router
from netplus.accounts.routes import router as auth_router
from netplus.admin.routes import router as admin_router
from netplus.analytics.learner_routes import router as learners_router
from netplus.analytics.routes import router as analytics_router
from netplus.assessments.routes import router as assessments_router
from netplus.authoring.routes import router as authoring_router
from netplus.catalog.routes import router as catalog_router
from netplus.core.config import Settings
from netplus.core.database import DatabaseTarget
from netplus.core.metrics import LatencyRecorder
from netplus.core.pool import create_pool
from netplus.core.problems import install_problem_handlers
from netplus.core.ratelimit import Limiter
from netplus.core.requestlog import RequestLogMiddleware
from netplus.me.routes import router as my_router
from netplus.progress.routes import router as progress_router
from netplus.web.app import install_web

STARTED = time.monotonic()


def create_app(settings: Settings, target: DatabaseTarget, *, record_metrics: bool = True) -> FastAPI:
    pool = create_pool(settings, target)
    recorder = LatencyRecorder(pool, settings.metrics_flush_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.open(wait=True, timeout=30)
        if record_metrics:
            recorder.start()
        sender = asyncio.create_task(run_sender(pool, settings)) if settings.smtp_host else None
        try:
            yield
        finally:
            if sender is not None:
                sender.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sender
            if record_metrics:
                await recorder.stop()
            await pool.close()

    app = FastAPI(title="NetPlus", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="The learning service for CompTIA Network+ (N10-009) preparation.")
    app.state.settings = settings
    app.state.pool = pool
    app.state.limiter = Limiter.create(settings.redis_url)
    app.state.metrics = recorder
    install_problem_handlers(app)
    app.add_middleware(RequestLogMiddleware, observe=recorder.observe if record_metrics else None)
    app.include_router(auth_router)
    app.include_router(me_router)
    app.include_router(catalog_router)
    app.include_router(progress_router)
    app.include_router(my_router)
    app.include_router(assessments_router)
    app.include_router(authoring_router)
    app.include_router(learners_router)
    app.include_router(admin_router)
    app.include_router(analytics_router)
    install_web(app, settings)

    @app.get("/healthz", tags=["health"])
    async def healthz(request: Request) -> JSONResponse:
        """The process and its database: 200 when both answer, 503 when the database does not."""
        body: dict[str, object] = {"status": "ok", "version": __version__,
                                   "uptime_seconds": round(time.monotonic() - STARTED, 1)}
        try:
            async with pool.connection(timeout=2) as conn:
                await conn.execute("SELECT 1")
            body["database"] = "ok"
            return JSONResponse(body)
        except Exception as exc:  # any failure to reach the database is the answer, not an error
            body |= {"status": "degraded", "database": f"unavailable: {type(exc).__name__}"}
            return JSONResponse(body, status_code=503)

    return app
