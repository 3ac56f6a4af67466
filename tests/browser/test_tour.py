"""Every main page, as each role sees it, on a desktop and on a 360 px phone: accessible (axe), no
sideways scrolling, no browser error, and a screenshot in docs/screenshots/."""

import pytest
from playwright.sync_api import expect

from tests.browser.browser import check_page, sign_in
from tests.browser.conftest import Watched

TOUR = {
    None: (("/", "landing"), ("/signup", "signup"), ("/login", "login"), ("/forgot-password", "forgot-password")),
    "student1@network.test": (  # the demo student, with six weeks of history (and the lab's prerequisite)
        ("/dashboard", "dashboard-demo-student"), ("/catalog", "catalog"), ("/catalog?type=lab", "catalog-labs"),
        ("/learn/demo-osi-model-lesson", "lesson"), ("/learn/n10-009-1-1-flashcards", "flashcards"),
        ("/learn/demo-firewall-rules-simulation", "simulation"), ("/learn/demo-vlans-trunking-video", "video"),
        ("/learn/demo-subnetting-lab", "lab"), ("/exams", "exams"), ("/goals", "goals"),
        ("/achievements", "achievements"), ("/profile", "profile"), ("/settings", "settings")),
    "instructor@network.test": (
        ("/instructor", "instructor-overview"), ("/instructor/components", "instructor-components"),
        ("/instructor/questions", "instructor-questions"),
        ("/instructor/questions/new?type=matching", "instructor-matching-editor"),
        ("/instructor/questions/new?type=simulation", "instructor-simulation-editor"),
        ("/instructor/assessments/new", "instructor-assessment-editor"),
        ("/instructor/learners", "instructor-learners")),
    "admin@network.test": (("/admin", "admin-overview"), ("/admin/users", "admin-users"),
                           ("/admin/analytics", "admin-analytics")),
}


@pytest.mark.parametrize("who", list(TOUR), ids=lambda who: (who or "visitor").split("@")[0])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_main_pages(who: str | None, device: str, request: pytest.FixtureRequest) -> None:
    watched: Watched = request.getfixturevalue(device)
    page = watched.page
    if who:
        sign_in(page, who)
    for path, name in TOUR[who]:
        response = page.goto(path)
        assert response is not None
        assert response.status < 400, (path, response.status)
        check_page(page, name)


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_locked_component_and_a_missing_page(device: str, request: pytest.FixtureRequest) -> None:
    page = request.getfixturevalue(device).page
    sign_in(page, "student2@network.test")
    response = page.goto("/learn/demo-subnetting-lab")
    assert response is not None and response.status == 409
    expect(page.locator("main")).to_contain_text("IPv4 addressing, CIDR and subnet math")  # what to finish first
    check_page(page, "lab-locked")
    response = page.goto("/learn/no-such-thing")
    assert response is not None and response.status == 404
    check_page(page, "not-found")
