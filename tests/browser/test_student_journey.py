"""A student's day: sign up, study a lesson, review flashcards, take a timed exam with every question
type (flagging and reviewing before submitting), read the breakdown, and see the dashboard reflect it."""

import re

from playwright.sync_api import Dialog, Page, expect

from tests.browser.browser import check_page, sign_in
from tests.browser.conftest import LiveServer, Watched, unique
from tests.browser.exam_taking import answer_current_question
from tests.browser.test_admin import sign_up

EXAM = "Demo final exam"  # timed, and holds a question of each of the six types


def countdown_seconds(page: Page) -> int:
    value = page.locator("time#countdown").get_attribute("datetime") or ""
    match = re.fullmatch(r"PT(\d+)S", value)
    assert match, value
    return int(match[1])


def take_exam(page: Page, *, screenshots: bool) -> None:
    page.goto("/exams")
    if screenshots:
        check_page(page, "exams")
    page.get_by_role("link", name=f"Start {EXAM}").click()
    if screenshots:
        check_page(page, "exam-intro")
    page.locator("#start-attempt").click()
    expect(page.locator("time#countdown")).to_be_visible()
    left = countdown_seconds(page)
    page.reload()  # the countdown comes from the server's deadline: a reload does not reset it
    page.wait_for_function("() => /^PT\\d+S$/.test(document.querySelector('time#countdown').dateTime)")
    assert 0 <= left - countdown_seconds(page) <= 10

    count = int(re.search(r"of (\d+)", page.locator("#nav-count").inner_text())[1])  # type: ignore[index]
    seen = set()
    for n in range(1, count + 1):
        seen.add(answer_current_question(page, n))
        if n == 2:
            page.locator(f"#q{n}-flagged").check()
        if screenshots and n in (1, 3):
            check_page(page, f"runner-question-{n}")
        last = n == count
        page.get_by_role("button", name="Save and review" if last else "Save and next").click()
    assert seen == {"multiple_choice", "multiple_select", "true_false", "fill_blank", "matching", "simulation"}

    expect(page.locator("#flagged-callout")).to_be_visible()
    if screenshots:
        check_page(page, "exam-review")
    page.once("dialog", Dialog.accept)
    page.locator("#submit-attempt").click()
    expect(page.locator("#outcome-title")).to_have_text(re.compile("Passed|Not passed"))
    expect(page.locator("#result-percentage")).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()  # the per-domain breakdown
    if screenshots:
        check_page(page, "exam-result")


def study_a_lesson(page: Page) -> None:
    page.goto("/catalog")
    check_page(page, "catalog")
    page.locator("#q").fill("OSI model")
    page.locator("#apply-filters").click()
    page.locator("#results").get_by_role("link", name=re.compile("The OSI model, layer by layer")).first.click()
    expect(page).to_have_url(re.compile("/learn/demo-osi-model-lesson"))
    page.locator("#read-section-1").click()
    expect(page.locator(".section-done").first).to_be_visible()
    check_page(page, "lesson")
    page.locator("#mark-complete").click()
    expect(page.locator("#flash")).to_contain_text("Marked as complete")


def review_flashcards(page: Page) -> None:
    page.goto("/learn/n10-009-1-1-flashcards")
    new_before = int(page.locator("#count-new").inner_text().split()[0])
    page.locator("#show-answer").click()
    expect(page.locator("#card-back")).to_be_visible()
    check_page(page, "flashcards")
    page.locator("#rate-good").click()
    expect(page.locator("#count-new")).to_contain_text(str(new_before - 1))
    page.locator("#show-answer").click()
    page.locator("#rate-again").click()
    expect(page.locator("#count-new")).to_contain_text(str(new_before - 2))


def check_a_lab(page: Page) -> None:
    page.goto("/learn/demo-firewall-rules-simulation")
    page.locator("#task-rule1_action").select_option(label="permit")
    page.locator("#task-rule2_port").fill("23")
    page.locator("#check-lab").click()
    expect(page.locator("#task-rule1_action-result")).to_contain_text("Correct")
    expect(page.locator("#task-rule2_port-result")).to_contain_text("Not yet")
    check_page(page, "lab")


def test_a_student_studies_and_takes_a_timed_exam(desktop: Watched, live_server: LiveServer) -> None:
    page = desktop.page
    name = unique("student")
    sign_up(page, name, "a long and private passphrase")
    sign_in(page, name, "a long and private passphrase")
    study_a_lesson(page)
    review_flashcards(page)
    check_a_lab(page)
    take_exam(page, screenshots=True)

    page.goto("/dashboard")
    attempts = page.locator("section", has=page.get_by_role("heading", name="Recent attempts"))
    expect(attempts).to_contain_text(EXAM)
    expect(attempts).to_contain_text("%")
    expect(page.locator(".stat", has_text="Streak")).to_contain_text("1 day")
    expect(page.locator(".stat", has_text="Streak")).to_contain_text("Active today")
    domain_one = page.locator(".domain-list li", has_text="Networking Concepts")
    expect(domain_one).not_to_contain_text("0 of 31 done")  # the lesson counts toward its domain
    check_page(page, "dashboard-after-exam")


def test_the_exam_runner_on_a_phone(phone: Watched, live_server: LiveServer) -> None:
    page = phone.page
    name = unique("mobile")
    sign_up(page, name, "a long and private passphrase")
    sign_in(page, name, "a long and private passphrase")
    for path, shot in (("/catalog", "catalog"), ("/learn/demo-osi-model-lesson", "lesson"),
                       ("/learn/n10-009-1-1-flashcards", "flashcards"), ("/exams", "exams")):
        page.goto(path)
        check_page(page, shot)
    page.get_by_role("link", name=f"Start {EXAM}").click()
    page.locator("#start-attempt").click()
    answer_current_question(page, 1)
    check_page(page, "runner-question-1")
    page.locator("details.navigator > summary").click()
    check_page(page, "runner-navigator-open")
