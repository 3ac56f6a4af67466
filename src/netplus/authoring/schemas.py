"""What the authoring API reads and writes. Questions keep the shapes of content/FORMAT.md."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from netplus.content.models import Difficulty, ObjectiveCode

ComponentType = Literal["lesson", "video", "flashcard", "quiz", "lab", "simulation", "assessment", "reading",
                        "practice_exam", "study_guide"]
AssessmentType = Literal["quiz", "practice_exam", "final_exam", "checkpoint"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=200)]
DomainCode = Annotated[str, Field(pattern=r"^[1-9]\.0$")]
ExamCode = Annotated[str, Field(min_length=1, max_length=32)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
State = Literal["draft", "published", "deleted"]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComponentIn(Input):
    """A component as an author writes it; PUT replaces every field."""

    slug: Slug
    title: Title
    component_type: ComponentType
    domain: DomainCode
    subdomain: Annotated[str, Field(max_length=200)] | None = None
    description: str | None = None
    content: dict[str, Any] = Field(default_factory=dict, description="Shape depends on the component type")
    difficulty_level: Difficulty = "beginner"
    estimated_minutes: Annotated[int, Field(gt=0)] | None = None
    prerequisites: list[uuid.UUID] = Field(default_factory=list, description="Ids of components to finish first")
    comptia_objectives: list[ObjectiveCode] = Field(default_factory=list)
    sort_order: int = 0
    exam_code: ExamCode = "N10-009"


class Lifecycle(BaseModel):
    """Who wrote a row, when, and where it is between draft, published and deleted."""

    id: uuid.UUID
    is_published: bool
    author_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


class ComponentOut(ComponentIn, Lifecycle):
    model_config = ConfigDict(extra="ignore")
    published_at: datetime | None
    view_count: int
    completion_count: int


class ComponentSummary(Lifecycle):
    slug: str
    title: str
    component_type: str
    domain: str
    difficulty_level: str
    exam_code: str
    published_at: datetime | None


class AssessmentIn(Input):
    """An assessment as an author writes it; PUT replaces every field."""

    slug: Slug
    title: Title
    description: str | None = None
    assessment_type: AssessmentType
    component_id: uuid.UUID | None = Field(default=None, description="The component that presents it")
    time_limit_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    passing_score: Annotated[float, Field(ge=0, le=100)] = 70
    question_ids: list[uuid.UUID] = Field(default_factory=list, description="Published questions, each once")
    randomize_questions: bool = False
    randomize_answers: bool = False
    show_answers_after: bool = True
    allow_review: bool = True
    max_attempts: Annotated[int, Field(gt=0)] | None = None
    exam_code: ExamCode = "N10-009"


class AssessmentOut(AssessmentIn, Lifecycle):
    model_config = ConfigDict(extra="ignore")


class AssessmentSummary(Lifecycle):
    slug: str
    title: str
    assessment_type: str
    question_count: int
    exam_code: str


class QuestionOut(Lifecycle):
    key: str | None = Field(description="The question's own id (`id` in content/FORMAT.md)")
    exam_code: str
    usage_count: int
    correct_count: int
    incorrect_count: int
    question: dict[str, Any] = Field(description="The question in the shape of content/FORMAT.md")


class QuestionSummary(Lifecycle):
    key: str | None
    question_type: str
    question_text: str
    difficulty_level: str
    domain: str | None
    comptia_objectives: list[str]
    points: int
    exam_code: str
