"""What a student does inside a viewer: mark a section read, complete, review a flashcard, check a lab.

Each action is one transaction (nothing half-saved) through the progress service, and answers twice:
to htmx with the region of the page it changed, to a plain form post with a redirect back to the
viewer (303), which shows the same state from the saved progress.
"""

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.accounts.service import SignedIn
from netplus.catalog import flashcards, labs
from netplus.catalog.browse import LABELS
from netplus.catalog.reading import TOC_FROM_SECTIONS, mark_read, reading_place, split_sections
from netplus.catalog.viewer import end_session, load_for_action, session_ref
from netplus.catalog.views import deck_context, lab_context
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import Problem, not_found
from netplus.progress import service as progress
from netplus.progress.schemas import ProgressOut, ProgressPatch
from netplus.web.forms import form_values, parse
from netplus.web.security import csrf_protect
from netplus.web.session import PageUser
from netplus.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
DONE = ("completed", "mastered")


def is_htmx(request: Request) -> bool:
    return bool(request.headers.get("hx-request"))


def back_to(slug: str, anchor: str = "", query: str = "") -> RedirectResponse:
    return RedirectResponse(f"/learn/{slug}{query}{anchor}", status_code=303)


def first(value: Any) -> str:
    """One form field as text (a field sent twice counts by its first value)."""
    return str(value[0] if isinstance(value, list) and value else value or "")


async def save(conn: AsyncConn, signed_in: SignedIn, slug: str, client: Client, *, percentage: float | None,
               position: dict[str, Any]) -> dict[str, Any]:
    """Report progress, validated as the API validates it (the resume position is at most 8 KB)."""
    body, errors = parse(ProgressPatch, {"progress_percentage": percentage, "last_position": position})
    if body is None:
        raise Problem(422, "Invalid request", "This is more than NetPlus can keep for one component.",
                      [{"field": k, "message": v} for k, v in errors.items()])
    return await progress.report(conn, signed_in, slug, client, percentage=body.progress_percentage,
                                 position=body.last_position, minutes=None)


@router.post("/learn/{slug}/sections/{index}/read")
async def section_read(slug: str, index: int, request: Request, *, signed_in: PageUser, pool: PoolDep,
                       client: ClientDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        acting = await load_for_action(conn, signed_in, slug, client, frozenset({"reading"}))
        body = acting.detail["content"].get("body")
        sections = split_sections(body) if isinstance(body, str) else []
        if not 0 <= index < len(sections):
            raise not_found("section")
        place = mark_read(reading_place(acting.progress.last_position, len(sections)), index, len(sections))
        result = await save(conn, signed_in, slug, client, percentage=place.percentage(len(sections)),
                            position=place.position())
    if not is_htmx(request):
        following = sections[place.resume] if place.resume is not None and place.resume != index else None
        return back_to(acting.detail["slug"], f"#{following.anchor}" if following else "#finish")
    return render(request, "catalog/section_read.html", {
        "c": acting.detail, "section": sections[index], "show_toc": len(sections) >= TOC_FROM_SECTIONS, "place": place,
        "progress": ProgressOut.model_validate(result["progress"]), **LABELS})


@router.post("/learn/{slug}/complete")
async def complete(slug: str, request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """Mark a reading or a video done; the page's study session gives the minutes (capped)."""
    values = await form_values(request)
    async with user_transaction(pool, signed_in.user.id) as conn:
        acting = await load_for_action(conn, signed_in, slug, client, frozenset({"reading", "video"}))
        minutes = await end_session(conn, signed_in, client, session_ref(first(values.get("session_id"))),
                                    acting.detail)
        await progress.complete(conn, signed_in, slug, client, minutes=minutes)
    done = "watched" if acting.detail["component_type"] == "video" else "completed"
    return back_to(acting.detail["slug"], query=f"?done={done}")


@router.post("/learn/{slug}/review")
async def review(slug: str, request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """Rate the card shown (Again, Hard, Good, Easy): FSRS schedules it; the deck done for now completes it."""
    values = await form_values(request)
    rating = flashcards.RATINGS.get(first(values.get("rating")))
    card_id = first(values.get("card"))
    session_id = session_ref(first(values.get("session_id")))
    async with user_transaction(pool, signed_in.user.id) as conn:
        acting = await load_for_action(conn, signed_in, slug, client, frozenset({"flashcard"}))
        cards = flashcards.deck_cards(acting.detail["content"])
        if rating is None or card_id not in {c.id for c in cards}:
            raise Problem(422, "Invalid request", "Choose Again, Hard, Good or Easy for a card of this deck.")
        schedule = flashcards.review(flashcards.load_schedule(acting.progress.last_position, cards), card_id, rating)
        state = flashcards.deck_state(cards, schedule)
        try:
            position = flashcards.dump_schedule(schedule)
        except ValueError:
            raise Problem(422, "Invalid request", "This deck has too many cards to keep a schedule for.") from None
        result = await save(conn, signed_in, slug, client, percentage=state.percentage, position=position)
        finished = not state.queue
        if finished:
            minutes = await end_session(conn, signed_in, client, session_id, acting.detail)
            result = await progress.complete(conn, signed_in, slug, client, minutes=minutes)
    if not is_htmx(request):
        return back_to(acting.detail["slug"], "#deck")
    word = flashcards.RATING_WORDS[int(rating)]
    message = f"Rated “{word}”. " + ("That is every card for now: the deck is done." if finished else "Next card.")
    saved = ProgressOut.model_validate(result["progress"])
    return render(request, "catalog/deck.html", {
        "c": acting.detail, "progress": saved, "session_id": None if finished else session_id,
        **deck_context(acting.detail, saved, message=message), **LABELS})


async def lab_response(request: Request, detail: dict[str, Any], saved: ProgressOut, state: labs.LabState, *,
                       session_id: Any, message: str | None) -> Response:
    if not is_htmx(request):
        return back_to(detail["slug"], "#lab")
    return render(request, "catalog/lab_form.html", {
        "c": detail, "progress": saved, "session_id": session_id, "lab_message": message,
        **lab_context(detail, saved, state), **LABELS})


@router.post("/learn/{slug}/check")
async def check(slug: str, request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """Check a lab's answers on the server; all right completes the lab. Answers are kept for a reload."""
    values = await form_values(request)
    session_id = session_ref(first(values.get("session_id")))
    async with user_transaction(pool, signed_in.user.id) as conn:
        acting = await load_for_action(conn, signed_in, slug, client, frozenset({"lab"}))
        lab_tasks = labs.tasks(acting.detail["content"])
        before = labs.lab_state(acting.progress.last_position, lab_tasks)
        answers = {t["id"]: first(values.get(f"task-{t['id']}")) for t in lab_tasks}
        state = labs.check(lab_tasks, answers, solution_shown=before.solution_shown)
        share = 100 * len(state.right) / len(lab_tasks) if lab_tasks else 0.0
        result = await save(conn, signed_in, slug, client, percentage=share, position=state.position())
        all_right = state.all_right(lab_tasks)
        if all_right and acting.progress.status not in DONE:
            minutes = await end_session(conn, signed_in, client, session_id, acting.detail)
            result = await progress.complete(conn, signed_in, slug, client, minutes=minutes)
    if all_right:
        message = f"All {len(lab_tasks)} tasks are right. Lab complete!"
    else:
        message = (f"{len(state.right)} of {len(lab_tasks)} tasks are right. "
                   "Have another look at the ones marked “not yet”.")
    return await lab_response(request, acting.detail, ProgressOut.model_validate(result["progress"]), state,
                              session_id=session_id, message=message)


@router.post("/learn/{slug}/solution")
async def show_solution(slug: str, request: Request, signed_in: PageUser, pool: PoolDep,
                        client: ClientDep) -> Response:
    """Show the expected answers (the page asks first); remembered, so a reload still shows them."""
    values = await form_values(request)
    async with user_transaction(pool, signed_in.user.id) as conn:
        acting = await load_for_action(conn, signed_in, slug, client, frozenset({"lab"}))
        lab_tasks = labs.tasks(acting.detail["content"])
        state = replace(labs.lab_state(acting.progress.last_position, lab_tasks), solution_shown=True)
        result = await save(conn, signed_in, slug, client, percentage=None, position=state.position())
    return await lab_response(request, acting.detail, ProgressOut.model_validate(result["progress"]), state,
                              session_id=session_ref(first(values.get("session_id"))),
                              message="The expected answers are shown under each task.")
