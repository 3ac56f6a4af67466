"""The exam runner by keyboard alone: ordering steps, matching, flagging and moving on, without a mouse."""

import re

from playwright.sync_api import expect

from tests.browser.browser import sign_in
from tests.browser.conftest import LiveServer, Watched, unique
from tests.browser.test_admin import sign_up
from tests.browser.test_student_journey import EXAM


def test_an_order_question_and_a_matching_question_by_keyboard(desktop: Watched, live_server: LiveServer) -> None:
    page = desktop.page
    name = unique("keys")
    sign_up(page, name, "a long and private passphrase")
    sign_in(page, name, "a long and private passphrase")
    page.goto("/exams")
    page.get_by_role("link", name=f"Start {EXAM}").click()
    page.locator("#start-attempt").click()
    attempt = page.url.split("?")[0]

    page.goto(f"{attempt}?q=10")  # the troubleshooting steps to put in order
    items = page.locator("ol[data-order-list] li.order-item")
    first = items.first.get_attribute("data-item")
    down = items.first.get_by_role("button", name=re.compile("Down"))
    down.focus()
    page.keyboard.press("Enter")
    expect(items.nth(1)).to_have_attribute("data-item", first or "")
    expect(page.locator("[id$='-moved']").first).to_contain_text(f"moved to position 2 of {items.count()}")
    focused = page.evaluate("() => document.activeElement.closest('.order-item')?.dataset.item")
    assert focused == first  # the focus stays with the moved step, so it can be moved again
    page.keyboard.press("Enter")
    expect(items.nth(2)).to_have_attribute("data-item", first or "")
    flag = page.locator("#q10-flagged")
    flag.focus()
    page.keyboard.press("Space")
    expect(flag).to_be_checked()
    expect(page.locator("#q10-status")).to_contain_text(re.compile("saved|flagged"))

    page.goto(f"{attempt}?q=2")  # match each protocol with its port
    selects = page.locator("select[id^='q2-match-']")
    selects.first.focus()
    page.keyboard.press("ArrowDown")  # a closed select changes its choice with the arrow keys
    expect(selects.first).not_to_have_value("")
    expect(page.locator("#q2-status")).to_contain_text("saved")
    page.get_by_role("button", name="Save and next").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=3"))
    expect(page.locator("#nav-count")).to_contain_text(re.compile(r"2 of \d+ answered, 1 flagged"))
