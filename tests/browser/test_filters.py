"""Filters and dates on the dashboard: every facet value is a filter the API accepts, unknown country codes
say so, dates are shown at their precision (and can be filtered by it), events come newest first, and a
failed load leaves nothing half-drawn."""

from __future__ import annotations

from typing import Any

import httpx

from tests.browser.conftest import Tab


def _facet_links(tab: Tab) -> list[str]:
    return tab.page.locator(".facet a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_every_facet_value_is_a_filter_that_finds_events(tab: Tab) -> None:
    start = "#/events?modality=all"
    tab.open(start)
    links = _facet_links(tab)
    assert any("modality=stative" in link for link in links)
    for n, link in enumerate(links):
        tab.open(start)
        tab.page.locator(".facet a").nth(n).click()
        tab.page.wait_for_function("(h) => location.hash === h", arg=link)
        tab.settle()
        assert tab.page.locator(".message-error").count() == 0, link
        assert int(tab.page.get_attribute("#results-summary", "data-shown") or 0) > 0, link
    assert tab.errors == []


def test_an_unknown_country_code_names_the_code_on_the_dyad_page(tab: Tab) -> None:
    tab.open("#/dyad/XXX/AFG")
    message = tab.page.inner_text(".message-error")
    assert "XXX" in message and "HTTP 422" in message and "ISO 3166" in message
    assert tab.page.locator("svg.chart").count() == 0


def test_a_dyad_without_events_shows_the_empty_state(tab: Tab) -> None:
    tab.open("#/dyad/ISL/NOR")
    assert "No dated events between ISL and NOR" in tab.page.inner_text(".message-empty")
    assert tab.page.locator("svg.chart, .series-table").count() == 0


def test_an_unknown_country_in_the_search_is_an_error_with_no_empty_panel(tab: Tab) -> None:
    tab.open("#/events?country=XXX")
    assert "unknown country code 'XXX'" in tab.page.inner_text(".message-error")
    assert tab.page.locator("#facets, #results").count() == 0


def shown_date(event: dict[str, Any]) -> str:
    """How the dashboard should write an event's date, at its precision."""
    first = (event["date_window"] or [event["date"]])[0] if event["date"] else None
    precision = event["date_precision"]
    if first is None:
        return "undated"
    return {
        "year": first[:4],
        "month": first[:7],
        "week": f"week of {first}",
        "publication": f"{event['date']} (published)",
    }.get(precision, event["date"])


def test_dates_are_shown_at_their_precision_newest_first(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/events?modality=all")
    listed = api.get("/events", params={"modality": "all", "sort": "-date", "limit": 50}).json()["items"]
    cells = tab.page.locator(".events-table tbody tr td:first-child").all_inner_texts()
    assert cells == [shown_date(event) for event in listed]
    dated = [e["date"] for e in listed if e["date"]]
    assert dated == sorted(dated, reverse=True) and dated


def test_the_precision_filter_shows_only_dates_of_that_precision(tab: Tab, api: httpx.Client) -> None:
    facets = api.get("/events", params={"modality": "all", "limit": 500}).json()["items"]
    coarse = sorted({e["date_precision"] for e in facets} & {"year", "month", "week"})
    assert coarse, "the corpus has events dated only to a week, month or year"
    for precision in coarse:
        tab.open("#/events?modality=all")
        tab.page.select_option("#search-precision", precision)
        tab.page.click("form[role='search'] button[type='submit']")
        tab.page.wait_for_function("(p) => location.hash.includes('precision=' + p)", arg=precision)
        tab.settle()
        listed = api.get("/events", params={"modality": "all", "precision": precision, "sort": "-date"})
        cells = tab.page.locator(".events-table tbody tr td:first-child").all_inner_texts()
        assert cells == [shown_date(event) for event in listed.json()["items"]] and cells
        assert all(cell.count("-") == {"year": 0, "month": 1, "week": 2}[precision] for cell in cells)


def test_the_dyad_chart_axis_titles_lie_inside_the_chart(tab: Tab) -> None:
    tab.open("#/dyad/PAK/AFG")
    inside = tab.page.evaluate(
        "() => { const box = document.querySelector('.plot-series').getBoundingClientRect();"
        " return [...document.querySelectorAll('.plot-series .ytitle, .plot-series .y2title')].map(t => {"
        " const r = t.getBoundingClientRect();"
        " return r.left >= box.left && r.right <= box.right"
        " && r.top >= box.top && r.bottom <= box.bottom; }); }"
    )
    assert inside == [True, True]
