"""What the progress and learning-session API reads and writes."""

import json
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from netplus.accounts.schemas import Input

ProgressStatus = Literal["not_started", "in_progress", "completed", "mastered"]
DeviceType = Literal["desktop", "tablet", "mobile"]
MAX_POSITION_BYTES = 8192


def small_object(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is not None and len(json.dumps(value)) > MAX_POSITION_BYTES:
        raise ValueError(f"must be at most {MAX_POSITION_BYTES} bytes of JSON")
    return value


class ProgressOut(BaseModel):
    """The user's state on one component; a component never opened reads as not_started."""

    status: ProgressStatus = "not_started"
    progress_percentage: float = 0
    time_spent_minutes: int = 0
    last_position: dict[str, Any] = Field(default_factory=dict, description="Where to resume, as the client wrote it")
    best_score: float | None = None
    latest_score: float | None = None
    rating: int | None = None
    started_at: datetime | None = None
    last_accessed_at: datetime | None = None
    completion_date: datetime | None = None
    mastery_date: datetime | None = None


class ProgressResult(BaseModel):
    component_id: uuid.UUID
    slug: str
    progress: ProgressOut
    first_completion: bool = Field(False, description="True only for the call that completed it the first time")
    achievements_awarded: list[str] = Field(default_factory=list)


class ProgressPatch(Input):
    progress_percentage: Annotated[float | None, Field(ge=0, le=100, description="Kept as a high-water mark")] = None
    last_position: dict[str, Any] | None = Field(None, description="Replaces the stored resume position")
    time_spent_minutes_delta: Annotated[int | None, Field(ge=0, le=1440)] = None

    _position = field_validator("last_position")(small_object)

    @model_validator(mode="after")
    def something(self) -> "ProgressPatch":
        if not self.model_fields_set:
            raise ValueError("send at least one of progress_percentage, last_position, time_spent_minutes_delta")
        return self


class CompleteIn(Input):
    time_spent_minutes_delta: Annotated[int, Field(ge=0, le=1440)] = 0


class RatingIn(Input):
    rating: Annotated[int, Field(ge=1, le=5)]


class RatingOut(BaseModel):
    component_id: uuid.UUID
    rating: int
    average_rating: float
    rating_count: int
    achievements_awarded: list[str] = Field(default_factory=list)


class SessionStart(Input):
    component_id: uuid.UUID | None = None
    session_data: dict[str, Any] = Field(default_factory=dict)

    _data = field_validator("session_data")(small_object)


class SessionPatch(Input):
    interaction_count_delta: Annotated[int, Field(ge=0, le=10000)]


class SessionOut(BaseModel):
    id: uuid.UUID
    component_id: uuid.UUID | None
    session_start: datetime
    session_end: datetime | None
    duration_minutes: int | None
    interaction_count: int
    device_type: DeviceType | None
    session_data: dict[str, Any]
    achievements_awarded: list[str] = Field(default_factory=list)


class SessionPage(BaseModel):
    items: list[SessionOut]
    next_cursor: str | None
