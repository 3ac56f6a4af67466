"""Learning components: written as drafts, published when ready, soft-deleted when retired."""

import uuid
from typing import Any

from psycopg.types.json import Jsonb

from netplus.accounts.service import Pool, SignedIn
from netplus.authoring import queries
from netplus.authoring.errors import check_deferred, refusals, refused
from netplus.authoring.lifecycle import Kind, changed_fields, log_change
from netplus.authoring.schemas import ComponentIn, ComponentOut, ComponentSummary, State
from netplus.core.activity import Client
from netplus.core.listing import Page, PageRequest, contains_pattern, read_one, read_page
from netplus.core.pool import AsyncConn, user_transaction
from netplus.core.problems import conflict, not_found
from netplus.core.rows import fetch_all, fetch_one

DEFERRED_CHECKS = ("learning_components_prerequisites", "learning_components_exam_objectives")


async def not_a_prerequisite(conn: AsyncConn, component_id: uuid.UUID) -> None:
    """Deleting a component that live components require would leave learners unable to reach them."""
    if rows := await fetch_all(conn, queries.COMPONENTS_REQUIRING, {"id": component_id}):
        slugs = ", ".join(r["slug"] for r in rows)
        raise conflict(f"These components list it as a prerequisite: {slugs}. Change them first.")


COMPONENT = Kind(noun="component", resource_type="learning_component", lock=queries.LOCK_COMPONENT,
                 statements={"publish": queries.PUBLISH_COMPONENT, "unpublish": queries.UNPUBLISH_COMPONENT,
                             "delete": queries.DELETE_COMPONENT, "restore": queries.RESTORE_COMPONENT},
                 guards={"delete": not_a_prerequisite})


def row_params(body: ComponentIn) -> dict[str, Any]:
    return body.model_dump() | {"content": Jsonb(body.content)}


async def refuse_deleted_components(conn: AsyncConn, ids: list[uuid.UUID], *, field: str = "prerequisites") -> None:
    """Unknown ids are the database's to refuse; deleted components it would accept, so they are refused here."""
    if ids and (rows := await fetch_all(conn, queries.DELETED_AMONG_COMPONENTS, {"ids": ids})):
        raise refused(422, field, "These components are deleted: " + ", ".join(str(r["id"]) for r in rows))


async def list_components(pool: Pool, staff: SignedIn, page: PageRequest, *, state: State | None,
                          domain: str | None, component_type: str | None, q: str | None) -> Page[ComponentSummary]:
    return await read_page(pool, staff.user.id, queries.LIST_COMPONENTS, {
        "state": state, "domain": domain, "component_type": component_type, "pattern": contains_pattern(q)},
        page=page, model=ComponentSummary)


async def get_component(pool: Pool, staff: SignedIn, component_id: uuid.UUID) -> ComponentOut:
    return await read_one(pool, staff.user.id, queries.GET_COMPONENT, {"id": component_id}, model=ComponentOut,
                          missing="component")


async def create_component(pool: Pool, staff: SignedIn, client: Client, body: ComponentIn) -> uuid.UUID:
    """Insert a draft written by `staff`; refused whole (422/409) if any rule of the database says no."""
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        await refuse_deleted_components(conn, body.prerequisites)
        row = await fetch_one(conn, queries.INSERT_COMPONENT, row_params(body) | {"author_id": staff.user.id})
        assert row is not None
        await check_deferred(conn, *DEFERRED_CHECKS)
        await log_change(conn, staff, client, COMPONENT, action="create", resource_id=row["id"],
                         metadata={"label": body.slug})
    component_id: uuid.UUID = row["id"]
    return component_id


async def replace_component(pool: Pool, staff: SignedIn, client: Client, component_id: uuid.UUID,
                            body: ComponentIn) -> None:
    """Replace every authored field; publishing state, author and history stay."""
    async with refusals(), user_transaction(pool, staff.user.id) as conn:
        before = await fetch_one(conn, queries.GET_COMPONENT + " FOR UPDATE", {"id": component_id})
        if before is None or before["deleted_at"] is not None:
            raise not_found("component")
        await refuse_deleted_components(conn, body.prerequisites)
        await conn.execute(queries.UPDATE_COMPONENT, row_params(body) | {"id": component_id})
        await check_deferred(conn, *DEFERRED_CHECKS)
        after = await fetch_one(conn, queries.GET_COMPONENT, {"id": component_id})
        assert after is not None
        if changed := changed_fields(before, after, list(ComponentIn.model_fields)):
            await log_change(conn, staff, client, COMPONENT, action="update", resource_id=component_id,
                             metadata={"label": body.slug, "changed": changed})
