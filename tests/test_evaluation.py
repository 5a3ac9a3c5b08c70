"""Our scorer against the reference scorer in shared/eval: the same figures on the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from overtures.evaluation import country_of_code, evaluate, read_gold
from tests.conftest import SHARED_EVAL

GOLD = {
    "seed": (SHARED_EVAL / "seed" / "gold.json", None),
    "petr2_gsr": (SHARED_EVAL / "petrarch2_validation.jsonl", "petr2_gsr"),
    "plover_gsr": (SHARED_EVAL / "plover_gsr.jsonl", None),
}


def _reference(gold: Path, predictions: Path, suite: str | None) -> dict:  # type: ignore[type-arg]
    args = [sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(predictions), "--json"]
    if suite:
        args.append(f"--suite={suite}")
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_our_scorer_agrees_with_the_reference_on_real_predictions(name: str, coded_eval) -> None:  # type: ignore[no-untyped-def]
    gold, suite = GOLD[name]
    rows = [json.loads(line) for line in coded_eval[name].read_text().splitlines()]
    ours = json.loads(json.dumps(evaluate(gold, rows, suite=suite)))
    assert ours == _reference(gold, coded_eval[name], suite)


def test_scorers_agree_on_a_prediction_set_with_misses_duplicates_and_forbidden_hits(tmp_path: Path) -> None:
    gold, _ = GOLD["seed"]
    sentence = "And last week, Russia removed the Taliban from its list of terrorist organizations"
    rows = [
        {
            "article_id": "seed-courting-the-taliban",
            "source": {"country": "RUS"},
            "target": {"country": "AFG"},
            "root": "08",
            "date": "2025-04-20",
            "sentence": sentence,
        },
        {
            "article_id": "seed-courting-the-taliban",
            "source": {"country": "AFG"},
            "target": {"country": "RUS"},
            "cameo": "081",
            "date": "2025-01-01",
            "sentence": sentence,
        },
        {
            "article_id": "seed-courting-the-taliban",
            "source": {"country": "CHN"},
            "target": {"country": "AFG"},
            "root": "05",
            "sentence": "Nobody has recognized the Taliban regime, yet.",
        },
        {
            "article_id": "seed-courting-the-taliban",
            "source": {"country": "USA"},
            "target": {"country": "IND"},
            "root": "01",
            "sentence": "x",
            "modality": "asserted",
        },
        {
            "article_id": "seed-courting-the-taliban",
            "source": {"country": "USA"},
            "target": {"country": "IND"},
            "root": "19",
            "sentence": "x",
            "modality": "negated",
        },
    ]
    path = tmp_path / "preds.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    ours = evaluate(gold, rows)
    assert ours == _reference(gold, path, None)
    assert ours["forbidden_hits"] == 1 and ours["duplicates"] == 0 and ours["false_positives"] == 2


def test_cameo_actor_codes_map_to_countries_or_wildcards() -> None:
    assert [country_of_code(c) for c in ("USAGOV", "---REB", "IGOUNO", "JAP", "", None)] == [
        "USA",
        "*",
        "*",
        "JPN",
        "*",
        "*",
    ]


def test_the_petrarch_suite_filter_keeps_only_that_suite() -> None:
    kind, records = read_gold(SHARED_EVAL / "petrarch2_validation.jsonl", "petr2_gsr")
    assert kind == "events"
    assert len(records) == 78
