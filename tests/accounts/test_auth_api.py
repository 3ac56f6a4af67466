"""Accounts over HTTP: sign-up, verification, sign-in, sessions, reset and change of password."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client, last_mail, token_in

PASSWORD = "a long and unusual passphrase"


@pytest.fixture
def client(fresh_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_db) as c:
        yield c


def sign_up(client: TestClient, target: DatabaseTarget, email: str = "ada@example.test",
            username: str = "ada") -> str:
    assert client.post("/api/v1/auth/register", json={
        "email": email, "username": username, "password": PASSWORD}).status_code == 202
    subject, body = last_mail(target, email)
    assert subject.startswith("Confirm your email")
    assert client.post("/api/v1/auth/verify-email", json={"token": token_in(body)}).status_code == 200
    login = client.post("/api/v1/auth/login", json={"identifier": username, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return str(login.json()["token"])


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_sign_up_verify_and_sign_in(client: TestClient, fresh_db: DatabaseTarget) -> None:
    token = sign_up(client, fresh_db)
    me = client.get("/api/v1/me", headers=auth(token)).json()
    assert (me["username"], me["role"], me["email_verified"]) == ("ada", "student", True)
    assert me["last_login_at"] is not None
    with connect(fresh_db) as conn:
        kinds = [r[0] for r in conn.execute(
            "SELECT activity_type FROM user_activity_logs ORDER BY created_at, activity_type").fetchall()]
        assert kinds == ["auth.register", "auth.verify_email", "auth.login"]
        owned = conn.execute("SELECT (SELECT count(*) FROM user_profiles), (SELECT count(*) FROM user_settings),"
                             " (SELECT token_hash IS NOT NULL FROM auth_sessions)").fetchone()
        assert owned == (1, 1, True)
        assert conn.execute("SELECT count(*) FROM auth_sessions WHERE token_hash = convert_to(%s, 'UTF8')",
                            (token,)).fetchone() == (0,)  # only the hash is stored


def test_the_session_cookie_is_http_only_and_works(client: TestClient, fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    response = client.post("/api/v1/auth/login", json={"identifier": "ada@example.test", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "netplus_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/api/v1/me").status_code == 200  # the client keeps the cookie


def test_a_new_token_on_every_sign_in(client: TestClient, fresh_db: DatabaseTarget) -> None:
    first = sign_up(client, fresh_db)
    second = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).json()["token"]
    assert first != second
    assert len(client.get("/api/v1/me/sessions", headers=auth(second)).json()) == 2


def test_registration_does_not_reveal_existing_addresses(client: TestClient, fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    again = client.post("/api/v1/auth/register", json={
        "email": "ADA@example.test", "username": "someone", "password": PASSWORD})
    fresh = client.post("/api/v1/auth/register", json={
        "email": "new@example.test", "username": "newbie", "password": PASSWORD})
    assert again.status_code == fresh.status_code == 202
    assert again.json() == fresh.json()
    assert last_mail(fresh_db, "ADA@example.test")[0] == "Someone tried to sign up with your address"
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (2,)


def test_a_taken_username_is_a_field_error(client: TestClient, fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    response = client.post("/api/v1/auth/register", json={
        "email": "other@example.test", "username": "ADA", "password": PASSWORD})
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": "username", "message": "That username is taken; choose another."}]


@pytest.mark.parametrize(("password", "reason"), [
    ("short", "at least 8"), ("password123", "most common"), ("x" * 129, "at most 128"),
    ("carol@example.test", "email"),
])
def test_weak_passwords_are_refused_with_the_reason(client: TestClient, fresh_db: DatabaseTarget, password: str,
                                                    reason: str) -> None:
    response = client.post("/api/v1/auth/register", json={
        "email": "carol@example.test", "username": "carol", "password": password})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "password" and reason in error["message"]
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_long_passphrases_without_rules_are_fine(client: TestClient) -> None:
    response = client.post("/api/v1/auth/register", json={
        "email": "dan@example.test", "username": "dan", "password": "all lower case words " * 3})
    assert response.status_code == 202


def test_unknown_user_and_wrong_password_look_the_same(client: TestClient, fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    wrong = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": "not the password"})
    unknown = client.post("/api/v1/auth/login", json={"identifier": "nobody", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    strip = {"request_id"}
    assert {k: v for k, v in wrong.json().items() if k not in strip} == {
        k: v for k, v in unknown.json().items() if k not in strip}


@pytest.mark.parametrize("status", ["suspended", "deactivated"])
def test_inactive_accounts_cannot_sign_in_and_lose_their_sessions(client: TestClient, fresh_db: DatabaseTarget,
                                                                  status: str) -> None:
    token = sign_up(client, fresh_db)
    with connect(fresh_db) as conn:
        conn.execute("UPDATE users SET account_status = %s", (status,))
        conn.commit()
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 401
    refused = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD})
    assert refused.status_code == 403 and status in refused.json()["detail"]


def test_deleted_accounts_cannot_sign_in(client: TestClient, fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    with connect(fresh_db) as conn:
        conn.execute("UPDATE users SET account_status = 'deleted', deleted_at = now()")
        conn.commit()
    assert client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).status_code == 401


def test_logout_ends_the_session(client: TestClient, fresh_db: DatabaseTarget) -> None:
    token = sign_up(client, fresh_db)
    assert client.post("/api/v1/auth/logout", headers=auth(token)).status_code == 204
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 401


def test_idle_and_absolute_lifetimes(client: TestClient, fresh_db: DatabaseTarget) -> None:
    idle, old = sign_up(client, fresh_db), client.post(
        "/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).json()["token"]
    with connect(fresh_db) as conn:
        conn.execute("UPDATE auth_sessions SET created_at = now() - interval '9 days',"
                     " last_seen_at = now() - interval '8 days' WHERE id = (SELECT min(id::text)::uuid FROM"
                     " auth_sessions)")
        conn.execute("UPDATE auth_sessions SET expires_at = now() - interval '1 second', created_at = now() -"
                     " interval '1 day', last_seen_at = now() - interval '1 day'"
                     " WHERE last_seen_at > now() - interval '1 hour'")
        conn.commit()
    assert client.get("/api/v1/me", headers=auth(idle)).status_code == 401
    assert client.get("/api/v1/me", headers=auth(old)).status_code == 401


def test_password_reset_is_single_use_and_ends_sessions(client: TestClient, fresh_db: DatabaseTarget) -> None:
    token = sign_up(client, fresh_db)
    unknown = client.post("/api/v1/auth/password-reset/request", json={"email": "ghost@example.test"})
    known = client.post("/api/v1/auth/password-reset/request", json={"email": "ada@example.test"})
    assert unknown.status_code == known.status_code == 202 and unknown.json() == known.json()
    subject, body = last_mail(fresh_db, "ada@example.test")
    assert subject == "Reset your NetPlus password"
    link = token_in(body)
    new = "another quite long passphrase"
    assert client.post("/api/v1/auth/password-reset", json={"token": link, "new_password": new}).status_code == 200
    assert client.post("/api/v1/auth/password-reset", json={"token": link, "new_password": new}).status_code == 400
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 401
    assert client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).status_code == 401
    assert client.post("/api/v1/auth/login", json={"identifier": "ada", "password": new}).status_code == 200


def test_an_expired_link_is_refused(client: TestClient, fresh_db: DatabaseTarget) -> None:
    client.post("/api/v1/auth/register", json={"email": "eve@example.test", "username": "eve", "password": PASSWORD})
    link = token_in(last_mail(fresh_db, "eve@example.test")[1])
    with connect(fresh_db) as conn:
        conn.execute("UPDATE email_tokens SET created_at = now() - interval '2 days',"
                     " expires_at = now() - interval '1 day'")
        conn.commit()
    response = client.post("/api/v1/auth/verify-email", json={"token": link})
    assert response.status_code == 400 and "expired" in response.json()["detail"]


def test_changing_the_password_ends_other_sessions(client: TestClient, fresh_db: DatabaseTarget) -> None:
    other = sign_up(client, fresh_db)
    current = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).json()["token"]
    wrong = client.post("/api/v1/auth/password", headers=auth(current), json={
        "current_password": "nope nope nope", "new_password": "a brand new passphrase"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    changed = client.post("/api/v1/auth/password", headers=auth(current), json={
        "current_password": PASSWORD, "new_password": "a brand new passphrase"})
    assert changed.json() == {"other_sessions_ended": 1}
    assert client.get("/api/v1/me", headers=auth(current)).status_code == 200
    assert client.get("/api/v1/me", headers=auth(other)).status_code == 401
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM user_activity_logs WHERE activity_type = 'auth.password_change'"
                            ).fetchone() == (1,)


def test_sessions_can_be_listed_and_ended(client: TestClient, fresh_db: DatabaseTarget) -> None:
    other = sign_up(client, fresh_db)
    current = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD}).json()["token"]
    listed = client.get("/api/v1/me/sessions", headers=auth(current)).json()
    [stranger] = [s for s in listed if not s["current"]]
    assert client.delete(f"/api/v1/me/sessions/{stranger['id']}", headers=auth(current)).status_code == 204
    assert client.get("/api/v1/me", headers=auth(other)).status_code == 401
    assert client.delete(f"/api/v1/me/sessions/{stranger['id']}", headers=auth(current)).status_code == 404


def test_repeated_failures_are_rate_limited_without_locking_the_account(client: TestClient,
                                                                         fresh_db: DatabaseTarget) -> None:
    sign_up(client, fresh_db)
    sign_up(client, fresh_db, email="bob@example.test", username="bob")
    codes = [client.post("/api/v1/auth/login", json={"identifier": "ada", "password": "wrong guess!"}).status_code
             for _ in range(6)]
    assert codes == [401] * 5 + [429]
    limited = client.post("/api/v1/auth/login", json={"identifier": "ada", "password": PASSWORD})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert client.post("/api/v1/auth/login", json={"identifier": "bob", "password": PASSWORD}).status_code == 200
