"""/api/v1/components: the catalog and one component."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from netplus.accounts.dependencies import ClientDep, CurrentSession, PoolDep
from netplus.catalog import service
from netplus.catalog.schemas import ComponentDetail, ComponentPage, ComponentType, Difficulty, Sort
from netplus.core.pool import user_transaction
from netplus.core.problems import forbidden
from netplus.progress.schemas import ProgressStatus

router = APIRouter(prefix="/api/v1/components", tags=["catalog"])

DomainCode = Annotated[str, StringConstraints(pattern=r"^[1-9]\.0$")]
ObjectiveCode = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[0-9]+$")]


@router.get("")
async def list_components(
    signed_in: CurrentSession, pool: PoolDep,
    domain: Annotated[list[DomainCode] | None, Query(description="Domain code, e.g. 1.0; repeat for several")] = None,
    subdomain: Annotated[str | None, Query(max_length=200, description="Exact subdomain")] = None,
    type: Annotated[list[ComponentType] | None, Query(description="Component type; repeat for several")] = None,
    difficulty: Annotated[list[Difficulty] | None, Query()] = None,
    objective: Annotated[list[ObjectiveCode] | None, Query(description="Objective code, e.g. 1.4; any of them")] = None,
    status: Annotated[list[ProgressStatus] | None, Query(description="Your progress status")] = None,
    exam: Annotated[str | None, Query(pattern=r"^[A-Z0-9]+-[0-9]{3}$", description="Exam code, e.g. N10-009")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200,
                                   description="Web-search syntax over title and description")] = None,
    include_unpublished: Annotated[bool, Query(description="Instructors and admins only")] = False,
    sort: Sort = "sort_order",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page")] = None,
) -> ComponentPage:
    """The catalog, one page at a time, each component with your progress and its prerequisites.

    Pages are cursor-based: follow `next_cursor` until it is null. The order is total (ties end on the
    id), so paging never repeats or skips a component.
    """
    if include_unpublished and not service.is_staff(signed_in):
        raise forbidden("Only instructors and admins may list unpublished components.")
    query = service.CatalogQuery(
        domains=domain, subdomain=subdomain, types=list(type) if type else None,
        difficulties=list(difficulty) if difficulty else None, objectives=objective,
        statuses=list(status) if status else None, exam_code=exam, q=q.strip() or None if q else None,
        include_unpublished=include_unpublished, sort=sort, limit=limit, cursor=cursor)
    async with user_transaction(pool, signed_in.user.id) as conn:
        page = await service.list_components(conn, signed_in.user.id, query)
    return ComponentPage.model_validate(page)


@router.get("/{component}")
async def get_component(component: str, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> ComponentDetail:
    """One component by id or slug, with its content, prerequisites and your progress. Counts a view."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        detail = await service.view_component(conn, signed_in, component, client)
    return ComponentDetail.model_validate(detail)
