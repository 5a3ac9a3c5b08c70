"""Parallel ingest: worker processes parse and code batches of articles, this process alone writes them.

The workers are a local pool of processes (``--workers N``) or those of a Dask distributed cluster
(``--scheduler tcp://HOST:PORT``); both are concurrent.futures Executors, driven by the one ingest loop,
``pipeline.ingest_batches``, which a one-worker ingest runs in-process. Each worker loads the spaCy
pipeline and the coder once (a cached loader keyed by the actor and dictionary files) and sends back
ProcessedArticle objects, which this process saves. At most a fixed number of batches are out at a time,
so memory stays bounded whatever the corpus size.

A local pool rather than a local Dask cluster: on one machine Dask's scheduler, nannies and comms cost a
second process per worker and more CPU time (measured in the README, "Scaling").
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from overtures.coding.version import coder_version
from overtures.errors import InputError, OverturesError
from overtures.model import Article, IngestSummary, ProcessedArticle, RecordError
from overtures.pipeline import (
    Coding,
    IngestOptions,
    Services,
    ingest_batches,
    load_services,
    process_batch,
)

if TYPE_CHECKING:
    from overtures.store import Store

# dask.distributed is an optional, partly typed dependency: its client is typed as this alias.
Client = Any

CONNECT_TIMEOUT = "10s"
BATCHES_PER_WORKER = 2  # batches in flight per worker: one being coded, one waiting
PARENT_CHECK_SECONDS = 1.0  # how often a local worker checks that the ingest it serves still runs


@dataclass(frozen=True, kw_only=True, slots=True)
class ServiceOptions:
    """What a worker needs to load its services: the optional user actor and dictionary files, and
    whether to parse every line (overtures.selective)."""

    actors: Path | None = None
    dictionary: Path | None = None
    full_parse: bool = False

    @classmethod
    def of(
        cls, *, actors: Path | None = None, dictionary: Path | None = None, full_parse: bool = False
    ) -> ServiceOptions:
        """Options with absolute paths, so that workers started elsewhere find the same files."""
        return cls(
            actors=actors and actors.resolve(),
            dictionary=dictionary and dictionary.resolve(),
            full_parse=full_parse,
        )


_LOADING = threading.Lock()


def worker_services(options: ServiceOptions) -> Services:
    """This process's services for these options, loaded on first use and kept for the next batches."""
    with _LOADING:
        return _cached_services(options)


@lru_cache(maxsize=4)
def _cached_services(options: ServiceOptions) -> Services:
    return load_services(actors=options.actors, dictionary=options.dictionary, full_parse=options.full_parse)


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
def executor(*, workers: int = 1, scheduler: str | None = None) -> Iterator[tuple[cf.Executor, int]]:
    """An executor and its number of workers: the Dask cluster at ``scheduler``, or a local pool of
    ``workers`` processes that is shut down on exit."""
    check_cluster_options(workers, scheduler)
    if scheduler is None:
        with local_pool(workers) as pool:
            yield pool, workers
        return
    distributed = _import_distributed()
    with _distributed_logs_at(logging.getLogger().getEffectiveLevel()):
        client = _connect(distributed, scheduler)
        try:
            yield client.get_executor(pure=False), max(1, len(client.scheduler_info()["workers"]))
        finally:
            client.close()


def local_pool(workers: int) -> cf.ProcessPoolExecutor:
    """A pool of ``workers`` processes, started the fastest safe way the platform allows: forked from
    this process when it runs no other thread (the workers then start with everything already imported,
    as spaCy's own ``n_process`` workers do), else forked from a fork server that imports overtures
    once (a thread holding a lock at the fork could deadlock a child), else spawned. Each worker exits
    when this process is gone, even if it was killed."""
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        multiprocessing.set_forkserver_preload([__name__])
    return cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_watch_parent)


def start_method() -> str:
    """How ``local_pool`` starts its workers here and now (see there)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _watch_parent() -> None:
    """Run in each worker as it starts: end the worker once the process that started it has died (it is
    then adopted by another). A forked worker holds both ends of the pool's pipes, so it would not see
    the ingest die and would wait forever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="overtures-parent-watch", daemon=True).start()


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


def ingest_parallel(
    records: Iterable[Article | RecordError],
    store: Store,
    pool: cf.Executor,
    *,
    workers: int,
    options: ServiceOptions = ServiceOptions(),
    max_in_flight: int | None = None,
    **ingest: Unpack[IngestOptions],
) -> IngestSummary:
    """``pipeline.ingest_batches`` with the parsing and coding done by the ``workers`` of ``pool``; at
    most ``max_in_flight`` batches (by default two per worker) are out at a time."""
    coding = Coding(
        pool=pool,
        task=partial(code_batch, options=options),
        version=coder_version(actors=options.actors, dictionary=options.dictionary),
        in_flight=max_in_flight or BATCHES_PER_WORKER * max(1, workers),
    )
    return ingest_batches(records, store, coding, **ingest)
