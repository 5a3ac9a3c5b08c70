"""The accuracy gate: the coder's figures on the shared eval data never fall below the recorded floors."""

from __future__ import annotations

import json

import pytest

from overtures.api import score
from overtures.evaluation import state_pairs
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
