"""The student's own pages: dashboard, profile, settings (display, reminders, privacy, password,
account deletion), goals and achievements."""

import uuid
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from netplus.accounts import service as accounts
from netplus.accounts.dependencies import SESSION_COOKIE, ClientDep, LimiterDep, PoolDep, SettingsDep
from netplus.accounts.schemas import PasswordChangeIn
from netplus.assessments.service import list_my_attempts
from netplus.core import ratelimit
from netplus.core.listing import PageRequest
from netplus.core.pool import user_transaction
from netplus.core.problems import Problem
from netplus.me import account, goals, history, overview
from netplus.me.schemas import DeleteAccountIn, GoalIn, GoalPatch, ProfilePatch, SettingsPatch
from netplus.web.charts import Point
from netplus.web.forms import as_list, checkbox, form_values, parse, problem_errors
from netplus.web.security import csrf_protect
from netplus.web.session import PageUser
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
CALENDAR_WEEKS = 18


@router.get("/dashboard")
async def dashboard(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    user_id = signed_in.user.id
    async with user_transaction(pool, user_id) as conn:
        board = await overview.dashboard(conn, user_id)
        streak = await overview.streak(conn, user_id)
        earned = await overview.achievements(conn, user_id)
        active_goals = await goals.list_goals(conn, user_id, ["active"])
        since = streak["today"] - timedelta(days=7 * CALENDAR_WEEKS)
        minutes, active_days = await history.activity_calendar(conn, user_id, since)
        trend = await history.score_trend(conn, user_id)
    attempts = await list_my_attempts(pool, user_id, PageRequest(6, 0), assessment_id=None, status=None,
                                      client=client)
    items = earned["items"]
    recent = sorted((a for a in items if a["status"] == "earned"), key=lambda a: a["earned_at"], reverse=True)[:3]
    closest = sorted((a for a in items if a["status"] == "in_progress"),
                     key=lambda a: -progress_share(a["progress_data"]))[:3]
    return render(request, "me/dashboard.html", {
        "title": "Dashboard", "board": board, "streak": streak, "goals": active_goals[:4],
        "recent_achievements": recent, "next_achievements": closest, "earned": earned,
        "attempts": attempts.items, "minutes": minutes, "active_days": active_days, "weeks": CALENDAR_WEEKS,
        "trend": [Point(f"{t['completed_at']:%-d %b}", float(t["percentage"])) for t in trend],
        "trend_rows": trend, "domain_points": [Point(f"{d['code']} {d['name']}", float(d["progress_percentage"]))
                                               for d in board["domains"]]})


def progress_share(progress: dict[str, Any]) -> float:
    target = float(progress.get("target") or 0)
    return float(progress.get("current") or 0) / target if target else 0.0


@router.get("/achievements")
async def achievements_page(request: Request, signed_in: PageUser, pool: PoolDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        earned = await overview.achievements(conn, signed_in.user.id)
    return render(request, "me/achievements.html", {"title": "Achievements", "earned": earned,
                                                    "share": progress_share})


# Profile ------------------------------------------------------------------------------------------

PROFILE_MESSAGES = {"avatar_url": "Enter a web address starting with https:// (or leave it empty).",
                    "locale": "Use a language tag such as en-US or pt-BR."}


@router.get("/profile")
async def profile_form(request: Request, signed_in: PageUser, pool: PoolDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await account.profile(conn, signed_in.user.id)
    values = dict(row) | {"certifications": "\n".join(row["certifications"] or [])}
    return render(request, "me/profile.html", {"title": "Profile", "values": values, "errors": {}})


@router.post("/profile")
async def profile_save(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    values = await form_values(request)
    data: dict[str, Any] = {k: (str(values.get(k) or "").strip() or None) for k in
            ("first_name", "last_name", "display_name", "bio", "avatar_url")}
    data |= {"timezone": str(values.get("timezone") or "UTC").strip(),
             "locale": str(values.get("locale") or "en-US").strip(),
             "certifications": [c.strip() for c in str(values.get("certifications") or "").splitlines() if c.strip()]}
    patch, errors = parse(ProfilePatch, data, PROFILE_MESSAGES)
    if patch is not None:
        try:
            async with user_transaction(pool, signed_in.user.id) as conn:
                await account.update_profile(conn, signed_in, patch, client)
        except Problem as problem:
            errors = problem_errors(problem)
        else:
            return RedirectResponse("/profile?saved=1", status_code=303)
    errors = {k.split(".")[0]: v for k, v in errors.items()}
    return render(request, "me/profile.html", {"title": "Profile", "values": values, "errors": errors},
                  status_code=422)


# Settings -----------------------------------------------------------------------------------------

def settings_data(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "theme": values.get("theme") or "system", "font_size": values.get("font_size") or "medium",
        "high_contrast": checkbox(values, "high_contrast"),
        "accessibility_mode": checkbox(values, "accessibility_mode"),
        "notifications_enabled": checkbox(values, "notifications_enabled"),
        "email_notifications": checkbox(values, "email_notifications"),
        "study_reminders": checkbox(values, "study_reminders"),
        "reminder_time": values.get("reminder_time") or "19:00",
        "reminder_days": [int(d) for d in as_list(values.get("reminder_days")) if str(d).isdigit()],
        "daily_goal_minutes": values.get("daily_goal_minutes") or "",
        "privacy_settings": {"profile_visible": checkbox(values, "profile_visible"),
                             "show_on_leaderboard": checkbox(values, "show_on_leaderboard")},
    }


async def settings_page(request: Request, signed_in: PageUser, pool: PoolDep, *, values: dict[str, Any] | None = None,
                        errors: dict[str, str] | None = None, password_errors: dict[str, str] | None = None,
                        status_code: int = 200) -> Response:
    """The settings form: as stored, or as just submitted (`values`) with its errors."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        row = await account.settings(conn, signed_in.user.id)
    if values is None:
        values = dict(row) | dict(row["privacy_settings"] or {})
        values["reminder_time"] = row["reminder_time"].strftime("%H:%M")
    notes = {"saved": "Your settings are saved.", "password": "Your password is changed."}
    flash = next(({"kind": "success", "message": m} for k, m in notes.items() if k in request.query_params), None)
    return render(request, "me/settings.html", {"title": "Settings", "values": values, "errors": errors or {},
                                                "password_errors": password_errors or {}, "flash": flash},
                  status_code=status_code)


@router.get("/settings")
async def settings_form(request: Request, signed_in: PageUser, pool: PoolDep) -> Response:
    return await settings_page(request, signed_in, pool)


@router.post("/settings")
async def settings_save(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    data = settings_data(await form_values(request))
    patch, errors = parse(SettingsPatch, data, {"daily_goal_minutes": "Enter a number of minutes from 5 to 720.",
                                                 "reminder_time": "Enter a time as HH:MM, e.g. 19:30."})
    if patch is not None:
        async with user_transaction(pool, signed_in.user.id) as conn:
            await account.update_settings(conn, signed_in, patch, client)
        return RedirectResponse("/settings?saved=1", status_code=303)
    values = data | data["privacy_settings"]
    errors = {k.split(".")[0] if not k.startswith("privacy") else k.split(".")[-1]: v for k, v in errors.items()}
    return await settings_page(request, signed_in, pool, values=values, errors=errors, status_code=422)


@router.post("/settings/password")
async def password_change(request: Request, signed_in: PageUser, pool: PoolDep, settings: SettingsDep,
                          limiter: LimiterDep, client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(PasswordChangeIn, {"current_password": values.get("current_password", ""),
                                            "new_password": values.get("new_password", ""),
                                            "end_other_sessions": checkbox(values, "end_other_sessions")})
    if body is not None:
        try:
            async with ratelimit.password_check(limiter, signed_in.user.id):
                ended = await accounts.change_password(
                    pool, settings, signed_in, current_password=body.current_password,
                    new_password=body.new_password, end_other_sessions=body.end_other_sessions, client=client)
        except Problem as problem:
            errors = problem_errors(problem)
        else:
            return RedirectResponse(f"/settings?password=1&ended={ended}", status_code=303)
    return await settings_page(request, signed_in, pool, password_errors=errors, status_code=422)


@router.post("/settings/delete-account")
async def delete_account(request: Request, signed_in: PageUser, pool: PoolDep, limiter: LimiterDep,
                         client: ClientDep) -> Response:
    values = await form_values(request)
    body, errors = parse(DeleteAccountIn, {"current_password": values.get("delete_password", "")})
    if body is not None:
        try:
            async with (ratelimit.password_check(limiter, signed_in.user.id),
                        user_transaction(pool, signed_in.user.id) as conn):
                await account.delete_account(conn, signed_in, body.current_password, client)
        except Problem as problem:
            errors = problem_errors(problem)
        else:
            response = RedirectResponse("/login?deleted=1", status_code=303)
            response.delete_cookie(SESSION_COOKIE, path="/")
            return response
    errors = {"delete_password": next(iter(errors.values()))}
    return await settings_page(request, signed_in, pool, errors=errors, status_code=422)


# Goals --------------------------------------------------------------------------------------------

GOAL_MESSAGES = {"target_value": "Enter a number greater than 0.", "title": "Give the goal a name."}


def goal_data(values: dict[str, Any], *, new: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"title": values.get("title", ""), "description": values.get("description") or None,
                            "target_value": values.get("target_value") or None,
                            "target_date": values.get("target_date") or None}
    if new:
        data |= {"goal_type": values.get("goal_type") or None, "metric": values.get("metric") or None,
                 "start_date": values.get("start_date") or None}
    return data


@router.get("/goals")
async def goals_page(request: Request, signed_in: PageUser, pool: PoolDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        rows = await goals.list_goals(conn, signed_in.user.id, None)
    return render(request, "me/goals.html", {"title": "Goals", "goals": rows, "values": {}, "errors": {}})


@router.post("/goals")
async def goal_create(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    values = await form_values(request)
    goal, errors = parse(GoalIn, goal_data(values, new=True), GOAL_MESSAGES)
    if goal is not None:
        try:
            async with user_transaction(pool, signed_in.user.id) as conn:
                await goals.create(conn, signed_in, goal, client)
        except Problem as problem:
            errors = problem_errors(problem)
        else:
            return RedirectResponse("/goals?created=1", status_code=303)
    async with user_transaction(pool, signed_in.user.id) as conn:
        rows = await goals.list_goals(conn, signed_in.user.id, None)
    return render(request, "me/goals.html", {"title": "Goals", "goals": rows, "values": values, "errors": errors},
                  status_code=422)


@router.get("/goals/{goal_id}/edit")
async def goal_edit_form(request: Request, goal_id: uuid.UUID, signed_in: PageUser, pool: PoolDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await goals.refresh(conn, signed_in.user.id)
        goal = await goals.get_goal(conn, signed_in.user.id, goal_id)
    return render(request, "me/goal_edit.html", {"title": "Edit goal", "goal": goal, "values": goal, "errors": {}})


@router.post("/goals/{goal_id}/edit")
async def goal_edit(request: Request, goal_id: uuid.UUID, signed_in: PageUser, pool: PoolDep,
                    client: ClientDep) -> Response:
    values = await form_values(request)
    patch, errors = parse(GoalPatch, goal_data(values, new=False), GOAL_MESSAGES)
    if patch is not None:
        try:
            async with user_transaction(pool, signed_in.user.id) as conn:
                await goals.update(conn, signed_in, goal_id, patch, client)
        except Problem as problem:
            errors = problem_errors(problem)
        else:
            return RedirectResponse("/goals?saved=1", status_code=303)
    async with user_transaction(pool, signed_in.user.id) as conn:
        goal = await goals.get_goal(conn, signed_in.user.id, goal_id)
    return render(request, "me/goal_edit.html", {"title": "Edit goal", "goal": goal, "values": values,
                                                 "errors": errors}, status_code=422)


@router.post("/goals/{goal_id}/abandon")
async def goal_abandon(goal_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await goals.abandon(conn, signed_in, goal_id, client)
    return RedirectResponse("/goals?abandoned=1", status_code=303)


@router.post("/goals/{goal_id}/delete")
async def goal_delete(goal_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await goals.delete(conn, signed_in, goal_id, client)
    return RedirectResponse("/goals?deleted=1", status_code=303)
