"""The assessment pages: the exams list, an assessment's intro, the runner (one question at a time or all
on one page), the review before submitting, the result; and starting a generated drill.

Every page calls the assessment service as the signed-in student, so an attempt that is not theirs is
the friendly 404 page, and the service's deadline rules hold: whatever request meets an expired attempt
times it out and scores it, after which the runner, its forms and the review all lead to the result.
Answers are saved by htmx as they change; every answer form also posts without script (303 onward).
"""

import asyncio
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netplus.accounts.dependencies import ClientDep, PoolDep
from netplus.assessments import overview, service
from netplus.assessments.answer_form import answer_from_form, form_of_answer, ordered_items, single
from netplus.assessments.presenting import GROUPS, counts, helpers
from netplus.assessments.schemas import MAX_SECONDS_ON_A_QUESTION, AnswerIn, AnswerOut, AttemptOut, QuestionOut
from netplus.core.problems import Problem, not_found
from netplus.web import charts
from netplus.web.forms import FieldErrors, checkbox, form_values, problem_errors
from netplus.web.security import csrf_protect
from netplus.web.session import PageUser
from netplus.web.templating import render, render_fragment

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
View = Literal["one", "all"]
TIME_UP_GRACE = 5  # seconds: a countdown that ends this early (clock drift) waits for the real deadline


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return render(request, f"assessments/{template}", helpers() | context, status_code=status_code)


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def runner_url(attempt_id: uuid.UUID, position: int | None = None, view: View = "one") -> str:
    if view == "all":
        return f"/attempts/{attempt_id}?view=all" + (f"#question-{position}" if position else "")
    return f"/attempts/{attempt_id}" + (f"?q={position}" if position else "")


def result_url(attempt_id: uuid.UUID) -> str:
    return f"/attempts/{attempt_id}/result"


def to_result(request: Request, attempt_id: uuid.UUID) -> Response:
    """The attempt is over (submitted, timed out or abandoned): its result page, for htmx as well."""
    if request.headers.get("hx-request"):
        return Response(status_code=200, headers={"HX-Redirect": result_url(attempt_id)})
    return see_other(result_url(attempt_id))


# ---- the exams list and an assessment's intro -------------------------------------------------------

@router.get("/exams")
async def exams(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    assessments, drills = await overview.exams_and_drills(pool, signed_in.user.id, client=client)
    groups = [(kind, label, blurb, [a for a in assessments if a.assessment_type == kind])
              for kind, label, blurb in GROUPS]
    return page(request, "exams.html", {"title": "Exams and quizzes", "groups": groups, "drills": drills,
                                        "resumable": [a for a in assessments if a.open_attempt_id]})


async def intro_page(request: Request, signed_in: PageUser, pool: PoolDep, client: ClientDep,
                     assessment_id: uuid.UUID, errors: FieldErrors, status_code: int = 200) -> Response:
    found = await overview.assessment_page(pool, signed_in.user.id, assessment_id, client=client)
    return page(request, "intro.html", {"title": found.assessment.title, "a": found.assessment,
                                        "attempts": found.attempts, "errors": errors}, status_code)


@router.get("/exams/{assessment_id}")
async def intro(request: Request, assessment_id: uuid.UUID, signed_in: PageUser, pool: PoolDep,
                client: ClientDep) -> Response:
    return await intro_page(request, signed_in, pool, client, assessment_id, {})


@router.post("/exams/{assessment_id}/start")
async def start(request: Request, assessment_id: uuid.UUID, signed_in: PageUser, pool: PoolDep,
                client: ClientDep) -> Response:
    """Start an attempt, or resume the one in progress; a refusal (no attempts left) shows on the intro."""
    try:
        attempt = await service.start_attempt(pool, signed_in.user.id, assessment_id, client=client)
    except Problem as problem:
        if problem.status != 409:
            raise
        return await intro_page(request, signed_in, pool, client, assessment_id,
                                {"form": problem.detail or problem.title}, status_code=409)
    return see_other(runner_url(attempt.id))


@router.post("/drills/{component_id}/start")
async def start_drill(component_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """A drill attempt with freshly generated questions, or the drill attempt in progress."""
    attempt = await service.start_drill_attempt(pool, signed_in.user.id, component_id, client=client)
    return see_other(runner_url(attempt.id))


# ---- the runner -------------------------------------------------------------------------------------

def runner_page(request: Request, attempt: AttemptOut, position: int, view: View, *,
                refused: tuple[QuestionOut, dict[str, Any], FieldErrors] | None = None,
                status_code: int = 200) -> HTMLResponse:
    """The runner; `refused` shows one question's form again as it was sent, with its errors."""
    questions = attempt.questions
    position = min(max(position, 1), len(questions))
    values = {q.id: form_of_answer(q) for q in questions}
    errors: dict[uuid.UUID, FieldErrors] = {}
    if refused is not None:
        question, sent, errors[question.id] = refused
        values[question.id] = sent
        position = question.position
    return page(request, "runner.html", {
        "title": attempt.assessment_title, "attempt": attempt, "view": view, "position": position,
        "current": questions[position - 1], "values": values, "errors": errors, "counts": counts(attempt),
        "ordered_items": ordered_items, "server_now": datetime.now(UTC).isoformat(timespec="seconds"),
        "shown_at": int(time.time())}, status_code)


@router.get("/attempts/{attempt_id}")
async def runner(request: Request, attempt_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep,
                 q: Annotated[int, Query(ge=1, le=10_000)] = 1, view: View = "one") -> Response:
    attempt = await service.get_attempt(pool, signed_in.user.id, attempt_id, client=client)
    if attempt.status != "in_progress":
        return see_other(result_url(attempt_id))
    return runner_page(request, attempt, q, view)


def time_spent(question: QuestionOut, values: dict[str, Any]) -> int:
    """The question's total time: what was saved when the page was shown, plus the time since then
    (the single-question view only; on the all-questions page a form cannot tell which one is read)."""
    base, shown_at = single(values, "seconds_base"), single(values, "shown_at")
    saved = question.response.time_spent_seconds
    if not (base.isdigit() and shown_at.isdigit()):
        return saved
    spent = int(base) + max(0, int(time.time()) - int(shown_at))
    return min(max(spent, saved), MAX_SECONDS_ON_A_QUESTION)


def next_url(attempt: AttemptOut, question: QuestionOut, go: str, view: View) -> str:
    if go == "review":
        return f"/attempts/{attempt.id}/review"
    if view == "all":
        return runner_url(attempt.id, question.position, "all")
    if go == "next":
        if question.position >= len(attempt.questions):
            return f"/attempts/{attempt.id}/review"
        return runner_url(attempt.id, question.position + 1)
    if go == "prev":
        return runner_url(attempt.id, max(question.position - 1, 1))
    return runner_url(attempt.id, question.position)


def saved_fragment(request: Request, attempt: AttemptOut, question: QuestionOut, saved: AnswerOut,
                   view: View) -> HTMLResponse:
    """htmx's answer: "Saved" for the question's status line, and the navigator brought up to date."""
    question.response.answer = saved.answer
    question.response.flagged_for_review = saved.flagged_for_review
    html = render_fragment(request, "assessments/saved.html", helpers() | {
        "attempt": attempt, "question": question, "view": view, "position": question.position,
        "counts": counts(attempt), "errors": {}})
    return HTMLResponse(html)


@router.post("/attempts/{attempt_id}/answers/{question_id}")
async def save(request: Request, attempt_id: uuid.UUID, question_id: uuid.UUID, signed_in: PageUser,
               pool: PoolDep, client: ClientDep) -> Response:
    """Save one question's answer and flag; `go` (the button pressed) says where to go next."""
    values = await form_values(request)
    view: View = "all" if single(values, "view") == "all" else "one"
    go = single(values, "go")
    attempt = await service.get_attempt(pool, signed_in.user.id, attempt_id, client=client)
    if attempt.status != "in_progress":
        return to_result(request, attempt_id)
    question = next((q for q in attempt.questions if q.id == question_id), None)
    if question is None:
        raise not_found("question in this attempt")
    answer, errors = (None, {}) if go == "clear" else answer_from_form(question, values)
    if not errors:
        body = AnswerIn(answer=answer, flagged_for_review=checkbox(values, "flagged"),
                        time_spent_seconds=time_spent(question, values))
        try:
            saved = await service.save_answer(pool, signed_in.user.id, attempt_id, question_id, body, client=client)
        except Problem as problem:
            if problem.status in (409, 410):  # submitted elsewhere, or the deadline passed: it is scored now
                return to_result(request, attempt_id)
            if problem.status != 422:
                raise
            errors = problem_errors(problem, "answer")
        else:
            if request.headers.get("hx-request"):
                return saved_fragment(request, attempt, question, saved, view)
            return see_other(next_url(attempt, question, go, view))
    if request.headers.get("hx-request"):
        html = render_fragment(request, "assessments/saved.html", helpers() | {
            "attempt": attempt, "question": question, "view": view, "position": question.position,
            "counts": counts(attempt), "errors": errors})
        return HTMLResponse(html)
    return runner_page(request, attempt, question.position, view, refused=(question, values, errors),
                       status_code=422)


@router.post("/attempts/{attempt_id}/time-up")
async def time_up(attempt_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    """Where the countdown sends the page at zero. Reading the attempt after its deadline times it out and
    scores it (the service's rule); a countdown a few seconds early waits for the deadline first."""
    for _ in range(3):
        attempt = await service.get_attempt(pool, signed_in.user.id, attempt_id, client=client)
        if attempt.status != "in_progress":
            return see_other(result_url(attempt_id))
        if attempt.seconds_remaining is None or attempt.seconds_remaining > TIME_UP_GRACE:
            break
        await asyncio.sleep(attempt.seconds_remaining)
    return see_other(runner_url(attempt_id))


# ---- review, submit, result -------------------------------------------------------------------------

@router.get("/attempts/{attempt_id}/review")
async def review(request: Request, attempt_id: uuid.UUID, signed_in: PageUser, pool: PoolDep,
                 client: ClientDep) -> Response:
    attempt = await service.get_attempt(pool, signed_in.user.id, attempt_id, client=client)
    if attempt.status != "in_progress":
        return see_other(result_url(attempt_id))
    return page(request, "review.html", {"title": f"Review: {attempt.assessment_title}", "attempt": attempt,
                                         "counts": counts(attempt),
                                         "server_now": datetime.now(UTC).isoformat(timespec="seconds")})


@router.post("/attempts/{attempt_id}/submit")
async def submit(attempt_id: uuid.UUID, signed_in: PageUser, pool: PoolDep, client: ClientDep) -> Response:
    await service.submit_attempt(pool, signed_in.user.id, attempt_id, client=client)
    return see_other(result_url(attempt_id))


@router.get("/attempts/{attempt_id}/result")
async def result(request: Request, attempt_id: uuid.UUID, signed_in: PageUser, pool: PoolDep,
                 client: ClientDep) -> Response:
    found = await overview.result_page(pool, signed_in.user.id, attempt_id, client=client)
    attempt = found.attempt
    if attempt.status == "in_progress":
        return see_other(runner_url(attempt_id))
    domains = [(code, found.names.get(code, "Not assigned to a domain"), share)
               for code, share in attempt.domains.items()]
    objectives = [(code, found.names.get(code, "Not assigned to an objective"), share)
                  for code, share in attempt.objectives.items()]
    chart = charts.bar_chart([charts.Point(f"{code} {name}", share.percentage) for code, name, share in domains],
                             title="Score by exam domain, in percent", y_max=100, unit="%")
    return page(request, "result.html", {"title": f"Result: {attempt.assessment_title}", "attempt": attempt,
                                         "found": found, "domains": domains, "objectives": objectives,
                                         "chart": chart})
