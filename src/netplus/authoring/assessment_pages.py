"""/instructor/assessments: the list, the editor with its question picker, and the changes of state.

The picker is part of the editor's form: filtering, ticking, adding, reordering and removing questions
all post the form back (htmx swaps it in place), so what was typed in the other fields is kept.
"""

import uuid
from collections import Counter
from typing import Any, cast, get_args

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.authoring import assessments, questions, reference
from netplus.authoring.lifecycle import PAST, change_state
from netplus.authoring.page_kit import (
    BASE,
    PER_PAGE,
    STATES,
    Move,
    after,
    domain_options,
    done_flash,
    filters,
    labelled,
    page_request,
    page_router,
    pager,
)
from netplus.authoring.question_form import TYPE_NAMES
from netplus.authoring.schemas import AssessmentIn, AssessmentOut, AssessmentType, State
from netplus.core.problems import Problem
from netplus.web.forms import FieldErrors, as_list, checkbox, form_values, parse, problem_errors
from netplus.web.session import StaffPage
from netplus.web.templating import render

router = page_router()
TYPES = list(get_args(AssessmentType))
FLAGS = ("randomize_questions", "randomize_answers", "show_answers_after", "allow_review")
MESSAGES = {"slug": "Use lower-case letters and digits, words joined by single dashes (subnetting-quiz-1).",
            "passing_score": "Give a score from 0 to 100.",
            "time_limit_minutes": "Give a whole number of minutes from 1 to 600, or leave it empty for no limit.",
            "max_attempts": "Give a whole number above 0, or leave it empty for unlimited attempts."}
PICK_FIELDS = ("pick_domain", "pick_objective", "pick_type", "pick_q")


def stored_values(a: AssessmentOut) -> dict[str, Any]:
    return {"slug": a.slug, "title": a.title, "description": a.description or "",
            "assessment_type": a.assessment_type, "component_id": str(a.component_id or ""),
            "time_limit_minutes": a.time_limit_minutes or "", "passing_score": f"{a.passing_score:g}",
            "max_attempts": a.max_attempts or "", "exam_code": a.exam_code,
            "question_ids": [str(q) for q in a.question_ids]} | {flag: getattr(a, flag) for flag in FLAGS}


def body_data(values: dict[str, Any]) -> dict[str, Any]:
    return {"slug": values.get("slug", ""), "title": values.get("title", ""),
            "description": values.get("description") or None, "assessment_type": values.get("assessment_type", ""),
            "component_id": values.get("component_id") or None,
            "time_limit_minutes": values.get("time_limit_minutes") or None,
            "passing_score": values.get("passing_score", ""), "question_ids": values["question_ids"],
            "max_attempts": values.get("max_attempts") or None, "exam_code": values.get("exam_code") or "N10-009",
            } | {flag: values[flag] for flag in FLAGS}


def apply_action(values: dict[str, Any], action: str) -> str:
    """Change the chosen list for a picker button; answers what happened, to be announced."""
    ids: list[str] = values["question_ids"]
    verb, _, arg = action.partition(":")
    if verb == "add":
        new = [q for q in as_list(values.get("pick")) if q not in ids]
        ids.extend(new)
        return f"{len(new)} question{'s' if len(new) != 1 else ''} added; {len(ids)} chosen."
    if verb == "find":
        values["pick_offset"] = int(arg) if arg.isdigit() else 0
        return "The list of questions to pick from is updated."
    if not arg.isdigit() or not 0 <= (at := int(arg)) < len(ids):
        return ""
    if verb == "remove":
        ids.pop(at)
        return f"Question {at + 1} removed; {len(ids)} chosen."
    if verb in ("up", "down"):
        to = at - 1 if verb == "up" else at + 1
        if 0 <= to < len(ids):
            ids[at], ids[to] = ids[to], ids[at]
            return f"Question {at + 1} moved to place {to + 1}."
    return ""


async def editor_page(request: Request, staff: StaffPage, pool: PoolDep, *, values: dict[str, Any],
                      errors: FieldErrors, stored: AssessmentOut | None = None, status: str = "",
                      status_code: int = 200, flash: dict[str, str] | None = None) -> HTMLResponse:
    outline = await reference.exam_outline(pool, staff)
    chosen_ids = [uuid.UUID(q) for q in values["question_ids"] if is_uuid(q)]
    chosen = await reference.questions_by_ids(pool, staff, chosen_ids)
    offset = int(values.get("pick_offset") or 0)
    pick = {name: (str(values.get(name) or "").strip() or None) for name in PICK_FIELDS}
    found = await questions.list_questions(pool, staff, page_request(offset), state="published",
                                           domain=pick["pick_domain"], question_type=pick["pick_type"],
                                           objective=pick["pick_objective"], q=pick["pick_q"])
    return render(request, "authoring/assessment_edit.html", {
        "title": f"Edit “{stored.title}”" if stored else "New assessment", "values": values, "errors": errors,
        "stored": stored, "type_options": labelled(TYPES), "outline": outline,
        "domain_options": domain_options(outline, "Any domain"),
        "type_names": TYPE_NAMES, "pick_type_options": [("", "Any type"), *TYPE_NAMES.items()],
        "components": await reference.component_choices(pool, staff), "chosen": chosen,
        "per_domain": sorted(Counter(q.domain or "none" for q in chosen).items()), "found": found,
        "found_next": offset + PER_PAGE if offset + len(found.items) < found.total else None,
        "found_previous": max(offset - PER_PAGE, 0) if offset else None, "status": status,
        "action_url": f"{BASE}/assessments/{stored.id}" if stored else f"{BASE}/assessments/new",
        "flash": flash or done_flash(request)}, status_code=status_code)


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@router.get(f"{BASE}/assessments")
async def list_page(request: Request, staff: StaffPage, pool: PoolDep, offset: int = 0) -> Response:
    chosen = filters(request, "state", "assessment_type", "q")
    state = cast(State | None, chosen["state"] if chosen["state"] in get_args(State) else None)
    atype = cast(AssessmentType | None, chosen["assessment_type"] if chosen["assessment_type"] in TYPES else None)
    page = await assessments.list_assessments(pool, staff, page_request(offset), state=state, assessment_type=atype,
                                              q=chosen["q"])
    return render(request, "authoring/assessments.html", {
        "title": "Assessments", "page": page, "values": chosen, "states": STATES,
        "type_options": labelled(TYPES, "Any type"),
        "pager": pager(request, page.total, page.offset, len(page.items)), "flash": done_flash(request)})


@router.get(f"{BASE}/assessments/new")
async def new_form(request: Request, staff: StaffPage, pool: PoolDep) -> Response:
    values = {"assessment_type": "quiz", "passing_score": "70", "exam_code": "N10-009", "question_ids": [],
              "randomize_questions": False, "randomize_answers": False, "show_answers_after": True,
              "allow_review": True}
    return await editor_page(request, staff, pool, values=values, errors={})


@router.get(f"{BASE}/assessments/{{assessment_id}}")
async def edit_form(request: Request, assessment_id: uuid.UUID, staff: StaffPage, pool: PoolDep) -> Response:
    stored = await assessments.get_assessment(pool, staff, assessment_id)
    return await editor_page(request, staff, pool, values=stored_values(stored), errors={}, stored=stored)


@router.post(f"{BASE}/assessments/new")
async def create(request: Request, staff: StaffPage, pool: PoolDep, client: ClientDep) -> Response:
    return await save(request, staff, pool, client, None)


@router.post(f"{BASE}/assessments/{{assessment_id}}")
async def update(request: Request, assessment_id: uuid.UUID, staff: StaffPage, pool: PoolDep,
                 client: ClientDep) -> Response:
    return await save(request, staff, pool, client, await assessments.get_assessment(pool, staff, assessment_id))


async def save(request: Request, staff: StaffPage, pool: PoolDep, client: ClientDep,
               stored: AssessmentOut | None) -> Response:
    values = await form_values(request)
    values["question_ids"] = as_list(values.get("question_ids"))
    values |= {flag: checkbox(values, flag) for flag in FLAGS}
    action = str(values.get("action") or "save")
    if action != "save":
        status = apply_action(values, action)
        return await editor_page(request, staff, pool, values=values, errors={}, stored=stored, status=status)
    body, errors = parse(AssessmentIn, body_data(values), MESSAGES)
    errors = {("question_ids" if k.startswith("question_ids") else k): v for k, v in errors.items()}
    if body is not None:
        try:
            if stored is None:
                new_id = await assessments.create_assessment(pool, staff, client, body)
                return after(f"{BASE}/assessments/{new_id}", "created")
            await assessments.replace_assessment(pool, staff, client, stored.id, body)
            return after(f"{BASE}/assessments/{stored.id}", "updated")
        except Problem as problem:
            errors = problem_errors(problem)
    return await editor_page(request, staff, pool, values=values, errors=errors, stored=stored, status_code=422)


@router.post(f"{BASE}/assessments/{{assessment_id}}/{{move}}")
async def move(request: Request, assessment_id: uuid.UUID, move: Move, *, staff: StaffPage, pool: PoolDep,
               client: ClientDep) -> Response:
    try:
        await change_state(pool, staff, client, assessments.ASSESSMENT, resource_id=assessment_id, action=move)
    except Problem as problem:
        if problem.status == 404:
            raise
        stored = await assessments.get_assessment(pool, staff, assessment_id)
        return await editor_page(request, staff, pool, values=stored_values(stored), stored=stored,
                                 errors=problem_errors(problem), status_code=problem.status,
                                 flash={"kind": "error", "message": f"Not {PAST[move]}: {problem.detail}"})
    if move == "delete":
        return RedirectResponse(f"{BASE}/assessments?state=deleted&done=delete", status_code=303)
    return after(f"{BASE}/assessments/{assessment_id}", move)
