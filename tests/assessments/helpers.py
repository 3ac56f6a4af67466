"""Driving the assessments API as a student, and test assessments built from the demo questions."""

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2 as httpx
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from netplus.core.ids import stable_id
from tests.api import api_client
from tests.factories import make_assessment, make_component

T = TypeVar("T")

DEMO_PASSWORD = "password123"
API = "/api/v1"


def question_id(slug: str) -> uuid.UUID:
    """A demo question's id from its slug (demo-q01 ... demo-q14)."""
    return stable_id("question", slug)


@dataclass
class Student:
    """One signed-in user of one test client."""

    client: TestClient
    headers: dict[str, str]
    id: uuid.UUID

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.client.get(API + path, headers=self.headers, params=params)

    def start(self, assessment_id: object) -> httpx.Response:
        return self.client.post(f"{API}/assessments/{assessment_id}/attempts", headers=self.headers)

    def begin(self, assessment_id: object) -> dict[str, Any]:
        """Start (or resume) and return the attempt, asserting it worked."""
        response = self.start(assessment_id)
        assert response.status_code in (200, 201), response.text
        attempt: dict[str, Any] = response.json()
        return attempt

    def answer(self, attempt_id: object, question: object, answer: Any, *, flagged: bool = False,
               seconds: int = 0) -> httpx.Response:
        return self.client.put(f"{API}/attempts/{attempt_id}/answers/{question}", headers=self.headers,
                               json={"answer": answer, "flagged_for_review": flagged, "time_spent_seconds": seconds})

    def submit(self, attempt_id: object) -> httpx.Response:
        return self.client.post(f"{API}/attempts/{attempt_id}/submit", headers=self.headers)

    def abandon(self, attempt_id: object) -> httpx.Response:
        return self.client.post(f"{API}/attempts/{attempt_id}/abandon", headers=self.headers)

    def attempt(self, attempt_id: object) -> httpx.Response:
        return self.client.get(f"{API}/attempts/{attempt_id}", headers=self.headers)


def sign_in(client: TestClient, username: str) -> Student:
    response = client.post(f"{API}/auth/login", json={"identifier": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    return Student(client, {"Authorization": f"Bearer {body['token']}"}, uuid.UUID(body["user"]["id"]))


def make_quiz(target: DatabaseTarget, questions: list[str], *, component: bool = False,
              **overrides: Any) -> uuid.UUID:
    """A published assessment of the demo questions named (in that order), committed; with `component`,
    presented by a quiz component of its own (whose progress a submit updates)."""
    with connect(target) as conn:
        if component:
            overrides["component_id"] = make_component(conn, component_type="quiz")
        assessment = make_assessment(conn, [question_id(q) for q in questions], **overrides)
        conn.commit()
    return assessment


def rows(target: DatabaseTarget, query: str, *params: object) -> list[tuple[Any, ...]]:
    with connect(target) as conn:
        return conn.execute(query, params).fetchall()


def row(target: DatabaseTarget, query: str, *params: object) -> tuple[Any, ...]:
    found = rows(target, query, *params)
    assert len(found) == 1, found
    return found[0]


def correct_answer(target: DatabaseTarget, question: object) -> Any:
    return row(target, "SELECT correct_answer FROM question_bank WHERE id = %s", question)[0]


def question_of(attempt: dict[str, Any], slug: str) -> dict[str, Any]:
    wanted = str(question_id(slug))
    return next(q for q in attempt["questions"] if q["id"] == wanted)


def at_once(target: DatabaseTarget, count: int, request: Callable[[TestClient], T]) -> list[T]:
    """`count` requests released together, each from its own client (its own app and connection pool).

    Each app answers one request before the barrier, one app at a time: FastAPI builds its routes on
    the first request, from routers shared between apps, and that build is not safe to run concurrently.
    """
    barrier = threading.Barrier(count, timeout=30)
    warm_up = threading.Lock()

    def run(_: int) -> T:
        with api_client(target) as client:
            with warm_up:
                client.get("/healthz")
            barrier.wait()
            return request(client)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))
