"""Sign up, verify the email address, sign in and out, reset a forgotten password; the demo outbox."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from netplus.accounts import doors, service
from netplus.accounts.dependencies import SESSION_COOKIE, ClientDep, LimiterDep, PoolDep, SettingsDep
from netplus.accounts.schemas import LoginIn, RegisterIn, ResetIn, ResetRequestIn
from netplus.core.problems import Problem, not_found
from netplus.core.rows import fetch_all
from netplus.web.forms import form_values, only, parse, problem_errors
from netplus.web.security import csrf_protect
from netplus.web.session import MaybeUser, safe_next
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
MESSAGES = {"email": "Enter an email address like name@example.com.",
            "username": "Use 3 to 32 letters, digits, dots, dashes or underscores.",
            "token": "This link is incomplete; open it again from the email."}
CHECK_INBOX = "If the address can be used, a message is on its way. Check your inbox (and the spam folder)."


def signed_in_redirect(signed_in: Any) -> Response | None:
    return RedirectResponse("/dashboard", status_code=303) if signed_in is not None else None


@router.get("/signup")
async def signup_form(request: Request, signed_in: MaybeUser) -> Response:
    return signed_in_redirect(signed_in) or render(request, "accounts/signup.html", {"values": {}, "errors": {}})


@router.post("/signup")
async def signup(request: Request, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                 client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(RegisterIn, only(values, "email", "username", "password"), MESSAGES)
    if values.get("password") and values.get("password") != values.get("password_confirm"):
        errors.setdefault("password_confirm", "The two passwords are not the same.")
    if body is not None and not errors:
        try:
            await doors.register(pool, settings, limiter, client, email=body.email, username=body.username,
                                 password=body.password)
            return render(request, "accounts/check_inbox.html",
                          {"title": "Check your inbox", "message": CHECK_INBOX, "email": body.email,
                           "outbox": settings.demo_outbox})
        except Problem as problem:
            errors = problem_errors(problem)
    values.pop("password", None)
    values.pop("password_confirm", None)
    return render(request, "accounts/signup.html", {"values": values, "errors": errors}, status_code=422)


@router.get("/verify-email")
async def verify_email(request: Request, pool: PoolDep, limiter: LimiterDep, client: ClientDep,
                       token: str = "") -> Response:
    """Following the mail's link confirms the address (the token is single-use, so a reload says so)."""
    try:
        await doors.verify_email(pool, limiter, client, token=token)
    except Problem as problem:
        return render(request, "accounts/verified.html", {"title": "Link not valid", "ok": False,
                                                          "detail": problem.detail}, status_code=problem.status)
    return render(request, "accounts/verified.html", {"title": "Email confirmed", "ok": True, "detail": None})


LOGIN_NOTES = {"signed_out": ("info", "You are signed out."),
               "reset": ("success", "Your password is changed. Sign in with the new one.")}


@router.get("/login")
async def login_form(request: Request, signed_in: MaybeUser, next: str = "") -> Response:
    note = next_note = None
    for key, (kind, message) in LOGIN_NOTES.items():
        if key in request.query_params:
            note = {"kind": kind, "message": message}
    if next and not note:
        next_note = {"kind": "info", "message": "Sign in to continue."}
    return signed_in_redirect(signed_in) or render(request, "accounts/login.html", {
        "values": {"next": next}, "errors": {}, "flash": note or next_note})


@router.post("/login")
async def login(request: Request, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(LoginIn, only(values, "identifier", "password"))
    if body is not None:
        try:
            session = await doors.login(pool, settings, limiter, client, identifier=body.identifier,
                                        password=body.password)
        except Problem as problem:
            errors = {"form": problem.detail or problem.title}
        else:
            response = RedirectResponse(safe_next(str(values.get("next") or "")), status_code=303)
            doors.set_session_cookie(response, settings, session.token)
            return response
    values.pop("password", None)
    return render(request, "accounts/login.html", {"values": values, "errors": errors}, status_code=422)


@router.post("/logout")
async def logout(pool: PoolDep, signed_in: MaybeUser, client: ClientDep) -> Response:
    if signed_in is not None:
        await service.logout(pool, signed_in, client)
    response = RedirectResponse("/login?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/forgot-password")
async def forgot_form(request: Request) -> Response:
    return render(request, "accounts/forgot.html", {"values": {}, "errors": {}})


@router.post("/forgot-password")
async def forgot(request: Request, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                 client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(ResetRequestIn, only(values, "email"), MESSAGES)
    if body is not None:
        try:
            await doors.request_reset(pool, settings, limiter, client, email=body.email)
        except Problem as problem:
            errors = problem_errors(problem, "email")
        else:
            return render(request, "accounts/check_inbox.html",
                          {"title": "Check your inbox", "message": CHECK_INBOX, "email": body.email,
                           "outbox": settings.demo_outbox})
    return render(request, "accounts/forgot.html", {"values": values, "errors": errors}, status_code=422)


@router.get("/reset-password")
async def reset_form(request: Request, token: str = "") -> Response:
    return render(request, "accounts/reset.html", {"values": {"token": token}, "errors": {}})


@router.post("/reset-password")
async def reset(request: Request, pool: PoolDep, settings: SettingsDep, limiter: LimiterDep,
                client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(ResetIn, only(values, "token", "new_password"), MESSAGES)
    if values.get("new_password") != values.get("new_password_confirm"):
        errors.setdefault("new_password_confirm", "The two passwords are not the same.")
    if body is not None and not errors:
        try:
            await doors.reset_password(pool, settings, limiter, client, token=body.token,
                                       new_password=body.new_password)
        except Problem as problem:
            errors = problem_errors(problem, "form")
        else:
            return RedirectResponse("/login?reset=1", status_code=303)
    return render(request, "accounts/reset.html", {"values": {"token": values.get("token", "")}, "errors": errors},
                  status_code=422)


@router.get("/outbox")
async def outbox(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    """Demo mode only: the mail that would have been sent, so its links can be followed."""
    if not settings.demo_outbox:
        raise not_found("page")
    async with pool.connection() as conn:  # as the service's own role: the outbox is not a per-user table
        mails = await fetch_all(conn, "SELECT to_address, subject, body_text, created_at FROM mail_outbox "
                                      "ORDER BY created_at DESC LIMIT 20")
    return render(request, "accounts/outbox.html", {"title": "Demo mail outbox", "mails": mails})
