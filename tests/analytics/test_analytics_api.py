"""Analytics for admins over the known data set: each endpoint returns the rows the data implies."""

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from psycopg.types.json import Jsonb

from netplus.analytics.rollup import rollup_components
from netplus.core.database import DatabaseTarget, connect
from tests.analytics.dataset import PASSWORD, Known
from tests.api import api_client
from tests.factories import insert
from tests.staff_api import sign_in

URL = "/api/v1/analytics"


def pick(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(r[k] for k in keys) for r in rows]


def test_learning_stats(client: TestClient, admin: dict[str, str]) -> None:
    everyone = client.get(f"{URL}/learning-stats", headers=admin).json()
    assert pick(everyone["items"], "username", "role", "components_started", "components_completed",
                "total_time_minutes", "average_progress") == [
        ("alice", "student", 3, 1, 60, 63.33), ("bob", "student", 1, 0, 5, 20.0),
        ("root", "admin", 0, 0, 0, 0.0), ("teacher", "instructor", 0, 0, 0, 0.0)]
    students = client.get(f"{URL}/learning-stats", headers=admin, params={"role": "student", "limit": 1}).json()
    assert (students["total"], pick(students["items"], "username")) == (2, [("alice",)])


def test_component_assessment_and_question_performance(client: TestClient, admin: dict[str, str]) -> None:
    components = client.get(f"{URL}/components", headers=admin, params={"domain": "1.0"}).json()["items"]
    assert pick(components, "slug", "unique_users", "users_completed", "average_progress",
                "average_time_minutes") == [("k-c1", 2, 1, 60.0, 17.5), ("k-c2", 1, 0, 50.0, 20.0)]
    drafts = client.get(f"{URL}/components", headers=admin, params={"domain": "2.0"}).json()["items"]
    assert pick(drafts, "slug", "is_published", "unique_users", "average_progress") == [
        ("k-c3", True, 1, 40.0), ("k-c4", False, 0, None)]

    assessments = client.get(f"{URL}/assessments", headers=admin).json()["items"]
    assert pick(assessments, "slug", "total_attempts", "unique_users", "average_score", "pass_count", "fail_count",
                "pass_rate", "average_time_minutes") == [("k-a1", 2, 2, 75.0, 1, 1, 50.0, 15.0)]

    questions = client.get(f"{URL}/questions", headers=admin).json()["items"]
    assert pick(questions, "question_type", "usage_count", "success_rate") == [
        ("true_false", 2, 50.0), ("multiple_choice", 2, 100.0)]  # the hardest first


def test_materialized_views_after_a_refresh(client: TestClient, admin: dict[str, str], known: Known,
                                           fresh_db: DatabaseTarget) -> None:
    days = {"from": str(known.day - timedelta(days=1)), "to": str(known.day)}
    before = client.get(f"{URL}/daily-activity", headers=admin, params=days)
    assert before.status_code == 409 and "refresh" in before.json()["detail"]
    assert client.post(f"{URL}/refresh", headers=admin).json()["views"] == [
        "mv_daily_user_activity", "mv_weekly_domain_progress"]

    daily = client.get(f"{URL}/daily-activity", headers=admin, params=days).json()
    assert pick(daily, "activity_date", "active_users", "total_sessions", "total_minutes", "average_minutes",
                "components_completed", "assessments_completed", "assessments_passed") == [
        (days["from"], 1, 1, 1, 1.0, 0, 0, 0),
        (days["to"], 2, 4, 50, 16.67, 1, 2, 1)]  # the session never ended has no minutes

    week = known.day - timedelta(days=known.day.weekday())
    same_week = known.day.weekday() > 0  # bob's session the day before falls in the same week
    weekly = client.get(f"{URL}/weekly-domain-progress", headers=admin,
                        params={"from": str(known.day), "to": str(known.day)}).json()
    assert pick(weekly, "week_start", "domain", "active_users", "components_in_progress", "completions",
                "average_progress", "total_time_minutes") == [
        (str(week), "1.0", 2, 2, 1, 56.67, 50 + same_week), (str(week), "2.0", 1, 1, 0, 40.0, 0)]
    only = client.get(f"{URL}/weekly-domain-progress", headers=admin, params={"domain": "2.0", "from": str(week)})
    assert pick(only.json(), "domain") == [("2.0",)]
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM user_activity_logs WHERE activity_type = 'analytics.views_refreshed'"
                            " AND user_id = %s", (known.admin,)).fetchone() == (1,)
    backwards = client.get(f"{URL}/daily-activity", headers=admin, params={"from": days["to"], "to": days["from"]})
    assert backwards.status_code == 422


def test_the_rollup_rows_are_served(client: TestClient, admin: dict[str, str], known: Known,
                                    fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn, conn.transaction():
        rollup_components(conn, known.day)
    rows = client.get(f"{URL}/component-days", headers=admin, params={"from": str(known.day)}).json()
    assert pick(rows["items"], "slug", "views", "unique_users", "completions", "average_time_minutes",
                "average_score", "engagement_rate", "bounce_rate") == [
        ("k-c1", 3, 2, 1, 15.0, None, 33.33, 66.67), ("k-c2", 1, 1, 0, 20.0, 75.0, 0.0, 0.0)]
    one = client.get(f"{URL}/component-days", headers=admin,
                     params={"from": str(known.day), "component_id": str(known.components["C2"])}).json()
    assert pick(one["items"], "slug") == [("k-c2",)]


def metric(conn: Any, name: str, value: float, minutes_ago: int, **tags: Any) -> None:
    insert(conn, "performance_metrics", {
        "metric_type": "http_latency", "metric_name": name, "metric_value": value, "unit": "ms",
        "tags": Jsonb(tags), "timestamp": datetime.now(UTC) - timedelta(minutes=minutes_ago)})


def test_latency_per_route(client: TestClient, admin: dict[str, str], fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn, conn.transaction():
        metric(conn, "GET /api/v1/me", 10, 60, count=4, errors=0, max_ms=20)
        metric(conn, "GET /api/v1/me", 20, 30, count=1, errors=1, max_ms=20)
        metric(conn, "POST /api/v1/auth/login", 300, 10, count=2, errors=0, max_ms=400)
        metric(conn, "GET /api/v1/me", 999, 3 * 24 * 60, count=1, errors=0, max_ms=999)
    rows = client.get(f"{URL}/performance-metrics", headers=admin, params={"name": "GET /api/v1/me"}).json()
    assert (rows["total"], pick(rows["items"], "value")) == (2, [(20.0,), (10.0,)])  # the last 24 hours, newest first
    routes = client.get(f"{URL}/performance-metrics/routes", headers=admin).json()
    assert pick(routes, "name", "samples", "requests", "mean_ms", "max_ms", "errors") == [
        ("POST /api/v1/auth/login", 1, 2, 300.0, 400.0, 0), ("GET /api/v1/me", 2, 5, 12.0, 20.0, 1)]
    since = (datetime.now(UTC) - timedelta(days=4)).isoformat()
    older = client.get(f"{URL}/performance-metrics/routes", headers=admin,
                       params={"name": "GET /api/v1/me", "since": since}).json()
    assert pick(older, "samples", "requests", "max_ms") == [(3, 6, 999.0)]


def test_the_service_records_its_own_latency(fresh_db: DatabaseTarget, known: Known) -> None:
    with api_client(fresh_db) as client:  # the recorder writes its rows when the service stops
        for _ in range(3):
            client.get("/healthz")
    with api_client(fresh_db) as client:
        admin = sign_in(client, "root", PASSWORD)
        rows = client.get(f"{URL}/performance-metrics", headers=admin, params={"name": "GET /healthz"}).json()
    assert [(r["unit"], r["tags"]["count"], r["tags"]["route"]) for r in rows["items"]] == [("ms", 3, "/healthz")]
