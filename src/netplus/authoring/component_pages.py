"""/instructor/components: the list, the editor (content per type) and the changes of state."""

import json
import uuid
from typing import Any, cast, get_args

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.authoring import components, reference
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
    labelled,
    page_request,
    page_router,
    pager,
)
from netplus.authoring.schemas import ComponentIn, ComponentOut, ComponentType, State
from netplus.core.problems import Problem
from netplus.web.forms import FieldErrors, as_list, form_values, parse, problem_errors
from netplus.web.session import StaffPage
from netplus.web.templating import render, render_fragment

router = page_router()
TYPES = list(get_args(ComponentType))
MARKDOWN_TYPES = ("lesson", "reading", "study_guide")  # content is {"body": Markdown, ...}
MESSAGES = {"slug": "Use lower-case letters and digits, words joined by single dashes (osi-model-basics).",
            "domain": "Choose the exam domain.", "estimated_minutes": "Give a whole number of minutes above 0.",
            "sort_order": "Give a whole number."}


def editor_of(component_type: str) -> str:
    return "markdown" if component_type in MARKDOWN_TYPES else "json"


def content_values(content: dict[str, Any], editor: str) -> dict[str, str]:
    """The content as its editor shows it: Markdown body and the other keys, or the whole object as JSON."""
    if editor == "markdown":
        rest = {k: v for k, v in content.items() if k != "body"}
        return {"content_body": str(content.get("body") or ""),
                "content_other": json.dumps(rest, indent=2, ensure_ascii=False) if rest else ""}
    return {"content_json": json.dumps(content, indent=2, ensure_ascii=False)}


def json_object(text: str, name: str, errors: FieldErrors) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        errors[name] = f"This is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        return {}
    if not isinstance(value, dict):
        errors[name] = "The content must be a JSON object: {\"key\": value, ...}."
        return {}
    return value


def posted_content(values: dict[str, Any], errors: FieldErrors) -> dict[str, Any]:
    if values.get("editor") == "markdown":
        other = json_object(str(values.get("content_other") or ""), "content_other", errors)
        return other | {"body": str(values.get("content_body") or "")}
    return json_object(str(values.get("content_json") or ""), "content_json", errors)


def stored_values(c: ComponentOut) -> dict[str, Any]:
    editor = editor_of(c.component_type)
    return {"slug": c.slug, "title": c.title, "component_type": c.component_type, "domain": c.domain,
            "subdomain": c.subdomain or "", "description": c.description or "",
            "difficulty_level": c.difficulty_level, "estimated_minutes": c.estimated_minutes or "",
            "prerequisites": [str(p) for p in c.prerequisites], "comptia_objectives": c.comptia_objectives,
            "sort_order": c.sort_order, "exam_code": c.exam_code, "editor": editor} | content_values(c.content, editor)


def body_data(values: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
    return {"slug": values.get("slug", ""), "title": values.get("title", ""),
            "component_type": values.get("component_type", ""), "domain": values.get("domain", ""),
            "subdomain": values.get("subdomain") or None, "description": values.get("description") or None,
            "content": content, "difficulty_level": values.get("difficulty_level") or "beginner",
            "estimated_minutes": values.get("estimated_minutes") or None,
            "prerequisites": as_list(values.get("prerequisites")),
            "comptia_objectives": as_list(values.get("comptia_objectives")),
            "sort_order": values.get("sort_order") or 0, "exam_code": values.get("exam_code") or "N10-009"}


async def editor_page(request: Request, staff: StaffPage, pool: PoolDep, *, values: dict[str, Any],
                      errors: FieldErrors, component: ComponentOut | None = None, preview: str | None = None,
                      status_code: int = 200, flash: dict[str, str] | None = None) -> HTMLResponse:
    title = f"Edit “{component.title}”" if component else "New component"
    outline = await reference.exam_outline(pool, staff)
    return render(request, "authoring/component_edit.html", {
        "title": title, "values": values, "errors": errors, "component": component,
        "type_options": labelled(TYPES), "domain_options": domain_options(outline, "Choose a domain"),
        "difficulties": DIFFICULTIES, "outline": outline,
        "choices": [c for c in await reference.component_choices(pool, staff) if not component or c.id != component.id],
        "action_url": f"{BASE}/components/{component.id}" if component else f"{BASE}/components/new",
        "preview": preview, "flash": flash or done_flash(request)}, status_code=status_code)


@router.get(f"{BASE}/components")
async def list_page(request: Request, staff: StaffPage, pool: PoolDep, offset: int = 0) -> Response:
    chosen = filters(request, "state", "component_type", "domain", "q")
    state = cast(State | None, chosen["state"] if chosen["state"] in get_args(State) else None)
    ctype = cast(ComponentType | None, chosen["component_type"] if chosen["component_type"] in TYPES else None)
    page = await components.list_components(pool, staff, page_request(offset), state=state,
                                            domain=chosen["domain"], component_type=ctype, q=chosen["q"])
    return render(request, "authoring/components.html", {
        "title": "Components", "page": page, "values": chosen, "states": STATES,
        "type_options": labelled(TYPES, "Any type"),
        "domain_options": domain_options(await reference.exam_outline(pool, staff), "Any domain"),
        "pager": pager(request, page.total, page.offset, len(page.items)), "flash": done_flash(request)})


@router.get(f"{BASE}/components/new")
async def new_form(request: Request, staff: StaffPage, pool: PoolDep, component_type: str = "lesson") -> Response:
    ctype = component_type if component_type in TYPES else "lesson"
    values = {"component_type": ctype, "difficulty_level": "beginner", "sort_order": 0, "exam_code": "N10-009",
              "editor": editor_of(ctype)} | content_values({}, editor_of(ctype))
    return await editor_page(request, staff, pool, values=values, errors={})


@router.get(f"{BASE}/components/{{component_id}}")
async def edit_form(request: Request, component_id: uuid.UUID, staff: StaffPage, pool: PoolDep) -> Response:
    component = await components.get_component(pool, staff, component_id)
    return await editor_page(request, staff, pool, values=stored_values(component), errors={}, component=component)


@router.post(f"{BASE}/components/new")
async def create(request: Request, staff: StaffPage, pool: PoolDep, client: ClientDep) -> Response:
    return await save(request, staff, pool, client, None)


@router.post(f"{BASE}/components/{{component_id}}")
async def update(request: Request, component_id: uuid.UUID, staff: StaffPage, pool: PoolDep,
                 client: ClientDep) -> Response:
    return await save(request, staff, pool, client, await components.get_component(pool, staff, component_id))


async def save(request: Request, staff: StaffPage, pool: PoolDep, client: ClientDep,
               component: ComponentOut | None) -> Response:
    """Save, or (buttons other than Save) show a preview or switch the content editor, keeping the input."""
    values = await form_values(request)
    values["prerequisites"] = as_list(values.get("prerequisites"))
    values["comptia_objectives"] = as_list(values.get("comptia_objectives"))
    errors: FieldErrors = {}
    content = posted_content(values, errors)
    action = values.get("action", "save")
    if action == "preview":
        return await editor_page(request, staff, pool, values=values, errors=errors, component=component,
                                 preview=str(values.get("content_body") or ""))
    if action == "switch_editor":
        wanted = editor_of(str(values.get("component_type") or ""))
        if not errors and wanted != values.get("editor"):
            values |= {"editor": wanted} | content_values(content, wanted)
        return await editor_page(request, staff, pool, values=values, errors=errors, component=component)
    body, model_errors = parse(ComponentIn, body_data(values, content), MESSAGES)
    errors = {("comptia_objectives" if k.startswith("comptia_objectives") else
               "prerequisites" if k.startswith("prerequisites") else k): v for k, v in model_errors.items()} | errors
    if body is not None and not errors:
        try:
            if component is None:
                new_id = await components.create_component(pool, staff, client, body)
                return after(f"{BASE}/components/{new_id}", "created")
            await components.replace_component(pool, staff, client, component.id, body)
            return after(f"{BASE}/components/{component.id}", "updated")
        except Problem as problem:
            errors = problem_errors(problem)
    return await editor_page(request, staff, pool, values=values, errors=errors, component=component,
                             status_code=422)


@router.post(f"{BASE}/preview")
async def preview(request: Request, staff: StaffPage) -> HTMLResponse:
    """htmx: the Markdown body rendered as learners will see it (sanitized, like every page)."""
    values = await form_values(request)
    return HTMLResponse(render_fragment(request, "authoring/_preview.html",
                                        {"preview": str(values.get("content_body") or "")}))


@router.post(f"{BASE}/components/{{component_id}}/{{move}}")
async def move(request: Request, component_id: uuid.UUID, move: Move, *, staff: StaffPage, pool: PoolDep,
               client: ClientDep) -> Response:
    try:
        await change_state(pool, staff, client, components.COMPONENT, resource_id=component_id, action=move)
    except Problem as problem:
        if problem.status == 404:
            raise
        component = await components.get_component(pool, staff, component_id)
        return await editor_page(request, staff, pool, values=stored_values(component), errors={},
                                 component=component, status_code=problem.status,
                                 flash={"kind": "error", "message": problem.detail or problem.title})
    if move == "delete":
        return RedirectResponse(f"{BASE}/components?state=deleted&done=delete", status_code=303)
    return after(f"{BASE}/components/{component_id}", move)
