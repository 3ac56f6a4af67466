"""The admin analytics page on the known data set (tests/analytics/dataset.py): charts with their figures
as text, the tables in a useful order, the date range, and the refresh button."""

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from psycopg.types.json import Jsonb

from netplus.core.database import DatabaseTarget, connect
from tests.analytics.dataset import PASSWORD, Known
from tests.factories import insert
from tests.web.pages import page_client, post_form, sign_in, text_of


@pytest.fixture
def admin(fresh_db: DatabaseTarget, known: Known) -> Iterator[TestClient]:
    with page_client(fresh_db) as client:
        sign_in(client, "root", PASSWORD)
        yield client


def populated(target: DatabaseTarget) -> bool:
    with connect(target) as conn:
        row = conn.execute("SELECT relispopulated FROM pg_class WHERE oid = 'mv_daily_user_activity'::regclass"
                           ).fetchone()
    return bool(row and row[0])


def refresh(client: TestClient) -> str:
    """Press "Refresh analytics" and follow the redirect: the page's HTML."""
    response = post_form(client, "/admin/analytics/refresh")
    assert response.status_code == 303, response.text
    return client.get(response.headers["location"]).text


def test_before_the_first_refresh_the_views_are_announced_as_not_computed(admin: TestClient, known: Known,
                                                                          fresh_db: DatabaseTarget) -> None:
    page = admin.get("/admin/analytics")
    text = text_of(page.text)
    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert text.count("Not computed yet: press “Refresh analytics” above") == 2  # daily and weekly
    assert "Not computed yet Newest day in the views None" in text
    assert f"Newest activity recorded {known.day:%-d %b %Y}" in text
    # the performance views are live, not materialized: they show at once
    assert "Assessment performance" in text and 'id="assessments-table"' in page.text
    assert not populated(fresh_db)


def test_the_refresh_button_computes_the_views_and_says_what_it_did(admin: TestClient, fresh_db: DatabaseTarget,
                                                                    known: Known) -> None:
    start, end = known.day - timedelta(days=3), known.day + timedelta(days=1)
    response = post_form(admin, "/admin/analytics/refresh", {"from": start.isoformat(), "to": end.isoformat()})
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(f"/admin/analytics?from={start}&to={end}&refreshed_ms=")  # the range is kept
    text = text_of(admin.get(location).text)
    assert re.search(r"Done: Refreshed the daily activity and weekly domain progress views "
                     r"\(mv_daily_user_activity, mv_weekly_domain_progress\) in \d+ ms\.", text)
    assert "Up to date" in text and re.search(r"Last refreshed from NetPlus .* UTC by root", text)
    assert populated(fresh_db)
    with connect(fresh_db) as conn:
        logged = conn.execute("SELECT count(*) FROM user_activity_logs WHERE activity_type = "
                              "'analytics.views_refreshed' AND user_id = %s", (known.admin,)).fetchone()
    assert logged == (1,)


def test_the_refresh_button_needs_the_pages_token_and_an_admin(admin: TestClient, fresh_db: DatabaseTarget) -> None:
    forged = admin.post("/admin/analytics/refresh", data={"csrf_token": "forged-" * 8}, follow_redirects=False)
    cross_site = admin.post("/admin/analytics/refresh", data={"csrf_token": admin.cookies["netplus_csrf"]},
                            headers={"Origin": "https://evil.example"}, follow_redirects=False)
    for response in (forged, cross_site):
        assert response.status_code == 403 and "did not come from NetPlus" in text_of(response.text)
    with page_client(fresh_db) as teacher:
        sign_in(teacher, "teacher", PASSWORD)
        refused = post_form(teacher, "/admin/analytics/refresh")
        page = teacher.get("/admin/analytics")
    assert refused.status_code == 403 and page.status_code == 403
    assert not populated(fresh_db)


def test_daily_and_weekly_charts_carry_their_figures_as_text(admin: TestClient, known: Known) -> None:
    refresh(admin)
    start, end = known.day - timedelta(days=2), known.day + timedelta(days=1)
    page = admin.get("/admin/analytics", params={"from": start.isoformat(), "to": end.isoformat()}).text
    text = text_of(page)
    day, before = f"{known.day:%-d %b}", f"{known.day - timedelta(days=1):%-d %b}"
    # the chart's description states every day, the empty ones too
    active = re.search(r'id="chart-active-users".*?<desc>(.*?)</desc>', page, re.S)
    assert active is not None
    assert active[1] == (f"{start:%-d %b}: 0; {before}: 1; {day}: 2; "
                         f"{known.day + timedelta(days=1):%-d %b}: 0")
    assert f"{before}: 1 min; {day}: 50 min" in page
    # the table row of the day: alice and bob; 4 sessions of 30, 0, (open) and 20 minutes; C1 completed;
    # two attempts finished, one passed
    assert f"{known.day:%a %-d %b %Y} 2 4 50 16.7 1 2 1" in text
    assert "3 learner-days in total; the busiest day had 2." in text
    # weekly: the day's week in domain 1.0 (alice and bob; C1 completed) and 2.0 (alice's C3 at 40%)
    week = known.day - timedelta(days=known.day.weekday())
    assert f"{week:%-d %b %Y} 1.0 Networking Concepts 2" in text
    assert "1.0 Networking Concepts: 51 min; 2.0 Network Implementation: 0 min" in page


def test_performance_tables_put_what_needs_attention_first(admin: TestClient, known: Known,
                                                           fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db) as conn:
        for route, mean, count, worst in (("GET /api/v1/me", 12.5, 10, 40.0), ("POST /login", 180.0, 2, 250.0),
                                          ("GET /api/v1/me", 7.5, 10, 20.0)):
            insert(conn, "performance_metrics", {"metric_type": "http_latency", "metric_name": route,
                                                 "metric_value": mean, "unit": "ms",
                                                 "tags": Jsonb({"count": count, "max_ms": worst, "errors": 0})})
    text = text_of(admin.get("/admin/analytics").text)
    questions = text[text.index("Hardest questions"):text.index("Route latency")]
    # Q2 (one right, one wrong) before Q1 (two right)
    assert re.search(r"Which layer routes packets\? 50% 1 1 true false .* "
                     r"Which layer routes packets\? 100% 2 0", questions)
    assert re.search(r"Pass rate per assessment, lowest first .*: 50%", text)
    assert "quiz 50% 1 1 2 2 75% 70% 15" in text  # passed, failed, attempts, learners, average, pass mark, minutes
    components = text[text.index("Component performance"):text.index("Assessment performance")]
    assert "The 3 components with the most learners, of 4." in components  # C4, a draft nobody opened, is left out
    assert components.index("lesson 1.0 2") < components.index("lab 1.0 1")  # C1 has two learners
    # latency: the slowest mean first, weighted by requests (12.5 and 7.5 over 10 each: 10.0)
    latency = text[text.index("Route latency"):]
    assert "POST /login 2 180.0 250 0 GET /api/v1/me 20 10.0 40 0" in latency
    assert "POST /login: 180 ms; GET /api/v1/me: 10 ms" in latency


@pytest.mark.parametrize(("query", "message"), [
    ({"from": "2025-03-10", "to": "2025-03-01"}, "The first day must not be after the last day."),
    ({"from": "yesterday"}, "Enter a date like 2025-03-01."),
    ({"from": "2023-01-01", "to": "2025-01-01"}, "Choose at most 366 days."),
])
def test_a_wrong_range_is_explained_beside_its_field(admin: TestClient, query: dict[str, str], message: str) -> None:
    page = admin.get("/admin/analytics", params=query)
    assert page.status_code == 422
    assert re.search(r'id="from-error"[^>]*>.*?' + re.escape(message), page.text, re.S)
    assert f'value="{query["from"]}"' in page.text  # what was typed is kept
    assert 'id="daily-table"' not in page.text
