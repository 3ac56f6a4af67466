"""What the catalog API returns."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from netplus.progress.schemas import ProgressOut, ProgressStatus

ComponentType = Literal["lesson", "video", "flashcard", "quiz", "lab", "simulation", "assessment", "reading",
                        "practice_exam", "study_guide"]
Difficulty = Literal["beginner", "intermediate", "advanced"]
Sort = Literal["sort_order", "title", "newest", "rating", "difficulty"]


class PrerequisiteRef(BaseModel):
    id: uuid.UUID
    slug: str
    title: str


class Prerequisite(PrerequisiteRef):
    met: bool


class ProgressBrief(BaseModel):
    status: ProgressStatus
    progress_percentage: float


class ComponentBase(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    description: str | None
    component_type: ComponentType
    exam_code: str
    domain: str
    subdomain: str | None
    difficulty_level: Difficulty
    estimated_minutes: int | None
    comptia_objectives: list[str]
    sort_order: int
    is_published: bool
    published_at: datetime | None
    view_count: int
    completion_count: int
    average_rating: float | None
    rating_count: int


class ComponentSummary(ComponentBase):
    progress: ProgressBrief
    prerequisites_met: bool
    unmet_prerequisites: list[PrerequisiteRef] = Field(description="Published prerequisites not yet completed")


class ComponentPage(BaseModel):
    items: list[ComponentSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")
    total: int = Field(description="Components matching the filters, over all pages")
    limit: int
    sort: Sort


class ComponentDetail(ComponentBase):
    content: dict[str, Any]
    prerequisites: list[Prerequisite]
    prerequisites_met: bool
    progress: ProgressOut
