"""What the instructor's pages need besides single rows: the exam's outline, counts, recent changes, pickers."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from netplus.accounts.service import Pool, SignedIn
from netplus.authoring import queries
from netplus.authoring.schemas import QuestionSummary
from netplus.catalog import reference as catalog_reference
from netplus.catalog.reference import Domain
from netplus.core.pool import user_transaction
from netplus.core.rows import fetch_all


@dataclass(frozen=True)
class Change:
    kind: str  # component, question or assessment
    id: uuid.UUID
    label: str
    state: str
    updated_at: datetime


@dataclass(frozen=True)
class ComponentChoice:
    id: uuid.UUID
    slug: str
    title: str
    component_type: str
    domain: str


def state_of(is_published: bool, deleted_at: datetime | None) -> str:
    return "deleted" if deleted_at is not None else "published" if is_published else "draft"


async def exam_outline(pool: Pool, staff: SignedIn, exam_code: str = "N10-009") -> list[Domain]:
    """The exam's domains and objectives, as the catalog reads them, for the pickers."""
    async with user_transaction(pool, staff.user.id) as conn:
        return await catalog_reference.exam_outline(conn, exam_code)


async def state_counts(pool: Pool, staff: SignedIn) -> dict[str, dict[str, int]]:
    """{kind: {draft, published, deleted}} for components, questions and assessments."""
    async with user_transaction(pool, staff.user.id) as conn:
        rows = await fetch_all(conn, queries.STATE_COUNTS)
    counts = {kind: {"draft": 0, "published": 0, "deleted": 0} for kind in ("component", "question", "assessment")}
    for r in rows:
        counts[r["kind"]] = {k: r[k] for k in ("draft", "published", "deleted")}
    return counts


async def recent_changes(pool: Pool, staff: SignedIn, *, limit: int = 10) -> list[Change]:
    async with user_transaction(pool, staff.user.id) as conn:
        rows = await fetch_all(conn, queries.RECENT_CHANGES, {"limit": limit})
    return [Change(r["kind"], r["id"], r["label"], state_of(r["is_published"], r["deleted_at"]), r["updated_at"])
            for r in rows]


async def questions_by_ids(pool: Pool, staff: SignedIn, ids: list[uuid.UUID]) -> list[QuestionSummary]:
    """The questions in the order given; unknown ids are left out (the service names them when saving)."""
    if not ids:
        return []
    async with user_transaction(pool, staff.user.id) as conn:
        rows = await fetch_all(conn, queries.QUESTIONS_BY_IDS, {"ids": ids})
    return [QuestionSummary(**r) for r in rows]


async def component_choices(pool: Pool, staff: SignedIn, exam_code: str = "N10-009") -> list[ComponentChoice]:
    async with user_transaction(pool, staff.user.id) as conn:
        rows = await fetch_all(conn, queries.COMPONENT_CHOICES, {"exam_code": exam_code})
    return [ComponentChoice(**r) for r in rows]
