"""The coder's accuracy on every shared evaluation set, with the UCDP dev set split in two.

    python bench/accuracy.py [--out DIR] [--only ucdp,seed,petr2,plover] [--misses N]

Codes each input under ``../shared/eval/inputs/`` and ``../shared/eval/ucdp/`` with the installed
overtures, then scores it with the shared reference scorer (``score.py``); events between two named
states are counted by ``overtures.evaluation.count_state_pairs``, the logic of ``state_pairs.py``.

The UCDP dev set is split by a hash of each record's id: one record in five (``held_aside``) is never
read while the coder is developed, so its figure stays an honest estimate for unseen headlines; the
other four in five (``looked_at``) are where misses are tallied. Places are measured on the coded
headlines (records with at least one asserted event): the share with a located event, whether the
place's country is the country UCDP names, and the distance from the place to the nearest of UCDP's
points for the record.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(SHARED))

import score as scorer  # noqa: E402  (the shared reference scorer)

from overtures.evaluation import count_state_pairs  # noqa: E402
from overtures.place_scores import country_by_name, place_figures  # noqa: E402

Record = dict[str, Any]


def held_aside(record_id: str) -> bool:
    """One record in five, chosen by a hash of its id, is kept out of development."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


@lru_cache(maxsize=1)
def services() -> Any:
    from overtures.pipeline import load_services

    return load_services()


def code(path: Path) -> list[Record]:
    """Code an input file with overtures and return its events as extract's JSON records."""
    from overtures.api import extract
    from overtures.export.records import event_record

    events = extract(path, services=services())
    return [json.loads(json.dumps(event_record(e), default=str)) for e in events]


def read_jsonl(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ucdp(out: Path, misses: int) -> dict[str, Any]:
    gold = read_jsonl(SHARED / "ucdp" / "gold_dev.jsonl")
    preds = code(SHARED / "ucdp" / "inputs_dev.jsonl")
    write(out / "ucdp.jsonl", preds)
    result: dict[str, Any] = {}
    for part, keep in (("looked_at", False), ("held_aside", True), ("all", None)):
        records = [r for r in gold if keep is None or held_aside(r["id"]) == keep]
        scored = scorer.score(records, preds)
        pairs = count_state_pairs(records, preds)
        result[part] = {
            **{k: scored[k] for k in ("recall", "precision", "f1", "date_accuracy", "required")},
            "state_pairs": f"{pairs['found']}/{pairs['state_pairs']}",
            "state_pair_recall": pairs["state_pair_recall"] if pairs["state_pairs"] else None,
        }
        if part == "looked_at" and misses:
            for m in scored["misses"][:misses]:
                print("miss", json.dumps(m, ensure_ascii=False))
    result["places"] = place_figures(gold, preds, country_by_name(services().coder.kb))
    return result


def simple(name: str, gold: Path, inputs: Path, out: Path, suite: str | None = None) -> dict[str, Any]:
    preds = code(inputs)
    write(out / f"{name}.jsonl", preds)
    if name == "plover":
        scored = scorer.score_plover(read_jsonl(gold), preds)
        return {k: scored[k] for k in ("type_accuracy", "type_and_actor_accuracy")}
    scored = scorer.score(scorer.load_gold(str(gold), suite), preds)
    keys = ("recall", "precision", "f1", "forbidden_hits", "date_accuracy", "matched", "required")
    return {k: scored[k] for k in keys}


def write(path: Path, records: list[Record]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/overtures-accuracy"))
    parser.add_argument("--only", default="ucdp,seed,petr2,plover")
    parser.add_argument("--misses", type=int, default=0, help="print this many UCDP misses (looked-at part)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only.split(","))
    figures: dict[str, Any] = {}
    if "ucdp" in wanted:
        figures["ucdp"] = ucdp(args.out, args.misses)
    if "seed" in wanted:
        figures["seed"] = simple(
            "seed", SHARED / "seed" / "gold.json", SHARED / "inputs" / "seed.jsonl", args.out
        )
    if "petr2" in wanted:
        gold, inputs = SHARED / "petrarch2_validation.jsonl", SHARED / "inputs" / "petr2_gsr.jsonl"
        figures["petr2_gsr"] = simple("petr2", gold, inputs, args.out, suite="petr2_gsr")
    if "plover" in wanted:
        gold, inputs = SHARED / "plover_gsr.jsonl", SHARED / "inputs" / "plover_gsr.jsonl"
        figures["plover_gsr"] = simple("plover", gold, inputs, args.out)
    for name, values in figures.items():
        print(name, json.dumps(values))


if __name__ == "__main__":
    main()
