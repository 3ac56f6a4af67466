"""Browser tests: a live NetPlus server on a database of its own, driven by Playwright in Debian's
headless Chromium (`apt-get install chromium`), with axe-core (from `npm ci`) for accessibility scans.

Without Chromium or axe-core these tests are skipped with the reason, unless NETPLUS_BROWSER_TESTS is
`required` (as CI sets it): then a missing browser is a failure, not a skip.
"""

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    ViewportSize,
    sync_playwright,
)

from netplus.core.app import create_app
from netplus.core.database import DatabaseTarget, connect, create_database, drop_database
from netplus.demo.history import award_demo_achievements, seed_demo_history
from tests.api import service_settings
from tests.conftest import RUN_ID

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-extensions", "--no-first-run",
                  "--disable-component-update", "--disable-sync", "--metrics-recording-only"]
DESKTOP = ViewportSize(width=1280, height=860)
PHONE = ViewportSize(width=360, height=780)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def unavailable(reason: str) -> None:
    if os.environ.get("NETPLUS_BROWSER_TESTS") == "required":
        pytest.fail(f"browser tests are required but {reason}")
    pytest.skip(reason)


@dataclass
class LiveServer:
    url: str
    target: DatabaseTarget


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(seeded_template: DatabaseTarget) -> Iterator[LiveServer]:
    """NetPlus served by uvicorn in a thread, on a clone of the demo database, in demo mode (outbox)."""
    target = seeded_template.with_database(f"netplus_test_browser_{RUN_ID}")
    drop_database(target)
    create_database(target, template=seeded_template.dbname)
    with connect(target) as conn, conn.transaction():
        seed_demo_history(conn)  # student1 gets the six weeks of study that `--demo` gives
    with ThreadPoolExecutor(1) as pool:  # Playwright's event loop may already run in this thread
        pool.submit(award_demo_achievements, target).result()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(service_settings(demo_outbox=True, public_base_url=url, db_pool_max=8), target,
                     record_metrics=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.05)
    yield LiveServer(url, target)
    server.should_exit = True
    thread.join(timeout=10)
    drop_database(target)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if chromium_path() is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


@dataclass
class Watched:
    """A page, and what went wrong in it that no assertion asked about: console errors (CSP violations
    show up there) and failed requests."""

    page: Page
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        # A page answering 422 with its form errors is logged as a failed load: responses are judged below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def on_response(self, response: Response) -> None:
        kind = response.request.resource_type
        if response.status >= 500 or (kind != "document" and response.status >= 400):
            self.errors.append(f"{response.status} for {kind} {response.url}")


def open_page(browser: Browser, live_server: LiveServer, viewport: ViewportSize) -> tuple[Watched, BrowserContext]:
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    watched = Watched(page)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda exc: watched.errors.append(f"page error: {exc}"))
    page.on("response", watched.on_response)
    return watched, context


@pytest.fixture
def desktop(browser: Browser, live_server: LiveServer) -> Iterator[Watched]:
    watched, context = open_page(browser, live_server, DESKTOP)
    yield watched
    context.close()
    assert watched.errors == [], "the browser reported errors"


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Watched]:
    watched, context = open_page(browser, live_server, PHONE)
    yield watched
    context.close()
    assert watched.errors == [], "the browser reported errors"


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"
