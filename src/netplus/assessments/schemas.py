"""What the assessments API reads and writes."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StrictBool

AssessmentType = Literal["quiz", "practice_exam", "final_exam", "checkpoint"]
AttemptStatus = Literal["in_progress", "completed", "abandoned", "timed_out"]
DomainCode = Annotated[str, Field(pattern=r"^[1-9]\.0$")]
MAX_SECONDS_ON_A_QUESTION = 24 * 3600


class AssessmentOut(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    description: str | None
    assessment_type: AssessmentType
    component_id: uuid.UUID | None
    exam_code: str
    question_count: int
    time_limit_minutes: int | None = Field(description="null: untimed")
    passing_score: float = Field(description="percentage needed to pass")
    max_attempts: int | None = Field(description="null: unlimited")
    randomize_questions: bool
    randomize_answers: bool
    allow_review: bool
    show_answers_after: bool
    domains: list[str] = Field(description="the exam domains its questions cover")
    attempts_used: int
    attempts_remaining: int | None = Field(description="null: unlimited")
    best_percentage: float | None = Field(description="best scored attempt; null before the first")
    open_attempt_id: uuid.UUID | None = Field(description="the attempt in progress, to resume")


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: JsonValue = Field(description="the question type's answer shape (docs/assessments.md); null clears it")
    flagged_for_review: StrictBool = False
    time_spent_seconds: int = Field(default=0, ge=0, le=MAX_SECONDS_ON_A_QUESTION,
                                    description="total time on this question so far")


class SavedAnswer(BaseModel):
    answer: JsonValue
    flagged_for_review: bool
    time_spent_seconds: int
    answered_at: datetime | None


class AnswerOut(SavedAnswer):
    question_id: uuid.UUID


class QuestionOut(BaseModel):
    id: uuid.UUID
    position: int
    type: str
    text: str
    data: dict[str, Any] = Field(description="options, pairs, fields and exhibit, in this attempt's order")
    points: int
    difficulty: str
    domain: str | None
    objectives: list[str]
    response: SavedAnswer
    # Review only: present when the assessment's rules allow it (see AttemptOut.review), absent otherwise.
    is_correct: bool | None = Field(default=None, description="null: skipped")
    points_earned: float | None = None
    correct_answer: JsonValue = None
    explanation: str | None = None
    hints: list[str] | None = None


class Review(BaseModel):
    """What this view of the attempt includes."""

    questions: bool = Field(description="the questions and the student's answers")
    scores: bool = Field(description="per question: correct or not, points earned")
    answers: bool = Field(description="per question: the correct answer, explanation and hints")


class Breakdown(BaseModel):
    questions: int
    correct: int
    score: float
    max_score: float
    percentage: float


class AttemptSummary(BaseModel):
    id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_title: str
    assessment_type: AssessmentType
    attempt_number: int
    status: AttemptStatus
    started_at: datetime
    expires_at: datetime | None
    completed_at: datetime | None
    time_spent_seconds: int | None
    question_count: int
    score: float | None
    max_score: float | None
    percentage: float | None
    passed: bool | None
    correct_answers: int
    incorrect_answers: int
    skipped_questions: int


class AttemptResult(AttemptSummary):
    passing_score: float
    scaled_score: int | None = Field(description="practice exams: the 100-900 scale (720 to pass)")
    domains: dict[str, Breakdown]
    objectives: dict[str, Breakdown] = Field(description="by each question's primary objective")
    achievements_awarded: list[str]


class AttemptOut(AttemptResult):
    time_limit_minutes: int | None
    seconds_remaining: int | None
    resumed: bool | None = Field(default=None, description="on start: true when an open attempt was resumed")
    review: Review
    questions: list[QuestionOut]
