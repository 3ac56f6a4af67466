"""/api/v1/me: profile, settings, goals, streak, achievements, dashboard, and deleting the account."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from netplus.accounts.dependencies import SESSION_COOKIE, ClientDep, CurrentSession, LimiterDep, PoolDep
from netplus.core import ratelimit
from netplus.core.pool import user_transaction
from netplus.me import account, goals, overview
from netplus.me.schemas import (
    AchievementsOut,
    DashboardOut,
    DeleteAccountIn,
    GoalIn,
    GoalOut,
    GoalPatch,
    GoalStatus,
    ProfileOut,
    ProfilePatch,
    SettingsOut,
    SettingsPatch,
    StreakOut,
)

router = APIRouter(prefix="/api/v1/me", tags=["me"])


@router.get("/profile")
async def get_profile(signed_in: CurrentSession, pool: PoolDep) -> ProfileOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        return ProfileOut.model_validate(await account.profile(conn, signed_in.user.id))


@router.patch("/profile")
async def patch_profile(body: ProfilePatch, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> ProfileOut:
    """Change the fields sent. timezone must be an IANA zone; avatar_url http(s); certifications distinct."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        return ProfileOut.model_validate(await account.update_profile(conn, signed_in, body, client))


@router.get("/settings")
async def get_settings(signed_in: CurrentSession, pool: PoolDep) -> SettingsOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        return SettingsOut.model_validate(await account.settings(conn, signed_in.user.id))


@router.patch("/settings")
async def patch_settings(body: SettingsPatch, signed_in: CurrentSession, pool: PoolDep,
                         client: ClientDep) -> SettingsOut:
    """Change the fields sent; privacy_settings is merged key by key."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        return SettingsOut.model_validate(await account.update_settings(conn, signed_in, body, client))


@router.delete("", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(body: DeleteAccountIn, signed_in: CurrentSession, pool: PoolDep, limiter: LimiterDep,
                    client: ClientDep) -> Response:
    """Delete your account (a soft delete that frees your email and username); needs your password.
    Wrong passwords count toward a limit of 5 per 10 minutes (shared with changing the password)."""
    async with ratelimit.password_check(limiter, signed_in.user.id), user_transaction(pool, signed_in.user.id) as conn:
        await account.delete_account(conn, signed_in, body.current_password, client)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/goals")
async def list_goals(signed_in: CurrentSession, pool: PoolDep,
                     status: Annotated[list[GoalStatus] | None, Query()] = None) -> list[GoalOut]:
    """Your goals, active first, each with its current value computed now."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        rows = await goals.list_goals(conn, signed_in.user.id, list(status) if status else None)
    return [GoalOut.model_validate(r) for r in rows]


@router.post("/goals", status_code=status.HTTP_201_CREATED)
async def create_goal(body: GoalIn, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> GoalOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        return GoalOut.model_validate(await goals.create(conn, signed_in, body, client))


@router.get("/goals/{goal_id}")
async def get_goal(goal_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep) -> GoalOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await goals.refresh(conn, signed_in.user.id)
        return GoalOut.model_validate(await goals.get_goal(conn, signed_in.user.id, goal_id))


@router.patch("/goals/{goal_id}")
async def patch_goal(goal_id: uuid.UUID, body: GoalPatch, signed_in: CurrentSession, pool: PoolDep,
                     client: ClientDep) -> GoalOut:
    """Change title, description, target_value or target_date of an active goal."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        return GoalOut.model_validate(await goals.update(conn, signed_in, goal_id, body, client))


@router.post("/goals/{goal_id}/abandon")
async def abandon_goal(goal_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> GoalOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        return GoalOut.model_validate(await goals.abandon(conn, signed_in, goal_id, client))


@router.delete("/goals/{goal_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_goal(goal_id: uuid.UUID, signed_in: CurrentSession, pool: PoolDep, client: ClientDep) -> Response:
    async with user_transaction(pool, signed_in.user.id) as conn:
        await goals.delete(conn, signed_in, goal_id, client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/streak")
async def get_streak(signed_in: CurrentSession, pool: PoolDep) -> StreakOut:
    async with user_transaction(pool, signed_in.user.id) as conn:
        return StreakOut.model_validate(await overview.streak(conn, signed_in.user.id))


@router.get("/achievements")
async def get_achievements(signed_in: CurrentSession, pool: PoolDep) -> AchievementsOut:
    """Earned achievements with their date; the rest with your progress. Secret ones appear once earned."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        return AchievementsOut.model_validate(await overview.achievements(conn, signed_in.user.id))


@router.get("/dashboard")
async def get_dashboard(signed_in: CurrentSession, pool: PoolDep) -> DashboardOut:
    """Totals, progress per exam domain, today's minutes against your daily goal, where to continue and
    what to do next."""
    async with user_transaction(pool, signed_in.user.id) as conn:
        return DashboardOut.model_validate(await overview.dashboard(conn, signed_in.user.id))
