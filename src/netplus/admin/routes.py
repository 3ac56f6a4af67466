"""/api/v1/admin/users: accounts, their roles and status, for admins."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from netplus.accounts.dependencies import AdminSession, ClientDep, PoolDep
from netplus.admin import service
from netplus.admin.schemas import AdminUser, Role, Status, UserChange
from netplus.core.listing import Page, PageParams

router = APIRouter(prefix="/api/v1/admin/users", tags=["admin"])


@router.get("")
async def list_users(admin: AdminSession, pool: PoolDep, page: PageParams,
                     q: Annotated[str | None, Query(max_length=254, description="Part of an email or username")] = None,
                     role: Role | None = None,
                     account_status: Annotated[Status | None, Query(
                         alias="status", description="Default: every account that is not deleted")] = None,
                     ) -> Page[AdminUser]:
    return await service.list_users(pool, admin, page, q=q, role=role, status=account_status)


@router.get("/{user_id}")
async def get_user(user_id: uuid.UUID, admin: AdminSession, pool: PoolDep) -> AdminUser:
    return await service.get_user(pool, admin, user_id)


@router.patch("/{user_id}")
async def change_user(user_id: uuid.UUID, body: UserChange, admin: AdminSession, pool: PoolDep,
                      client: ClientDep) -> AdminUser:
    """Change the role or the status; suspending or deactivating ends the account's sessions."""
    await service.change_user(pool, admin, client, user_id, body)
    return await service.get_user(pool, admin, user_id)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(user_id: uuid.UUID, admin: AdminSession, pool: PoolDep, client: ClientDep) -> Response:
    """Soft delete (restorable); the account's sessions end."""
    await service.delete_user(pool, admin, client, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{user_id}/restore")
async def restore_user(user_id: uuid.UUID, admin: AdminSession, pool: PoolDep, client: ClientDep) -> AdminUser:
    """Restore a deleted account as active; 409 if its email or username is now someone else's."""
    await service.restore_user(pool, admin, client, user_id)
    return await service.get_user(pool, admin, user_id)
