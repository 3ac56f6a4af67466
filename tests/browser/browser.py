"""Steps the browser tests share: signing in, the axe scan, screenshots."""

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import AXE, SCREENSHOTS, unavailable

SERIOUS = ("serious", "critical")


def sign_in(page: Page, identifier: str, password: str = "password123") -> None:
    page.goto("/login")
    page.get_by_label("Email or username").fill(identifier)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url("/login")


def sign_out(page: Page) -> None:
    menu = page.locator("details.nav-menu > summary")
    if menu.is_visible():
        menu.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url("/login?signed_out=1")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.x A/AA violations on the page as it is now.

    axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    govern, so the page keeps its real CSP while it is scanned."""
    if not AXE.exists():
        unavailable("axe-core is not installed (npm ci)")
    page.evaluate(AXE.read_text())
    # colours are measured as they are shown: let a fade-in finish first
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                                   'wcag22aa']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in SERIOUS]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: " + json.dumps(violations, indent=1)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = SCREENSHOTS / f"{name}-{'phone' if width < 600 else 'desktop'}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_fits(page: Page) -> None:
    """Nothing makes the page scroll sideways (the 360 px phone layout)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def check_page(page: Page, name: str) -> None:
    """The checks every main page gets: accessible, fits the screen, and a screenshot to look at."""
    assert_accessible(page)
    assert_fits(page)
    screenshot(page, name)
