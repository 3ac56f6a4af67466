"""Who may use which door: students no staff or admin route, instructors no admin route."""

import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.api import api_client
from tests.staff_api import ADMIN, INSTRUCTOR, STUDENT, sign_in

STAFF_PREFIXES = ("/api/v1/authoring/", "/api/v1/staff/")
ADMIN_PREFIXES = ("/api/v1/admin/", "/api/v1/analytics/")


def routes(client: TestClient, prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """Every (method, concrete path) the API documents under the prefixes, with path parameters filled in."""
    found = []
    for template, operations in client.get("/openapi.json").json()["paths"].items():
        if (template + "/").startswith(prefixes):
            path = re.sub(r"\{[a-z_]+\}", str(uuid.uuid4()), template.replace("{move}", "publish"))
            found += [(method.upper(), path) for method in sorted(operations)]
    return found


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


def test_students_get_403_on_every_staff_and_admin_route(client: TestClient) -> None:
    student = sign_in(client, STUDENT)
    doors = routes(client, STAFF_PREFIXES + ADMIN_PREFIXES)
    assert len(doors) >= 30
    answers = {(m, p): client.request(m, p, headers=student, json={}).status_code for m, p in doors}
    assert set(answers.values()) == {403}, {k: v for k, v in answers.items() if v != 403}
    assert client.get("/api/v1/authoring/components").status_code == 401  # and nobody signed in: 401


def test_instructors_get_403_on_admin_routes_only(client: TestClient) -> None:
    instructor, admin = sign_in(client, INSTRUCTOR), sign_in(client, ADMIN)
    admin_doors = routes(client, ADMIN_PREFIXES)
    assert {client.request(m, p, headers=instructor, json={}).status_code for m, p in admin_doors} == {403}
    for path in ("/api/v1/authoring/components", "/api/v1/authoring/questions", "/api/v1/authoring/assessments",
                 "/api/v1/staff/learners"):
        assert client.get(path, headers=instructor).status_code == 200
        assert client.get(path, headers=admin).status_code == 200
    assert client.get("/api/v1/admin/users", headers=admin).status_code == 200
