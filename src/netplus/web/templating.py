"""Jinja2 for the pages: one environment whose templates are found by feature ("me/dashboard.html").

Autoescaping is on for every template and undefined names raise, so a typo in a template is an error
in the tests, not an empty string on a page.
"""

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, PrefixLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from netplus.web import charts
from netplus.web.markdown import render_markdown

STATIC = Path(__file__).parent / "static"
FEATURES = ("accounts", "me", "catalog", "assessments", "authoring", "admin", "analytics")


@cache
def asset_version(path: str) -> str:
    """A short hash of a static file, so a changed asset gets a new URL and can be cached for long."""
    return hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:10]


def static_url(path: str) -> str:
    return f"/static/{path}?v={asset_version(path)}"


@cache
def stylesheets() -> list[str]:
    """app.css first, then each feature's own stylesheet (static/css/<feature>.css) that exists."""
    return ["css/app.css"] + [f"css/{name}.css" for name in FEATURES if (STATIC / "css" / f"{name}.css").exists()]


def icon(name: str, label: str | None = None) -> Markup:
    """An icon from the sprite; decorative unless it is given a label."""
    sprite = static_url("vendor/icons/icons.svg")
    a11y = Markup('role="img" aria-label="{}"').format(label) if label else Markup('aria-hidden="true"')
    return Markup('<svg class="icon" {} focusable="false"><use href="{}#{}"></use></svg>').format(a11y, sprite, name)


URL = re.compile(r"https?://[^\s<>\"']+")


def linkify(text: str) -> Markup:
    """Plain text with its web addresses made into links (mail bodies in the demo outbox)."""
    escaped = str(escape(text))
    return Markup(URL.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', escaped))  # noqa: S704 - escaped above


def build_environment() -> Environment:
    loaders: dict[str, Any] = {name: PackageLoader(f"netplus.{name}", "templates") for name in FEATURES}
    loaders["web"] = PackageLoader("netplus.web", "templates")
    env = Environment(loader=PrefixLoader(loaders, delimiter="/"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(static_url=static_url, icon=icon, charts=charts, stylesheets=stylesheets)
    env.filters["markdown"] = render_markdown
    env.filters["linkify"] = linkify
    env.filters["num"] = lambda v: "\u2013" if v is None else f"{float(v):g}"
    env.filters["percent"] = lambda v: "\u2013" if v is None else f"{float(v):.0f}%"
    return env


ENV = build_environment()


def page_context(request: Request) -> dict[str, Any]:
    """What every page's layout needs: the signed-in user, their display preferences and the CSRF token."""
    state = request.state
    return {"request": request, "user": getattr(state, "web_user", None), "prefs": getattr(state, "prefs", None),
            "csrf_token": getattr(state, "csrf_token", ""), "path": request.url.path, "flash": None}


def render(request: Request, template: str, context: dict[str, Any] | None = None, *, status_code: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    html = ENV.get_template(template).render(page_context(request) | (context or {}))
    return HTMLResponse(html, status_code=status_code, headers=headers)


def render_fragment(request: Request, template: str, context: dict[str, Any] | None = None) -> str:
    return ENV.get_template(template).render(page_context(request) | (context or {}))
