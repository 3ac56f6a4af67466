"""An API client on a fresh copy of the demo database, and the instructor's session."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.api import api_client
from tests.staff_api import INSTRUCTOR, sign_in


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def instructor(client: TestClient) -> dict[str, str]:
    return sign_in(client, INSTRUCTOR)
