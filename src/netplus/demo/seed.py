"""Loads the demo data set. Running it again changes nothing.

Rows get stable ids (uuid5 of their slug or code), so a second run finds and compares them instead
of duplicating them. Accounts, profiles and settings are created once and then left alone: a demo
user's changes (and password hash, which bcrypt salts anew each time) are not overwritten.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import bcrypt
import yaml
from psycopg import Connection
from psycopg.types.json import Jsonb
from pydantic import BaseModel, TypeAdapter

from netplus.content.checks import check_pack
from netplus.content.loader import load_pack
from netplus.content.models import Question
from netplus.content.pack import pack_roots, read_pack
from netplus.core.config import get_settings
from netplus.core.ids import stable_id
from netplus.core.upsert import upsert
from netplus.demo.models import DemoAchievement, DemoAssessment, DemoComponent, DemoUser

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "password123"  # noqa: S105 - the documented demo password

Model = TypeVar("Model", bound=BaseModel)


def read_list(name: str, model: type[Model]) -> list[Model]:
    raw = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    return TypeAdapter(list[model]).validate_python(raw)  # type: ignore[valid-type]


@dataclass
class SeedReport:
    created_users: list[str] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, changed: bool) -> None:
        self.add(table, int(changed))

    def add(self, table: str, rows: int) -> None:
        self.written[table] = self.written.get(table, 0) + rows


class ContentProblemsError(Exception):
    """The exam pack the demo loads has problems; `netplus content validate` lists them."""


def seed_demo_data(conn: Connection[Any], *, bcrypt_rounds: int, content_dir: Path | None = None) -> SeedReport:
    """Write the whole demo set, then the exam packs of `content_dir`, in the caller's transaction."""
    report = SeedReport()
    seed_users(conn, read_list("users.yaml", DemoUser), bcrypt_rounds, report)
    questions = TypeAdapter(list[Question]).validate_python(
        yaml.safe_load((DATA_DIR / "questions.yaml").read_text(encoding="utf-8")))
    for q in questions:
        report.count("question_bank", upsert(conn, "question_bank", {
            "id": stable_id("question", q.id), "question_type": q.type, "question_text": q.question,
            "question_data": q.data(), "correct_answer": Jsonb(q.answer), "explanation": q.explanation,
            "hints": q.hints, "points": q.points, "difficulty_level": q.difficulty, "domain": q.domain,
            "comptia_objectives": q.objectives, "tags": ["demo"], "is_published": True,
        }))
    assessments = read_list("assessments.yaml", DemoAssessment)
    components = read_list("components.yaml", DemoComponent)
    for c in components:
        report.count("learning_components", upsert(conn, "learning_components", component_row(c)))
    for a in assessments:
        report.count("assessments", upsert(conn, "assessments", assessment_row(a)))
    for ach in read_list("achievements.yaml", DemoAchievement):
        report.count("achievements", upsert(conn, "achievements", {
            "id": stable_id("achievement", ach.code), "code": ach.code, "name": ach.name,
            "description": ach.description, "achievement_type": ach.type, "rarity": ach.rarity,
            "points": ach.points, "icon": ach.icon, "criteria": ach.criteria,
        }))
    for root in pack_roots(content_dir or get_settings().resolved_content_dir):
        pack = read_pack(root)
        if problems := check_pack(pack):
            raise ContentProblemsError(f"{root} has {len(problems)} problems (netplus content validate {root}); "
                                       f"first: {problems[0]}")
        for table, rows in load_pack(conn, pack).items():
            report.add(table, rows)
    return report


def seed_users(conn: Connection[Any], users: list[DemoUser], rounds: int, report: SeedReport) -> None:
    for user in users:
        found = conn.execute("SELECT id FROM users WHERE lower(email) = lower(%s) AND deleted_at IS NULL",
                             (user.email,)).fetchone()
        if found is None:
            password_hash = bcrypt.hashpw(DEMO_PASSWORD.encode(), bcrypt.gensalt(rounds)).decode()
            row = conn.execute(
                "INSERT INTO users (email, username, password_hash, role, email_verified, email_verified_at)"
                " VALUES (%s, %s, %s, %s, true, now()) RETURNING id",
                (user.email, user.username, password_hash, user.role)).fetchone()
            assert row is not None
            user_id = row[0]
            report.created_users.append(user.email)
        else:
            user_id = found[0]
        profile = user.profile.model_dump()
        conn.execute(
            "INSERT INTO user_profiles (user_id, first_name, last_name, display_name, bio, timezone, locale,"
            " certifications) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (user_id) DO NOTHING",
            (user_id, profile["first_name"], profile["last_name"], profile["display_name"], profile["bio"],
             profile["timezone"], profile["locale"], profile["certifications"]))
        s = user.settings
        conn.execute(
            "INSERT INTO user_settings (user_id, theme, study_reminders, reminder_time, reminder_days,"
            " accessibility_mode, high_contrast, font_size, daily_goal_minutes)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (user_id) DO NOTHING",
            (user_id, s.theme, s.study_reminders, s.reminder_time, s.reminder_days, s.accessibility_mode,
             s.high_contrast, s.font_size, s.daily_goal_minutes))


def component_row(c: DemoComponent) -> dict[str, Any]:
    content = dict(c.content)
    if "assessment" in content:
        content["assessment_id"] = str(stable_id("assessment", content["assessment"]))
    return {
        "id": stable_id("component", c.slug), "component_type": c.type, "domain": c.domain,
        "subdomain": c.subdomain, "title": c.title, "slug": c.slug, "description": c.description,
        "content": content, "difficulty_level": c.difficulty, "estimated_minutes": c.estimated_minutes,
        "prerequisites": [stable_id("component", p) for p in c.prerequisites],
        "comptia_objectives": c.objectives, "sort_order": c.sort_order, "is_published": c.published,
        # a fixed date: a second run must compare equal
        "published_at": "2026-01-01T00:00:00Z" if c.published else None,
    }


def assessment_row(a: DemoAssessment) -> dict[str, Any]:
    return {
        "id": stable_id("assessment", a.slug), "slug": a.slug, "title": a.title, "description": a.description,
        "assessment_type": a.type,
        "component_id": stable_id("component", a.component) if a.component else None,
        "time_limit_minutes": a.time_limit_minutes, "passing_score": a.passing_score,
        "question_ids": [stable_id("question", q) for q in a.questions],
        "randomize_questions": a.randomize_questions, "randomize_answers": a.randomize_answers,
        "show_answers_after": a.show_answers_after, "allow_review": a.allow_review,
        "max_attempts": a.max_attempts, "is_published": a.published,
    }
