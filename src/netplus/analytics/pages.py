"""The analytics page for admins: daily activity and weekly domain progress (the materialized views) over
a range of UTC days, component, assessment and question performance (all time), route latency, and the
button that refreshes the views.

Every chart is followed by its figures in a table, so nothing is told by the picture alone.
"""

import time
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, LiteralString, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.accounts.service import Pool, SignedIn
from netplus.admin.display import when
from netplus.analytics import queries, service
from netplus.analytics.schemas import (
    AssessmentPerformance,
    ComponentPerformance,
    DailyActivity,
    QuestionPerformance,
    RouteLatency,
    WeeklyDomainProgress,
)
from netplus.core.listing import PageRequest, read_page
from netplus.core.problems import Problem
from netplus.web.charts import Point
from netplus.web.forms import FieldErrors, form_values, parse
from netplus.web.security import csrf_protect
from netplus.web.session import AdminPage
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
M = TypeVar("M", bound=BaseModel)
DEFAULT_DAYS = 30
MAX_DAYS = 366  # a year of daily columns is the most a chart can still show one by one
TOP = 20  # rows in the performance tables
PRESETS = (7, 30, 90, 365)


def blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class DayRange(BaseModel):
    """The page's range form (GET): first and last UTC day, both optional."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    since: Annotated[date | None, BeforeValidator(blank_is_none), Field(alias="from")] = None
    until: Annotated[date | None, BeforeValidator(blank_is_none), Field(alias="to")] = None


RANGE_MESSAGES = {"from": "Enter a date like 2025-03-01.", "to": "Enter a date like 2025-03-31."}


def read_range(values: dict[str, Any]) -> tuple[tuple[date, date] | None, FieldErrors]:
    body, errors = parse(DayRange, values, RANGE_MESSAGES)
    if body is None:
        return None, errors
    try:
        start, end = service.day_range(body.since, body.until, default_days=DEFAULT_DAYS)
    except Problem:  # the only refusal: the range starts after it ends
        return None, {"from": "The first day must not be after the last day."}
    if (end - start).days >= MAX_DAYS:
        return None, {"from": f"Choose at most {MAX_DAYS} days."}
    return (start, end), {}


async def materialized(pool: Pool, admin: SignedIn, view: str, query: LiteralString, params: dict[str, Any],
                       model: type[M]) -> list[M] | None:
    """A view's rows, or None while it has never been refreshed (the page then says so)."""
    try:
        return await service.read_materialized(pool, admin, view, query, params=params, model=model)
    except Problem as problem:
        if problem.status == 409:
            return None
        raise


async def all_rows(pool: Pool, admin: SignedIn, query: LiteralString, params: dict[str, Any],
                   model: type[M]) -> list[M]:
    """Every row of a (small) performance view, page by page, to sort it here by what matters."""
    rows: list[M] = []
    while True:
        page = await read_page(pool, admin.user.id, query, params, page=PageRequest(200, len(rows)), model=model)
        rows += page.items
        if not page.items or len(rows) >= page.total:
            return rows


def every_day(rows: list[DailyActivity], start: date, end: date) -> list[DailyActivity]:
    """One row per day of the range: a day the view does not hold had no activity (as of the refresh)."""
    by_day = {r.activity_date: r for r in rows}
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [by_day.get(d) or DailyActivity(activity_date=d, active_users=0, total_sessions=0, total_minutes=0,
                                           average_minutes=0, components_completed=0, assessments_completed=0,
                                           assessments_passed=0) for d in days]


def presets() -> list[tuple[int, str, str]]:
    """(days, first day, last day) of the quick ranges, ending today (UTC)."""
    today = datetime.now(UTC).date()
    return [(n, (today - timedelta(days=n - 1)).isoformat(), today.isoformat()) for n in PRESETS]


def refreshed_message(value: str) -> dict[str, str] | None:
    if not value.isdigit():
        return None
    return {"kind": "success", "message": "Refreshed the daily activity and weekly domain progress views "
                                          f"({', '.join(service.MATERIALIZED_VIEWS)}) in {int(value)} ms."}


@router.get("/admin/analytics")
async def analytics(request: Request, admin: AdminPage, pool: PoolDep, refreshed_ms: str = "") -> Response:
    values = dict(request.query_params)
    day_range, errors = read_range(values)
    context: dict[str, Any] = {"title": "Analytics", "values": values, "errors": errors, "when": when,
                               "flash": refreshed_message(refreshed_ms), "presets": presets(),
                               "freshness": await service.freshness(pool, admin)}
    if day_range is None:
        return render(request, "analytics/analytics.html", context | {"range": None}, status_code=422)
    start, end = day_range
    context |= {"range": day_range, "values": {"from": start.isoformat(), "to": end.isoformat()}}
    daily = await materialized(pool, admin, "mv_daily_user_activity", queries.DAILY_ACTIVITY,
                               {"since": start, "until": end}, DailyActivity)
    weekly = await materialized(pool, admin, "mv_weekly_domain_progress", queries.WEEKLY_DOMAIN_PROGRESS,
                                {"since": start, "until": end, "domain": None}, WeeklyDomainProgress)
    components = await all_rows(pool, admin, queries.COMPONENT_PERFORMANCE, {"domain": None, "component_type": None},
                                ComponentPerformance)
    assessments = await all_rows(pool, admin, queries.ASSESSMENT_PERFORMANCE, {"assessment_type": None},
                                 AssessmentPerformance)
    # the query orders the hardest first (lowest success rate; never answered last)
    questions = [q for q in (await read_page(pool, admin.user.id, queries.QUESTION_PERFORMANCE, {
        "domain": None, "question_type": None, "objective": None}, page=PageRequest(TOP, 0),
        model=QuestionPerformance)).items if q.success_rate is not None]
    since = datetime.combine(start, datetime.min.time(), UTC)
    latency = await service.route_latency(pool, admin, name=None, since=since,
                                          until=since + timedelta(days=(end - start).days + 1))
    used = sorted((c for c in components if c.view_count or c.unique_users),
                  key=lambda c: (-c.unique_users, -c.view_count, c.slug))
    attempted = sorted((a for a in assessments if a.total_attempts),
                       key=lambda a: (a.pass_rate if a.pass_rate is not None else 101, -a.total_attempts, a.slug))
    days = every_day(daily, start, end) if daily is not None else None
    domains = await service.domain_names(pool, admin)
    context |= {
        "days": days, "weekly": weekly, "domains": domains,
        "components": used[:TOP], "components_total": len(components),
        "assessments": attempted, "assessments_total": len(assessments),
        "questions": questions, "texts": await service.question_texts(pool, admin, [q.question_id for q in questions]),
        "latency": latency, "points": chart_points(days, weekly, attempted, latency, domains)}
    return render(request, "analytics/analytics.html", context)


def chart_points(days: list[DailyActivity] | None, weekly: list[WeeklyDomainProgress] | None,
                 assessments: list[AssessmentPerformance], latency: list[RouteLatency],
                 domains: dict[str, str]) -> dict[str, list[Point]]:
    """The series each chart draws; the tables beside them show the same rows in full."""
    minutes_by_domain: dict[str, int] = {}
    for w in weekly or []:
        minutes_by_domain[w.domain] = minutes_by_domain.get(w.domain, 0) + w.total_time_minutes
    return {
        "active": [Point(f"{d.activity_date:%-d %b}", d.active_users) for d in days or []],
        "minutes": [Point(f"{d.activity_date:%-d %b}", d.total_minutes) for d in days or []],
        "domain_minutes": [Point(f"{k} {domains.get(k, '')}".strip(), v) for k, v in sorted(minutes_by_domain.items())],
        "pass_rates": [Point(a.title, a.pass_rate) for a in assessments[:10]],
        "latency": [Point(r.name, r.mean_ms) for r in latency[:10]],
    }


@router.post("/admin/analytics/refresh")
async def refresh(request: Request, admin: AdminPage, pool: PoolDep, client: ClientDep) -> Response:
    """Recompute the views, then show the page again (same range) with what was done and how long it took."""
    values = await form_values(request)
    started = time.perf_counter()
    await service.refresh_views(pool, admin, client)
    elapsed = round((time.perf_counter() - started) * 1000)
    kept = {k: str(values[k]) for k in ("from", "to") if isinstance(values.get(k), str) and values[k]}
    return RedirectResponse("/admin/analytics?" + urlencode(kept | {"refreshed_ms": elapsed}), status_code=303)
