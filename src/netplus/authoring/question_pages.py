"""/instructor/questions: the list, an editor per question type, and the changes of state.

The editor's buttons (add or remove an option, an item, a field ...) post the whole form back and the
page comes back changed, so no client-side templating is needed; htmx only swaps the form in place.
"""

import uuid
from typing import cast, get_args

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.authoring import questions, reference
from netplus.authoring.lifecycle import change_state
from netplus.authoring.page_kit import (
    BASE,
    DIFFICULTIES,
    STATES,
    Move,
    after,
    domain_options,
    done_flash,
    filters,
    page_request,
    page_router,
    pager,
)
from netplus.authoring.question_form import TYPE_NAMES, Editor, apply_action, blank, from_form, from_question, validate
from netplus.authoring.schemas import QuestionOut, State
from netplus.content.models import Question
from netplus.core.problems import Problem
from netplus.web.forms import FieldErrors, form_values, problem_errors
from netplus.web.session import StaffPage
from netplus.web.templating import render

router = page_router()
NORMALIZE = [("", "As typed, case-sensitive"), ("lower", "Ignore upper/lower case"), ("exact", "Exactly as typed"),
             ("cidr", "A CIDR block (10.0.0.0/24)"), ("ipv4", "An IPv4 address"), ("ipv6", "An IPv6 address"),
             ("mac", "A MAC address")]
KINDS = [("text", "Typed answer"), ("select", "Choose one option"), ("order", "Put items in order")]


def suggested_key(editor: Editor, exam_code: str = "N10-009") -> str:
    """A question id in the content pack's style (n10-009-1.4-3f2a9c1b), for authors who leave it empty."""
    objective = editor.objectives[0] if editor.objectives else "0.0"
    return f"{exam_code.lower()}-{objective}-{uuid.uuid4().hex[:8]}"


async def editor_page(request: Request, staff: StaffPage, pool: PoolDep, editor: Editor, *,
                      errors: FieldErrors, stored: QuestionOut | None = None, status_code: int = 200,
                      flash: dict[str, str] | None = None) -> HTMLResponse:
    name = TYPE_NAMES[editor.type]
    return render(request, "authoring/question_edit.html", {
        "title": f"Edit {name.lower()} question" if stored else f"New {name.lower()} question",
        "editor": editor, "values": editor.values(), "errors": errors, "stored": stored, "type_name": name,
        "editable": stored is None or (stored.key is not None and stored.deleted_at is None),
        "outline": await reference.exam_outline(pool, staff), "difficulties": DIFFICULTIES,
        "kinds": KINDS, "normalize": NORMALIZE,
        "action_url": f"{BASE}/questions/{stored.id}" if stored else f"{BASE}/questions/new",
        "flash": flash or done_flash(request)}, status_code=status_code)


@router.get(f"{BASE}/questions")
async def list_page(request: Request, staff: StaffPage, pool: PoolDep, offset: int = 0) -> Response:
    chosen = filters(request, "state", "question_type", "domain", "objective", "q")
    state = cast(State | None, chosen["state"] if chosen["state"] in get_args(State) else None)
    page = await questions.list_questions(pool, staff, page_request(offset), state=state, domain=chosen["domain"],
                                          question_type=chosen["question_type"], objective=chosen["objective"],
                                          q=chosen["q"])
    outline = await reference.exam_outline(pool, staff)
    return render(request, "authoring/questions.html", {
        "title": "Questions", "page": page, "values": chosen, "states": STATES, "type_names": TYPE_NAMES,
        "type_options": [("", "Any type"), *TYPE_NAMES.items()], "outline": outline,
        "domain_options": domain_options(outline, "Any domain"),
        "pager": pager(request, page.total, page.offset, len(page.items)), "flash": done_flash(request)})


@router.get(f"{BASE}/questions/new")
async def new_form(request: Request, staff: StaffPage, pool: PoolDep, type: str = "") -> Response:
    if type not in TYPE_NAMES:
        return render(request, "authoring/question_types.html", {"title": "New question", "type_names": TYPE_NAMES})
    return await editor_page(request, staff, pool, blank(type), errors={})


@router.post(f"{BASE}/questions/new")
async def create(request: Request, staff: StaffPage, pool: PoolDep, client: ClientDep) -> Response:
    values = await form_values(request)
    editor = from_form(values)
    if editor.type not in TYPE_NAMES:
        return RedirectResponse(f"{BASE}/questions/new", status_code=303)
    action = str(values.get("action") or "save")
    if action != "save":
        apply_action(editor, action)
        return await editor_page(request, staff, pool, editor, errors={})
    question, errors = validate(editor, editor.key or suggested_key(editor))
    if question is not None:
        try:
            new_id = await questions.create_question(pool, staff, client, cast(Question, question), "N10-009")
        except Problem as problem:
            errors = renamed(problem_errors(problem))
        else:
            return after(f"{BASE}/questions/{new_id}", "created")
    return await editor_page(request, staff, pool, editor, errors=errors, status_code=422)


def renamed(errors: FieldErrors) -> FieldErrors:
    """The service names the question's id `id`; the form calls it `key`."""
    return {("key" if k == "id" else k): v for k, v in errors.items()}


@router.get(f"{BASE}/questions/{{question_id}}")
async def edit_form(request: Request, question_id: uuid.UUID, staff: StaffPage, pool: PoolDep) -> Response:
    stored = await questions.get_question(pool, staff, question_id)
    return await editor_page(request, staff, pool, from_question(stored.question), errors={}, stored=stored)


@router.post(f"{BASE}/questions/{{question_id}}")
async def update(request: Request, question_id: uuid.UUID, staff: StaffPage, pool: PoolDep,
                 client: ClientDep) -> Response:
    stored = await questions.get_question(pool, staff, question_id)
    values = await form_values(request)
    # The type and the id stay what they are: an edit changes the content, never which question it is.
    editor = from_form(values | {"type": stored.question["type"], "key": stored.key or ""})
    action = str(values.get("action") or "save")
    if action != "save":
        apply_action(editor, action)
        return await editor_page(request, staff, pool, editor, errors={}, stored=stored)
    question, errors = validate(editor, editor.key)
    if question is not None:
        try:
            await questions.replace_question(pool, staff, client, question_id, cast(Question, question))
        except Problem as problem:
            errors = renamed(problem_errors(problem))
        else:
            return after(f"{BASE}/questions/{question_id}", "updated")
    return await editor_page(request, staff, pool, editor, errors=errors, stored=stored, status_code=422)


@router.post(f"{BASE}/questions/{{question_id}}/{{move}}")
async def move(request: Request, question_id: uuid.UUID, move: Move, *, staff: StaffPage, pool: PoolDep,
               client: ClientDep) -> Response:
    try:
        await change_state(pool, staff, client, questions.QUESTION, resource_id=question_id, action=move)
    except Problem as problem:
        if problem.status == 404:
            raise
        stored = await questions.get_question(pool, staff, question_id)
        return await editor_page(request, staff, pool, from_question(stored.question), errors={}, stored=stored,
                                 status_code=problem.status,
                                 flash={"kind": "error", "message": problem.detail or problem.title})
    if move == "delete":
        return RedirectResponse(f"{BASE}/questions?state=deleted&done=delete", status_code=303)
    return after(f"{BASE}/questions/{question_id}", move)
