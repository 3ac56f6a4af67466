"""Questions: written in the shapes of content/FORMAT.md, checked by its models and by the database.

A question's own id (`id` in the file format, the `key` here) gives its row id as the content loader
derives it, so the same question authored here or loaded from a pack is one row.
"""

import uuid
from typing import Any

from psycopg.types.json import Jsonb

from netplus.accounts.service import Pool, SignedIn
from netplus.authoring import queries
from netplus.authoring.errors import check_deferred, refusals, refused
from netplus.authoring.lifecycle import Kind, changed_fields, log_change
from netplus.authoring.schemas import QuestionOut, QuestionSummary, State
from netplus.content.loader import question_row
from netplus.content.models import Question
from netplus.core.activity import Client
from netplus.core.ids import stable_id
from netplus.core.listing import Page, PageRequest, contains_pattern, read_page
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import conflict, not_found
from netplus.core.rows import fetch_all, fetch_one

EDITABLE = ["question_type", "question_text", "question_data", "correct_answer", "explanation", "hints", "points",
            "difficulty_level", "domain", "comptia_objectives"]


async def assessments_using(conn: AsyncConn, question_id: uuid.UUID, *, published_only: bool) -> list[str]:
    rows = await fetch_all(conn, queries.ASSESSMENTS_USING, {"id": question_id, "published_only": published_only})
    return [r["slug"] for r in rows]


async def not_in_published_assessments(conn: AsyncConn, question_id: uuid.UUID) -> None:
    if slugs := await assessments_using(conn, question_id, published_only=True):
        raise conflict(f"Published assessments use this question: {', '.join(slugs)}. Unpublish them or "
                       "take the question out first.")


async def not_in_assessments(conn: AsyncConn, question_id: uuid.UUID) -> None:
    if slugs := await assessments_using(conn, question_id, published_only=False):
        raise conflict(f"Assessments use this question: {', '.join(slugs)}. Take the question out first.")


QUESTION = Kind(noun="question", resource_type="question", lock=queries.LOCK_QUESTION,
                statements={"publish": queries.PUBLISH_QUESTION, "unpublish": queries.UNPUBLISH_QUESTION,
                            "delete": queries.DELETE_QUESTION, "restore": queries.RESTORE_QUESTION},
                guards={"unpublish": not_in_published_assessments, "delete": not_in_assessments})


def file_shape(row: dict[str, Any]) -> dict[str, Any]:
    """The stored question in the shape of content/FORMAT.md (the inverse of the loader's question_row)."""
    return {"id": row["key"], "type": row["question_type"], "difficulty": row["difficulty_level"],
            "objectives": row["comptia_objectives"], "question": row["question_text"], **row["question_data"],
            "explanation": row["explanation"], "hints": row["hints"], "points": row["points"],
            "answer": row["correct_answer"]}


def question_out(row: dict[str, Any]) -> QuestionOut:
    return QuestionOut(question=file_shape(row), **row)


def row_params(q: Question, exam_code: str) -> dict[str, Any]:
    row = question_row(q, exam_code)
    return row | {"question_data": Jsonb(row["question_data"])}


async def list_questions(pool: Pool, staff: SignedIn, page: PageRequest, *, state: State | None, domain: str | None,
                         question_type: str | None, objective: str | None, q: str | None) -> Page[QuestionSummary]:
    return await read_page(pool, staff.user.id, queries.LIST_QUESTIONS, {
        "state": state, "domain": domain, "question_type": question_type, "objective": objective,
        "pattern": contains_pattern(q)},
        page=page, model=QuestionSummary)


async def get_question(pool: Pool, staff: SignedIn, question_id: uuid.UUID) -> QuestionOut:
    async with user_transaction(pool, staff.user.id) as conn:
        row = await fetch_one(conn, queries.GET_QUESTION, {"id": question_id})
    if row is None:
        raise not_found("question")
    return question_out(row)


async def create_question(pool: Pool, staff: SignedIn, client: Client, q: Question, exam_code: str) -> uuid.UUID:
    """Insert a draft question. Its answer was checked against its options by the model; the database's
    check constraint refuses it again if not."""
    params = row_params(q, exam_code) | {"author_id": staff.user.id}
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        await conn.execute(queries.INSERT_QUESTION, params)
        await check_deferred(conn, "question_bank_exam_objectives")
        await log_change(conn, staff, client, QUESTION, action="create", resource_id=params["id"],
                         metadata={"label": q.id, "type": q.type})
    question_id: uuid.UUID = params["id"]
    return question_id


async def replace_question(pool: Pool, staff: SignedIn, client: Client, question_id: uuid.UUID, q: Question) -> None:
    """Replace the question's content; its id (and so its key), exam, state and author stay."""
    if stable_id("question", q.id) != question_id:
        raise refused(422, "id", "This is another question's id; a question's id cannot change.")
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        before = await fetch_one(conn, queries.GET_QUESTION + " FOR UPDATE", {"id": question_id})
        if before is None or before["deleted_at"] is not None:
            raise not_found("question")
        await conn.execute(queries.UPDATE_QUESTION, row_params(q, before["exam_code"]) | {"id": question_id})
        await check_deferred(conn, "question_bank_exam_objectives")
        after = await fetch_one(conn, queries.GET_QUESTION, {"id": question_id})
        assert after is not None
        if changed := changed_fields(before, after, EDITABLE):
            await log_change(conn, staff, client, QUESTION, action="update", resource_id=question_id,
                             metadata={"label": q.id, "type": q.type, "changed": changed})
