"""Opening a component in the viewer: the view counted, the component started, a study session begun.

- Which viewer a component gets depends on its content, not only its type: a quiz whose content has a
  `generator` is a drill, one with an `assessment_id` is taken on the exam pages.
- A component is started (progress.start) the first time it is opened. The start refuses a component
  whose prerequisites are not met; that refusal becomes the lock page. Assessments and drills are not
  started by opening their introduction: the assessments engine records their progress from scores.
- Opening a component studied on the page starts a learning session (the clock of study time: minutes
  goals and the dashboard read it). The page ends it when the student finishes (its minutes are the
  component's time, capped) or leaves the page (catalog.js sends a beacon).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from netplus.accounts.service import SignedIn
from netplus.catalog import service
from netplus.catalog.reference import exam_outline, next_in_objective
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import Problem, not_found
from netplus.core.rows import Row
from netplus.progress import service as progress
from netplus.progress import sessions
from netplus.progress.schemas import ProgressOut

READING_TYPES = frozenset({"lesson", "reading", "study_guide"})
STUDIED_HERE = frozenset({"reading", "video", "flashcard", "lab"})  # viewers whose work happens on the page
DEFAULT_MINUTES_CAP = 60


def viewer_kind(detail: dict[str, Any]) -> str:
    content = detail["content"] if isinstance(detail["content"], dict) else {}
    kind = str(detail["component_type"])
    if "generator" in content:
        return "drill"
    if "assessment_id" in content:
        return "assessment"
    if kind in READING_TYPES:
        return "reading"
    if kind == "simulation":
        return "lab"
    return kind if kind in STUDIED_HERE else "unavailable"


def minutes_cap(detail: dict[str, Any]) -> int:
    """At most twice the estimate is counted for one sitting (a tab left open is not study)."""
    estimate = detail.get("estimated_minutes")
    return 2 * int(estimate) if estimate else DEFAULT_MINUTES_CAP


@dataclass
class Opened:
    detail: dict[str, Any]
    kind: str
    progress: ProgressOut
    locked: list[dict[str, Any]]  # the prerequisites still to finish, when the component is locked
    session_id: uuid.UUID | None = None


def unmet(detail: dict[str, Any], problem: Problem | None = None) -> list[dict[str, Any]]:
    rows = [dict(r) for r in detail["prerequisites"] if not r["met"]]
    if not rows and problem is not None:  # a prerequisite added since the detail was read
        rows = [{"slug": e.get("slug"), "title": e.get("message")} for e in problem.errors if e.get("slug")]
    return rows


def refused_for_prerequisites(problem: Problem) -> bool:
    return problem.status == 409 and problem.title == "Prerequisites not met"


async def open_component(pool: Any, signed_in: SignedIn, slug: str, client: Client) -> Opened:
    uid = signed_in.user.id
    async with user_transaction(pool, uid) as conn:
        detail = await service.view_component(conn, signed_in, slug, client)
    kind = viewer_kind(detail)
    opened = Opened(detail, kind, ProgressOut.model_validate(detail["progress"] or {}), [])
    if opened.progress.status == "not_started" and not detail["prerequisites_met"]:
        opened.locked = unmet(detail)
        return opened
    if kind not in STUDIED_HERE:
        return opened
    try:
        async with user_transaction(pool, uid) as conn:
            if opened.progress.status == "not_started":
                result, _ = await progress.start(conn, signed_in, slug, client)
                opened.progress = ProgressOut.model_validate(result["progress"])
            session = await sessions.start(conn, signed_in, client, component_id=detail["id"],
                                           session_data={"via": "web", "viewer": kind})
            opened.session_id = session["id"]
    except Problem as problem:
        if not refused_for_prerequisites(problem):
            raise
        opened.locked = unmet(detail, problem)
    return opened


async def surroundings(pool: Any, signed_in: SignedIn, detail: dict[str, Any]) -> dict[str, Any]:
    """The domain's name for the breadcrumbs and the next component in the same objective."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        outline = await exam_outline(conn, detail["exam_code"])
        following = await next_in_objective(conn, detail, staff=service.is_staff(signed_in))
    domain = next((d for d in outline if d.code == detail["domain"]), None)
    return {"domain": domain, "next_component": following}


@dataclass
class Acting:
    """A component loaded for an action posted from its viewer (no view counted)."""

    detail: dict[str, Any]
    progress: ProgressOut


async def load_for_action(conn: AsyncConn, signed_in: SignedIn, slug: str, client: Client,
                          kinds: frozenset[str]) -> Acting:
    component = await service.find_component(conn, slug, signed_in)
    detail = await service.component_detail(conn, signed_in, component)
    if viewer_kind(detail) not in kinds:
        raise not_found("component")  # this action does not exist for this kind of component
    state = ProgressOut.model_validate(detail["progress"] or {})
    if state.status == "not_started":  # posted without opening the page: the same rule as opening it
        result, _ = await progress.start(conn, signed_in, slug, client)
        state = ProgressOut.model_validate(result["progress"])
    return Acting(detail, state)


def session_ref(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


async def end_session(conn: AsyncConn, signed_in: SignedIn, client: Client, session_id: uuid.UUID | None,
                      component: Row | dict[str, Any]) -> int:
    """End the page's study session; its minutes (capped) are the component's time. An ended session,
    another component's or nobody's counts nothing, so a repeated post cannot count twice."""
    if session_id is None:
        return 0
    try:
        row = await sessions.owned(conn, signed_in, session_id)
    except Problem:
        return 0
    if row["session_end"] is not None or row["component_id"] != component["id"]:
        return 0
    ended = await sessions.end(conn, signed_in, session_id, client)
    return min(int(ended["duration_minutes"] or 0), minutes_cap(dict(component)))
