"""The known data set in a database of the test's own, and an API client on it."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.analytics.dataset import PASSWORD, Known, build
from tests.api import api_client
from tests.staff_api import sign_in


@pytest.fixture
def known(fresh_db: DatabaseTarget) -> Known:
    with connect(fresh_db) as conn, conn.transaction():
        return build(conn)


@pytest.fixture
def client(fresh_db: DatabaseTarget, known: Known) -> Iterator[TestClient]:
    with api_client(fresh_db) as c:
        yield c


@pytest.fixture
def admin(client: TestClient) -> dict[str, str]:
    return sign_in(client, "root", PASSWORD)


@pytest.fixture
def instructor(client: TestClient) -> dict[str, str]:
    return sign_in(client, "teacher", PASSWORD)
