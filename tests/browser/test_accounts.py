"""A newcomer signs up, confirms the address from the (demo) outbox, signs in; settings apply to pages."""

from playwright.sync_api import expect

from tests.browser.browser import check_page, sign_in, sign_out
from tests.browser.conftest import LiveServer, Watched, unique


def test_a_newcomer_signs_up_confirms_the_address_and_signs_in(desktop: Watched, live_server: LiveServer) -> None:
    page = desktop.page
    name = unique("learner")
    page.goto("/")
    check_page(page, "landing")
    page.get_by_role("link", name="Create a free account").click()
    check_page(page, "signup")
    page.get_by_label("Email address").fill(f"{name}@example.org")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#password-error")).to_contain_text("8")  # the error is next to its field
    expect(page.get_by_label("Username")).to_have_value(name)  # and what was typed is kept
    page.get_by_label("Password", exact=True).fill("a long and private passphrase")
    page.get_by_label("Repeat the password").fill("a long and private passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your inbox")

    page.get_by_role("link", name="Open the mail outbox").click()
    mail = page.locator("article", has_text=f"{name}@example.org").first
    mail.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmed")

    sign_in(page, name, "a long and private passphrase")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Welcome back, {name}")
    sign_out(page)
    page.goto("/dashboard")
    expect(page).to_have_url("/login?next=/dashboard")


def test_display_settings_apply_to_every_page(desktop: Watched, live_server: LiveServer) -> None:
    page = desktop.page
    sign_in(page, "student3@network.test")
    page.goto("/settings")
    check_page(page, "settings")
    page.get_by_label("Dark").check()
    page.get_by_label("Text size").select_option("large")
    page.get_by_label("High contrast colours").check()
    page.get_by_label("Accessibility mode").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#flash")).to_contain_text("saved")
    for path in ("/dashboard", "/goals"):
        page.goto(path)
        html = page.locator("html")
        expect(html).to_have_attribute("data-theme", "dark")
        expect(html).to_have_attribute("data-font-size", "large")
        expect(html).to_have_attribute("data-contrast", "high")
        expect(html).to_have_attribute("data-a11y", "on")
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "Atkinson Hyperlegible" in font
    check_page(page, "goals-dark-high-contrast")
    page.goto("/settings")
    page.get_by_label("Same as my device").check()
    page.get_by_label("Text size").select_option("medium")
    page.get_by_label("High contrast colours").uncheck()
    page.get_by_label("Accessibility mode").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "system")


def test_student_pages_on_a_phone(phone: Watched, live_server: LiveServer) -> None:
    page = phone.page
    sign_in(page, "student2@network.test")
    for path, name in (("/dashboard", "dashboard"), ("/goals", "goals"), ("/achievements", "achievements"),
                       ("/profile", "profile"), ("/settings", "settings")):
        page.goto(path)
        check_page(page, name)
    page.locator("details.nav-menu > summary").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Catalog")).to_be_visible()


def test_the_demo_students_dashboard_shows_their_weeks_of_study(desktop: Watched, phone: Watched) -> None:
    for watched in (desktop, phone):
        page = watched.page
        sign_in(page, "student1@network.test")
        expect(page.get_by_role("heading", name="Welcome back, student1")).to_be_visible()
        expect(page.locator(".stat", has_text="Streak")).to_contain_text("days")
        expect(page.locator(".stat", has_text="Streak")).to_contain_text("Study today to keep your streak")
        expect(page.get_by_role("link", name="Continue studying")).to_be_visible()
        expect(page.locator("svg.heatmap rect.l1, svg.heatmap rect.l2, svg.heatmap rect.l3, svg.heatmap rect.l4")
               .first).to_be_attached()
        check_page(page, "dashboard-demo-student")
