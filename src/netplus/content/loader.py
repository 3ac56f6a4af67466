"""Writing a checked pack into the database: the exam reference, components, questions and
assessments, upserted by stable ids in the caller's transaction. Loading again changes nothing."""

import math
from collections import Counter
from pathlib import Path
from typing import Any

from psycopg import Connection
from psycopg.types.json import Jsonb

from netplus.content.blueprint import AssessmentPlan, plan_assessments
from netplus.content.models import Question
from netplus.content.pack import Drill, ObjectivePack, Pack
from netplus.core.ids import stable_id
from netplus.core.upsert import upsert

PUBLISHED_AT = "2026-01-01T00:00:00Z"  # fixed, so a second load compares equal


def load_pack(conn: Connection[Any], pack: Pack) -> Counter[str]:
    """Upsert everything in `pack`; returns the rows written or changed per table."""
    assert pack.exam is not None, "load only a pack that check_pack() passed"
    written: Counter[str] = Counter()
    exam = pack.exam
    written["exam_versions"] += upsert(conn, "exam_versions", {
        "code": exam.code, "name": exam.name, "question_count": exam.questions, "duration_minutes": exam.minutes,
        "scale_min": exam.scale.min, "scale_max": exam.scale.max, "passing_score": exam.passing_score,
    }, key=("code",))
    for domain in exam.domains:
        written["exam_domains"] += upsert(conn, "exam_domains", {
            "exam_code": exam.code, "code": domain.code, "name": domain.name, "weight": domain.weight,
        }, key=("exam_code", "code"))
    for o in pack.objectives:
        written["exam_objectives"] += upsert(conn, "exam_objectives", {
            "exam_code": exam.code, "domain_code": o.domain.code, "code": o.ref.code, "title": o.ref.title,
            "topics": o.objective.topics if o.objective else [],
        }, key=("exam_code", "code"))
    for o in pack.objectives:
        for row in objective_components(o, exam.code, pack.root):
            written["learning_components"] += upsert(conn, "learning_components", row)
        for q in o.questions:
            written["question_bank"] += upsert(conn, "question_bank", question_row(q, exam.code))
    for drill in exam.drills:
        written["learning_components"] += upsert(conn, "learning_components", drill_component(drill, exam.code))
    for plan in plan_assessments(pack):
        written["learning_components"] += upsert(conn, "learning_components", plan_component(plan, exam.code))
        written["assessments"] += upsert(conn, "assessments", plan_row(plan, exam.code))
    return written


def question_row(q: Question, exam_code: str) -> dict[str, Any]:
    return {
        "id": stable_id("question", q.id), "question_type": q.type, "question_text": q.question,
        "question_data": q.data(), "correct_answer": Jsonb(q.answer), "explanation": q.explanation,
        "hints": q.hints, "points": q.points, "difficulty_level": q.difficulty, "domain": q.domain,
        "comptia_objectives": q.objectives, "tags": [exam_code, f"source:{q.id}"], "is_published": True,
        "exam_code": exam_code,
    }


def objective_components(o: ObjectivePack, exam_code: str, root: Path) -> list[dict[str, Any]]:
    rows = []
    minor = int(o.ref.code.split(".")[1])
    if o.lesson:
        meta = o.lesson.meta
        rows.append(component(
            slug=meta.slug, ctype="lesson", o=o, exam_code=exam_code, title=meta.title, difficulty=meta.difficulty,
            minutes=meta.estimated_minutes, objectives=meta.objectives, sort_order=minor * 10,
            description=f"Objective {o.ref.code}: {o.ref.title}.",
            content={"body": o.lesson.body, "format": "markdown",
                     "source": str(o.lesson.file.relative_to(root.parent))}))
    if o.deck:
        rows.append(component(
            slug=o.deck.slug, ctype="flashcard", o=o, exam_code=exam_code, title=o.deck.title,
            difficulty=o.lesson.meta.difficulty if o.lesson else "beginner",
            minutes=max(5, math.ceil(len(o.deck.cards) / 2)), objectives=o.deck.objectives, sort_order=minor * 10 + 1,
            description=f"{len(o.deck.cards)} cards on objective {o.ref.code}.",
            content={"cards": [c.model_dump() for c in o.deck.cards]}))
    return rows


def component(*, slug: str, ctype: str, o: ObjectivePack, exam_code: str, title: str, difficulty: str, minutes: int,
              objectives: list[str], sort_order: int, description: str, content: dict[str, Any],
              prerequisites: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": stable_id("component", slug), "component_type": ctype, "domain": o.domain.code,
        "subdomain": f"{o.ref.code} {o.ref.title}", "title": title, "slug": slug, "description": description,
        "content": content, "difficulty_level": difficulty, "estimated_minutes": minutes,
        "prerequisites": [stable_id("component", p) for p in prerequisites or []], "comptia_objectives": objectives,
        "sort_order": sort_order, "is_published": True, "published_at": PUBLISHED_AT, "exam_code": exam_code,
    }


def plan_component(plan: AssessmentPlan, exam_code: str) -> dict[str, Any]:
    minutes = plan.time_limit_minutes or max(5, len(plan.question_ids) * 2)
    order = {"checkpoint": 2, "quiz": 900, "practice_exam": 1000}[plan.assessment_type]
    if plan.assessment_type == "checkpoint":
        order += int(plan.objectives[0].split(".")[1]) * 10
    return {
        "id": stable_id("component", plan.slug), "component_type": plan.component_type, "domain": plan.domain,
        "subdomain": None, "title": plan.title, "slug": plan.slug, "description": plan.description,
        "content": {"assessment": plan.slug, "assessment_id": str(stable_id("assessment", plan.slug))},
        "difficulty_level": "advanced" if plan.assessment_type == "practice_exam" else "intermediate",
        "estimated_minutes": minutes, "prerequisites": [stable_id("component", p) for p in plan.prerequisites],
        "comptia_objectives": plan.objectives, "sort_order": order, "is_published": True,
        "published_at": PUBLISHED_AT, "exam_code": exam_code,
    }


def drill_component(drill: Drill, exam_code: str) -> dict[str, Any]:
    return {
        "id": stable_id("component", drill.slug), "component_type": "quiz", "domain": drill.domain,
        "subdomain": None, "title": drill.title, "slug": drill.slug,
        "description": f"{drill.questions} freshly generated questions every attempt; never the same set twice.",
        "content": {"generator": {"kinds": drill.kinds, "questions": drill.questions,
                                  "time_limit_minutes": drill.time_limit_minutes}},
        "difficulty_level": "intermediate", "estimated_minutes": drill.time_limit_minutes or drill.questions * 2,
        "prerequisites": [], "comptia_objectives": drill.objectives, "sort_order": 950, "is_published": True,
        "published_at": PUBLISHED_AT, "exam_code": exam_code,
    }


def plan_row(plan: AssessmentPlan, exam_code: str) -> dict[str, Any]:
    return {
        "id": stable_id("assessment", plan.slug), "slug": plan.slug, "title": plan.title,
        "description": plan.description, "assessment_type": plan.assessment_type,
        "component_id": stable_id("component", plan.slug), "time_limit_minutes": plan.time_limit_minutes,
        "passing_score": plan.passing_score, "question_ids": [stable_id("question", q) for q in plan.question_ids],
        "randomize_questions": plan.randomize, "randomize_answers": plan.randomize, "show_answers_after": True,
        "allow_review": True, "max_attempts": None, "is_published": True, "exam_code": exam_code,
    }
