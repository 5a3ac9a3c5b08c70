"""The ledger of the seed article reproduces relations_as_of_publication in ../shared/eval/seed/gold.json."""

from __future__ import annotations

import json
from datetime import date

import pytest

from overtures import api
from overtures.relations import LedgerRow
from tests.relations.conftest import SHARED

GOLD = json.loads((SHARED / "eval" / "seed" / "gold.json").read_text(encoding="utf-8"))
PUBLISHED = date(2025, 4, 30)
CONTACT = ("envoy", "ministerial", "head of state", "proposed")

# Each gold row's fields, read as (our relation, the values that say the same thing).
EXPECTED = {
    ("RUS", "terrorist_designation"): ("delisted",),
    ("RUS", "ambassador"): ("agreed", "exchanged"),
    ("RUS", "embassy"): ("open",),
    ("CHN", "ambassador"): ("accepted",),
    ("USA", "terrorist_designation"): ("listed",),
    ("USA", "sanctions"): ("lifted",),
    ("USA", "engagement"): CONTACT,
    ("IND", "engagement"): CONTACT,
    ("UZB", "engagement"): CONTACT,
    ("GBR", "engagement"): CONTACT,
    ("DEU", "engagement"): CONTACT,
    ("PAK", "hostility"): ("hostile",),
}


@pytest.fixture(scope="module")
def ledger(seed_db: str) -> dict[tuple[str, str], LedgerRow]:
    rows = api.relations(db=seed_db, target="AFG", as_of=PUBLISHED)
    assert len({(r.actor, r.relation) for r in rows}) == len(rows), "one row per (actor, relation)"
    return {(r.actor, r.relation): r for r in rows}


def test_every_gold_actor_has_a_row_and_no_other_actor_does(ledger: dict[tuple[str, str], LedgerRow]) -> None:
    gold_actors = {row["actor"] for row in GOLD["relations_as_of_publication"]["rows"]}
    assert {actor for actor, _ in ledger} == gold_actors


@pytest.mark.parametrize(("key", "values"), sorted(EXPECTED.items()))
def test_gold_state(
    ledger: dict[tuple[str, str], LedgerRow], key: tuple[str, str], values: tuple[str, ...]
) -> None:
    assert key in ledger, f"no {key[1]} row for {key[0]}"
    assert ledger[key].value in values
    assert ledger[key].evidence, "every state has evidence"


def test_nobody_has_recognized_means_none_for_every_actor(ledger: dict[tuple[str, str], LedgerRow]) -> None:
    for row in GOLD["relations_as_of_publication"]["rows"]:
        recognition = ledger[(row["actor"], "recognition")]
        assert recognition.value == "none"
        assert "Nobody has recognized" in recognition.evidence[0].sentence


def test_engagement_levels_follow_the_titles_of_who_met(ledger: dict[tuple[str, str], LedgerRow]) -> None:
    assert ledger[("UZB", "engagement")].value == "ministerial"  # Uzbek Foreign Minister Bakhtiyor Saidov
    assert ledger[("IND", "engagement")].value == "envoy"  # Indian special envoy Anand Prakash
    assert ledger[("DEU", "engagement")].value == "proposed"  # Merz has called for direct talks


def test_evidence_offsets_point_into_the_article(
    seed_db: str, ledger: dict[tuple[str, str], LedgerRow]
) -> None:
    store = api.open_store(seed_db)
    try:
        texts = {a.id: a.text for a in store.articles()}
    finally:
        store.close()
    for row in ledger.values():
        for evidence in row.evidence:
            assert texts[evidence.article_id][evidence.start : evidence.end] == evidence.sentence


def test_the_delisting_is_dated_last_week(ledger: dict[tuple[str, str], LedgerRow]) -> None:
    row = ledger[("RUS", "terrorist_designation")]
    assert row.valid_from is not None and date(2025, 4, 14) <= row.valid_from <= date(2025, 4, 27)
    assert "removed the Taliban from its list" in row.evidence[0].sentence


def test_before_the_delisting_russia_has_no_designation_state(seed_db: str) -> None:
    before = api.relations(db=seed_db, target="AFG", actor="RUS", as_of=date(2025, 4, 1))
    assert "terrorist_designation" not in {r.relation for r in before}
