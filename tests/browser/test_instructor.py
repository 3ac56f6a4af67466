"""An instructor authors a multiple-choice question, publishes it, builds an assessment around it and
publishes that too; the authoring pages are scanned."""

from playwright.sync_api import expect

from tests.browser.browser import check_page, sign_in
from tests.browser.conftest import LiveServer, Watched, unique


def test_an_instructor_authors_and_publishes_a_question_and_an_assessment(desktop: Watched,
                                                                        live_server: LiveServer) -> None:
    page = desktop.page
    marker = unique("Which port does SSH use ")
    sign_in(page, "instructor@network.test")
    page.goto("/instructor")
    check_page(page, "instructor-overview")

    page.goto("/instructor/questions/new")
    page.get_by_role("link", name="Multiple choice").click()
    page.locator("#objectives-1-4").check()
    page.locator("#question").fill(f"{marker}?")
    for n, text in enumerate(("21", "22", "23", "25")):
        page.locator(f"#option_text_{n}").fill(text)
    page.get_by_role("button", name="Create draft").click()  # nothing marked correct: refused, input kept
    expect(page.locator("#answer-error, [id$='answer-error'], .field-error").first).to_be_visible()
    expect(page.locator("#option_text_1")).to_have_value("22")
    page.locator("#correct_1").check()
    page.locator("#explanation").fill("SSH listens on TCP 22; 23 is Telnet, its cleartext predecessor.")
    page.locator("#hint_1").fill("It replaced Telnet, which sits one port higher.")
    page.get_by_role("button", name="Create draft").click()
    expect(page.locator("#flash, .flash").first).to_contain_text("draft")
    check_page(page, "instructor-question-editor")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#flash, .flash").first).to_contain_text("Published")

    slug = unique("ssh-check-")
    page.goto("/instructor/assessments/new")
    page.locator("#title").fill("SSH check")
    page.locator("#slug").fill(slug)
    page.locator("#passing_score").fill("100")
    page.locator("#time_limit_minutes").fill("5")
    page.locator("#pick_domain").select_option("1.0")
    page.locator("#pick_q").fill(marker)
    page.locator("#find-questions").click()
    page.locator("input[name=pick]").first.check()
    page.get_by_role("button", name="Add ticked questions").click()
    expect(page.locator("#per-domain")).to_contain_text("1.0: 1")
    check_page(page, "instructor-assessment-editor")
    page.get_by_role("button", name="Create draft").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#flash, .flash").first).to_contain_text("Published")

    page.goto("/instructor/learners")
    check_page(page, "instructor-learners")
