"""Signing in as the demo accounts (or any account) to drive the staff, admin and analytics APIs."""

from fastapi.testclient import TestClient

DEMO_PASSWORD = "password123"
ADMIN, INSTRUCTOR, STUDENT = "admin@network.test", "instructor@network.test", "student1@network.test"


def sign_in(client: TestClient, identifier: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Sign in and return the Authorization header of the new session."""
    response = client.post("/api/v1/auth/login", json={"identifier": identifier, "password": password})
    assert response.status_code == 200, response.text
    client.cookies.clear()  # each request names its session explicitly
    return {"Authorization": f"Bearer {response.json()['token']}"}
