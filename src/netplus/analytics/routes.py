"""/api/v1/analytics: platform statistics, the materialized views, the daily rollup and latency, for admins."""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from netplus.accounts.dependencies import AdminSession, ClientDep, PoolDep
from netplus.analytics import queries, service
from netplus.analytics.schemas import (
    AssessmentPerformance,
    ComponentDay,
    ComponentPerformance,
    DailyActivity,
    LearningStats,
    MetricRow,
    QuestionPerformance,
    Refreshed,
    RouteLatency,
    WeeklyDomainProgress,
)
from netplus.core.listing import Page, PageParams, read_page

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])
FromDay = Annotated[date | None, Query(alias="from", description="First UTC day; default: 30 days before `to`")]
ToDay = Annotated[date | None, Query(alias="to", description="Last UTC day (inclusive); default: today")]
Since = Annotated[datetime | None, Query(description="Start (inclusive); default: 24 hours before `until`")]
Until = Annotated[datetime | None, Query(description="End (exclusive); default: now")]


@router.get("/learning-stats")
async def learning_stats(admin: AdminSession, pool: PoolDep, page: PageParams,
                         role: str | None = None) -> Page[LearningStats]:
    """v_user_learning_stats: every account that is not deleted, by username."""
    return await read_page(pool, admin.user.id, queries.LEARNING_STATS, {"role": role}, page=page,
                           model=LearningStats)


@router.get("/components")
async def component_performance(admin: AdminSession, pool: PoolDep, page: PageParams, domain: str | None = None,
                                component_type: str | None = None) -> Page[ComponentPerformance]:
    """v_component_performance, by domain and slug."""
    return await read_page(pool, admin.user.id, queries.COMPONENT_PERFORMANCE,
                           {"domain": domain, "component_type": component_type}, page=page,
                           model=ComponentPerformance)


@router.get("/assessments")
async def assessment_performance(admin: AdminSession, pool: PoolDep, page: PageParams,
                                 assessment_type: str | None = None) -> Page[AssessmentPerformance]:
    """v_assessment_performance: finished attempts, pass rate and time per assessment."""
    return await read_page(pool, admin.user.id, queries.ASSESSMENT_PERFORMANCE,
                           {"assessment_type": assessment_type}, page=page, model=AssessmentPerformance)


@router.get("/questions")
async def question_performance(admin: AdminSession, pool: PoolDep, page: PageParams, domain: str | None = None,
                               question_type: str | None = None,
                               objective: str | None = None) -> Page[QuestionPerformance]:
    """v_question_performance, the lowest success rate first."""
    return await read_page(pool, admin.user.id, queries.QUESTION_PERFORMANCE,
                           {"domain": domain, "question_type": question_type, "objective": objective},
                           page=page, model=QuestionPerformance)


@router.get("/daily-activity")
async def daily_activity(admin: AdminSession, pool: PoolDep, since: FromDay = None,
                         until: ToDay = None) -> list[DailyActivity]:
    """mv_daily_user_activity for a range of UTC days (as of the last refresh)."""
    start, end = service.day_range(since, until, default_days=30)
    return await service.read_materialized(pool, admin, "mv_daily_user_activity", queries.DAILY_ACTIVITY,
                                           params={"since": start, "until": end}, model=DailyActivity)


@router.get("/weekly-domain-progress")
async def weekly_domain_progress(admin: AdminSession, pool: PoolDep, since: FromDay = None, until: ToDay = None,
                                 domain: str | None = None) -> list[WeeklyDomainProgress]:
    """mv_weekly_domain_progress for the weeks (starting Monday) that overlap the range."""
    start, end = service.day_range(since, until, default_days=12 * 7)
    return await service.read_materialized(pool, admin, "mv_weekly_domain_progress", queries.WEEKLY_DOMAIN_PROGRESS,
                                           params={"since": start, "until": end, "domain": domain},
                                           model=WeeklyDomainProgress)


@router.post("/refresh")
async def refresh(admin: AdminSession, pool: PoolDep, client: ClientDep) -> Refreshed:
    """Recompute the materialized views (refresh_analytics_views())."""
    return await service.refresh_views(pool, admin, client)


@router.get("/component-days")
async def component_days(admin: AdminSession, pool: PoolDep, page: PageParams, since: FromDay = None,
                         until: ToDay = None, component_id: uuid.UUID | None = None) -> Page[ComponentDay]:
    """component_analytics rows, as `netplus analytics rollup` wrote them."""
    start, end = service.day_range(since, until, default_days=30)
    return await read_page(pool, admin.user.id, queries.COMPONENT_DAILY,
                           {"since": start, "until": end, "component_id": component_id}, page=page,
                           model=ComponentDay)


@router.get("/performance-metrics")
async def performance_metrics(admin: AdminSession, pool: PoolDep, page: PageParams, name: str | None = None,
                              since: Since = None, until: Until = None,
                              metric_type: str = "http_latency") -> Page[MetricRow]:
    """performance_metrics rows, newest first. `name` is a route as "GET /api/v1/me"."""
    start, end = service.time_range(since, until, default_hours=24)
    return await read_page(pool, admin.user.id, queries.METRICS,
                           {"metric_type": metric_type, "name": name, "since": start, "until": end}, page=page,
                           model=MetricRow)


@router.get("/performance-metrics/routes")
async def route_latency(admin: AdminSession, pool: PoolDep, name: str | None = None, since: Since = None,
                        until: Until = None) -> list[RouteLatency]:
    """Latency per route over the range: requests, mean (weighted by requests), worst and server errors."""
    start, end = service.time_range(since, until, default_hours=24)
    return await service.route_latency(pool, admin, name=name, since=start, until=end)
