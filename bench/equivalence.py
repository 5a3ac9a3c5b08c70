"""Selective parsing against the full parse: the same events and quotes?

    python bench/equivalence.py [--articles 300] [--out FILE]

Codes the sample corpus, a benchmark corpus of N articles (bench/corpus.py), every input under
``../shared/eval/inputs/`` and the UCDP development headlines twice: with the screen of
overtures.selective (the default path) and with the full parse (``--full-parse``). An event is the same
in both paths when every field the store keeps matches (code, source, target, modality, date and its
window, place, evidence offsets, rule). Prints, per corpus, the share of the full parse's events found
identical, the events each path has alone, grouped by kind (a field that differs, or an event that is
missing), the same for quotes, the share of words the pipeline did not read, and the share of words in
lines that yield nothing in the full parse (no event's sentence, no quote): the most any screen could
leave unread without losing an event.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus import SAMPLE_CORPUS, build_corpus

from overtures.api import read_articles
from overtures.model import Article, Event, ProcessedArticle, Quote
from overtures.pipeline import Services, batched, load_services, process_batch
from overtures.selective import kept_lines

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
KEYS = ("cameo", "source", "target", "modality", "date", "location", "rule")


@dataclass(kw_only=True)
class Comparison:
    """What one corpus gave in both paths."""

    name: str
    articles: int = 0
    words: int = 0
    skipped_words: int = 0
    idle_words: int = 0  # in lines that yield no event and no quote in the full parse
    events: int = 0  # in the full parse
    identical: int = 0
    differences: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    identical_quotes: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.identical / self.events if self.events else 1.0

    def lines(self) -> list[str]:
        out = [
            f"{self.name}: {self.articles} articles, {self.skipped_words / max(1, self.words):.1%} of words "
            f"not parsed (at most {self.idle_words / max(1, self.words):.1%} could be: the rest is in lines "
            f"that yield an event or a quote); events identical {self.identical}/{self.events} = "
            f"{self.share:.2%}; quotes identical {self.identical_quotes}/{self.quotes}"
        ]
        out += [f"  {kind}: {n}" for kind, n in self.differences.most_common()]
        return out


Key = tuple[object, ...]


def event_key(event: Event) -> Key:
    """Every stored field of an event but its id, order-free."""
    record = asdict(event)
    record.pop("event_id", None)
    return tuple(sorted((k, json.dumps(v, default=str, sort_keys=True)) for k, v in record.items()))


def anchor(event: Event) -> tuple[object, ...]:
    """What pairs an event of one path with its counterpart in the other: where it was read and by which
    rule."""
    first = event.evidence[0]
    return (event.article_id, first.start, first.end, event.rule)


def quote_key(quote: Quote) -> str:
    return json.dumps(asdict(quote), default=str, sort_keys=True)


def compare(name: str, articles: list[Article], full: Services, selective: Services) -> Comparison:
    result = Comparison(name=name, articles=len(articles))
    for batch in batched(articles, 32):
        for a, b in zip(process_batch(batch, full), process_batch(batch, selective), strict=True):
            _compare_article(result, a, b)
            _count_words(result, a, selective)
    return result


def _compare_article(result: Comparison, full: ProcessedArticle, selective: ProcessedArticle) -> None:
    full_keys = [event_key(e) for e in full.events]
    selective_keys = [event_key(e) for e in selective.events]
    result.events += len(full_keys)
    result.identical += _shared(full_keys, selective_keys)
    unmatched_full = _unmatched(full.events, full_keys, set(selective_keys))
    unmatched_sel = _unmatched(selective.events, selective_keys, set(full_keys))
    for kind, example in _kinds(unmatched_full, unmatched_sel):
        result.differences[kind] += 1
        if len(result.examples) < 40:
            result.examples.append(f"{kind}: {example}")
    result.quotes += len(full.quotes)
    result.identical_quotes += _shared(
        [quote_key(q) for q in full.quotes], [quote_key(q) for q in selective.quotes]
    )


def _unmatched(events: tuple[Event, ...], keys: list[Key], other: set[Key]) -> list[Event]:
    """The events whose key the other path does not have."""
    return [event for event, key in zip(events, keys, strict=True) if key not in other]


def _shared(one: list[Any], other: list[Any]) -> int:
    """How many items the two lists have in common, counting repeats."""
    return sum((Counter(one) & Counter(other)).values())


def _kinds(full: list[Event], selective: list[Event]) -> Iterator[tuple[str, str]]:
    """Each unmatched event by kind: a field that differs from its counterpart, or missing/extra."""
    others = {anchor(e): e for e in selective}
    paired = set()
    for event in full:
        other = others.get(anchor(event))
        if other is None:
            yield "only in the full parse", _show(event)
            continue
        paired.add(anchor(event))
        fields = [k for k in KEYS if getattr(event, k, None) != getattr(other, k, None)] or ["other field"]
        yield f"{', '.join(fields)} differs", _show(event)
    for event in selective:
        if anchor(event) not in paired:
            yield "only in the selective parse", _show(event)


def _show(event: Event) -> str:
    source, target = (a.code if a else "-" for a in (event.source, event.target))
    return f"{event.article_id} {source}->{target} {event.cameo} {event.evidence[0].sentence[:90]!r}"


def _count_words(result: Comparison, full: ProcessedArticle, services: Services) -> None:
    """Count an article's characters of text: all, in lines the screen leaves out, and in lines that
    yield nothing in the full parse."""
    assert services.screen is not None
    lines = services.screen.lines(full.analysed.article.text)
    result.words += sum(line.end - line.start for line in lines)
    result.skipped_words += sum(
        line.end - line.start for line, kept in zip(lines, kept_lines(lines), strict=True) if not kept
    )
    spans = [(ev.start, ev.end) for event in full.events for ev in event.evidence]
    spans += [(quote.start, quote.end) for quote in full.quotes]
    result.idle_words += sum(
        line.end - line.start
        for line in lines
        if not any(start < line.end and end > line.start for start, end in spans)
    )


def corpora(articles: int) -> Iterable[tuple[str, list[Article]]]:
    yield "sample corpus", [a for a in read_articles([SAMPLE_CORPUS]) if isinstance(a, Article)]
    yield f"benchmark corpus ({articles})", list(build_corpus(articles))
    for path in sorted((SHARED / "inputs").glob("*.jsonl")):
        yield path.stem, [a for a in read_articles([path]) if isinstance(a, Article)]
    ucdp = SHARED / "ucdp" / "inputs_dev.jsonl"
    if ucdp.exists():
        yield "ucdp headlines", [a for a in read_articles([ucdp]) if isinstance(a, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--examples", action="store_true", help="print examples of each difference")
    args = parser.parse_args()
    full, selective = load_services(full_parse=True), load_services()
    total = Comparison(name="all")
    for name, articles in corpora(args.articles):
        result = compare(name, articles, full, selective)
        print("\n".join(result.lines()), flush=True)
        if args.examples:
            print("\n".join(f"    {e}" for e in result.examples))
        total.events += result.events
        total.identical += result.identical
    print(f"all: events identical {total.identical}/{total.events} = {total.share:.2%}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
