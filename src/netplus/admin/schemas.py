"""What the admin API reads and writes."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["student", "instructor", "admin"]
# 'deleted' is reached by DELETE and left by POST .../restore, never set directly.
SettableStatus = Literal["active", "suspended", "deactivated"]
Status = Literal["active", "suspended", "deactivated", "deleted"]


class AdminUser(BaseModel):
    id: uuid.UUID
    email: str
    username: str
    display_name: str | None
    role: str
    account_status: str
    email_verified: bool
    created_at: datetime
    last_login_at: datetime | None
    deleted_at: datetime | None
    active_sessions: int


class UserChange(BaseModel):
    """Either or both; a field left out stays as it is."""

    model_config = ConfigDict(extra="forbid")
    role: Role | None = None
    account_status: SettableStatus | None = None


class ActiveAccounts(BaseModel):
    """Accounts seen since the start of today (UTC) and over the last seven UTC days."""

    signed_in_today: int
    signed_in_week: int
    studied_today: int
    studied_week: int
    joined_week: int


class ContentCount(BaseModel):
    kind: str  # components, questions, assessments
    published: int
    drafts: int


class Overview(BaseModel):
    """What the admin overview shows: accounts by role and status, who was active, how much content."""

    accounts: dict[str, dict[str, int]]  # role -> account_status -> accounts
    active: ActiveAccounts
    content: list[ContentCount]
