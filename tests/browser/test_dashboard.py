"""The dashboard in headless Chromium over the sample corpus: every page loads cleanly at desktop and phone
width, search matches the API, events lead to their highlighted evidence, the as-of date moves the
relations ledger, and the keyboard reaches everything. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.browser.conftest import Tab

ARTICLE = "feed-20251029-istanbul-talks-stall"  # the Istanbul talks article: many events, several actors
PAGES = {
    "events": "#/events",
    "article": f"#/articles/{ARTICLE}",
    "dyad": "#/dyad/PAK/AFG",
    "relations": "#/relations",
    "network": "#/network",
    "map": "#/map",
    "articles": "#/articles?q=talks",
    "quotes": "#/quotes",
    "shifts": "#/shifts?month=2025-10",
}
PLOTTED = (
    "(selector) => document.querySelector(selector).data.map(t => ({name: t.name, x: t.x, y: t.y,"
    " group: t.legendgroup || '', ids: t.customdata || [], text: t.text || []}))"
)
NEWEST = "-date"  # the dashboard lists events newest first unless told otherwise
EARLY = "2024-03-01"  # before the UAE, Kazakhstan and Russia storylines of the corpus


def _ids(tab: Tab, selector: str, attribute: str) -> list[str]:
    return tab.page.locator(selector).evaluate_all(f"els => els.map(e => e.getAttribute('{attribute}'))")


def _focused(tab: Tab) -> dict[str, str]:
    return tab.page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, id: e.id,"
        " events: e.dataset.events || '', start: e.dataset.start || '', text: e.textContent}; }"
    )


def _marked_text(tab: Tab, start: int, end: int) -> str:
    """The text of the <mark> pieces that lie within [start, end): the highlighted sentence."""
    return tab.page.evaluate(
        "([s, e]) => [...document.querySelectorAll('mark.evidence')]"
        ".filter(m => +m.dataset.start >= s && +m.dataset.end <= e).map(m => m.textContent).join('')",
        [start, end],
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_console_errors(tab: Tab, name: str) -> None:
    tab.open(PAGES[name])
    tab.shot(f"{name}-desktop")
    assert tab.page.locator("main h1").first.is_visible()
    assert tab.page.locator(".message-error").all_inner_texts() == []
    assert tab.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_phone_width_has_no_horizontal_scroll(phone: Tab, name: str) -> None:
    phone.open(PAGES[name])
    phone.shot(f"{name}-phone")
    scroll, client = phone.page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert client == 390
    assert scroll <= client


def test_searching_an_actor_changes_the_results_to_what_the_api_returns(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/events")
    everything = int(tab.page.get_attribute("#results-summary", "data-total") or 0)
    tab.page.fill("#search-actor", "PAK")
    tab.page.press("#search-actor", "Enter")
    tab.page.wait_for_function("location.hash.includes('actor=PAK')")
    tab.settle()
    facets = api.get("/events/facets", params={"actor": "PAK"}).json()
    listed = api.get("/events", params={"actor": "PAK", "limit": 50, "sort": NEWEST}).json()
    total = sum(facets["root"].values())
    assert 0 < total < everything
    assert int(tab.page.get_attribute("#results-summary", "data-total") or 0) == total
    assert _ids(tab, "a.evidence-link", "data-event-id") == [e["event_id"] for e in listed["items"]]
    assert tab.page.input_value("#search-actor") == "PAK"
    assert tab.errors == []


def test_a_facet_link_narrows_the_search_and_keeps_it_in_the_url(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/events?actor=AFG")
    tab.page.locator(".facet[aria-label='CAMEO root'] a", has_text="Consult").click()
    tab.page.wait_for_function("location.hash.includes('root=04')")
    tab.settle()
    assert "actor=AFG" in tab.page.url
    listed = api.get("/events", params={"actor": "AFG", "root": "04", "limit": 50, "sort": NEWEST}).json()
    shown = _ids(tab, "a.evidence-link", "data-event-id")
    assert shown == [e["event_id"] for e in listed["items"]] and shown
    current = tab.page.locator(".facet[aria-label='CAMEO root'] a[aria-current='true']")
    assert current.inner_text().startswith("04")


def test_the_next_page_link_shows_the_api_page_after_the_cursor(tab: Tab, api: httpx.Client) -> None:
    first = api.get("/events", params={"limit": 50, "sort": NEWEST}).json()
    second = api.get("/events", params={"limit": 50, "sort": NEWEST, "cursor": first["next"]}).json()
    tab.open("#/events")
    tab.page.click("a[rel='next']")
    tab.page.wait_for_function("location.hash.includes('cursor=')")
    tab.settle()
    assert _ids(tab, "a.evidence-link", "data-event-id") == [e["event_id"] for e in second["items"]]
    assert "Showing events 51–100" in tab.page.inner_text("#results-summary")


def test_an_event_opens_its_article_with_the_evidence_highlighted(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/events?actor=PAK")
    link = tab.page.locator("a.evidence-link").first
    event_id = link.get_attribute("data-event-id") or ""
    link.click()
    tab.page.wait_for_function("location.hash.startsWith('#/articles/')")
    tab.settle()
    event = api.get(f"/events/{event_id}").json()
    evidence = event["evidence"][0]
    focused = _focused(tab)
    assert focused["tag"] == "MARK" and event_id in focused["events"].split()
    assert int(focused["start"]) == evidence["start"]
    assert _marked_text(tab, evidence["start"], evidence["end"]) == evidence["sentence"]
    tab.shot("article-from-event")
    assert tab.errors == []


def test_every_coded_event_of_an_article_is_highlighted_and_focusable_from_the_list(
    tab: Tab, api: httpx.Client
) -> None:
    article = api.get(f"/articles/{ARTICLE}").json()
    tab.open(PAGES["article"])
    for event in article["events"]:
        for evidence in event["evidence"]:
            assert _marked_text(tab, evidence["start"], evidence["end"]) == evidence["sentence"]
    assert tab.page.locator(".event-button").count() == len(article["events"])
    last = article["events"][-1]
    tab.page.click(f".event-button[data-event-id='{last['event_id']}']")
    focused = _focused(tab)
    assert focused["tag"] == "MARK" and last["event_id"] in focused["events"].split()
    assert int(focused["start"]) == last["evidence"][0]["start"]
    assert f"event={last['event_id']}" in tab.page.url


def test_changing_the_as_of_date_changes_the_relations_rows(tab: Tab, api: httpx.Client) -> None:
    def rows() -> list[str]:
        return tab.page.locator(".relations-table tbody tr").evaluate_all(
            "trs => trs.map(tr => [...tr.cells].slice(0, 5).map(td => td.innerText).join(' | '))"
        )

    tab.open(PAGES["relations"])
    latest = rows()
    assert len(latest) == len(api.get("/relations", params={"target": "AFG"}).json()["items"])
    tab.page.fill("#as-of", EARLY)
    tab.page.wait_for_selector(f"#ledger[data-as-of='{EARLY}'][aria-busy='false']")
    early = rows()
    expected = api.get("/relations", params={"target": "AFG", "as_of": EARLY}).json()["items"]
    assert len(early) == len(expected)
    assert early != latest
    assert f"as_of={EARLY}" in tab.page.url
    assert tab.page.input_value("#as-of") == EARLY
    tab.shot("relations-early")
    assert tab.errors == []


def test_a_relations_evidence_link_opens_the_cited_sentence(tab: Tab, api: httpx.Client) -> None:
    tab.open(PAGES["relations"])
    link = tab.page.locator(".evidence-links a").first
    sentence = link.get_attribute("title") or ""
    link.click()
    tab.page.wait_for_function("location.hash.startsWith('#/articles/')")
    tab.settle()
    focused = _focused(tab)
    assert focused["tag"] == "MARK"
    start = int(focused["start"])
    assert _marked_text(tab, start, start + len(sentence)) == sentence


def test_the_dyad_chart_draws_each_quadclass_count_and_mean_goldstein(tab: Tab, api: httpx.Client) -> None:
    series = api.get("/dyads/PAK/AFG/series", params={"by": "month"}).json()
    tab.open(PAGES["dyad"])
    rows = series["rows"]
    traces = tab.page.evaluate(PLOTTED, ".plot-series")
    assert rows and [t["name"] for t in traces][:4] == [
        "Verbal cooperation",
        "Material cooperation",
        "Verbal conflict",
        "Material conflict",
    ]
    for trace, key in zip(traces, ("q1", "q2", "q3", "q4"), strict=False):
        assert trace["x"] == [row["period"] for row in rows]
        assert trace["y"] == [row[key] for row in rows]
    assert traces[4]["y"] == [row["goldstein_mean"] for row in rows]
    assert tab.page.locator(".plot-series .point").count() > 0
    assert tab.page.locator(".series-table tbody tr").count() == len(rows)


def _country_links(network: dict[str, Any]) -> dict[tuple[str, str], list[float]]:
    """The API's actor links merged by country, as the page draws them by default (actors without a
    country left out): [weight, goldstein * weight]."""
    country = {n["id"]: n["country"] or n["id"] for n in network["nodes"]}
    links: dict[tuple[str, str], list[float]] = {}
    for edge in network["edges"]:
        if edge["source"].startswith("---") or edge["target"].startswith("---"):
            continue
        pair = (str(country[edge["source"]]), str(country[edge["target"]]))
        if pair[0] != pair[1]:
            weight = float(edge["weight"])
            link = links.setdefault(pair, [0.0, 0.0])
            link[0] += weight
            link[1] += float(edge["goldstein_mean"]) * weight
    return links


def test_the_network_merges_actor_links_into_countries_coloured_by_goldstein(
    tab: Tab, api: httpx.Client
) -> None:
    links = _country_links(api.get("/network").json())
    tab.open(PAGES["network"])
    traces = tab.page.evaluate(PLOTTED, ".plot-network")
    countries = {code for pair in links for code in pair}
    assert 0 < len(countries) <= 50  # the page draws the 50 busiest; the corpus has fewer
    assert sorted(traces[-1]["ids"]) == sorted(countries)
    edges = traces[:-1]
    assert len(edges) == len(links)
    conflict = sum(1 for weight, total in links.values() if total / weight < 0)
    assert 0 < conflict < len(links)
    assert sum(1 for edge in edges if edge["group"] == "conflict") == conflict


def test_the_network_by_actor_code_draws_the_busiest_actors(tab: Tab, api: httpx.Client) -> None:
    nodes = [n for n in api.get("/network").json()["nodes"] if not n["id"].startswith("---")]
    tab.open("#/network?by=actor")
    drawn = tab.page.evaluate(PLOTTED, ".plot-network")[-1]["ids"]
    assert len(drawn) == min(50, len(nodes))
    assert set(drawn) <= {n["id"] for n in nodes}


def test_the_map_places_a_point_for_every_located_place(tab: Tab, api: httpx.Client) -> None:
    places = api.get("/locations").json()["features"]
    tab.open(PAGES["map"])
    land, points = tab.page.evaluate(PLOTTED, ".plot-map")
    assert places and len(points["x"]) == len(places) and len(land["x"]) > 4_000
    assert sorted(points["ids"]) == sorted(f["properties"]["name"] for f in places)
    biggest = max(places, key=lambda f: f["properties"]["events"])["properties"]["name"]
    assert biggest in points["text"]
    assert tab.page.locator(".plot-map .xtick").count() > 3


def test_tab_goes_from_the_skip_link_to_the_search_input_with_visible_focus(tab: Tab) -> None:
    tab.open(PAGES["events"])
    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(15):
        tab.page.keyboard.press("Tab")
        if _focused(tab)["id"] == "search-actor":
            break
    assert _focused(tab)["id"] == "search-actor"
    assert tab.page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_the_skip_link_moves_focus_to_the_content_without_changing_the_page(tab: Tab) -> None:
    tab.open(PAGES["map"])
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Enter")
    assert _focused(tab)["id"] == "main"
    assert tab.page.url.endswith("#/map")


def test_an_unknown_article_says_it_was_not_found(tab: Tab) -> None:
    tab.open("#/articles/no-such-article")
    message = tab.page.inner_text(".message-error")
    assert "no-such-article" in message and "HTTP 404" in message


def test_a_bad_date_in_the_url_shows_the_api_error_instead_of_results(tab: Tab) -> None:
    tab.open("#/events?since=2024-02-30")
    message = tab.page.inner_text(".message-error")
    assert "HTTP 422" in message and "2024-02-30" in message


def test_a_search_that_matches_nothing_says_so(tab: Tab) -> None:
    tab.open("#/events?q=zzzzqqqq")
    assert "No events match" in tab.page.inner_text(".message-empty")
    assert tab.errors == []


PIECES = """async () => {
    const { spansOf, pieces } = await import('/static/js/pages/article.js');
    const events = [
        { event_id: 'a', evidence: [{ start: 0, end: 10 }] },
        { event_id: 'b', evidence: [{ start: 5, end: 15 }] },
    ];
    const cut = pieces('x'.repeat(20), spansOf(events, { start: 12, end: 18 }));
    return cut.map(p => [p.start, p.end, p.covering.flatMap(s => s.events)]);
}"""


def test_overlapping_evidence_spans_become_pieces_naming_every_covering_event(tab: Tab) -> None:
    tab.open(PAGES["events"])
    pieces = tab.page.evaluate(PIECES)
    assert pieces[:3] == [[0, 5, ["a"]], [5, 10, ["a", "b"]], [10, 12, ["b"]]]
    assert pieces[3:] == [[12, 15, ["b"]], [15, 18, []], [18, 20, []]]  # the cited span names no event


FIT = "async (places) => (await import('/static/js/geo.js')).fitWindow(places)"


def test_the_map_window_is_two_to_one_around_the_places_and_inside_the_world(tab: Tab) -> None:
    tab.open(PAGES["map"])
    kabul, beijing, wellington = (69.2, 34.5), (116.4, 39.9), (174.8, -41.3)
    for places in ([kabul, beijing], [beijing, wellington], [kabul]):
        window = tab.page.evaluate(FIT, places)
        west, east, south, north = window["west"], window["east"], window["south"], window["north"]
        assert east - west == pytest.approx(2 * (north - south))
        assert -180 <= west < east <= 180 and -90 <= south < north <= 90
        assert all(west < lon < east and south < lat < north for lon, lat in places)
    assert tab.page.evaluate(FIT, []) == {"west": -180, "east": 180, "south": -90, "north": 90}
