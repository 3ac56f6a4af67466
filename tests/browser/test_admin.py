"""An admin finds a user and suspends them; the user can no longer sign in. The admin pages scanned."""

from playwright.sync_api import Page, expect

from tests.browser.browser import check_page, sign_in, sign_out
from tests.browser.conftest import LiveServer, Watched, unique


def sign_up(page: Page, name: str, password: str) -> None:
    page.goto("/signup")
    page.get_by_label("Email address").fill(f"{name}@example.org")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat the password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your inbox")


def test_an_admin_suspends_a_user_who_then_cannot_sign_in(desktop: Watched, live_server: LiveServer) -> None:
    page = desktop.page
    name, password = unique("suspect"), "a long and private passphrase"
    sign_up(page, name, password)

    sign_in(page, "admin@network.test")
    page.goto("/admin")
    check_page(page, "admin-overview")
    page.goto("/admin/users")
    page.get_by_label("Search by email or username").fill(name)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_contain_text("1")
    check_page(page, "admin-users")
    page.locator("#users-table").get_by_role("link", name=name).click()
    page.locator("#account_status").select_option("suspended")
    page.get_by_role("button", name="Update status").click()
    expect(page.locator("#flash")).to_contain_text("suspended")
    check_page(page, "admin-user")
    sign_out(page)

    page.goto("/login")
    page.get_by_label("Email or username").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#form-error")).to_contain_text("suspended")
    page.goto("/dashboard")
    expect(page).to_have_url("/login?next=/dashboard")


def test_the_analytics_page_refreshes_its_views(desktop: Watched, phone: Watched) -> None:
    for watched in (desktop, phone):
        page = watched.page
        sign_in(page, "admin@network.test")
        page.goto("/admin/analytics")
        page.get_by_role("button", name="Refresh analytics").click()
        expect(page.locator("#flash")).to_contain_text("Refreshed")
        expect(page.locator("#chart-active-users")).to_be_visible()
        check_page(page, "admin-analytics")
    phone.page.goto("/admin/users")
    check_page(phone.page, "admin-users")
