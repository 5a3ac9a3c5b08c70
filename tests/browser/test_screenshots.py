"""A screenshot of each dashboard page at 1200x800, for the README's Dashboard section.

With OVERTURES_SCREENSHOTS=1 they are written to docs/screenshots/NAME.png (the committed copies);
otherwise to test-artifacts/screenshots/readme/, so that a test run leaves the git tree as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.browser.conftest import SCREENSHOTS, Tab, browser_context, open_tab
from tests.conftest import ROOT

README_SHOTS = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1200, "height": 800}
ARTICLE = "feed-20251029-istanbul-talks-stall"
PAGES = {
    "events": "#/events",
    "article": f"#/articles/{ARTICLE}",
    "dyad": "#/dyad/PAK/AFG",
    "relations": "#/relations?actor=RUS",
    "network": "#/network",
    "map": "#/map",
    "articles": "#/articles?q=Torkham",
    "quotes": "#/quotes?mentions=PAK",
    "shifts": "#/shifts?month=2025-10",
}
SCROLL_TO = {"relations": "#timelines"}  # the timeline is the explorer's point


@pytest.fixture(scope="module")
def screen_size(browser: Browser) -> Iterator[BrowserContext]:
    yield from browser_context(browser, VIEWPORT)


@pytest.fixture
def screen(screen_size: BrowserContext, server_url: str) -> Iterator[Tab]:
    yield from open_tab(screen_size, server_url)


def folder() -> Path:
    """docs/screenshots when asked for with OVERTURES_SCREENSHOTS=1, else the untracked test artifacts."""
    return README_SHOTS if os.environ.get("OVERTURES_SCREENSHOTS") == "1" else SCREENSHOTS / "readme"


@pytest.mark.parametrize("name", PAGES)
def test_each_page_has_a_screenshot_for_the_readme(screen: Tab, api: httpx.Client, name: str) -> None:
    route = PAGES[name]
    if name == "article":  # the evidence view: an event chosen, its sentence marked
        event = api.get(f"/articles/{ARTICLE}").json()["events"][2]
        route += f"?event={event['event_id']}"
    screen.open(route)
    if name in SCROLL_TO:
        screen.page.locator(SCROLL_TO[name]).scroll_into_view_if_needed()
    assert screen.page.locator(".message-error").count() == 0 and screen.errors == []
    folder().mkdir(parents=True, exist_ok=True)
    screen.page.screenshot(path=str(folder() / f"{name}.png"))
