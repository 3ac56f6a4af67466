"""The service's own doors: health, OpenAPI, problem details, request ids."""

from fastapi import FastAPI
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget
from tests.api import api_client


def test_health_reports_the_process_and_the_database(fresh_db: DatabaseTarget) -> None:
    with api_client(fresh_db) as client:
        body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["database"] == "ok"


def test_openapi_and_docs(fresh_db: DatabaseTarget) -> None:
    with api_client(fresh_db) as client:
        spec = client.get("/openapi.json").json()
        assert "/api/v1/auth/login" in spec["paths"]
        assert client.get("/docs").status_code == 200


def test_errors_are_problem_details_with_field_reasons(fresh_db: DatabaseTarget) -> None:
    with api_client(fresh_db) as client:
        bad = client.post("/api/v1/auth/register", json={"email": "not an email", "username": "x"})
        missing = client.get("/api/v1/nothing-here", headers={"X-Request-ID": "test-request-0001"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"email", "username", "password"}
    assert missing.status_code == 404 and missing.json()["title"] == "Not found"
    assert missing.headers["x-request-id"] == "test-request-0001" == missing.json()["request_id"]


def test_an_unexpected_error_reveals_nothing(fresh_db: DatabaseTarget) -> None:
    with api_client(fresh_db) as client:
        app = client.app
        assert isinstance(app, FastAPI)

        @app.get("/api/v1/boom")
        async def boom() -> None:
            raise RuntimeError("SELECT secret FROM somewhere")

        response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.json()["title"] == "Internal error"


def test_unauthenticated_requests_get_401(fresh_db: DatabaseTarget) -> None:
    client: TestClient
    with api_client(fresh_db) as client:
        response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
