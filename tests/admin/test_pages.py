"""The admin pages in a browser's place: the overview, finding users, role and status changes, soft delete
and restore, the service's refusals, and who may open them."""

import re

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.factories import make_user
from tests.web.pages import DEMO_PASSWORD, page_client, post_form, text_of

ADMIN = "admin@network.test"


def find_user(client: TestClient, query: str) -> str:
    """The id of the one account the users page finds for `query`, as an admin would click it."""
    page = client.get("/admin/users", params={"q": query})
    assert page.status_code == 200
    ids = re.findall(r'href="/admin/users/([0-9a-f-]{36})"', page.text)
    assert len(ids) == 1, text_of(page.text)
    return str(ids[0])


def account(target: DatabaseTarget, username: str) -> tuple[str, str, bool]:
    with connect(target) as conn:
        row = conn.execute("SELECT role, account_status, deleted_at IS NOT NULL FROM users WHERE username = %s",
                           (username,)).fetchone()
    assert row is not None
    return str(row[0]), str(row[1]), bool(row[2])


def sign_in_page(target: DatabaseTarget, identifier: str) -> tuple[int, str]:
    """Signing in through /login in a new browser: the status and the page's text (303 when it worked)."""
    with page_client(target) as client:
        response = post_form(client, "/login", {"identifier": identifier, "password": DEMO_PASSWORD})
    return response.status_code, text_of(response.text)


def test_the_overview_counts_accounts_activity_and_content(fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        make_user(conn, username="gone", email="gone@example.test", account_status="suspended")
    with page_client(fresh_seeded_db, ADMIN) as client:
        page = client.get("/admin")
    text = text_of(page.text)
    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "Student 3 active student accounts 1 suspended student accounts 0 0 4" in text
    assert "1 signed in today" in text  # the admin, just now
    assert "Components 97 0" in text and "Assessments 37 0" in text
    assert 'href="/admin/users?role=student&amp;status=suspended"' in page.text
    assert "Not computed yet" in text  # the views of a fresh database were never refreshed


def test_an_admin_finds_a_user_and_changes_their_role(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, ADMIN) as client:
        students = text_of(client.get("/admin/users", params={"role": "student"}).text)
        assert "3 accounts match" in students and "instructor@network.test" not in students
        target = find_user(client, "STUDENT2@network")  # case does not matter
        detail = client.get(f"/admin/users/{target}")
        assert "student2@network.test" in text_of(detail.text) and 'id="role"' in detail.text

        changed = post_form(client, f"/admin/users/{target}/role", {"role": "instructor"})
        assert changed.status_code == 303 and changed.headers["location"] == f"/admin/users/{target}?done=role"
        after = text_of(client.get(changed.headers["location"]).text)
        instructors = text_of(client.get("/admin/users", params={"role": "instructor"}).text)
    assert "student2 is now an instructor." in after
    assert account(fresh_seeded_db, "student2") == ("instructor", "active", False)
    assert "student2@network.test" in instructors and "2 accounts match" in instructors


def test_the_service_refusals_are_shown_beside_the_form(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, ADMIN) as client:
        me = find_user(client, "admin@network.test")
        demote = post_form(client, f"/admin/users/{me}/role", {"role": "student"})
        suspend = post_form(client, f"/admin/users/{me}/status", {"account_status": "suspended"})
        delete = post_form(client, f"/admin/users/{me}/delete", {"confirm": "true"})
        unknown = post_form(client, f"/admin/users/{me}/role", {"role": "owner"})
    for response in (demote, suspend, delete):
        assert response.status_code == 422
        assert "An admin cannot demote, suspend or delete their own account" in text_of(response.text)
    assert re.search(r'id="role-error"[^>]*>.*cannot demote', demote.text, re.S)
    assert '<option value="student" selected>' in demote.text  # what was chosen is kept
    assert unknown.status_code == 422 and "Choose a role from the list." in text_of(unknown.text)
    assert account(fresh_seeded_db, "admin") == ("admin", "active", False)


def test_a_suspended_user_is_signed_out_and_cannot_sign_in(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student2@network.test") as student, page_client(fresh_seeded_db,
                                                                                        ADMIN) as admin:
        assert student.get("/admin/users", follow_redirects=False).status_code == 403  # signed in, not an admin
        target = find_user(admin, "student2")
        suspended = post_form(admin, f"/admin/users/{target}/status", {"account_status": "suspended"})
        assert suspended.status_code == 303
        note = text_of(admin.get(suspended.headers["location"]).text)
        assert "student2's account is suspended: they are signed out everywhere and cannot sign in." in note
        # their open session ended: the next page sends them to sign in
        assert student.get("/admin/users", follow_redirects=False).status_code == 303

        status, text = sign_in_page(fresh_seeded_db, "student2")
        assert status == 422 and "This account is suspended; contact an administrator." in text

        post_form(admin, f"/admin/users/{target}/status", {"account_status": "active"})
    assert sign_in_page(fresh_seeded_db, "student2")[0] == 303


def test_soft_delete_needs_confirmation_and_restore_brings_the_account_back(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, ADMIN) as client:
        target = find_user(client, "student3")
        unconfirmed = post_form(client, f"/admin/users/{target}/delete")
        assert unconfirmed.status_code == 422 and "Tick the box to confirm the deletion." in text_of(unconfirmed.text)
        assert account(fresh_seeded_db, "student3") == ("student", "active", False)

        deleted = post_form(client, f"/admin/users/{target}/delete", {"confirm": "true"})
        assert deleted.status_code == 303
        page = client.get(deleted.headers["location"]).text
        assert "student3's account is deleted. You can restore it below." in text_of(page)
        assert "Restore account" in page and 'id="role-form"' not in page  # a deleted account is not changed
        assert "student3" not in text_of(client.get("/admin/users").text)
        assert "student3" in text_of(client.get("/admin/users", params={"status": "deleted"}).text)
        assert sign_in_page(fresh_seeded_db, "student3")[0] == 422

        restored = post_form(client, f"/admin/users/{target}/restore")
        assert restored.status_code == 303
        back = text_of(client.get(restored.headers["location"]).text)
        assert "student3's account is restored and active again." in back
    assert account(fresh_seeded_db, "student3") == ("student", "active", False)
    assert sign_in_page(fresh_seeded_db, "student3")[0] == 303


def test_restoring_fails_clearly_when_the_email_was_taken(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, ADMIN) as client:
        target = find_user(client, "student3")
        post_form(client, f"/admin/users/{target}/delete", {"confirm": "true"})
        with connect(fresh_seeded_db) as conn:
            make_user(conn, username="newcomer", email="student3@network.test")
        refused = post_form(client, f"/admin/users/{target}/restore")
    assert refused.status_code == 422
    assert "Another account has taken this email (student3@network.test) since the deletion." in text_of(refused.text)
    assert account(fresh_seeded_db, "student3") == ("student", "deleted", True)


def test_the_list_pages_through_many_accounts_and_checks_its_filters(fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        for n in range(30):
            make_user(conn, username=f"bulk{n:02d}", email=f"bulk{n:02d}@example.test")
    with page_client(fresh_seeded_db, ADMIN) as client:
        first = client.get("/admin/users", params={"q": "bulk"})
        second = client.get("/admin/users", params={"q": "bulk", "page": "2"})
        bad = client.get("/admin/users", params={"page": "0", "status": "gone"})
    assert "30 accounts match; page 1 of 2." in text_of(first.text)
    assert first.text.count('href="/admin/users/') == 25 and 'href="/admin/users?q=bulk&amp;page=2"' in first.text
    assert second.text.count('href="/admin/users/') == 5 and 'href="/admin/users?q=bulk"' in second.text
    assert bad.status_code == 422
    assert "Choose a status from the list." in text_of(bad.text)
    assert "The page number must be 1 or more." in text_of(bad.text)


@pytest.mark.parametrize("identifier", ["student1@network.test", "instructor@network.test"])
def test_students_and_instructors_get_the_403_page(seeded_pages_db: DatabaseTarget, identifier: str) -> None:
    with page_client(seeded_pages_db, ADMIN) as admin:
        target = find_user(admin, "student1")
    with page_client(seeded_pages_db, identifier) as client:
        pages = [client.get(url) for url in ("/admin", "/admin/users", f"/admin/users/{target}", "/admin/analytics")]
        change = post_form(client, f"/admin/users/{target}/role", {"role": "admin"})
    for response in [*pages, change]:
        assert response.status_code == 403
        assert "You can't open this page" in text_of(response.text) and "This page is for admins." in response.text
    assert account(seeded_pages_db, "student1") == ("student", "active", False)


def test_signed_out_visitors_are_sent_to_sign_in_and_forms_need_the_token(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db) as visitor:
        assert visitor.get("/admin/users", follow_redirects=False).headers["location"] == "/login?next=/admin/users"
    with page_client(fresh_seeded_db, ADMIN) as client:
        target = find_user(client, "student1")
        forged = client.post(f"/admin/users/{target}/role", data={"role": "admin"}, follow_redirects=False)
        missing = client.get("/admin/users/not-a-user")
    assert forged.status_code == 403 and "did not come from NetPlus" in text_of(forged.text)
    assert account(fresh_seeded_db, "student1") == ("student", "active", False)
    assert missing.status_code == 404
