"""Sign-up, verification, sign-in and password reset as pages, with the demo outbox."""

from netplus.core.database import DatabaseTarget
from tests.api import last_mail, token_in
from tests.web.pages import page_client, post_form, text_of


def test_sign_up_then_verify_from_the_mail_link(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, demo_outbox=True) as client:
        taken = post_form(client, "/signup", {"email": "new@example.org", "username": "student1",
                                              "password": "a long passphrase", "password_confirm": "a long passphrase"})
        assert taken.status_code == 422 and "That username is taken" in text_of(taken.text)
        assert 'value="new@example.org"' in taken.text and "a long passphrase" not in taken.text
        done = post_form(client, "/signup", {"email": "new@example.org", "username": "newbie",
                                             "password": "a long passphrase", "password_confirm": "a long passphrase"})
        assert done.status_code == 200 and "Open the mail outbox" in done.text
        _, body = last_mail(fresh_seeded_db, "new@example.org")
        outbox = client.get("/outbox").text
        assert f"/verify-email?token={token_in(body)}" in outbox
        first = client.get(f"/verify-email?token={token_in(body)}")
        again = client.get(f"/verify-email?token={token_in(body)}")
    assert first.status_code == 200 and "confirmed" in text_of(first.text)
    assert again.status_code >= 400 and "This link cannot be used" in text_of(again.text)


def test_signing_up_with_a_taken_address_reveals_nothing(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db) as client:
        response = post_form(client, "/signup", {"email": "student1@network.test", "username": "someone_else",
                                                 "password": "a long passphrase",
                                                 "password_confirm": "a long passphrase"})
    assert response.status_code == 200 and "Check your inbox" in text_of(response.text)
    assert "Open the mail outbox" not in response.text  # not demo mode


def test_a_forgotten_password_is_reset_from_the_mail_link(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db) as client:
        unknown = post_form(client, "/forgot-password", {"email": "nobody@example.org"})
        known = post_form(client, "/forgot-password", {"email": "student2@network.test"})
        assert text_of(unknown.text) == text_of(known.text).replace("student2@network.test", "nobody@example.org")
        token = token_in(last_mail(fresh_seeded_db, "student2@network.test")[1])
        form = client.get(f"/reset-password?token={token}")
        assert f'value="{token}"' in form.text
        mismatch = post_form(client, "/reset-password", {"token": token, "new_password": "new long passphrase",
                                                         "new_password_confirm": "other"})
        assert mismatch.status_code == 422 and 'id="new_password_confirm-error"' in mismatch.text
        reset = post_form(client, "/reset-password", {"token": token, "new_password": "new long passphrase",
                                                      "new_password_confirm": "new long passphrase"})
        assert reset.status_code == 303 and reset.headers["location"] == "/login?reset=1"
        assert "Sign in with the new one" in text_of(client.get("/login?reset=1").text)
        old = post_form(client, "/login", {"identifier": "student2", "password": "password123"})
        new = post_form(client, "/login", {"identifier": "student2", "password": "new long passphrase"})
    assert old.status_code == 422 and 'id="form-error"' in old.text
    assert new.status_code == 303


def test_signing_out_ends_the_session(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        assert client.get("/dashboard", follow_redirects=False).status_code == 200
        out = post_form(client, "/logout")
        assert out.status_code == 303 and out.headers["location"] == "/login?signed_out=1"
        assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_the_outbox_exists_only_in_demo_mode(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db) as client:
        assert client.get("/outbox").status_code == 404
