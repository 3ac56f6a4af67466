"""What the learners and analytics APIs answer: rows of the seed's views, typed."""

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel


class LearningFigures(BaseModel):
    """The figures of a v_user_learning_stats row."""

    components_started: int
    components_completed: int
    components_mastered: int
    total_time_minutes: int
    average_progress: float
    current_streak: int
    longest_streak: int
    achievements_earned: int


class LearnerSummary(LearningFigures):
    """A student and their v_user_learning_stats row."""

    user_id: uuid.UUID
    email: str
    username: str
    display_name: str | None
    first_name: str | None
    last_name: str | None
    account_status: str
    created_at: datetime
    last_login_at: datetime | None


class ComponentProgress(BaseModel):
    component_id: uuid.UUID
    slug: str
    title: str
    component_type: str
    domain: str
    status: str
    progress_percentage: float
    time_spent_minutes: int
    best_score: float | None
    latest_score: float | None
    started_at: datetime | None
    last_accessed_at: datetime | None
    completion_date: datetime | None


class DomainProgress(BaseModel):
    """A learner's progress over one domain's published components (never opened counts as 0%)."""

    exam_code: str
    domain: str
    name: str | None
    components: int
    started: int
    completed: int
    progress: float
    time_spent_minutes: int


class AttemptRow(BaseModel):
    """One attempt from v_user_assessment_history."""

    attempt_id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_title: str
    assessment_type: str
    attempt_number: int
    status: str
    started_at: datetime
    completed_at: datetime | None
    time_spent_seconds: int | None
    score: float | None
    max_score: float | None
    percentage: float | None
    passed: bool | None
    question_count: int
    correct_answers: int
    incorrect_answers: int
    skipped_questions: int
    flagged_questions: int


class LearnerDetail(BaseModel):
    learner: LearnerSummary
    overall_progress: float
    domains: list[DomainProgress]
    components: list[ComponentProgress]
    recent_attempts: list[AttemptRow]


class LearningStats(LearningFigures):
    """A v_user_learning_stats row."""

    user_id: uuid.UUID
    username: str
    role: str


class ComponentPerformance(BaseModel):
    """A v_component_performance row."""

    component_id: uuid.UUID
    title: str
    slug: str
    component_type: str
    domain: str
    is_published: bool
    view_count: int
    unique_users: int
    completion_count: int
    users_completed: int
    average_progress: float | None
    average_time_minutes: float | None
    average_score: float | None
    average_rating: float | None
    rating_count: int


class AssessmentPerformance(BaseModel):
    """A v_assessment_performance row."""

    assessment_id: uuid.UUID
    title: str
    slug: str
    assessment_type: str
    passing_score: float
    total_attempts: int
    unique_users: int
    average_score: float | None
    pass_count: int
    fail_count: int
    pass_rate: float | None
    average_time_minutes: float | None


class QuestionPerformance(BaseModel):
    """A v_question_performance row."""

    question_id: uuid.UUID
    question_type: str
    domain: str | None
    comptia_objectives: list[str]
    difficulty_level: str
    usage_count: int
    correct_count: int
    incorrect_count: int
    success_rate: float | None
    average_time_seconds: float | None


class DailyActivity(BaseModel):
    """An mv_daily_user_activity row (a UTC day)."""

    activity_date: date
    active_users: int
    total_sessions: int
    total_minutes: int
    average_minutes: float
    components_completed: int
    assessments_completed: int
    assessments_passed: int


class WeeklyDomainProgress(BaseModel):
    """An mv_weekly_domain_progress row (weeks start on Monday, UTC)."""

    week_start: date
    domain: str
    active_users: int
    components_in_progress: int
    completions: int
    average_progress: float | None
    total_time_minutes: int


class Refreshed(BaseModel):
    views: list[str]
    refreshed_at: datetime


class ComponentDay(BaseModel):
    """A component_analytics row, written by `netplus analytics rollup`."""

    component_id: uuid.UUID
    slug: str
    title: str
    date: date
    views: int
    unique_users: int
    completions: int
    average_time_minutes: float | None
    average_score: float | None
    engagement_rate: float | None
    bounce_rate: float | None


class MetricRow(BaseModel):
    """A performance_metrics row: for http_latency, the mean latency of `tags.count` requests to a route."""

    name: str
    value: float
    unit: str | None
    tags: dict[str, Any]
    timestamp: datetime


class RouteLatency(BaseModel):
    name: str
    samples: int
    requests: int
    mean_ms: float
    max_ms: float
    errors: int


class Freshness(BaseModel):
    """How current the materialized views are (PostgreSQL records no refresh time of its own)."""

    populated: bool  # both views computed at least once
    newest_view_day: date | None
    newest_live_day: date | None
    last_refreshed_at: datetime | None  # the last refresh made through NetPlus, from the activity log
    last_refreshed_by: str | None

    @property
    def behind(self) -> bool:
        """True when the live tables hold activity of a later day than the views."""
        if not self.populated:
            return True
        return self.newest_live_day is not None and (self.newest_view_day is None
                                                     or self.newest_live_day > self.newest_view_day)
