"""The admin pages: an overview of the platform, and the accounts (search, role, status, delete, restore).

Every change goes through the admin service, which keeps the rules (no admin demotes or suspends
themselves, a deleted account is restored before it is changed) and writes the audit row; a refusal
is shown next to the form that asked for it. After a change the page redirects to the account with
`?done=<what>`, and the message is written from the account as it now is, so a reload tells the truth.
"""

import uuid
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.admin import service
from netplus.admin.display import when
from netplus.admin.schemas import AdminUser, Role, SettableStatus, Status, UserChange
from netplus.analytics import service as analytics
from netplus.core.listing import PageRequest
from netplus.core.problems import Problem, not_found
from netplus.web.forms import FieldErrors, checkbox, form_values, parse, problem_errors
from netplus.web.security import csrf_protect
from netplus.web.session import AdminPage
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
PER_PAGE = 25
ROLES: tuple[str, ...] = get_args(Role)
STATUSES: tuple[str, ...] = get_args(Status)
SETTABLE: tuple[str, ...] = get_args(SettableStatus)


def blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class UserFilters(BaseModel):
    """The users list's search form (GET): an empty field means "any"."""

    model_config = ConfigDict(extra="ignore")
    q: Annotated[str | None, BeforeValidator(blank_is_none), Field(max_length=254)] = None
    role: Annotated[Role | None, BeforeValidator(blank_is_none)] = None
    status: Annotated[Status | None, BeforeValidator(blank_is_none)] = None
    page: Annotated[int, BeforeValidator(lambda v: blank_is_none(v) or 1), Field(ge=1, le=100_000)] = 1


FILTER_MESSAGES = {"q": "Search with at most 254 characters.", "role": "Choose a role from the list.",
                   "status": "Choose a status from the list.", "page": "The page number must be 1 or more."}


@router.get("/admin")
async def overview(request: Request, admin: AdminPage, pool: PoolDep) -> Response:
    figures = await service.overview(pool, admin)
    freshness = await analytics.freshness(pool, admin)
    return render(request, "admin/overview.html", {
        "title": "Admin overview", "o": figures, "freshness": freshness, "roles": ROLES, "statuses": STATUSES,
        "when": when})


@router.get("/admin/users")
async def users(request: Request, admin: AdminPage, pool: PoolDep) -> Response:
    values = dict(request.query_params)
    filters, errors = parse(UserFilters, values, FILTER_MESSAGES)
    if "page" in errors:  # no field shows the page number: its error is the form's
        errors["form"] = errors.pop("page")
    context: dict[str, Any] = {"title": "Users", "values": values, "errors": errors, "page": None,
                               "role_options": [("", "Any role")] + [(r, r.capitalize()) for r in ROLES],
                               "status_options": [("", "Not deleted")] + [(s, s.capitalize()) for s in STATUSES],
                               "when": when}
    if filters is None:
        return render(request, "admin/users.html", context, status_code=422)
    found = await service.list_users(pool, admin, PageRequest(PER_PAGE, (filters.page - 1) * PER_PAGE),
                                     q=filters.q, role=filters.role, status=filters.status)
    kept = {k: v for k, v in (("q", filters.q), ("role", filters.role), ("status", filters.status)) if v}

    def page_url(number: int) -> str:
        return "/admin/users?" + urlencode(kept | ({"page": number} if number > 1 else {}))

    last_page = max(1, -(-found.total // PER_PAGE))
    context |= {"page": found, "number": filters.page, "last_page": last_page, "filtered": bool(kept),
                "prev_url": page_url(filters.page - 1) if filters.page > 1 else None,
                "next_url": page_url(filters.page + 1) if filters.page < last_page else None}
    return render(request, "admin/users.html", context)


def account_id(user_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(user_id)
    except ValueError:
        raise not_found("user") from None


def done_message(done: str, account: AdminUser) -> dict[str, str] | None:
    """The flash after a change, from the account as it is now."""
    name = account.username
    if done == "role":
        return {"kind": "success", "message": f"{name} is now {'an' if account.role[0] in 'aeiou' else 'a'} "
                                              f"{account.role}."}
    if done == "status":
        if account.account_status == "active":
            return {"kind": "success", "message": f"{name}'s account is active: they can sign in."}
        return {"kind": "success", "message": f"{name}'s account is {account.account_status}: they are signed out "
                                              "everywhere and cannot sign in."}
    if done == "deleted" and account.deleted_at is not None:
        return {"kind": "success", "message": f"{name}'s account is deleted. You can restore it below."}
    if done == "restored" and account.deleted_at is None:
        return {"kind": "success", "message": f"{name}'s account is restored and active again."}
    return None


async def account_page(request: Request, admin: AdminPage, pool: PoolDep, user_id: uuid.UUID, *,
                       values: dict[str, Any] | None = None, errors: FieldErrors | None = None,
                       flash: dict[str, str] | None = None, status_code: int = 200) -> Response:
    account = await service.get_user(pool, admin, user_id)
    return render(request, "admin/user.html", {
        "title": f"User {account.username}", "account": account, "own": account.id == admin.user.id,
        "values": {"role": account.role, "account_status": account.account_status} | (values or {}),
        "errors": errors or {}, "flash": flash, "when": when,
        "role_options": [(r, r.capitalize()) for r in ROLES],
        "status_options": [(s, s.capitalize()) for s in SETTABLE]}, status_code=status_code)


@router.get("/admin/users/{user_id}")
async def user_detail(request: Request, user_id: str, admin: AdminPage, pool: PoolDep, done: str = "") -> Response:
    account = await service.get_user(pool, admin, account_id(user_id))
    return await account_page(request, admin, pool, account.id, flash=done_message(done, account))


def back_to(user_id: uuid.UUID, done: str) -> RedirectResponse:
    return RedirectResponse(f"/admin/users/{user_id}?done={done}", status_code=303)


async def change(request: Request, user_id: str, admin: AdminPage, pool: PoolDep, client: ClientDep,
                 field: str) -> Response:
    """One field of UserChange from its own form: the role form or the status form."""
    target = account_id(user_id)
    values = await form_values(request)
    body, errors = parse(UserChange, {field: values.get(field) or None},
                         {"role": "Choose a role from the list.", "account_status": "Choose a status from the list."})
    if body is not None and getattr(body, field) is None:
        errors = {field: "This field is required."}
    if body is not None and not errors:
        try:
            await service.change_user(pool, admin, client, target, body)
        except Problem as problem:
            if problem.status == 404:
                raise
            errors = problem_errors(problem, field)
        else:
            return back_to(target, "role" if field == "role" else "status")
    return await account_page(request, admin, pool, target, values={field: values.get(field, "")}, errors=errors,
                              status_code=422)


@router.post("/admin/users/{user_id}/role")
async def change_role(request: Request, user_id: str, admin: AdminPage, pool: PoolDep,
                      client: ClientDep) -> Response:
    return await change(request, user_id, admin, pool, client, "role")


@router.post("/admin/users/{user_id}/status")
async def change_status(request: Request, user_id: str, admin: AdminPage, pool: PoolDep,
                        client: ClientDep) -> Response:
    return await change(request, user_id, admin, pool, client, "account_status")


@router.post("/admin/users/{user_id}/delete")
async def delete(request: Request, user_id: str, admin: AdminPage, pool: PoolDep, client: ClientDep) -> Response:
    """Soft delete, once the admin ticked the confirmation (it works without JavaScript, unlike confirm())."""
    target = account_id(user_id)
    values = await form_values(request)
    errors: FieldErrors = {}
    if not checkbox(values, "confirm"):
        errors["confirm"] = "Tick the box to confirm the deletion."
    else:
        try:
            await service.delete_user(pool, admin, client, target)
        except Problem as problem:
            if problem.status == 404:
                raise
            errors = {"confirm": problem.detail or problem.title}
        else:
            return back_to(target, "deleted")
    return await account_page(request, admin, pool, target, errors=errors, status_code=422)


@router.post("/admin/users/{user_id}/restore")
async def restore(request: Request, user_id: str, admin: AdminPage, pool: PoolDep, client: ClientDep) -> Response:
    target = account_id(user_id)
    try:
        await service.restore_user(pool, admin, client, target)
    except Problem as problem:
        if problem.status == 404:
            raise
        # the service names the field another account took; the message says which, next to the button
        return await account_page(request, admin, pool, target, errors={"restore": problem.detail or problem.title},
                                  status_code=422)
    return back_to(target, "restored")
