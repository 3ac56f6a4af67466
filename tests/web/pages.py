"""Driving the pages in tests: a signed-in browser-like client, forms with their CSRF token."""

import html as html_lib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from netplus.core.database import DatabaseTarget
from tests.api import api_client

DEMO_PASSWORD = "password123"


def csrf(client: TestClient) -> str:
    """The CSRF token of this client's browser session (the cookie the first page set)."""
    if "netplus_csrf" not in client.cookies:
        client.get("/login")
    return str(client.cookies["netplus_csrf"])


def post_form(client: TestClient, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Response:
    return client.post(url, data={"csrf_token": csrf(client)} | (data or {}), follow_redirects=False, **kwargs)


def htmx(client: TestClient, method: str, url: str, data: dict[str, Any] | None = None) -> Response:
    """An htmx request: the token goes in the X-CSRF-Token header, as the layout's hx-headers sends it."""
    return client.request(method, url, data=data, headers={"HX-Request": "true", "X-CSRF-Token": csrf(client)},
                          follow_redirects=False)


def sign_in(client: TestClient, identifier: str, password: str = DEMO_PASSWORD) -> None:
    response = post_form(client, "/login", {"identifier": identifier, "password": password})
    assert response.status_code == 303, response.text


@contextmanager
def page_client(target: DatabaseTarget, identifier: str | None = None, **overrides: Any) -> Iterator[TestClient]:
    """A client on a live app; signed in as `identifier` (a demo account by default password) if given."""
    with api_client(target, **overrides) as client:
        if identifier:
            sign_in(client, identifier)
        yield client


def text_of(html: str) -> str:
    """The page's visible text, roughly: tags removed and whitespace collapsed, for readable assertions."""
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()
