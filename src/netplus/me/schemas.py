"""What the /me API reads and writes: profile, settings, goals, streak, achievements, dashboard."""

import re
import uuid
import zoneinfo
from datetime import date, datetime, time
from functools import lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_serializer, field_validator

from netplus.accounts.schemas import Input, Password
from netplus.catalog.schemas import ComponentType
from netplus.progress.schemas import ProgressStatus

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Certification = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@lru_cache(maxsize=1)
def iana_zones() -> frozenset[str]:
    # "localtime" is a file of the system's zone directory, not a zone.
    return frozenset(zoneinfo.available_timezones() - {"localtime"})


def check_timezone(value: str) -> str:
    # Without a tz database in the Python installation, the database's own check is the only judge.
    if iana_zones() and value not in iana_zones():
        raise ValueError("must be an IANA time zone such as Europe/London or America/New_York")
    return value


def check_avatar_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.hostname or len(value) > 2048
            or any(c.isspace() for c in value)):
        raise ValueError("must be an http or https URL of at most 2048 characters")
    return value


class ProfileOut(BaseModel):
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    bio: str | None = None
    avatar_url: str | None = None
    timezone: str = "UTC"
    locale: str = "en-US"
    certifications: list[str] = Field(default_factory=list)
    updated_at: datetime | None = None


class ProfilePatch(Input):
    """Only the fields sent change; null clears a field that may be empty."""

    first_name: Name | None = None
    last_name: Name | None = None
    display_name: Name | None = None
    bio: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=2000)] = None
    avatar_url: Annotated[str | None, StringConstraints(strip_whitespace=True)] = None
    timezone: str = "UTC"
    locale: str = "en-US"
    certifications: Annotated[list[Certification], Field(max_length=30)] = Field(default_factory=list)

    _tz = field_validator("timezone")(check_timezone)
    _avatar = field_validator("avatar_url")(check_avatar_url)

    @field_validator("locale")
    @classmethod
    def bcp47(cls, value: str) -> str:
        if not LOCALE.match(value):
            raise ValueError("must be a language tag such as en-US or pt-BR")
        return value

    @field_validator("certifications")
    @classmethod
    def distinct(cls, value: list[str]) -> list[str]:
        if len({v.lower() for v in value}) != len(value):
            raise ValueError("must not list a certification twice")
        return value


Theme = Literal["light", "dark", "system"]
FontSize = Literal["small", "medium", "large", "x-large"]
Weekday = Annotated[int, Field(ge=0, le=6)]


class PrivacySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile_visible: bool = False
    show_on_leaderboard: bool = False


class PrivacyPatch(Input):
    profile_visible: bool | None = None
    show_on_leaderboard: bool | None = None


class SettingsOut(BaseModel):
    theme: Theme
    notifications_enabled: bool
    email_notifications: bool
    study_reminders: bool
    reminder_time: str = Field(description="HH:MM, in the profile's time zone")
    reminder_days: list[int] = Field(description="0 = Sunday ... 6 = Saturday")
    accessibility_mode: bool
    high_contrast: bool
    font_size: FontSize
    daily_goal_minutes: int
    privacy_settings: dict[str, Any]
    updated_at: datetime | None = None

    @field_validator("reminder_time", mode="before")
    @classmethod
    def hh_mm(cls, value: Any) -> Any:
        return value.strftime("%H:%M") if isinstance(value, time) else value


class SettingsPatch(Input):
    """Only the fields sent change; privacy_settings is merged key by key."""

    theme: Theme = "system"
    notifications_enabled: bool = True
    email_notifications: bool = True
    study_reminders: bool = False
    reminder_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM")] = "19:00"
    reminder_days: Annotated[list[Weekday], Field(max_length=7)] = Field(default_factory=list)
    accessibility_mode: bool = False
    high_contrast: bool = False
    font_size: FontSize = "medium"
    daily_goal_minutes: Annotated[int, Field(ge=5, le=720)] = 30
    privacy_settings: PrivacyPatch = Field(default_factory=PrivacyPatch)

    @field_validator("reminder_days")
    @classmethod
    def unique_days(cls, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError("must not list a day twice")
        return sorted(value)


class DeleteAccountIn(Input):
    current_password: Password


GoalType = Literal["daily", "weekly", "monthly", "exam_date", "custom"]
GoalMetric = Literal["minutes", "components", "assessments", "score", "streak"]
GoalStatus = Literal["active", "completed", "failed", "abandoned"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Target = Annotated[float, Field(gt=0, le=1_000_000)]


class GoalIn(Input):
    goal_type: GoalType
    metric: GoalMetric
    title: Title
    description: Description | None = None
    target_value: Target
    start_date: date | None = Field(None, description="Default: today in your time zone")
    target_date: date | None = Field(None, description="Required for exam_date; ends the goal's window")


class GoalPatch(Input):
    title: Title = ""
    description: Description | None = None
    target_value: Target = 1
    target_date: date | None = None


class GoalOut(BaseModel):
    id: uuid.UUID
    goal_type: GoalType
    metric: GoalMetric
    title: str
    description: str | None
    target_value: float
    current_value: float
    percent: float = Field(description="current / target, at most 100")
    start_date: date
    target_date: date | None
    end_date: date | None = Field(description="The last day that counts: target_date, else the end of the period")
    completed_date: date | None
    status: GoalStatus
    created_at: datetime
    updated_at: datetime


class StreakOut(BaseModel):
    current_streak: int
    longest_streak: int
    freezes_available: int
    last_activity_date: date | None
    total_active_days: int
    today: date = Field(description="Today in your time zone")
    active_today: bool
    at_risk: bool = Field(description="Active yesterday but not yet today: study today to keep the streak")
    history: list[dict[str, Any]] = Field(description="One entry per active day, oldest first")


class AchievementOut(BaseModel):
    code: str
    name: str
    description: str
    achievement_type: str
    rarity: str
    points: int
    icon: str | None
    is_secret: bool
    status: Literal["earned", "in_progress", "locked"]
    earned_at: datetime | None
    progress_data: dict[str, Any]


class AchievementsOut(BaseModel):
    items: list[AchievementOut]
    earned_count: int
    points: int
    hidden_secret_count: int = Field(description="Secret achievements not yet earned, which are not listed")


class ComponentRef(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    component_type: ComponentType
    domain: str
    estimated_minutes: int | None


class ContinueItem(ComponentRef):
    status: ProgressStatus
    progress_percentage: float
    last_position: dict[str, Any]
    last_accessed_at: datetime | None


class DomainProgress(BaseModel):
    code: str
    name: str
    weight: float
    components: int
    completed: int
    in_progress: int
    progress_percentage: float


class TodayOut(BaseModel):
    date: date
    minutes: int
    goal_minutes: int
    percent: float
    goal_met: bool


class DashboardSummary(BaseModel):
    components_started: int
    components_completed: int
    total_time_minutes: int
    current_streak: int
    longest_streak: int
    achievement_count: int
    average_assessment_score: float | None
    active_goals_count: int


class DashboardOut(BaseModel):
    summary: DashboardSummary
    overall_progress: float
    exam_code: str
    weighted_progress: float = Field(description="Domain progress weighted by each domain's share of the exam")
    domains: list[DomainProgress]
    today: TodayOut
    continue_where_you_left_off: ContinueItem | None
    next_recommended: ComponentRef | None

    @field_serializer("overall_progress", "weighted_progress")
    def two_places(self, value: float) -> float:
        return round(value, 2)
