"""/me/profile, /me/settings and DELETE /me over HTTP: every field, validation that names the fields and
writes nothing, and a soft delete that frees the email and username."""

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client, last_mail, token_in
from tests.learner_api import DEMO_PASSWORD, new_student, one, sign_in, sql, user_id


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


def stored(target: DatabaseTarget, table: str, username: str) -> Any:
    return one(target, "SELECT row_to_json(t)::text FROM " + table + " t WHERE user_id = %s",
               (user_id(target, username),))


def test_the_profile_reads_and_changes_field_by_field(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    profile = client.get("/api/v1/me/profile", headers=student).json()
    assert (profile["first_name"], profile["timezone"], profile["locale"]) == ("Sam", "Europe/London", "en-GB")
    changed = client.patch("/api/v1/me/profile", headers=student, json={
        "bio": "  Studying for N10-009.  ", "timezone": "America/Argentina/Buenos_Aires",
        "certifications": ["CompTIA A+", "CCNA"], "last_name": None}).json()
    assert changed["bio"] == "Studying for N10-009." and changed["timezone"] == "America/Argentina/Buenos_Aires"
    assert changed["certifications"] == ["CompTIA A+", "CCNA"] and changed["last_name"] is None
    assert changed["first_name"] == "Sam"  # not sent, not changed
    assert client.get("/api/v1/me/profile", headers=student).json() == changed
    assert one(fresh_seeded_db, "SELECT metadata FROM user_activity_logs WHERE activity_type = 'profile.update'") == {
        "fields": ["bio", "certifications", "last_name", "timezone"]}


def test_a_complete_profile_earns_its_achievement(client: TestClient) -> None:
    student = sign_in(client, "student2")
    client.patch("/api/v1/me/profile", headers=student, json={
        "bio": "Network tech", "avatar_url": "https://images.example.test/priya.png"})
    achievements = client.get("/api/v1/me/achievements", headers=student).json()
    [badge] = [a for a in achievements["items"] if a["code"] == "profile_complete"]
    assert badge["status"] == "earned" and badge["earned_at"] is not None


@pytest.mark.parametrize(("body", "fields"), [
    ({"timezone": "Mars/Olympus_Mons"}, {"timezone"}),
    ({"timezone": "europe/london"}, {"timezone"}),
    ({"timezone": "UTC+3"}, {"timezone"}),
    ({"timezone": None, "locale": None}, {"timezone", "locale"}),
    ({"avatar_url": "ftp://files.example.test/me.png"}, {"avatar_url"}),
    ({"avatar_url": "javascript:alert(1)", "locale": "English"}, {"avatar_url", "locale"}),
    ({"certifications": ["CCNA", "ccna"]}, {"certifications"}),
    ({"certifications": "CCNA"}, {"certifications"}),
    ({"first_name": "x" * 101, "bio": "y" * 2001, "display_name": ""}, {"first_name", "bio", "display_name"}),
    ({"role": "admin"}, {"role"}),
])
def test_invalid_profiles_name_the_fields_and_write_nothing(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                            body: dict[str, Any], fields: set[str]) -> None:
    student = sign_in(client, "student1")
    before = stored(fresh_seeded_db, "user_profiles", "student1")
    response = client.patch("/api/v1/me/profile", headers=student, json=body)
    assert response.status_code == 422
    assert {e["field"].split(".")[0] for e in response.json()["errors"]} == fields
    assert stored(fresh_seeded_db, "user_profiles", "student1") == before


def test_the_database_refuses_what_is_not_an_iana_zone(fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        for zone in ("europe/london", "UTC+3", "+05:00", "EST5EDT-nonsense"):
            with pytest.raises(psycopg.errors.CheckViolation), conn.transaction():
                conn.execute("UPDATE user_profiles SET timezone = %s", (zone,))
        conn.execute("UPDATE user_profiles SET timezone = 'Asia/Kathmandu'")


def test_settings_read_and_change_field_by_field(client: TestClient) -> None:
    student = sign_in(client, "student1")
    settings = client.get("/api/v1/me/settings", headers=student).json()
    assert (settings["theme"], settings["reminder_time"], settings["reminder_days"]) == ("dark", "18:30",
                                                                                      [1, 2, 3, 4, 5])
    changed = client.patch("/api/v1/me/settings", headers=student, json={
        "theme": "light", "font_size": "x-large", "reminder_time": "07:05", "reminder_days": [6, 0, 3],
        "daily_goal_minutes": 45, "high_contrast": True, "privacy_settings": {"show_on_leaderboard": True}}).json()
    assert changed | {"updated_at": None} == settings | {
        "theme": "light", "font_size": "x-large", "reminder_time": "07:05", "reminder_days": [0, 3, 6],
        "daily_goal_minutes": 45, "high_contrast": True, "updated_at": None,
        "privacy_settings": {"profile_visible": False, "show_on_leaderboard": True}}
    merged = client.patch("/api/v1/me/settings", headers=student, json={"privacy_settings": {"profile_visible": True}})
    assert merged.json()["privacy_settings"] == {"profile_visible": True, "show_on_leaderboard": True}


@pytest.mark.parametrize(("body", "fields"), [
    ({"theme": "solarized"}, {"theme"}),
    ({"font_size": "huge"}, {"font_size"}),
    ({"reminder_days": [1, 1]}, {"reminder_days"}),
    ({"reminder_days": [7, -1]}, {"reminder_days"}),
    ({"reminder_time": "7:00"}, {"reminder_time"}),
    ({"reminder_time": "24:00"}, {"reminder_time"}),
    ({"daily_goal_minutes": 4}, {"daily_goal_minutes"}),
    ({"daily_goal_minutes": 721, "theme": None}, {"daily_goal_minutes", "theme"}),
    ({"privacy_settings": {"sell_my_data": True}}, {"privacy_settings"}),
    ({"privacy_settings": ["profile_visible"]}, {"privacy_settings"}),
    ({"notifications_enabled": "sometimes"}, {"notifications_enabled"}),
])
def test_invalid_settings_name_the_fields_and_write_nothing(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                            body: dict[str, Any], fields: set[str]) -> None:
    student = sign_in(client, "student1")
    before = stored(fresh_seeded_db, "user_settings", "student1")
    response = client.patch("/api/v1/me/settings", headers=student, json=body)
    assert response.status_code == 422
    assert {e["field"].split(".")[0] for e in response.json()["errors"]} == fields
    assert stored(fresh_seeded_db, "user_settings", "student1") == before


def test_missing_rows_are_created_with_their_defaults(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    new_user, headers = new_student(fresh_seeded_db, client, "bare")
    sql(fresh_seeded_db, "DELETE FROM user_profiles WHERE user_id = %s", (new_user,))
    sql(fresh_seeded_db, "DELETE FROM user_settings WHERE user_id = %s", (new_user,))
    assert client.get("/api/v1/me/profile", headers=headers).json()["timezone"] == "UTC"
    assert client.get("/api/v1/me/settings", headers=headers).json()["daily_goal_minutes"] == 30


def test_deleting_the_account_needs_the_password_and_frees_the_email(client: TestClient,
                                                                     fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student3")
    other_session = sign_in(client, "student3")
    old_id = user_id(fresh_seeded_db, "student3")
    wrong = client.request("DELETE", "/api/v1/me", headers=student, json={"current_password": "not my password"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    assert client.request("DELETE", "/api/v1/me", headers=student).status_code == 422  # no body
    assert one(fresh_seeded_db, "SELECT account_status FROM users WHERE id = %s", (old_id,)) == "active"

    assert client.request("DELETE", "/api/v1/me", headers=student,
                          json={"current_password": DEMO_PASSWORD}).status_code == 204
    assert sql(fresh_seeded_db, "SELECT account_status, deleted_at IS NOT NULL FROM users WHERE id = %s",
               (old_id,)) == [("deleted", True)]
    assert one(fresh_seeded_db, "SELECT count(*) FROM auth_sessions WHERE user_id = %s AND revoked_at IS NULL",
               (old_id,)) == 0
    for headers in (student, other_session):
        assert client.get("/api/v1/me/profile", headers=headers).status_code == 401
    assert client.post("/api/v1/auth/login", json={"identifier": "student3",
                                                   "password": DEMO_PASSWORD}).status_code == 401
    assert one(fresh_seeded_db, "SELECT count(*) FROM user_activity_logs WHERE user_id = %s"
                                " AND activity_type = 'account.delete'", (old_id,)) == 1

    # The address and the name are free again: a new account takes them.
    password = "a fresh and long passphrase"
    assert client.post("/api/v1/auth/register", json={
        "email": "student3@network.test", "username": "student3", "password": password}).status_code == 202
    subject, body = last_mail(fresh_seeded_db, "student3@network.test")
    assert subject.startswith("Confirm your email")
    assert client.post("/api/v1/auth/verify-email", json={"token": token_in(body)}).status_code == 200
    fresh = sign_in(client, "student3", password)
    assert client.get("/api/v1/me", headers=fresh).json()["id"] != str(old_id)
