"""Test databases: migrate once into a template, then give each test a rolled-back transaction
(`db`, `seeded`) or, when it needs several connections or commits, its own clone (`fresh_db`).

The server is TEST_DATABASE_URL, else DATABASE_URL/DB_*, else an embedded PostgreSQL that the
session starts in a data directory of its own and stops at the end.
"""

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import psycopg
import pytest

from netplus.core.config import Settings
from netplus.core.database import (
    DatabaseTarget,
    connect,
    create_database,
    drop_database,
    resolve_target,
    target_from_url,
)
from netplus.database import migrate
from netplus.demo.seed import seed_demo_data

Conn = psycopg.Connection[tuple[object, ...]]
RUN_ID = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"


TEST_PGDATA = platformdirs.user_cache_path("netplus") / "test-pgdata"


def start_test_embedded_server() -> DatabaseTarget:
    from netplus.core.database import embedded_server_url

    return target_from_url(embedded_server_url(TEST_PGDATA), embedded_dir=TEST_PGDATA)


@pytest.fixture(scope="session")
def server() -> Iterator[DatabaseTarget]:
    """The server's maintenance database, from which test databases are created."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield target_from_url(url).maintenance
        return
    settings = Settings()
    if settings.server_configured:
        yield resolve_target(settings).maintenance
        return
    already_running = (TEST_PGDATA / "postmaster.pid").exists()
    target = start_test_embedded_server()
    yield target.maintenance
    if not already_running:  # another test session may still be using a server it found running
        from netplus.database.embedded import stop_embedded

        stop_embedded(TEST_PGDATA)


@pytest.fixture(scope="session")
def template(server: DatabaseTarget) -> Iterator[DatabaseTarget]:
    """A database migrated to head, never connected to by tests (so it can be cloned)."""
    target = server.with_database(f"netplus_test_tpl_{RUN_ID}")
    drop_database(target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        migrate.upgrade(target)
    yield target
    drop_database(target)


@pytest.fixture(scope="session")
def seeded_template(template: DatabaseTarget) -> Iterator[DatabaseTarget]:
    """The template plus the demo data."""
    target = template.with_database(f"netplus_test_seeded_{RUN_ID}")
    create_database(target, template=template.dbname)
    with connect(target) as conn, conn.transaction():
        seed_demo_data(conn, bcrypt_rounds=10)
    yield target
    drop_database(target)


def clone(source: DatabaseTarget, name: str) -> DatabaseTarget:
    target = source.with_database(name)
    drop_database(target)
    create_database(target, template=source.dbname)
    return target


@pytest.fixture(scope="session")
def work_db(template: DatabaseTarget) -> Iterator[DatabaseTarget]:
    target = clone(template, f"netplus_test_work_{RUN_ID}")
    yield target
    drop_database(target)


@pytest.fixture(scope="session")
def seeded_work_db(seeded_template: DatabaseTarget) -> Iterator[DatabaseTarget]:
    target = clone(seeded_template, f"netplus_test_seeded_work_{RUN_ID}")
    yield target
    drop_database(target)


@pytest.fixture(scope="session")
def seeded_pages_db(seeded_template: DatabaseTarget) -> Iterator[DatabaseTarget]:
    """The demo data for page tests that commit (sign-ins, sessions, new accounts and questions) and
    can share what they leave behind; apart from `seeded_work_db`, whose tests expect the demo as seeded."""
    target = clone(seeded_template, f"netplus_test_seeded_pages_{RUN_ID}")
    yield target
    drop_database(target)


def rolled_back(target: DatabaseTarget) -> Iterator[Conn]:
    conn = connect(target)
    try:
        with conn.transaction(force_rollback=True):
            yield conn
    finally:
        conn.close()


@pytest.fixture
def db(work_db: DatabaseTarget) -> Iterator[Conn]:
    """A connection to the migrated, empty database; everything it does is rolled back."""
    yield from rolled_back(work_db)


@pytest.fixture
def seeded(seeded_work_db: DatabaseTarget) -> Iterator[Conn]:
    """A connection to the database with the demo data; everything it does is rolled back."""
    yield from rolled_back(seeded_work_db)


@pytest.fixture
def fresh_db(template: DatabaseTarget, request: pytest.FixtureRequest) -> Iterator[DatabaseTarget]:
    """A migrated database of the test's own, for tests that commit or use several connections."""
    target = clone(template, f"netplus_test_{RUN_ID}_{uuid.uuid4().hex[:8]}")
    yield target
    drop_database(target)


@pytest.fixture
def fresh_seeded_db(seeded_template: DatabaseTarget) -> Iterator[DatabaseTarget]:
    target = clone(seeded_template, f"netplus_test_{RUN_ID}_{uuid.uuid4().hex[:8]}")
    yield target
    drop_database(target)


@pytest.fixture
def empty_db(server: DatabaseTarget) -> Iterator[DatabaseTarget]:
    """A database with nothing in it, not even migrations."""
    target = server.with_database(f"netplus_test_{RUN_ID}_{uuid.uuid4().hex[:8]}")
    create_database(target)
    yield target
    drop_database(target)


@pytest.fixture
def backup_dir(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main thread
    for as long as the browser is open, and tests that call asyncio.run() cannot run beside it."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/"))
