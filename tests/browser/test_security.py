"""The dashboard against hostile input: a feed and a JSON Lines file with a javascript: link, <script> in
titles, onerror attributes in the text and URL-shaped ids. On every page no dialog may open, nothing may
be requested from another host, no link may carry another scheme; and the API docs work with the
network cut."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Route

from tests.browser.conftest import Tab, open_tab, serve

FEED_ID = "https://hostile.example/2025/05/talks?id=1&b=2#frag"
JSONL_ID = "https://hostile.example/a/b/c?x=<b>1</b>&y=%2F#top"
SCRIPT_LINK = "javascript:alert(document.domain)"
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile Wire</title>
<item>
<title>&lt;script&gt;alert('feed title')&lt;/script&gt;Moscow hosts Taliban talks</title>
<guid isPermaLink="false">{FEED_ID.replace("&", "&amp;")}</guid>
<link>{SCRIPT_LINK}</link>
<pubDate>Fri, 02 May 2025 09:00:00 GMT</pubDate>
<description>Russia's foreign minister met the Taliban's acting foreign minister in Moscow on Friday.
&amp;lt;img src=x onerror=alert('feed text')&amp;gt;
Pakistan closed the Torkham crossing on Saturday.</description>
</item>
</channel></rss>
"""
RECORD = {
    "id": JSONL_ID,
    "url": SCRIPT_LINK,
    "title": "<script>alert('title')</script><img src=x onerror=alert('title img')> Japan sends aid",
    "published": "2025-05-05",
    "text": "Japan sent humanitarian aid to Afghanistan on Monday. <img src=x onerror=alert('text')> "
    "<script>alert('text script')</script> Iran condemned the Taliban over the water dispute.",
}
DOTS = {
    "id": "../.",
    "title": "Qatar hosts talks",
    "published": "2025-05-06",
    "text": "Qatar hosted talks between the United States and the Taliban in Doha on Tuesday.",
}


@pytest.fixture(scope="module")
def hostile_url(chromium_path: str, services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The dashboard over a store holding only the hostile feed and JSON Lines record."""
    from overtures.api import ingest

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.rss").write_text(FEED, encoding="utf-8")
    lines = [json.dumps(record) + "\n" for record in (RECORD, DOTS)]
    (folder / "hostile.jsonl").write_text("".join(lines), encoding="utf-8")
    db = f"sqlite:///{folder / 'hostile.db'}"
    summary = ingest([folder], db=db, services=services)
    assert summary.ingested == 3 and summary.failed == 0
    yield from serve(db)


@pytest.fixture
def hostile(desktop: BrowserContext, hostile_url: str) -> Iterator[Tab]:
    yield from open_tab(desktop, hostile_url)


def _article(article_id: str) -> str:
    return f"#/articles/{quote(article_id, safe='')}"


PAGES = [
    "#/events?modality=all",
    _article(FEED_ID),
    _article(JSONL_ID),
    _article("../."),
    "#/relations",
    "#/relations?target=AFG&actor=RUS",
    "#/articles",
    "#/articles?q=script",
    "#/quotes",
    "#/shifts",
    "#/dyad/RUS/AFG",
    "#/network?modality=all",
    "#/map?modality=all",
]
LINKS = (
    "() => [...document.querySelectorAll('[href], [src], [action]')]"
    ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))"
)


def _watch(tab: Tab) -> tuple[list[str], list[str]]:
    """Dialogs opened and requests sent to any host but the server's, recorded as they happen."""
    dialogs: list[str] = []
    elsewhere: list[str] = []
    own = urlsplit(tab.base).netloc

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    tab.page.on("request", lambda r: None if urlsplit(r.url).netloc == own else elsewhere.append(r.url))
    return dialogs, elsewhere


def test_a_hostile_feed_runs_no_script_and_calls_no_other_host_on_any_page(hostile: Tab) -> None:
    dialogs, elsewhere = _watch(hostile)
    for route in PAGES:
        hostile.open(route)
        hostile.page.wait_for_timeout(300)  # give an injected handler the time to fire
        links = [link.strip().lower() for link in hostile.page.evaluate(LINKS)]
        assert not [link for link in links if link.startswith(("javascript:", "data:", "vbscript:"))], route
        assert hostile.page.locator("script:not([src])").count() == 0, route
        assert hostile.page.locator("[onerror], [onload], [onclick]").count() == 0, route
    hostile.page.goto(f"{hostile.base}/docs")
    hostile.page.wait_for_selector(".opblock")
    assert dialogs == [] and elsewhere == []
    assert not [e for e in hostile.errors if "Content Security Policy" in e]


def test_a_hostile_article_shows_its_markup_as_text_and_no_original_link(hostile: Tab) -> None:
    hostile.open(_article(JSONL_ID))
    assert hostile.page.inner_text("h1") == RECORD["title"]
    assert "onerror=alert('text')" in hostile.page.inner_text("#article-text")
    assert hostile.page.get_by_role("link", name="original").count() == 0
    assert JSONL_ID in hostile.page.inner_text("main")


def test_events_with_url_shaped_ids_open_their_article(hostile: Tab) -> None:
    hostile.open("#/events?modality=all")
    opened = set()
    for n in range(hostile.page.locator("a.evidence-link").count()):
        hostile.open("#/events?modality=all")
        hostile.page.locator("a.evidence-link").nth(n).click()
        hostile.settle()
        assert hostile.page.locator(".message-error").count() == 0
        assert hostile.page.locator("mark.evidence.is-current").count() > 0
        opened.add(hostile.page.inner_text("h1"))
    feed_title = "<script>alert('feed title')</script>Moscow hosts Taliban talks"
    assert opened == {RECORD["title"], feed_title, DOTS["title"]}


def test_the_api_docs_render_from_the_package_with_the_network_cut(browser: Browser, server_url: str) -> None:
    context = browser.new_context()
    own = urlsplit(server_url).netloc
    refused: list[str] = []

    def cut(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", cut)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{server_url}/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10
    assert page.locator(".opblock-summary-path", has_text="/events").count() > 0
    context.close()
    assert refused == [] and errors == []
