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
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from overtures.errors import NotFoundError
from overtures.evaluation import Record, evaluate
from overtures.export import ArticleLookup, ExportSummary, Output, event_record, write_events
from overtures.ingest import read_paths
from overtures.model import Article, Event, IngestSummary, Modality, Quote, RecordError
from overtures.pipeline import Services, load_services, run_ingest
from overtures.pipeline import extract as extract_events
from overtures.relations import (
    LedgerRow,
    PeriodRow,
    ShiftRule,
    ShiftsReport,
    find_shifts,
    relation_record,
    series_frame,
    state_as_of,
)
from overtures.relations import dyad_series as _dyad_series
from overtures.relations import undated_events as _undated_events
from overtures.relations.departure import DEFAULT_RULE
from overtures.relations.parties import is_organisation
from overtures.settings import BATCH_SIZE, DB_ENV, DEFAULT_DB_URL, MAX_ARTICLE_CHARS, ONE_PROCESS_BATCH
from overtures.store import EventQuery, Store, open_store

if TYPE_CHECKING:
    import pandas as pd


def default_db() -> str:
    """The database URL: the environment variable ``OVERTURES_DB`` if set, else an SQLite file in the
    working folder (settings.DB_ENV, settings.DEFAULT_DB_URL)."""
    return os.environ.get(DB_ENV) or DEFAULT_DB_URL


def read_articles(
    paths: Iterable[str | Path], *, max_chars: int = MAX_ARTICLE_CHARS
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
    max_chars: int = MAX_ARTICLE_CHARS,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
    link_duplicates: bool = True,
    batch_size: int | None = None,
    full_parse: bool = False,
) -> IngestSummary:
    """Read, parse, code and store articles; unchanged articles are skipped, changed ones replaced, and
    near-duplicates of stored articles linked to their original, not coded (unless ``link_duplicates``
    is False).

    ``workers`` > 1 codes on a local pool of that many processes, ``scheduler`` on an existing Dask
    cluster (tcp://HOST:PORT); each worker then loads its own services from ``actors``, ``dictionary`` and
    ``full_parse`` (parse every line, not only those that can yield an event: overtures.selective), and
    ``services`` (loaded in this process) is used only by the single-process path. ``batch_size``
    articles are coded together (None: ONE_PROCESS_BATCH on one process, BATCH_SIZE per worker batch,
    which keeps the workers evenly busy; finished worker batches are then committed together once they
    hold ``batch_size`` articles, or ONE_PROCESS_BATCH, or when no batch is out).
    """
    if workers != 1 or scheduler:
        from overtures import parallel

        parallel.check_cluster_options(workers, scheduler)  # before the database is created
        services = None  # each worker loads its own
    else:
        services = services or load_services(actors=actors, dictionary=dictionary, full_parse=full_parse)
    store = open_store(db or default_db())
    try:
        records = read_paths(paths, max_chars=max_chars)
        if services is not None:
            return run_ingest(
                records,
                store,
                services,
                report=report,
                progress=progress,
                link_duplicates=link_duplicates,
                batch_size=batch_size or ONE_PROCESS_BATCH,
            )
        options = parallel.ServiceOptions.of(actors=actors, dictionary=dictionary, full_parse=full_parse)
        with parallel.executor(workers=workers, scheduler=scheduler) as (pool, count):
            return parallel.ingest_parallel(
                records,
                store,
                pool,
                workers=count,
                options=options,
                report=report,
                progress=progress,
                link_duplicates=link_duplicates,
                batch_size=batch_size or BATCH_SIZE,
                commit_size=batch_size or ONE_PROCESS_BATCH,
            )
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


def relations(
    *,
    db: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    as_of: date | None = None,
    history: bool = False,
) -> list[LedgerRow]:
    """The relations ledger towards ``target`` (a country code, or an organisation's actor code such as
    IGOUNO; None: every target): the states in force on ``as_of`` (default: the date of the latest dated
    event involving the target), or with ``history`` every state with its valid_from and valid_to."""
    with open_store(db or default_db()) as store:
        return relations_in(store, target=target, actor=actor, as_of=as_of, history=history)


def relations_in(
    store: Store,
    *,
    target: str | None = None,
    actor: str | None = None,
    as_of: date | None = None,
    history: bool = False,
) -> list[LedgerRow]:
    """``relations`` over an open store (the web API's path), read from the store's ledger."""
    party = target.upper() if target else None
    rows = store.ledger(target=party, actor=actor.upper() if actor else None)
    if history:
        return rows
    if as_of is None:
        organisation = party is not None and is_organisation(party)
        as_of = store.latest_date(code=party) if organisation else store.latest_date(party)
    return state_as_of(rows, as_of)


def rebuild(*, db: str | None = None) -> None:
    """Compute the store's relations ledger and dyad tallies again from every stored event."""
    with open_store(db or default_db()) as store:
        store.rebuild_derived()


def relations_frame(rows: Iterable[LedgerRow]) -> pd.DataFrame:
    """Ledger rows as a pandas DataFrame, one row per state, evidence as a list of dicts."""
    import pandas

    return pandas.DataFrame([relation_record(r) for r in rows])


def dyad_series(
    a: str,
    b: str,
    *,
    db: str | None = None,
    by: str = "month",
    directed: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[PeriodRow]:
    """Two countries' asserted events per month, week or year, with the articles of each period;
    ``series_frame(rows)`` makes a DataFrame of them."""
    with open_store(db or default_db()) as store:
        return _dyad_series(store, a, b, by=by, directed=directed, date_from=date_from, date_to=date_to)


def undated_events(a: str, b: str, *, db: str | None = None, directed: bool = False) -> int:
    """How many of two countries' asserted events have no date (a dyad series leaves them out)."""
    with open_store(db or default_db()) as store:
        return _undated_events(store, a, b, directed=directed)


def shifts(
    *,
    db: str | None = None,
    period: str = "month",
    as_of: date | None = None,
    rule: ShiftRule = DEFAULT_RULE,
) -> ShiftsReport:
    """Country dyads whose latest period departs from their own history (overtures.relations.shifts)."""
    with open_store(db or default_db()) as store:
        return find_shifts(store, period=period, as_of=as_of, rule=rule)


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
    "dyad_series",
    "extract",
    "ingest",
    "open_store",
    "quotes",
    "read_articles",
    "relations",
    "relations_frame",
    "relations_in",
    "score",
    "series_frame",
    "shifts",
    "undated_events",
]
