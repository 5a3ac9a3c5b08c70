"""Score coded events against gold data, with the matching rules of ``shared/eval/score.py``.

Gold comes in three shapes: a seed file (one article with gold events, forbidden events and evidence),
PETRARCH-style records with ``expected`` CAMEO codings (scored at country level), and PLOVER records
(scored on the event type). A predicted event matches a gold event when its countries equal the gold ones
("*" matches anything; symmetric gold also matches the swapped pair), its root is among the gold roots,
and its sentence contains the gold evidence. Only asserted predictions are scored; root 01 statements are
left out of precision; forbidden hits must be zero.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

Record = dict[str, Any]
NON_STATE_HEADS = frozenset({"---", "IGO", "NGO", "IMG", "MNC", "UIS", "BUS", "CVL", "REB", "GOV", "MIL"})
CAMEO_COUNTRY_FIXES = {"JAP": "JPN", "ROM": "ROU", "TMP": "TLS"}


@dataclass
class Tally:
    """Running counts of one scoring pass."""

    required: int = 0
    matched: int = 0
    duplicates: int = 0
    scored: int = 0
    false_positives: int = 0
    statements: int = 0
    forbidden: int = 0
    dated: int = 0
    dated_ok: int = 0
    misses: list[Record] = field(default_factory=list)
    false_positive_events: list[Record] = field(default_factory=list)
    forbidden_events: list[Record] = field(default_factory=list)


def country_of_code(code: str | None) -> str:
    """The ISO country of a CAMEO actor code, or "*" when the code names no state ("---REB", "IGO...")."""
    head = (code or "").strip().upper()[:3]
    if len(head) < 3 or not head.isalpha() or head in NON_STATE_HEADS:
        return "*"
    return CAMEO_COUNTRY_FIXES.get(head, head)


def read_gold(path: Path, suite: str | None = None) -> tuple[str, list[Record]]:
    """The gold file's kind ("events" or "plover") and its records, normalised to the events shape."""
    text = path.read_text(encoding="utf-8")
    head = text.lstrip()
    if head.startswith("{") and '"article"' in head[:200]:
        seed = json.loads(text)
        return "events", [
            {"id": seed["article"]["id"], "events": seed["events"], "forbidden": seed.get("forbidden", [])}
        ]
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    if rows and '"event_polecat"' in text.splitlines()[0]:
        return "plover", rows
    if suite:
        rows = [r for r in rows if r.get("suite") == suite]
    return "events", [_from_expected(r) if "expected" in r else r for r in rows]


def _from_expected(record: Record) -> Record:
    events = [
        {
            "source": country_of_code(e.get("source")),
            "target": country_of_code(e.get("target")),
            "roots": [str(e.get("code", ""))[:2]],
            "date": None,
            "symmetric": False,
            "required": True,
        }
        for e in record["expected"]
        if str(e.get("code", ""))[:2].isdigit() and e.get("cameo_valid") is not False
    ]
    return {"id": record["id"], "events": events, "forbidden": []}


def _asserted_by_article(predictions: list[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for p in predictions:
        if p.get("modality", "asserted") == "asserted":
            grouped[str(p.get("article_id"))].append(p)
    return grouped


def _country(actor: Record | None) -> str | None:
    return actor.get("country") if actor else None


def _root(p: Record) -> str:
    value = p.get("root") or str(p.get("cameo") or "")[:2]
    return str(value).zfill(2) if value else ""


def _fits(gold: str, predicted: str | None) -> bool:
    return gold == "*" or gold == predicted


def _matches(g: Record, p: Record) -> bool:
    if _root(p) not in g["roots"]:
        return False
    if g.get("evidence") and g["evidence"] not in (p.get("sentence") or ""):
        return False
    s, t = _country(p.get("source")), _country(p.get("target"))
    direct = _fits(g["source"], s) and _fits(g["target"], t)
    return direct or (bool(g.get("symmetric")) and _fits(g["source"], t) and _fits(g["target"], s))


def _forbidden(f: Record, p: Record) -> bool:
    if _root(p) not in f["roots"]:
        return False
    if f.get("evidence"):
        return f["evidence"] in (p.get("sentence") or "")
    return _fits(f["source"], _country(p.get("source"))) and _fits(f["target"], _country(p.get("target")))


def score_events(gold: list[Record], predictions: list[Record]) -> Record:
    """Recall, precision, F1, duplicates, forbidden hits and date accuracy over gold records."""
    by_article = _asserted_by_article(predictions)
    tally = Tally()
    for record in gold:
        _score_record(record, by_article.get(str(record["id"]), []), tally)
    return _summary(tally)


def _score_record(record: Record, preds: list[Record], tally: Tally) -> None:
    golds = sorted(record["events"], key=lambda g: not g.get("required", True))
    justified = [False] * len(preds)
    for g in golds:
        hits = [i for i, p in enumerate(preds) if _matches(g, p)]
        for i in hits:
            justified[i] = True
        tally.duplicates += max(0, len(hits) - 1)
        if hits and g.get("required", True) and g.get("date"):
            tally.dated += 1
            tally.dated_ok += _in_window(g["date"], preds[hits[0]].get("date"))
        if g.get("required", True):
            tally.required += 1
            tally.matched += bool(hits)
            if not hits:
                tally.misses.append(_miss(record["id"], g))
    for i, p in enumerate(preds):
        _count_prediction(record, p, justified[i], tally)


def _miss(article: str, g: Record) -> Record:
    out: Record = {"article": article}
    out.update({k: g[k] for k in ("source", "target", "roots") if k in g})
    if g.get("evidence"):
        out["evidence"] = g["evidence"]
    return out


def _count_prediction(record: Record, p: Record, justified: bool, tally: Tally) -> None:
    sentence = (p.get("sentence") or "")[:160]
    for f in record.get("forbidden", []):
        if _forbidden(f, p):
            tally.forbidden += 1
            tally.forbidden_events.append({"article": record["id"], "root": _root(p), "sentence": sentence})
    if _root(p) == "01":
        tally.statements += 1
        return
    source, target = _country(p.get("source")), _country(p.get("target"))
    if source and target:
        tally.scored += 1
        if not justified:
            tally.false_positives += 1
            tally.false_positive_events.append(
                {
                    "article": record["id"],
                    "source": source,
                    "target": target,
                    "root": _root(p),
                    "sentence": sentence,
                }
            )


def _in_window(window: list[str], when: str | None) -> bool:
    return bool(when) and window[0] <= str(when)[:10] <= window[1]


def _summary(t: Tally) -> Record:
    recall = t.matched / t.required if t.required else 0.0
    precision = (t.scored - t.false_positives) / t.scored if t.scored else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "required": t.required,
        "matched": t.matched,
        "recall": round(recall, 3),
        "scored_predictions": t.scored,
        "false_positives": t.false_positives,
        "precision": round(precision, 3),
        "f1": round(f1, 3),
        "duplicates": t.duplicates,
        "statements_01": t.statements,
        "forbidden_hits": t.forbidden,
        "dated": t.dated,
        "date_accuracy": round(t.dated_ok / t.dated, 3) if t.dated else None,
        "misses": t.misses,
        "false_positive_events": t.false_positive_events,
        "forbidden_events": t.forbidden_events,
    }


@lru_cache(maxsize=1)
def _plover_table() -> Record:
    path = resources.files("overtures") / "data" / "cameo_to_plover.json"
    table: Record = json.loads(path.read_text(encoding="utf-8"))
    return table


def plover_event_type(p: Record) -> str | None:
    """A prediction's PLOVER type: its own ``plover`` field, else its CAMEO code mapped by prefix."""
    given = p.get("plover")
    if isinstance(given, dict):
        given = given.get("event")
    if given:
        return str(given).upper()
    table = _plover_table()
    code = str(p.get("cameo") or p.get("root") or "")
    for n in range(len(code), 1, -1):
        entry = table["codes"].get(code[:n])
        if entry:
            return str(entry["event"])
    root: str | None = table["root"].get(code[:2])
    return root


def score_plover(records: list[Record], predictions: list[Record]) -> Record:
    """Event-type accuracy (and type plus actor) over single-event PLOVER sentences."""
    by_article = _asserted_by_article(predictions)
    typed = full = 0
    confusions: Counter[str] = Counter()
    for record in records:
        gold = record["expected"][0]
        want = gold["event_polecat"]
        actors = gold["source_actors"] + gold["target_actors"]
        countries = {country_of_code(a.get("code")) for a in actors} - {"*"}
        got = [(plover_event_type(p), p) for p in by_article.get(str(record["id"]), [])]
        types = [kind for kind, _ in got if kind]
        typed += want in types
        full += any(kind == want and _actor_ok(p, countries) for kind, p in got)
        if want not in types:
            confusions[f"{want} -> {types[0] if types else 'nothing'}"] += 1
    n = len(records)
    return {
        "records": n,
        "type_accuracy": round(typed / n, 3) if n else 0.0,
        "type_and_actor_accuracy": round(full / n, 3) if n else 0.0,
        "top_confusions": sorted(confusions.items(), key=lambda kv: -kv[1])[:15],
    }


def _actor_ok(p: Record, countries: set[str]) -> bool:
    return not countries or _country(p.get("source")) in countries or _country(p.get("target")) in countries


def evaluate(gold_path: Path, predictions: list[Record], *, suite: str | None = None) -> Record:
    """Score predictions against any of the three gold shapes."""
    kind, gold = read_gold(gold_path, suite)
    return score_plover(gold, predictions) if kind == "plover" else score_events(gold, predictions)


def summary_line(result: Record) -> str:
    """The one-line summary the reference scorer prints."""
    if "type_accuracy" in result:
        return (
            f"type_accuracy {result['type_accuracy']} "
            f"type_and_actor_accuracy {result['type_and_actor_accuracy']}"
        )
    return (
        f"recall {result['recall']} ({result['matched']}/{result['required']}) "
        f"precision {result['precision']} "
        f"f1 {result['f1']} forbidden {result['forbidden_hits']} duplicates {result['duplicates']} "
        f"date_accuracy {result['date_accuracy']}"
    )


def state_pairs(gold_path: Path, predictions: list[Record]) -> Record:
    """Recall on required gold events whose two sides are named states (the events relations pages are
    built on), as ``shared/eval/state_pairs.py`` counts it: an asserted prediction of the same record with
    that source and target (either order when symmetric) and a root among the gold roots."""
    return count_state_pairs(read_gold(gold_path)[1], predictions)


def count_state_pairs(gold: list[Record], predictions: list[Record]) -> Record:
    """``state_pairs`` over gold records already read (a part of a gold file, say)."""
    by_article = _asserted_by_article(predictions)
    found = total = 0
    for record in gold:
        coded = {
            (_country(p.get("source")), _country(p.get("target")), _root(p))
            for p in by_article.get(str(record["id"]), [])
        }
        for g in record["events"]:
            if not g.get("required", True) or "*" in (g["source"], g["target"]):
                continue
            total += 1
            pairs = {(g["source"], g["target"])} | (
                {(g["target"], g["source"])} if g.get("symmetric") else set()
            )
            found += any((s, t) in pairs and r in g["roots"] for s, t, r in coded)
    return {
        "state_pairs": total,
        "found": found,
        "state_pair_recall": round(found / total, 3) if total else 0.0,
    }
