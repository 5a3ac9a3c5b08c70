"""The accuracy gate: the coder's figures on the shared eval data never fall below the recorded floors."""

from __future__ import annotations

import json

import pytest

from overtures.api import score
from overtures.evaluation import state_pairs
from overtures.place_scores import country_by_name, place_figures
from tests.conftest import ROOT, SHARED_EVAL

FLOORS = json.loads((ROOT / "tests" / "floors.json").read_text())
GOLD = {
    "seed": (SHARED_EVAL / "seed" / "gold.json", None),
    "petr2_gsr": (SHARED_EVAL / "petrarch2_validation.jsonl", "petr2_gsr"),
    "plover_gsr": (SHARED_EVAL / "plover_gsr.jsonl", None),
    "ucdp_dev": (SHARED_EVAL / "ucdp" / "gold_dev.jsonl", None),
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_figures_hold_their_floors(name: str, coded_eval) -> None:  # type: ignore[no-untyped-def]
    gold, suite = GOLD[name]
    result = score(gold, coded_eval[name], suite=suite)
    for figure, floor in FLOORS[name].items():
        if figure == "forbidden_hits":
            assert result[figure] <= floor, result["forbidden_events"]
        else:
            assert result[figure] >= floor, (figure, result.get("misses"))


def test_the_seed_article_codes_all_thirteen_required_events(coded_eval) -> None:  # type: ignore[no-untyped-def]
    result = score(GOLD["seed"][0], coded_eval["seed"])
    assert (result["matched"], result["required"]) == (13, 13)
    assert result["forbidden_hits"] == 0


def test_events_between_two_named_states_hold_their_floor(coded_eval) -> None:  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in coded_eval["ucdp_dev"].read_text(encoding="utf-8").splitlines()]
    result = state_pairs(GOLD["ucdp_dev"][0], rows)
    assert result["state_pair_recall"] >= FLOORS["ucdp_dev_state_pairs"]["state_pair_recall"], result


def test_places_of_the_coded_headlines_hold_their_floors(coded_eval, services) -> None:  # type: ignore[no-untyped-def]
    gold = [json.loads(line) for line in GOLD["ucdp_dev"][0].read_text(encoding="utf-8").splitlines()]
    rows = [json.loads(line) for line in coded_eval["ucdp_dev"].read_text(encoding="utf-8").splitlines()]
    figures = place_figures(gold, rows, country_by_name(services.coder.kb))
    floors = FLOORS["ucdp_dev_places"]
    assert figures["located_share"] >= floors["located_share"], figures
    assert figures["country_accuracy"] >= floors["country_accuracy"], figures
    assert figures["median_km"] <= floors["max_median_km"], figures
