"""Exploring in the dashboard: downloads of what the filters select, the dyad chart per 100 articles, the map
and network drawn by plotly (zoom, pan, preset views, labels that never overlap, root and QuadClass
filters, actors without a country hidden until asked for and then named in words)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from overtures.actors.entries import SECTOR_NAMES
from tests.browser.conftest import Tab

REGION = {"west": 43, "east": 88, "south": 23, "north": 56}
FILTERED = "#/events?actor=PAK&root=19&modality=all&sort=date"
TRACES = (
    "(selector) => document.querySelector(selector).data.map(t => ({name: t.name, y: t.y, text: t.text}))"
)
RANGES = "(s) => { const f = document.querySelector(s)._fullLayout; return [f.xaxis.range, f.yaxis.range]; }"
LABEL_BOXES = (
    "(s) => [...document.querySelectorAll(s + ' .textpoint text')].filter(t => t.textContent)"
    ".map(t => { const r = t.getBoundingClientRect();"
    " return [t.textContent, r.left, r.top, r.right, r.bottom]; })"
)


def _formats(api: httpx.Client) -> list[dict[str, Any]]:
    return list(api.get("/export/formats").json())


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "gexf", "parquet"])
def test_the_download_button_exports_the_events_under_the_page_filters(
    tab: Tab, api: httpx.Client, fmt: str
) -> None:
    assert fmt in {f["name"] for f in _formats(api)}
    tab.open(FILTERED)
    tab.page.wait_for_selector(f"#export-format option[value='{fmt}']", state="attached")
    tab.page.select_option("#export-format", fmt)
    with tab.page.expect_download() as download_info:
        tab.page.click("#export-button")
    download = download_info.value
    body = open(download.path(), "rb").read()  # noqa: SIM115
    filters = {"actor": "PAK", "root": "19", "modality": "all", "format": fmt}
    expected = api.get("/export", params=filters).content
    assert download.suggested_filename.startswith("events.")
    assert body == expected
    assert body != api.get("/export", params={"format": fmt, "modality": "all"}).content


def test_the_map_downloads_geojson_of_the_places_it_draws(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/map?root=19")
    assert tab.page.input_value("#export-format") == "geojson"
    with tab.page.expect_download() as download_info:
        tab.page.click("#export-button")
    body = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    assert body == api.get("/export", params={"format": "geojson", "root": "19"}).content


def test_the_dyad_chart_can_show_events_per_100_articles_of_each_period(tab: Tab, api: httpx.Client) -> None:
    rows = api.get("/dyads/PAK/AFG/series", params={"by": "month"}).json()["rows"]
    tab.open("#/dyad/PAK/AFG")
    tab.page.select_option("#dyad-measure", "rate")
    tab.page.click("form[aria-label='Choose a dyad'] button[type=submit]")
    tab.page.wait_for_function("location.hash.includes('measure=rate')")
    tab.settle()
    bars = tab.page.evaluate(TRACES, ".plot-series")[:4]
    for trace, key in zip(bars, ("q1", "q2", "q3", "q4"), strict=True):
        expected = [100 * row[key] / row["articles"] if row["articles"] else None for row in rows]
        assert trace["y"] == pytest.approx(expected)
    assert any(row["articles"] == 0 and row["events"] > 0 for row in rows)  # a period without any rate
    assert "periods have events but no articles" in tab.page.inner_text("#rate-note")
    assert tab.page.text_content(".plot-series .ytitle") == "events per 100 articles"
    assert tab.errors == []


def _overlaps(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


@pytest.mark.parametrize(
    ("route", "selector"), [("#/map", ".plot-map"), ("#/network?by=actor", ".plot-network")]
)
def test_labels_never_overlap_before_or_after_zooming_in(tab: Tab, route: str, selector: str) -> None:
    tab.open(route)
    before = tab.page.evaluate(LABEL_BOXES, selector)
    ranges = tab.page.evaluate(RANGES, selector)
    assert len(before) >= 8 and _overlaps(before) == []
    box = tab.page.locator(selector + " .nsewdrag").bounding_box()
    assert box is not None
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):
        tab.page.mouse.wheel(0, -200)
        tab.page.wait_for_timeout(150)
    tab.page.wait_for_timeout(600)
    zoomed = tab.page.evaluate(RANGES, selector)
    after = tab.page.evaluate(LABEL_BOXES, selector)
    assert zoomed[0][1] - zoomed[0][0] < ranges[0][1] - ranges[0][0]  # the wheel zoomed in
    assert after and _overlaps(after) == []
    assert [b[0] for b in after] != [b[0] for b in before]
    assert tab.errors == []


def test_the_region_view_shows_afghanistan_pakistan_iran_and_central_asia(tab: Tab) -> None:
    tab.open("#/map")
    fitted = tab.page.evaluate(RANGES, ".plot-map")
    tab.page.get_by_role("link", name="Afghanistan, Pakistan, Iran and Central Asia").click()
    tab.page.wait_for_function("location.hash.includes('view=region')")
    tab.settle()
    (west, east), (south, north) = tab.page.evaluate(RANGES, ".plot-map")
    assert (
        west <= REGION["west"]
        and east >= REGION["east"]
        and south <= REGION["south"]
        and north >= REGION["north"]
    )
    assert east - west < fitted[0][1] - fitted[0][0]
    labels = [box[0] for box in tab.page.evaluate(LABEL_BOXES, ".plot-map")]
    assert "Kabul" in labels and "Geneva" not in labels


def test_the_root_and_quadclass_filters_narrow_the_map(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/map")
    tab.page.select_option("#map-root", "19")
    tab.page.select_option("#map-quad_class", "4")
    tab.page.click("form[aria-label='Which events to draw'] button[type=submit]")
    tab.page.wait_for_function("location.hash.includes('root=19') && location.hash.includes('quad_class=4')")
    tab.settle()
    places = api.get("/locations", params={"root": "19", "quad_class": 4}).json()["features"]
    everywhere = api.get("/locations").json()["features"]
    drawn = tab.page.evaluate(TRACES, ".plot-map")[1]
    assert 0 < len(places) < len(everywhere)
    assert len(drawn["y"]) == len(places)


def test_actors_without_a_country_are_hidden_until_shown_and_then_named_in_words(
    tab: Tab, api: httpx.Client
) -> None:
    stateless = [n["id"] for n in api.get("/network").json()["nodes"] if n["id"].startswith("---")]
    assert stateless
    tab.open("#/network?by=actor")
    assert not [
        code
        for code in tab.page.locator(".nodes-table td:nth-child(2)").all_inner_texts()
        if code.startswith("---")
    ]
    tab.page.get_by_role("link", name="shown, named by sector").click()
    tab.page.wait_for_function("location.hash.includes('stateless=shown')")
    tab.settle()
    rows = tab.page.locator(".nodes-table tbody tr").all_inner_texts()
    named = {row.split("\t")[1]: row.split("\t")[0] for row in rows}
    shown = [code for code in stateless if code in named]
    assert shown
    for code in shown:
        assert named[code] == f"{SECTOR_NAMES[code[3:6]]} (country unknown)"


def test_the_dashboard_sector_names_are_the_knowledge_base_ones(tab: Tab) -> None:
    tab.open("#/network")
    sectors = tab.page.evaluate("async () => (await import('/static/js/cameo.js')).SECTORS")
    assert sectors == SECTOR_NAMES


def test_text_from_the_data_reaches_plotly_as_text_not_markup(tab: Tab) -> None:
    tab.open("#/dyad/PAK/AFG")
    hostile = "<b>bold</b><img src=x onerror=alert(1)> & <a href='javascript:alert(2)'>x</a>"
    shown = tab.page.evaluate(
        """async (text) => {
            const { draw, plain } = await import('/static/js/plot.js');
            const box = document.createElement('div');
            document.querySelector('main').append(box);
            const trace = { type: 'scatter', mode: 'markers+text', x: [1], y: [1], text: [plain(text)] };
            await draw(box, { data: [trace], layout: {} });
            const label = box.querySelector('.textpoint text');
            const markup = box.querySelectorAll('.textpoint a, .textpoint tspan[style], img');
            return [label.textContent, markup.length];
        }""",
        hostile,
    )
    assert shown == [hostile, 0]
    assert tab.errors == []
