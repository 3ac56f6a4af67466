"""Test data, one function per table, each with sensible defaults and keyword overrides."""

import itertools
import uuid
from typing import Any

import bcrypt
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

Conn = psycopg.Connection[tuple[object, ...]]
PASSWORD_HASH = bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(10)).decode()
_seq = itertools.count(1)
# Columns that are PostgreSQL arrays; every other list or dict value is JSONB.
ARRAY_COLUMNS = {"prerequisites", "comptia_objectives", "question_ids", "question_order", "hints", "tags",
                 "certifications", "reminder_days"}


def insert(conn: Conn, table: str, values: dict[str, Any]) -> uuid.UUID:
    statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)))
    row = conn.execute(statement, [Jsonb(v) if isinstance(v, dict | list) and k not in ARRAY_COLUMNS else v
                                   for k, v in values.items()]).fetchone()
    assert row is not None
    return row[0]  # type: ignore[return-value]




def make_user(conn: Conn, **overrides: Any) -> uuid.UUID:
    n = next(_seq)
    values = {"email": f"user{n}@example.test", "username": f"user{n}", "password_hash": PASSWORD_HASH,
              "role": "student"} | overrides
    return insert(conn, "users", values)


def make_component(conn: Conn, **overrides: Any) -> uuid.UUID:
    n = next(_seq)
    values = {"component_type": "lesson", "domain": "1.0", "title": f"Component {n}", "slug": f"component-{n}",
              "content": {"body": "text"}, "is_published": True, "published_at": "2026-01-01T00:00:00Z",
              "comptia_objectives": ["1.1"]} | overrides
    return insert(conn, "learning_components", values)


def make_question(conn: Conn, **overrides: Any) -> uuid.UUID:
    values = {"question_type": "multiple_choice", "question_text": "Which layer routes packets?",
              "question_data": {"options": [{"id": "a", "text": "Network"}, {"id": "b", "text": "Session"}]},
              "correct_answer": Jsonb("a"), "domain": "1.0", "comptia_objectives": ["1.1"],
              "is_published": True} | overrides
    return insert(conn, "question_bank", values)


def make_assessment(conn: Conn, question_ids: list[uuid.UUID], **overrides: Any) -> uuid.UUID:
    n = next(_seq)
    values = {"title": f"Assessment {n}", "slug": f"assessment-{n}", "assessment_type": "quiz",
              "question_ids": question_ids, "is_published": True} | overrides
    return insert(conn, "assessments", values)


def make_attempt(conn: Conn, user_id: uuid.UUID, assessment_id: uuid.UUID, **overrides: Any) -> uuid.UUID:
    values = {"user_id": user_id, "assessment_id": assessment_id, "attempt_number": 1} | overrides
    return insert(conn, "assessment_attempts", values)


def make_achievement(conn: Conn, **overrides: Any) -> uuid.UUID:
    n = next(_seq)
    values = {"code": f"test_achievement_{n}", "name": f"Achievement {n}", "description": "for tests",
              "achievement_type": "badge", "criteria": {"type": "components_completed", "count": 1}} | overrides
    return insert(conn, "achievements", values)


def make_progress(conn: Conn, user_id: uuid.UUID, component_id: uuid.UUID, **overrides: Any) -> uuid.UUID:
    values = {"user_id": user_id, "component_id": component_id, "status": "in_progress",
              "progress_percentage": 50, "started_at": "2026-01-01T00:00:00Z"} | overrides
    return insert(conn, "user_progress", values)


def make_goal(conn: Conn, user_id: uuid.UUID, **overrides: Any) -> uuid.UUID:
    values = {"user_id": user_id, "goal_type": "weekly", "metric": "minutes", "title": "Study 3 hours",
              "target_value": 180} | overrides
    return insert(conn, "study_goals", values)
