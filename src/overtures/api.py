"""The Python API that the CLI, the web API and notebooks share.

>>> import overtures
>>> summary = overtures.ingest(["examples/corpus"], db="sqlite:///overtures.db")
>>> events = overtures.extract("articles.jsonl")
>>> store = overtures.open_store("sqlite:///overtures.db")
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from overtures.errors import NotFoundError
from overtures.evaluation import Record, evaluate
from overtures.export import ArticleLookup, ExportSummary, Output, event_record, write_events
from overtures.ingest import read_paths
from overtures.model import Article, Event, IngestSummary, Modality, Quote, RecordError
from overtures.pipeline import Services, load_services, run_ingest
from overtures.pipeline import extract as extract_events
from overtures.store import EventQuery, Store, open_store

DEFAULT_DB = "sqlite:///overtures.db"


def default_db() -> str:
    """The database URL: ``OVERTURES_DB`` if set, else an SQLite file in the working folder."""
    return os.environ.get("OVERTURES_DB") or DEFAULT_DB


def read_articles(
    paths: Iterable[str | Path], *, max_chars: int = 100_000
) -> Iterator[Article | RecordError]:
    """Read articles (and errors for bad records) from files, folders or ``-`` for stdin."""
    return read_paths(paths, max_chars=max_chars)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    services: Services | None = None,
    max_chars: int = 100_000,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
) -> IngestSummary:
    """Read, parse, code and store articles; unchanged articles are skipped, changed ones replaced."""
    services = services or load_services()
    store = open_store(db or default_db())
    try:
        records = read_paths(paths, max_chars=max_chars)
        return run_ingest(records, store, services, report=report, progress=progress)
    finally:
        store.close()


def extract(
    source: str | Path | Iterable[Article],
    *,
    services: Services | None = None,
    all_modalities: bool = False,
    report: Callable[[RecordError], None] = lambda error: None,
) -> Iterator[Event]:
    """Code articles without a database; ``source`` is a path (any ingest format, a folder) or articles."""
    services = services or load_services()
    if isinstance(source, str | Path):
        articles: Iterable[Article] = _articles_only(read_paths([source], detect_language=False), report)
    else:
        articles = source
    for event in extract_events(articles, services):
        if all_modalities or event.modality is Modality.ASSERTED:
            yield event


def _articles_only(
    records: Iterable[Article | RecordError], report: Callable[[RecordError], None]
) -> Iterator[Article]:
    for record in records:
        if isinstance(record, Article):
            yield record
        else:
            report(record)


def quotes(
    *, db: str | None = None, speaker: str | None = None, mentions: str | None = None, limit: int = 1000
) -> list[Quote]:
    """Stored quotes, filtered by part of the speaker's name or by a country the quote mentions."""
    store = open_store(db or default_db())
    try:
        return store.quotes(speaker=speaker, mentions=mentions, limit=limit)
    finally:
        store.close()


def score(gold: str | Path, predictions: str | Path | Iterable[Event], *, suite: str | None = None) -> Record:
    """Score events (a predictions JSONL file, or events) against a gold file, like shared/eval/score.py."""
    if isinstance(predictions, str | Path):
        with open(predictions, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    else:
        rows = [event_record(e) for e in predictions]
    return evaluate(Path(gold), rows, suite=suite)


def export(
    *, db: str | None = None, fmt: str, out: Output, query: EventQuery | None = None, header: bool = False
) -> ExportSummary:
    """Write stored events in ``fmt`` (csv, jsonl, parquet, geojson, gexf, gdelt) to a path or stream.

    The query defaults to every asserted event (no limit); events are read a page at a time.
    ``header`` adds column names to the gdelt format.
    """
    store = open_store(db or default_db())
    try:
        events = paged_events(store, query or EventQuery(limit=None))
        return write_events(events, fmt, out, articles=_article_lookup(store), header=header)
    finally:
        store.close()


def paged_events(store: Store, query: EventQuery, *, page: int = 5000) -> Iterator[Event]:
    """The query's events, read ``page`` at a time so a large export never holds them all."""
    done = 0
    while query.limit is None or done < query.limit:
        size = page if query.limit is None else min(page, query.limit - done)
        found = store.events(replace(query, limit=size, offset=query.offset + done))
        yield from found
        done += len(found)
        if len(found) < size:
            return


def _article_lookup(store: Store) -> ArticleLookup:
    """Stored articles by id, the last few kept (an export meets each article's events in bursts)."""

    @lru_cache(maxsize=64)
    def lookup(article_id: str) -> Article | None:
        try:
            return store.get_article(article_id)
        except NotFoundError:
            return None

    return lookup


__all__ = [
    "Store",
    "default_db",
    "export",
    "extract",
    "ingest",
    "open_store",
    "quotes",
    "read_articles",
    "score",
]
