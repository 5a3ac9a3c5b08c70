"""Browser fixtures: the API and dashboard over the ingested sample corpus, served by uvicorn in a thread,
and headless Chromium driven by Playwright.

Chromium is Debian's (``apt-get install chromium``; ``make test`` installs it); no browser is ever
downloaded. Without it these tests are skipped, unless OVERTURES_REQUIRE_BROWSER is set (the Makefile and
CI set it), in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.conftest import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium; a skip (or a failure when OVERTURES_REQUIRE_BROWSER is set) without it."""
    path = shutil.which("chromium")
    if path:
        return path
    reason = "chromium is not installed (apt-get install chromium, or run 'make test', which installs it)"
    if os.environ.get("OVERTURES_REQUIRE_BROWSER"):
        pytest.fail(f"{reason}; OVERTURES_REQUIRE_BROWSER is set, so the browser tests must run")
    pytest.skip(f"{reason}; set OVERTURES_REQUIRE_BROWSER=1 to make this a failure")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db_url: str) -> Iterator[str]:
    """The URL of the API and dashboard (create_app over ``db_url``) served by uvicorn on a free port."""
    import uvicorn

    from overtures.server import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dashboard-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server_url(chromium_path: str, corpus_db: str) -> Iterator[str]:
    """The URL of the dashboard over the sample corpus (tests/conftest.py's shared database)."""
    yield from serve(corpus_db)


@pytest.fixture(scope="session")
def api(server_url: str) -> Iterator[httpx.Client]:
    """An HTTP client on the same server, to compare what the pages show with what the API says."""
    with httpx.Client(base_url=server_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """Headless Chromium, launched from Debian's binary."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        yield launched
        launched.close()


@dataclass
class Tab:
    """One browser page on the dashboard, with the console errors it logged."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, route: str) -> None:
        """Load the dashboard at a hash route ("#/events") and wait until the page has rendered."""
        self.page.goto(f"{self.base}/{route}")
        self.settle()

    def settle(self) -> None:
        """Wait until the route in the address bar is the one rendered and nothing is loading."""
        self.page.wait_for_function(
            "() => { const m = document.querySelector('main');"
            " return m.dataset.rendered === location.hash && m.getAttribute('aria-busy') === 'false'; }"
        )

    def shot(self, name: str) -> Path:
        """Save a full-page screenshot under test-artifacts/screenshots/."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def browser_context(browser: Browser, viewport: dict[str, int]) -> Iterator[BrowserContext]:
    """A browser context (one profile: its HTTP cache is shared by the pages opened in it)."""
    context = browser.new_context(viewport=viewport)
    yield context
    context.close()


def open_tab(context: BrowserContext, server_url: str) -> Iterator[Tab]:
    """A fresh page in the context, closed after the test: pages share only the context's cache."""
    page = context.new_page()
    tab = Tab(page, server_url)
    page.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    yield tab
    page.close()


@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    yield from browser_context(browser, DESKTOP)


@pytest.fixture(scope="session")
def handheld(browser: Browser) -> Iterator[BrowserContext]:
    yield from browser_context(browser, PHONE)


@pytest.fixture
def tab(desktop: BrowserContext, server_url: str) -> Iterator[Tab]:
    """A desktop-sized (1280x800) page."""
    yield from open_tab(desktop, server_url)


@pytest.fixture
def phone(handheld: BrowserContext, server_url: str) -> Iterator[Tab]:
    """A phone-sized (390x844) page."""
    yield from open_tab(handheld, server_url)
