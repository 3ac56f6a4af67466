"""The catalog pages: /catalog (filters, search, cursor pages) and /learn/{slug}, the viewer of every
component type. What a student does inside a viewer (read, review, check) is in `catalog/study.py`."""

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.catalog import service
from netplus.catalog.browse import LABELS, browse_query, filter_options
from netplus.catalog.reference import exam_outline
from netplus.catalog.study import router as study_router
from netplus.catalog.viewer import open_component, session_ref, surroundings
from netplus.catalog.views import deck_context, lab_context, reading_context, video_context
from netplus.core.pool import user_transaction
from netplus.core.problems import Problem, not_found
from netplus.progress import sessions
from netplus.progress.schemas import ProgressOut
from netplus.web.security import csrf_protect
from netplus.web.session import PageUser
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
DONE_NOTES = {"completed": "Marked as complete. Well done!", "watched": "Marked as watched. Well done!"}


def wants_fragment(request: Request, target: str) -> bool:
    """An htmx request for one region of the page (a history restore needs the whole page)."""
    headers = request.headers
    return bool(headers.get("hx-request")) and not headers.get("hx-history-restore-request") \
        and headers.get("hx-target") == target


@router.get("/catalog")
async def catalog(request: Request, signed_in: PageUser, pool: PoolDep) -> Response:
    uid = signed_in.user.id
    async with user_transaction(pool, uid) as conn:
        outline = await exam_outline(conn)
        browse = browse_query(request.query_params, outline)
        try:
            page = await service.list_components(conn, uid, browse.query)
        except Problem as problem:  # a cursor that is not ours (or from another sort): start again
            if problem.status != 422 or browse.query.cursor is None:
                raise
            browse.notes.append("That page link no longer works, so the list starts from the first page.")
            browse.query = replace(browse.query, cursor=None)
            page = await service.list_components(conn, uid, browse.query)
    context = {"title": "Catalog", "page": page, "browse": browse, "outline": {d.code: d for d in outline},
               "options": filter_options(outline), "values": browse.values,
               "next_url": browse.url(page["next_cursor"]) if page["next_cursor"] else None,
               "first_url": browse.url() if browse.query.cursor else None, **LABELS}
    headers = {"Vary": "HX-Request"}
    if wants_fragment(request, "results"):
        return render(request, "catalog/results.html", context | {"fragment": True}, headers=headers)
    return render(request, "catalog/index.html", context | {"fragment": False}, headers=headers)


def viewer_context(kind: str, detail: dict[str, Any], progress: ProgressOut, reveal: str | None) -> dict[str, Any]:
    if kind == "reading":
        return reading_context(detail, progress)
    if kind == "video":
        return video_context(detail)
    if kind == "flashcard":
        return deck_context(detail, progress, reveal=reveal)
    if kind == "lab":
        return lab_context(detail, progress)
    return {}


@router.get("/learn/{slug}")
async def learn(slug: str, request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    opened = await open_component(pool, signed_in, slug, client)
    detail = opened.detail
    context = {"title": detail["title"], "c": detail, "viewer_kind": opened.kind, "progress": opened.progress,
               "session_id": opened.session_id, "locked": opened.locked,
               **await surroundings(pool, signed_in, detail), **LABELS}
    if opened.locked:
        return render(request, "catalog/locked.html", context, status_code=409)
    context |= viewer_context(opened.kind, detail, opened.progress, request.query_params.get("reveal"))
    done = DONE_NOTES.get(request.query_params.get("done", ""))
    if done:
        context["flash"] = {"kind": "success", "message": done}
    return render(request, f"catalog/{opened.kind}.html", context)


@router.post("/learn/sessions/{session_id}/end")
async def end_study_session(session_id: str, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """The viewer's study session, ended when the student leaves the page (a beacon from catalog.js)."""
    ref = session_ref(session_id)
    if ref is None:
        raise not_found("learning session")
    async with user_transaction(pool, signed_in.user.id) as conn:
        await sessions.end(conn, signed_in, ref, client)
    return Response(status_code=204)


router.include_router(study_router)
