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
from pathlib import Path

from overtures.evaluation import Record, evaluate
from overtures.export import event_record
from overtures.ingest import read_paths
from overtures.model import Article, Event, IngestSummary, Modality, Quote, RecordError
from overtures.pipeline import Services, load_services, run_ingest
from overtures.pipeline import extract as extract_events
from overtures.store import Store, open_store

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
    actors: Path | None = None,
    dictionary: Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    max_chars: int = 100_000,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
) -> IngestSummary:
    """Read, parse, code and store articles; unchanged articles are skipped, changed ones replaced.

    ``workers`` > 1 codes on a local Dask cluster of that many processes, ``scheduler`` on an existing
    one (tcp://HOST:PORT); each worker then loads its own services from ``actors`` and ``dictionary``,
    and ``services`` (loaded in this process) is used only by the single-process path.
    """
    if workers != 1 or scheduler:
        from overtures.parallel import ServiceOptions, ingest_paths

        options = ServiceOptions.of(actors=actors, dictionary=dictionary)
        return ingest_paths(
            paths,
            db=db or default_db(),
            options=options,
            workers=workers,
            scheduler=scheduler,
            max_chars=max_chars,
            report=report,
            progress=progress,
        )
    services = services or load_services(actors=actors, dictionary=dictionary)
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


__all__ = ["Store", "default_db", "extract", "ingest", "open_store", "quotes", "read_articles", "score"]
