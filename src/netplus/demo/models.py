"""The shapes of the demo data files (src/netplus/demo/data/*.yaml)."""

from datetime import time
from typing import Any, Literal

from pydantic import Field

from netplus.content.models import Difficulty, ObjectiveCode, Strict

ComponentType = Literal["lesson", "video", "flashcard", "quiz", "lab", "simulation", "assessment",
                        "reading", "practice_exam", "study_guide"]
Slug = str


class DemoProfile(Strict):
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    bio: str | None = None
    timezone: str = "UTC"
    locale: str = "en-US"
    certifications: list[str] = []


class DemoSettings(Strict):
    theme: Literal["light", "dark", "system"] = "system"
    study_reminders: bool = False
    reminder_time: time = time(19, 0)
    reminder_days: list[int] = [1, 2, 3, 4, 5]
    accessibility_mode: bool = False
    high_contrast: bool = False
    font_size: Literal["small", "medium", "large", "x-large"] = "medium"
    daily_goal_minutes: int = 30


class DemoUser(Strict):
    username: str
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: Literal["student", "instructor", "admin"]
    profile: DemoProfile
    settings: DemoSettings


class DemoComponent(Strict):
    slug: Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    type: ComponentType
    domain: str = Field(pattern=r"^[1-5]\.0$")
    subdomain: str | None = None
    title: str
    description: str
    difficulty: Difficulty
    estimated_minutes: int = Field(gt=0)
    objectives: list[ObjectiveCode]
    prerequisites: list[Slug] = []
    sort_order: int = 0
    published: bool = True
    content: dict[str, Any]


class DemoAssessment(Strict):
    slug: Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    description: str | None = None
    type: Literal["quiz", "practice_exam", "final_exam", "checkpoint"]
    component: Slug | None = None
    time_limit_minutes: int | None = None
    passing_score: float = 70
    questions: list[str] = Field(min_length=1)
    randomize_questions: bool = False
    randomize_answers: bool = False
    show_answers_after: bool = True
    allow_review: bool = True
    max_attempts: int | None = None
    published: bool = True


class DemoAchievement(Strict):
    code: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    description: str
    type: Literal["badge", "milestone", "streak", "mastery", "special"]
    rarity: Literal["common", "uncommon", "rare", "epic", "legendary"]
    points: int = Field(ge=0)
    icon: str | None = None
    criteria: dict[str, Any]
