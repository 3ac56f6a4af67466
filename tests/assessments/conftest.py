"""Each test gets its own clone of the seeded database (demo data and the N10-009 pack) and an API on it."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.api import api_client
from tests.assessments.helpers import Student, sign_in


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def student(client: TestClient) -> Student:
    return sign_in(client, "student1")


@pytest.fixture
def other_student(client: TestClient) -> Student:
    return sign_in(client, "student2")
