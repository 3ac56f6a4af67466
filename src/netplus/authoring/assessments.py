"""Assessments: an ordered set of published questions, with the rules a learner's attempt follows."""

import uuid
from typing import Any

from netplus.accounts.service import Pool, SignedIn
from netplus.authoring import queries
from netplus.authoring.components import refuse_deleted_components
from netplus.authoring.errors import check_deferred, refusals, refused
from netplus.authoring.lifecycle import Kind, changed_fields, log_change
from netplus.authoring.schemas import AssessmentIn, AssessmentOut, AssessmentSummary, State
from netplus.core.activity import Client
from netplus.core.listing import Page, PageRequest, contains_pattern, read_one, read_page
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import not_found
from netplus.core.rows import fetch_all, fetch_one


async def refuse_unpublished_questions(conn: AsyncConn, question_ids: list[uuid.UUID]) -> None:
    """Learners can only be shown published questions: name every id that is unknown, deleted or a draft."""
    if rows := await fetch_all(conn, queries.UNPUBLISHED_AMONG_QUESTIONS, {"ids": question_ids}):
        ids = ", ".join(str(r["id"]) for r in rows)
        raise refused(422, "question_ids", f"These questions do not exist or are not published: {ids}")


async def questions_publishable(conn: AsyncConn, assessment_id: uuid.UUID) -> None:
    row = await fetch_one(conn, queries.GET_ASSESSMENT, {"id": assessment_id})
    assert row is not None  # locked by change_state
    await refuse_unpublished_questions(conn, row["question_ids"])


ASSESSMENT = Kind(noun="assessment", resource_type="assessment", lock=queries.LOCK_ASSESSMENT,
                  statements={"publish": queries.PUBLISH_ASSESSMENT, "unpublish": queries.UNPUBLISH_ASSESSMENT,
                              "delete": queries.DELETE_ASSESSMENT, "restore": queries.RESTORE_ASSESSMENT},
                  guards={"publish": questions_publishable})


async def check_references(conn: AsyncConn, body: AssessmentIn) -> None:
    await refuse_unpublished_questions(conn, body.question_ids)
    if body.component_id is not None:
        await refuse_deleted_components(conn, [body.component_id], field="component_id")


def row_params(body: AssessmentIn) -> dict[str, Any]:
    return body.model_dump()


async def list_assessments(pool: Pool, staff: SignedIn, page: PageRequest, *, state: State | None,
                           assessment_type: str | None, q: str | None) -> Page[AssessmentSummary]:
    return await read_page(pool, staff.user.id, queries.LIST_ASSESSMENTS, {
        "state": state, "assessment_type": assessment_type, "pattern": contains_pattern(q)},
        page=page, model=AssessmentSummary)


async def get_assessment(pool: Pool, staff: SignedIn, assessment_id: uuid.UUID) -> AssessmentOut:
    return await read_one(pool, staff.user.id, queries.GET_ASSESSMENT, {"id": assessment_id}, model=AssessmentOut,
                          missing="assessment")


async def create_assessment(pool: Pool, staff: SignedIn, client: Client, body: AssessmentIn) -> uuid.UUID:
    """Insert a draft assessment whose questions all exist and are published."""
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        await check_references(conn, body)
        row = await fetch_one(conn, queries.INSERT_ASSESSMENT, row_params(body) | {"author_id": staff.user.id})
        assert row is not None
        await check_deferred(conn, "assessments_question_ids")
        await log_change(conn, staff, client, ASSESSMENT, action="create", resource_id=row["id"],
                         metadata={"label": body.slug, "questions": len(body.question_ids)})
    assessment_id: uuid.UUID = row["id"]
    return assessment_id


async def replace_assessment(pool: Pool, staff: SignedIn, client: Client, assessment_id: uuid.UUID,
                             body: AssessmentIn) -> None:
    """Replace every authored field. Attempts already made keep the question order they were shown."""
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        before = await fetch_one(conn, queries.GET_ASSESSMENT + " FOR UPDATE", {"id": assessment_id})
        if before is None or before["deleted_at"] is not None:
            raise not_found("assessment")
        await check_references(conn, body)
        await conn.execute(queries.UPDATE_ASSESSMENT, row_params(body) | {"id": assessment_id})
        await check_deferred(conn, "assessments_question_ids")
        after = await fetch_one(conn, queries.GET_ASSESSMENT, {"id": assessment_id})
        assert after is not None
        if changed := changed_fields(before, after, list(AssessmentIn.model_fields)):
            await log_change(conn, staff, client, ASSESSMENT, action="update", resource_id=assessment_id,
                             metadata={"label": body.slug, "changed": changed})
