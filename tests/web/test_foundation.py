"""The shared parts of the pages: security headers, CSRF, error pages, sign-in redirects, assets."""

import re

import pytest

from netplus.core.database import DatabaseTarget
from netplus.web.charts import Point, bar_chart, heatmap, line_chart
from netplus.web.markdown import render_markdown
from tests.web.pages import csrf, page_client, post_form, text_of


def test_every_page_response_carries_a_strict_csp_and_hardening_headers(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        response = client.get("/login")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    cookie = response.headers["set-cookie"]
    assert "netplus_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # served over http here


def test_cookies_are_secure_when_the_platform_is_served_over_https(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, public_base_url="https://netplus.example") as client:
        client.base_url = client.base_url.copy_with(scheme="https")  # Secure cookies come back over https only
        response = client.get("/login")
        assert "Secure" in response.headers["set-cookie"]
        assert "strict-transport-security" in response.headers
        signed = post_form(client, "/login", {"identifier": "student1@network.test", "password": "password123"})
    session_cookie = next(c for c in signed.headers.get_list("set-cookie") if c.startswith("netplus_session="))
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie and "samesite=lax" in session_cookie.lower()


def test_a_form_without_the_pages_token_is_refused_and_changes_nothing(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        csrf(client)
        forged = client.post("/login", data={"identifier": "student1@network.test", "password": "password123",
                                             "csrf_token": "forged-" * 8}, follow_redirects=False)
        missing = client.post("/login", data={"identifier": "student1@network.test", "password": "password123"},
                              follow_redirects=False)
        cross_site = client.post("/login", data={"identifier": "student1@network.test", "password": "password123",
                                                 "csrf_token": csrf(client)},
                                 headers={"Origin": "https://evil.example"}, follow_redirects=False)
        assert "netplus_session" not in client.cookies
    for response in (forged, missing, cross_site):
        assert response.status_code == 403
        assert "did not come from NetPlus" in text_of(response.text)


def test_unknown_pages_get_the_friendly_404_and_the_api_keeps_problem_json(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        page = client.get("/no-such-page")
        api = client.get("/api/v1/no-such-thing")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "We couldn't find that page" in text_of(page.text) and '<main id="main"' in page.text
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"


def test_signed_out_visitors_are_sent_to_sign_in_and_brought_back(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        response = client.get("/settings?tab=display", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/settings%3Ftab%3Ddisplay"
        back = post_form(client, "/login", {"identifier": "student1", "password": "password123",
                                            "next": "/settings?tab=display"})
        offsite = post_form(client, "/login", {"identifier": "student1", "password": "password123",
                                               "next": "//evil.example/"})
    assert back.headers["location"] == "/settings?tab=display"
    assert offsite.headers["location"] == "/dashboard"


def test_static_assets_and_the_api_docs_are_served_locally(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        page = client.get("/login").text
        docs = client.get("/docs").text
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page + docs)
        assert assets
        for url in assets:
            assert client.get(url).status_code == 200, url
    assert "cdn" not in (page + docs).lower()


def test_markdown_is_sanitized_and_headings_move_below_the_page_title() -> None:
    html = str(render_markdown("# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) **bold**"))
    assert "<h2>Title</h2>" in html and "<script>" not in html and 'href="javascript' not in html
    assert "<strong>bold</strong>" in html


def test_charts_state_their_figures_in_text() -> None:
    line = str(line_chart([Point("1 Nov", 62), Point("8 Nov", 71.5)], title="Score trend", threshold=72))
    assert "<title>Score trend</title>" in line and "1 Nov: 62%" in line and "8 Nov: 72%" in line
    bars = str(bar_chart([Point("Networking concepts", 40)], title="Progress", unit="%"))
    assert "Networking concepts: 40%" in bars
    from datetime import date
    cal = str(heatmap({date(2026, 11, 20): 25, date(2026, 11, 21): 0}, end=date(2026, 11, 25)))
    assert "1 active days and 25 minutes" in cal and "Fri 20 Nov: 25 min" in cal
    assert "style=" not in line + bars + cal  # the CSP forbids inline styles


def test_an_unexpected_failure_shows_the_friendly_500_page(seeded_pages_db: DatabaseTarget,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("the database said something internal")

    monkeypatch.setattr("netplus.me.overview.dashboard", broken)
    with page_client(seeded_pages_db, "student2@network.test") as client:
        response = client.get("/dashboard")
    assert response.status_code == 500 and response.headers["content-type"].startswith("text/html")
    text = text_of(response.text)
    assert "Something went wrong on our side" in text and "saved so far are safe" in text
    assert "internal" not in text and "Traceback" not in text


def test_pages_for_other_roles_answer_with_the_friendly_403(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student2@network.test") as client:
        response = client.get("/admin")
    assert response.status_code == 403 and "You can't open this page" in text_of(response.text)


def test_every_state_changing_page_route_checks_the_csrf_token() -> None:
    from fastapi import APIRouter
    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute

    from netplus.web.app import page_routers
    from netplus.web.security import csrf_protect

    def calls(dependant: Dependant) -> set[object]:
        found: set[object] = {dependant.call}
        for sub in dependant.dependencies:
            found |= calls(sub)
        return found

    def routes(router: APIRouter) -> list[APIRoute]:
        found: list[APIRoute] = []
        for route in router.routes:
            if isinstance(route, APIRoute):
                found.append(route)
            elif isinstance(inner := getattr(route, "original_router", None), APIRouter):
                found += routes(inner)  # an included router
        return found

    changing = [r for router in page_routers() for r in routes(router) if (r.methods or set()) - {"GET", "HEAD"}]
    assert len(changing) > 30
    assert [r.path for r in changing if csrf_protect not in calls(r.dependant)] == []
