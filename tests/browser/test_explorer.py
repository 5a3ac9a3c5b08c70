"""The relations explorer over the sample corpus: any target and actor, names beside codes, each pair's
states drawn as a timeline, dates only as precise as they are known, and evidence that never repeats a
sentence, shows three sentences at first and never grows past one screen."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from overtures.model import DatePrecision
from tests.browser.conftest import DESKTOP, Tab

EVIDENCE_LISTS = (
    "() => [...document.querySelectorAll('.evidence-links')]"
    ".map(ul => [...ul.querySelectorAll('a')].map(a => a.title))"
)


def at_precision(day: str | None, precision: str | None, empty: str) -> str:
    """How a state's day should be written: as DatePrecision.label writes it."""
    if not day or not precision:
        return empty
    return DatePrecision(precision).label(date.fromisoformat(day))


def history(api: httpx.Client, target: str) -> list[dict[str, Any]]:
    return list(api.get("/relations", params={"target": target, "history": "true"}).json()["items"])


def _choose(tab: Tab, target: str, actor: str = "") -> None:
    tab.page.select_option("#relations-target", target)
    tab.page.select_option("#relations-actor", actor)
    tab.page.click("form[aria-label='Choose the relations'] button[type='submit']")
    tab.page.wait_for_function("(t) => location.hash.includes('target=' + t)", arg=target)
    tab.settle()


def test_choosing_another_target_draws_each_pairs_timeline_with_names(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/relations")
    targets = tab.page.locator("#relations-target option").evaluate_all("os => os.map(o => o.value)")
    assert {"AFG", "PAK", "USA"} <= set(targets)
    _choose(tab, "PAK")
    rows = history(api, "PAK")
    assert tab.page.inner_text("h1") == "Relations towards Pakistan (PAK)"
    titles = tab.page.locator(".pair-title").all_inner_texts()
    actors = {row["actor"]: row["actor_name"] for row in rows}
    assert len(titles) == len(actors) and "Afghanistan (AFG) → Pakistan (PAK)" in titles[0]
    bars = tab.page.locator("svg.timeline .state").evaluate_all(
        "gs => gs.map(g => [g.closest('.pair').dataset.actor, g.dataset.relation, g.dataset.value])"
    )
    assert sorted(bars) == sorted([row["actor"], row["relation"], row["value"]] for row in rows)
    assert tab.errors == []


def test_choosing_an_actor_keeps_only_its_pair_with_every_state_listed(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/relations?target=PAK")
    _choose(tab, "PAK", "IND")
    assert "actor=IND" in tab.page.url
    assert tab.page.locator(".pair").evaluate_all("ps => ps.map(p => p.dataset.actor)") == ["IND"]
    details = tab.page.locator(".pair details")
    assert details.get_attribute("open") is not None
    states = [row for row in history(api, "PAK") if row["actor"] == "IND"]
    assert details.locator(".state-change").count() == len(states)
    ledger = api.get("/relations", params={"target": "PAK", "actor": "IND"}).json()["items"]
    assert tab.page.locator(".relations-table tbody tr").count() == len(ledger)


def test_state_dates_are_written_only_as_precisely_as_they_are_known(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/relations")
    ledger = api.get("/relations", params={"target": "AFG"}).json()["items"]
    cells = tab.page.locator(".relations-table tbody tr").evaluate_all(
        "trs => trs.map(tr => [tr.cells[3].innerText, tr.cells[4].innerText])"
    )
    expected = [
        [
            at_precision(r["valid_from"], r["valid_from_precision"], "—"),
            at_precision(r["valid_to"], r["valid_to_precision"], "still in force"),
        ]
        for r in ledger
    ]
    assert cells == expected
    since = {cell for cell, _ in cells}
    assert "2021" in since  # Turkmenistan has kept its embassy open "since 2021"
    assert any(len(cell) == 7 for cell in since) and any(cell.startswith("week of ") for cell in since)


def test_no_evidence_list_repeats_a_sentence(tab: Tab) -> None:
    for route in ("#/relations", "#/relations?target=PAK"):
        tab.open(route)
        lists = tab.page.evaluate(EVIDENCE_LISTS)
        assert lists and all(len(found) == len(set(found)) for found in lists), route


def test_show_all_reveals_every_sentence_and_show_fewer_hides_them_again(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/relations?target=PAK")
    row = tab.page.locator(".relations-table tbody tr", has=tab.page.locator("button.show-all")).first
    sentences = {
        e["sentence"]
        for r in api.get("/relations", params={"target": "PAK"}).json()["items"]
        for e in r["evidence"]
    }
    button = row.locator("button.show-all")
    total = int(button.inner_text().removeprefix("Show all (").removesuffix(")"))
    assert total > 3
    assert row.locator(".evidence-links li:visible").count() == 3
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    shown = row.locator(".evidence-links li:visible a").evaluate_all("as => as.map(a => a.title)")
    assert len(shown) == total and set(shown) <= sentences
    assert button.inner_text() == "Show fewer" and button.get_attribute("aria-expanded") == "true"
    button.click()
    assert row.locator(".evidence-links li:visible").count() == 3


LONG_EVIDENCE = """async (n) => {
    const { evidenceList } = await import('/static/js/evidence.js');
    const items = Array.from({ length: n }, (_, i) => ({
        article_id: 'a' + i, start: 0, end: 10,
        sentence: 'Sentence ' + i + ' of a state read from many reports, long enough to wrap a line.',
    }));
    items.push({ ...items[0], article_id: 'copy' });
    const box = evidenceList(items, 'many');
    document.querySelector('.relations-table td:last-child').replaceChildren(box);
    box.querySelector('button.show-all').click();
    const list = box.querySelector('.evidence-links');
    const shown = list.querySelectorAll('li:not([hidden])').length;
    return [box.querySelector('button.show-all').textContent, shown, list.clientHeight, list.scrollHeight];
}"""


def test_a_state_with_many_sentences_scrolls_within_half_a_screen(tab: Tab) -> None:
    tab.open("#/relations?target=PAK")
    label, shown, height, content = tab.page.evaluate(LONG_EVIDENCE, 60)
    assert (label, shown) == ("Show fewer", 60)  # the copy of sentence 0 is left out
    assert height <= DESKTOP["height"] / 2 < content
    row = tab.page.locator(".relations-table tbody tr").first.evaluate(
        "tr => tr.getBoundingClientRect().height"
    )
    assert row <= DESKTOP["height"]


def test_an_unknown_target_names_the_code(tab: Tab) -> None:
    tab.open("#/relations?target=XXQ")
    assert "XXQ" in tab.page.inner_text(".message-error")


def test_an_organisation_is_picked_from_its_own_group_and_shown_by_name(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/relations")
    groups = tab.page.locator("#relations-actor optgroup").evaluate_all(
        "gs => gs.map(g => [g.label, [...g.querySelectorAll('option')].map(o => o.value)])"
    )
    assert [label for label, _ in groups] == ["Countries", "International organisations"]
    assert "IGOUNO" in groups[1][1] and all(len(code) == 3 for code in groups[0][1])
    tab.page.select_option("#relations-actor", "IGOUNO")
    tab.page.click("form[aria-label='Choose the relations'] button[type='submit']")
    tab.page.wait_for_function("() => location.hash.includes('actor=IGOUNO')")
    tab.settle()
    assert tab.page.locator(".pair-title").all_inner_texts() == [
        "United Nations (IGOUNO) → Afghanistan (AFG)"
    ]
    states = [row for row in history(api, "AFG") if row["actor"] == "IGOUNO"]
    assert tab.page.locator(".pair .state-change").count() == len(states) > 0
    ledger = api.get("/relations", params={"target": "AFG", "actor": "IGOUNO"}).json()["items"]
    cells = tab.page.locator(".relations-table tbody tr td:first-child").all_inner_texts()
    assert cells == ["United Nations (IGOUNO)"] * len(ledger)
    assert tab.page.locator(".relations-table td:first-child a, .pair-title a").count() == 0  # no dyad page
    assert tab.errors == []
