"""Driving the learner's API in tests (catalog, progress, /me): signing in, new students, SQL as a user."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.factories import make_user

DEMO_PASSWORD = "password123"
FACTORY_PASSWORD = "correct horse battery staple"  # tests.factories.PASSWORD_HASH
Headers = dict[str, str]


def sign_in(client: TestClient, identifier: str, password: str = DEMO_PASSWORD) -> Headers:
    """Sign in; returns the Authorization header (the cookie is dropped, so each request names its user)."""
    response = client.post("/api/v1/auth/login", json={"identifier": identifier, "password": password})
    assert response.status_code == 200, response.text
    client.cookies.clear()
    return {"Authorization": f"Bearer {response.json()['token']}"}


def new_student(target: DatabaseTarget, client: TestClient, username: str, *, timezone: str = "UTC",
                role: str = "student") -> tuple[uuid.UUID, Headers]:
    """A new account with a profile and settings, signed in."""
    with connect(target) as conn:
        user_id = make_user(conn, username=username, email=f"{username}@example.test", role=role)
        conn.execute("INSERT INTO user_profiles (user_id, timezone) VALUES (%s, %s)", (user_id, timezone))
        conn.execute("INSERT INTO user_settings (user_id) VALUES (%s)", (user_id,))
        conn.commit()
    return user_id, sign_in(client, username, FACTORY_PASSWORD)


def user_id(target: DatabaseTarget, username: str) -> uuid.UUID:
    with connect(target) as conn:
        row = conn.execute("SELECT id FROM users WHERE username = %s AND deleted_at IS NULL", (username,)).fetchone()
    assert row is not None
    value = row[0]
    assert isinstance(value, uuid.UUID)
    return value


def sql(target: DatabaseTarget, statement: str, params: Any = None) -> list[tuple[Any, ...]]:
    """Run one statement as the owner (test set-up and checks), committed; its rows, if any."""
    with connect(target) as conn:
        cursor = conn.execute(statement, params)
        rows = cursor.fetchall() if cursor.description else []
        conn.commit()
    return rows


def one(target: DatabaseTarget, statement: str, params: Any = None) -> Any:
    """The single value of a one-row, one-column query."""
    rows = sql(target, statement, params)
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


@contextmanager
def as_app_user(target: DatabaseTarget, user: uuid.UUID) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
    """A transaction as the application role acting for `user` (row-level security applies); rolled back."""
    with connect(target) as conn:
        conn.execute("SET ROLE app_user")
        conn.execute("SELECT set_config('app.user_id', %s, false)", (str(user),))
        try:
            yield conn
        finally:
            conn.rollback()


def component_id(target: DatabaseTarget, slug: str) -> uuid.UUID:
    value: uuid.UUID = one(target, "SELECT id FROM learning_components WHERE slug = %s", (slug,))
    return value
