"""Parallel ingest on Dask: workers parse and code batches of articles, the client alone writes them.

The client reads the records as a stream, cuts the good ones into batches whose make-up does not depend
on the number of workers, skips the articles the store already holds unchanged, and sends the rest to the
workers. Each worker loads the spaCy pipeline and the coder once (a cached loader keyed by the actor and
dictionary files) and sends back ProcessedArticle objects, which the client saves through Store.save, one
transaction per article: the exactly-once behaviour of ``run_ingest`` is kept. At most a fixed number of
batches are out at a time, so memory stays bounded whatever the corpus size. A batch that fails on a
worker is retried one article at a time, and only the articles that fail alone are reported as failed
records.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from overtures import dedup
from overtures.coding.coder import CODER_VERSION
from overtures.dedup import NearDuplicate
from overtures.errors import InputError, OverturesError
from overtures.ingest import read_paths
from overtures.model import Article, IngestSummary, ProcessedArticle, RecordError
from overtures.pipeline import (
    Services,
    batched,
    good_records,
    load_services,
    process_batch,
    save,
    unstored,
)
from overtures.store import SaveResult, open_store

if TYPE_CHECKING:
    from overtures.store import Store

# dask.distributed is an optional, partly typed dependency: its objects are typed as these aliases.
Client = Any
Future = Any

CONNECT_TIMEOUT = "10s"
# Articles per task: half of run_ingest's batch, so that a few hundred articles still spread evenly over
# the workers; spaCy's inner batch (process_batch) is 16 as well, and the parse of an article does not
# depend on the batch it comes in (tests/test_parallel.py compares with the single-process path).
TASK_SIZE = 16
BATCHES_PER_WORKER = 2  # batches in flight per worker: one being coded, one waiting


@dataclass(frozen=True, kw_only=True, slots=True)
class ServiceOptions:
    """What a worker needs to load its services: the optional user actor and dictionary files."""

    actors: Path | None = None
    dictionary: Path | None = None

    @classmethod
    def of(cls, *, actors: Path | None = None, dictionary: Path | None = None) -> ServiceOptions:
        """Options with absolute paths, so that workers started elsewhere find the same files."""
        return cls(actors=actors and actors.resolve(), dictionary=dictionary and dictionary.resolve())


_LOADING = threading.Lock()


def worker_services(options: ServiceOptions) -> Services:
    """This process's services for these options, loaded on first use and kept for the next batches."""
    with _LOADING:
        return _cached_services(options)


@lru_cache(maxsize=4)
def _cached_services(options: ServiceOptions) -> Services:
    return load_services(actors=options.actors, dictionary=options.dictionary)


def code_batch(articles: list[Article], options: ServiceOptions) -> list[ProcessedArticle]:
    """The task a worker runs: parse and code a batch with the worker's own services."""
    return process_batch(articles, worker_services(options))


def check_cluster_options(workers: int, scheduler: str | None) -> None:
    """Refuse a worker count below one, or a worker count together with an existing cluster."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}", hint="e.g. --workers 2")
    if scheduler and workers != 1:
        raise InputError(
            "--workers and --scheduler cannot be combined",
            hint="the cluster at --scheduler has its own workers; drop --workers",
        )


@contextmanager
def dask_client(*, workers: int = 1, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers`` single-threaded
    worker processes that is closed on exit."""
    check_cluster_options(workers, scheduler)
    distributed = _import_distributed()
    with _distributed_logs_at(logging.getLogger().getEffectiveLevel()):
        yield from _client(distributed, workers, scheduler)


def _client(distributed: Any, workers: int, scheduler: str | None) -> Iterator[Client]:
    if scheduler:
        client = _connect(distributed, scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = local_cluster(workers)
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def local_cluster(workers: int) -> Any:
    """A dask.distributed LocalCluster of ``workers`` single-threaded processes, without a dashboard
    (its HTTP server takes a free port, so that several clusters can run side by side)."""
    return _import_distributed().LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
    )


@contextmanager
def _distributed_logs_at(level: int) -> Iterator[None]:
    """Let dask.distributed log at INFO only when overtures does (-v); otherwise only its errors, not
    its routine warnings ("Worker process still alive after 4.0 seconds, killing" at shutdown)."""
    logger = logging.getLogger("distributed")
    before = logger.level
    logger.setLevel(level if level <= logging.INFO else logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise OverturesError(
            "parallel ingest needs dask.distributed", hint="install it with pip install 'overtures[dask]'"
        ) from exc
    return distributed


def _connect(distributed: Any, scheduler: str) -> Client:
    try:
        client: Client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:
        raise OverturesError(
            f"cannot reach the Dask scheduler at {scheduler!r}: {exc}",
            hint="check the address (tcp://HOST:PORT) and that 'dask scheduler' runs there",
        ) from exc
    return client


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    db: str,
    options: ServiceOptions = ServiceOptions(),
    workers: int = 1,
    scheduler: str | None = None,
    max_chars: int = 100_000,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
    link_duplicates: bool = True,
) -> IngestSummary:
    """Read files, folders or ``-`` and ingest them into the database at ``db`` on a Dask cluster:
    a local one of ``workers`` processes, or the one at ``scheduler``."""
    check_cluster_options(workers, scheduler)
    with open_store(db) as store, dask_client(workers=workers, scheduler=scheduler) as client:
        records = read_paths(paths, max_chars=max_chars)
        return ingest_on_dask(
            records,
            store,
            client,
            options=options,
            report=report,
            progress=progress,
            link_duplicates=link_duplicates,
        )


def ingest_on_dask(
    records: Iterable[Article | RecordError],
    store: Store,
    client: Client,
    *,
    options: ServiceOptions = ServiceOptions(),
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
    max_in_flight: int | None = None,
    batch_size: int = TASK_SIZE,
    link_duplicates: bool = True,
) -> IngestSummary:
    """Store every good record (skipping unchanged ones), report every bad one, and count them all,
    with the parsing and coding done by the cluster's workers; at most ``max_in_flight`` batches (by
    default two per worker) are out at a time."""
    done = _import_distributed().as_completed()
    writer = _Writer(store=store, client=client, done=done, options=options, report=report, progress=progress)
    limit = max_in_flight or BATCHES_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
    copies: list[NearDuplicate] = []
    for batch in batched(good_records(records, writer.summary, report), batch_size):
        fresh = unstored(batch, store)
        if len(fresh) < len(batch):
            writer.summary.unchanged += len(batch) - len(fresh)
            progress(len(batch) - len(fresh))
        screened = dedup.screen(fresh, store) if link_duplicates else dedup.Screening.none(fresh)
        copies.extend(screened.copies)
        if screened.originals:
            writer.send(list(screened.originals))
        writer.drain(limit)
    writer.drain(0)
    _save_copies(copies, writer)
    return writer.summary


def _save_copies(copies: list[NearDuplicate], writer: _Writer) -> None:
    """Link near-duplicates once every original is stored; a copy whose original failed is coded itself,
    so no article is lost."""
    linkable = [c for c in copies if writer.store.article_state(c.original_id) is not None]
    orphans = [c.article for c in copies if c not in linkable and c.article is not None]
    writer.summary.duplicates += dedup.save_copies(linkable, writer.store, coder_version=CODER_VERSION)
    writer.summary.ingested += sum(c.article is not None for c in linkable)
    if orphans:
        writer.send(orphans)
        writer.drain(0)


@dataclass(kw_only=True)
class _Writer:
    """The client's side: sends batches, saves what comes back, retries failed batches article by article."""

    store: Store
    client: Client
    done: Any  # a distributed.as_completed of the batches in flight
    options: ServiceOptions
    report: Callable[[RecordError], None]
    progress: Callable[[int], None]
    summary: IngestSummary = field(default_factory=IngestSummary)
    sent: dict[Future, list[Article]] = field(default_factory=dict)

    def send(self, articles: list[Article]) -> None:
        """Submit one batch to the cluster."""
        future = self.client.submit(code_batch, articles, self.options, pure=False)
        self.sent[future] = articles
        self.done.add(future)

    def drain(self, limit: int) -> None:
        """Collect finished batches until fewer than ``limit`` are in flight (none when ``limit`` is 0)."""
        while self.done.count() > max(0, limit - 1):
            self._collect(next(self.done))

    def _collect(self, future: Future) -> None:
        articles = self.sent.pop(future)
        if future.status == "error":
            self._failed(articles, future.exception())
            return
        for processed in future.result():
            self._save(processed)
        self.progress(len(articles))

    def _save(self, processed: ProcessedArticle) -> None:
        if save(processed, self.store) is SaveResult.UNCHANGED:  # another writer stored it since the check
            self.summary.unchanged += 1
            return
        self.summary.ingested += 1
        self.summary.events += len(processed.events)

    def _failed(self, articles: list[Article], exc: BaseException) -> None:
        """Retry a failed batch one article at a time; an article that fails alone is a failed record."""
        if len(articles) > 1:
            for article in articles:
                self.send([article])
            return
        error = RecordError(where=articles[0].origin or articles[0].id, reason=f"coding failed: {exc}")
        self.report(error)
        self.summary.errors.append(error)
        self.summary.failed += 1
        self.progress(1)
