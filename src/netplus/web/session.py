"""Who is looking at a page: the session cookie's user, with their display preferences.

Pages use the same sessions as the API (the `netplus_session` cookie). A page that needs a signed-in
user sends everyone else to the sign-in page, which brings them back afterwards; a page for another
role answers 403 with the friendly error page.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request

from netplus.accounts.dependencies import SESSION_COOKIE, PoolDep, SettingsDep
from netplus.accounts.service import SignedIn, authenticate
from netplus.core.pool import user_transaction
from netplus.core.problems import forbidden
from netplus.core.rows import fetch_one


@dataclass(frozen=True)
class Prefs:
    """The settings every page applies: they become attributes of <html> that app.css reads."""

    theme: str = "system"
    font_size: str = "medium"
    high_contrast: bool = False
    accessibility_mode: bool = False


class LoginRequiredError(Exception):
    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def login_url(next_url: str | None = None) -> str:
    return "/login" + (f"?next={quote(next_url, safe='/')}" if next_url and next_url != "/" else "")


def safe_next(value: str | None) -> str:
    """Only a path on this site may be a redirect target after signing in (no open redirects)."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/dashboard"


async def load_prefs(pool: PoolDep, signed_in: SignedIn) -> Prefs:
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await fetch_one(conn, "SELECT theme, font_size, high_contrast, accessibility_mode FROM user_settings "
                                    "WHERE user_id = %s", (signed_in.user.id,))
    return Prefs(**row) if row else Prefs()


async def optional_user(request: Request, pool: PoolDep, settings: SettingsDep) -> SignedIn | None:
    token = request.cookies.get(SESSION_COOKIE)
    signed_in = await authenticate(pool, settings, token) if token else None
    if signed_in is not None:
        request.state.web_user = signed_in.user
        request.state.prefs = await load_prefs(pool, signed_in)
        request.scope.setdefault("state", {})["user_id"] = str(signed_in.user.id)
    return signed_in


async def required_user(request: Request, signed_in: Annotated[SignedIn | None, Depends(optional_user)]) -> SignedIn:
    if signed_in is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequiredError(target if request.method == "GET" else request.headers.get("hx-current-url", "/"))
    return signed_in


async def staff_user(signed_in: Annotated[SignedIn, Depends(required_user)]) -> SignedIn:
    if signed_in.user.role not in ("instructor", "admin"):
        raise forbidden("This page is for instructors and admins.")
    return signed_in


async def admin_user(signed_in: Annotated[SignedIn, Depends(required_user)]) -> SignedIn:
    if signed_in.user.role != "admin":
        raise forbidden("This page is for admins.")
    return signed_in


MaybeUser = Annotated[SignedIn | None, Depends(optional_user)]
PageUser = Annotated[SignedIn, Depends(required_user)]
StaffPage = Annotated[SignedIn, Depends(staff_user)]
AdminPage = Annotated[SignedIn, Depends(admin_user)]
