"""Driving the HTTP API in tests: an app on a test database, and the mail it queued."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from netplus.core.app import create_app
from netplus.core.config import Settings
from netplus.core.database import DatabaseTarget, connect


def service_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"bcrypt_rounds": 10, "db_pool_min": 1, "db_pool_max": 4,
                                 "metrics_flush_seconds": 3600} | overrides
    return Settings.model_validate(values)


@contextmanager
def api_client(target: DatabaseTarget, **overrides: object) -> Iterator[TestClient]:
    app = create_app(service_settings(**overrides), target)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def last_mail(target: DatabaseTarget, to: str) -> tuple[str, str]:
    with connect(target) as conn:
        row = conn.execute("SELECT subject, body_text FROM mail_outbox WHERE to_address = %s"
                           " ORDER BY created_at DESC, id LIMIT 1", (to,)).fetchone()
    assert row is not None, f"no mail to {to}"
    return str(row[0]), str(row[1])


def token_in(body: str) -> str:
    match = re.search(r"token=([A-Za-z0-9_-]+)", body)
    assert match, body
    return match.group(1)
