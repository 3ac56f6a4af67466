"""Proving the password again while signed in (changing it, deleting the account) is limited: a stolen
session cannot be used to guess the password."""

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.learner_api import sign_in
from tests.web.pages import page_client, post_form, text_of


def test_wrong_passwords_are_limited_across_password_change_and_account_deletion(
        fresh_seeded_db: DatabaseTarget) -> None:
    with api_client(fresh_seeded_db) as client:
        headers = sign_in(client, "student1@network.test")
        for n in range(5):
            wrong = (client.post("/api/v1/auth/password", headers=headers,
                                 json={"current_password": "not it at all", "new_password": "x" * 12})
                     if n % 2 else
                     client.request("DELETE", "/api/v1/me", headers=headers, json={"current_password": "nope nope"}))
            assert wrong.status_code == 422, wrong.text
        refused = client.request("DELETE", "/api/v1/me", headers=headers, json={"current_password": "password123"})
        other = sign_in(client, "student2@network.test")
        unaffected = client.post("/api/v1/auth/password", headers=other,
                                 json={"current_password": "nope nope", "new_password": "another long one"})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert unaffected.status_code == 422  # the limit is per account
    with connect(fresh_seeded_db) as conn:
        status = conn.execute("SELECT account_status FROM users WHERE username = 'student1'").fetchone()
    assert status == ("active",)


def test_the_settings_page_says_when_to_try_again(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student3@network.test") as client:
        for _ in range(5):
            post_form(client, "/settings/password", {"current_password": "wrong guess", "new_password": "y" * 12})
        response = post_form(client, "/settings/password", {"current_password": "password123",
                                                            "new_password": "a new long passphrase"})
    assert response.status_code == 422 and "Too many attempts" in text_of(response.text)
