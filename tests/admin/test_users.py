"""Account administration over HTTP: roles, suspension, soft delete and restore, and their audit trail."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.factories import make_user
from tests.staff_api import ADMIN, DEMO_PASSWORD, sign_in

URL = "/api/v1/admin/users"


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def admin(client: TestClient) -> dict[str, str]:
    return sign_in(client, ADMIN)


def user_id(client: TestClient, admin: dict[str, str], email: str) -> str:
    found = client.get(URL, headers=admin, params={"q": email}).json()["items"]
    assert len(found) == 1, found
    return str(found[0]["id"])


def audit(target: DatabaseTarget, activity: str) -> list[tuple[Any, ...]]:
    """(actor's username, resource type, resource id, metadata) of each row of an activity type."""
    with connect(target) as conn:
        return conn.execute(
            "SELECT u.username, l.resource_type, l.resource_id::text, l.metadata FROM user_activity_logs l "
            "JOIN users u ON u.id = l.user_id WHERE l.activity_type = %s ORDER BY l.created_at", (activity,)).fetchall()


def test_a_suspended_user_cannot_sign_in_and_their_sessions_stop(client: TestClient, admin: dict[str, str],
                                                                 fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student2@network.test")
    target = user_id(client, admin, "student2@network.test")
    assert client.get("/api/v1/me", headers=student).status_code == 200

    suspended = client.patch(f"{URL}/{target}", headers=admin, json={"account_status": "suspended"})
    assert suspended.status_code == 200
    assert (suspended.json()["account_status"], suspended.json()["active_sessions"]) == ("suspended", 0)
    assert client.get("/api/v1/me", headers=student).status_code == 401
    login = client.post("/api/v1/auth/login", json={"identifier": "student2", "password": DEMO_PASSWORD})
    assert login.status_code == 403
    assert audit(fresh_seeded_db, "admin.user.status_changed") == [("admin", "user", target, {
        "email": "student2@network.test", "username": "student2", "from": "active", "to": "suspended",
        "sessions_revoked": 1})]

    client.patch(f"{URL}/{target}", headers=admin, json={"account_status": "active"})
    assert client.get("/api/v1/me", headers=sign_in(client, "student2")).status_code == 200
    assert client.get("/api/v1/me", headers=student).status_code == 401  # revoked sessions stay revoked


def test_a_role_change_takes_effect_on_the_next_request(client: TestClient, admin: dict[str, str],
                                                        fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student3@network.test")
    target = user_id(client, admin, "student3@network.test")
    assert client.get("/api/v1/staff/learners", headers=student).status_code == 403
    promoted = client.patch(f"{URL}/{target}", headers=admin, json={"role": "instructor"})
    assert promoted.json()["role"] == "instructor"
    assert client.get("/api/v1/staff/learners", headers=student).status_code == 200
    client.patch(f"{URL}/{target}", headers=admin, json={"role": "student"})
    assert client.get("/api/v1/staff/learners", headers=student).status_code == 403
    assert [(r[3]["from"], r[3]["to"]) for r in audit(fresh_seeded_db, "admin.user.role_changed")] == [
        ("student", "instructor"), ("instructor", "student")]


def test_an_admin_cannot_demote_suspend_or_delete_themselves(client: TestClient, admin: dict[str, str],
                                                             fresh_seeded_db: DatabaseTarget) -> None:
    me = client.get("/api/v1/me", headers=admin).json()["id"]
    for change in ({"role": "instructor"}, {"account_status": "suspended"}, {"account_status": "deactivated"}):
        refused = client.patch(f"{URL}/{me}", headers=admin, json=change)
        assert refused.status_code == 409, change
    assert client.delete(f"{URL}/{me}", headers=admin).status_code == 409
    unchanged = client.get(f"{URL}/{me}", headers=admin).json()
    assert (unchanged["role"], unchanged["account_status"], unchanged["deleted_at"]) == ("admin", "active", None)
    assert client.patch(f"{URL}/{me}", headers=admin, json={"role": "admin"}).status_code == 200  # no change
    with connect(fresh_seeded_db) as conn:
        assert conn.execute("SELECT count(*) FROM user_activity_logs WHERE activity_type LIKE 'admin.%'"
                            ).fetchone() == (0,)


def test_soft_delete_keeps_the_history_and_restore_brings_the_account_back(
        client: TestClient, admin: dict[str, str], fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    target = user_id(client, admin, "student1@network.test")
    assert client.delete(f"{URL}/{target}", headers=admin).status_code == 204
    assert client.get("/api/v1/me", headers=student).status_code == 401
    assert client.post("/api/v1/auth/login", json={"identifier": "student1", "password": DEMO_PASSWORD}
                       ).status_code == 401
    assert client.get(URL, headers=admin, params={"q": "student1"}).json()["total"] == 0
    deleted = client.get(URL, headers=admin, params={"status": "deleted"}).json()["items"]
    assert [u["username"] for u in deleted] == ["student1"]
    with connect(fresh_seeded_db) as conn:  # the row, its profile and settings are still there
        assert conn.execute("SELECT count(*) FROM user_profiles WHERE user_id = %s", (target,)).fetchone() == (1,)

    restored = client.post(f"{URL}/{target}/restore", headers=admin)
    assert restored.status_code == 200
    assert (restored.json()["account_status"], restored.json()["deleted_at"]) == ("active", None)
    assert client.get("/api/v1/me", headers=sign_in(client, "student1")).status_code == 200
    assert [r[3]["username"] for r in audit(fresh_seeded_db, "admin.user.deleted")] == ["student1"]
    assert [r[2] for r in audit(fresh_seeded_db, "admin.user.restored")] == [target]


def test_restore_fails_when_the_email_or_username_was_taken(client: TestClient, admin: dict[str, str],
                                                             fresh_seeded_db: DatabaseTarget) -> None:
    target = user_id(client, admin, "student3@network.test")
    client.delete(f"{URL}/{target}", headers=admin)
    with connect(fresh_seeded_db) as conn:
        make_user(conn, email="STUDENT3@network.test", username="newcomer")
        conn.commit()
    refused = client.post(f"{URL}/{target}/restore", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "email"
    assert client.get(f"{URL}/{target}", headers=admin).json()["account_status"] == "deleted"
    assert audit(fresh_seeded_db, "admin.user.restored") == []


def test_users_are_listed_searched_and_paginated(client: TestClient, admin: dict[str, str]) -> None:
    everyone = client.get(URL, headers=admin, params={"limit": 2}).json()
    assert (everyone["total"], len(everyone["items"])) == (5, 2)
    students = client.get(URL, headers=admin, params={"role": "student"}).json()
    assert sorted(u["username"] for u in students["items"]) == ["student1", "student2", "student3"]
    by_email = client.get(URL, headers=admin, params={"q": "INSTRUCTOR@network"}).json()["items"]
    assert [(u["username"], u["role"], u["display_name"]) for u in by_email] == [("instructor", "instructor", "Ivan")]
    client.patch(f"{URL}/{by_email[0]['id']}", headers=admin, json={"account_status": "deactivated"})
    inactive = client.get(URL, headers=admin, params={"status": "deactivated"}).json()["items"]
    assert [u["username"] for u in inactive] == ["instructor"]
    assert client.patch(f"{URL}/{by_email[0]['id']}", headers=admin, json={"account_status": "deleted"}
                        ).status_code == 422  # deleting is DELETE, not a status
