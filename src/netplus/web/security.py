"""Security headers on every response, and CSRF protection for the pages' forms and htmx requests.

CSRF uses the double-submit pattern: a random token in a cookie of its own (`netplus_csrf`), which
every page writes into its forms (a hidden `csrf_token` field) and into htmx's request headers
(`X-CSRF-Token`). A state-changing page request must carry the same token it arrived with, and a
cross-site request cannot read the cookie to copy it. An Origin header naming another site is refused
outright. The JSON API is not covered: it is called with a bearer token, which a browser never sends
on its own, or with the SameSite session cookie.
"""

import hmac
import secrets
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netplus.core.problems import Problem

CSRF_COOKIE = "netplus_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# No inline script or style anywhere: htmx is configured by a <meta> tag and every style is in app.css.
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
              "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
              "frame-ancestors 'none'")
# Swagger UI starts itself with an inline script; /docs alone allows that.
DOCS_CSP = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Adds the CSP and the usual hardening headers, and gives every browser a CSRF token cookie."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = csrf_cookie(scope)
        new_token = None
        if token is None:
            token = new_token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                csp = DOCS_CSP if path == "/docs" else STRICT_CSP
                headers += [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
                            (b"cross-origin-opener-policy", b"same-origin"),
                            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()")]
                if self.https:
                    headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
                if new_token is not None:
                    headers.append((b"set-cookie", self.cookie(new_token).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def cookie(self, token: str) -> str:
        return f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if self.https else "")


def csrf_cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is treated as no token
                return None
            morsel = jar.get(CSRF_COOKIE)
            if morsel is not None and len(morsel.value) >= 32:
                return morsel.value
    return None


CSRF_FAILED = Problem(403, "Forbidden", "This form has expired or did not come from NetPlus. Reload the page and "
                      "try again.")


def same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def csrf_protect(request: Request) -> None:
    """A dependency of every page router: unsafe methods need the page's token (form field or header)."""
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value: Any = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not (expected and sent and hmac.compare_digest(expected, sent) and same_origin(request)):
        raise CSRF_FAILED
