"""One path through the stages: read -> parse -> code -> store.

``process_batch`` parses and codes; the CLI, the API's ingest endpoint and the parallel workers
(parallel.py) all call it. ``ingest_batches`` is the one ingest loop: it streams records into a store in
batches, so memory stays bounded whatever the corpus size, reports each bad record as it goes, and has
the batches coded on an executor: in this process for one worker (``run_ingest``), on worker processes
or a Dask cluster otherwise (parallel.py). Only this process writes. ``STORE_RULES`` are the decisions
the store's writes ask for (overtures.store.rules): fingerprints, event clusters and the relations
ledger.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypedDict, TypeVar, Unpack

from overtures import clusters, dedup
from overtures.actors.kbbase import no_cyclic_gc
from overtures.coding.coder import Coder, load_coder
from overtures.errors import OverturesError
from overtures.headlines import english_words, recase
from overtures.ingest.common import content_hash
from overtures.model import Article, Event, IngestSummary, Outcome, ProcessedArticle, RecordError
from overtures.nlp import analyse, load_nlp, parse
from overtures.quotes import find_quotes
from overtures.relations.stored import LEDGER_RULES
from overtures.selective import Screen, build_screen
from overtures.settings import BATCH_SIZE, PARSE_BATCH
from overtures.store import SaveResult
from overtures.store.rules import StoreRules

if TYPE_CHECKING:
    from spacy.language import Language

    from overtures.store import Store

P = ParamSpec("P")
T = TypeVar("T")

STORE_RULES = StoreRules(
    fingerprint=dedup.fingerprint,
    search=clusters.search_window,
    join=clusters.join,
    split=clusters.split,
    ledger=LEDGER_RULES,
)


@dataclass(frozen=True, kw_only=True)
class Services:
    """The loaded models and data every stage needs, built once per process."""

    nlp: Language
    coder: Coder
    screen: Screen | None = None  # which lines the pipeline reads (None: every line, the full parse)


def load_services(
    *, actors: Path | None = None, dictionary: Path | None = None, full_parse: bool = False
) -> Services:
    """Load the spaCy pipeline, the actor knowledge base and the CAMEO dictionary; unless ``full_parse``,
    with the screen that leaves out the lines that cannot yield an event (overtures.selective).

    They are built with the cyclic garbage collector paused (none of them is garbage), and the first
    services of a process are then frozen out of its reach (``_freeze_once``)."""
    with no_cyclic_gc():
        nlp = load_nlp()
        coder = load_coder(actors=actors, dictionary=dictionary)
        screen = None if full_parse else build_screen(nlp, coder.kb, coder.dictionary)
    _freeze_once()
    return Services(nlp=nlp, coder=coder, screen=screen)


@lru_cache(maxsize=1)
def _freeze_once() -> None:
    """Move every object the process holds so far out of the cyclic collector's reach, once: the model
    and the data live as long as the process, and each full collection would otherwise walk them all.
    Once only, since any garbage among them is kept for good."""
    gc.freeze()


def process_batch(
    articles: Sequence[Article], services: Services, *, n_process: int = 1
) -> list[ProcessedArticle]:
    """Parse and code a batch of articles."""
    out = []
    common = partial(services.coder.common_word, lexicon=english_words(services.nlp))
    sentence_case = partial(recase, common=common)
    screen = services.screen
    prepare = sentence_case if screen is None else lambda text: screen.mask(sentence_case(text))
    for article, doc in parse(
        services.nlp, articles, batch_size=PARSE_BATCH, n_process=n_process, prepare=prepare
    ):
        events = services.coder.code(article, doc)
        quotes = find_quotes(article, doc, kb=services.coder.kb)
        fingerprint = dedup.fingerprint(article.text)  # here, on a worker, not by the one writer
        analysed = analyse(article, doc)
        out.append(ProcessedArticle(analysed=analysed, events=events, quotes=quotes, fingerprint=fingerprint))
    return out


def extract(articles: Iterable[Article], services: Services) -> Iterator[Event]:
    """Code articles without a database, yielding their events in input order."""
    for batch in batched(articles, BATCH_SIZE):
        for processed in process_batch(batch, services):
            yield from processed.events


class InProcess(cf.Executor):
    """An executor that runs each task at once, in this process: the executor of a one-worker ingest."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> cf.Future[T]:
        future: cf.Future[T] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # the loop retries the batch article by article, as for a worker
            future.set_exception(exc)
        return future


@dataclass(frozen=True, kw_only=True)
class Coding:
    """Where batches are coded: the executor, the task it runs on a batch, the version of the coder the
    task uses (stored with each article) and how many batches may be out at a time."""

    pool: cf.Executor
    task: Callable[[list[Article]], list[ProcessedArticle]]
    version: str
    in_flight: int = 1


class IngestOptions(TypedDict, total=False):
    """The keyword arguments of ``ingest_batches`` that its callers pass through."""

    report: Callable[[RecordError], None]
    progress: Callable[[int], None]
    link_duplicates: bool
    batch_size: int
    commit_size: int


def run_ingest(
    records: Iterable[Article | RecordError],
    store: Store,
    services: Services,
    **options: Unpack[IngestOptions],
) -> IngestSummary:
    """``ingest_batches`` with every batch coded in this process by ``services``."""
    task = partial(process_batch, services=services)
    coding = Coding(pool=InProcess(), task=task, version=services.coder.version)
    return ingest_batches(records, store, coding, **options)


def ingest_batches(
    records: Iterable[Article | RecordError],
    store: Store,
    coding: Coding,
    *,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
    link_duplicates: bool = True,
    batch_size: int = BATCH_SIZE,
    commit_size: int | None = None,
) -> IngestSummary:
    """Store every good record (skipping unchanged ones), report every bad one, and count them all.
    With ``link_duplicates`` False every article is coded, near-duplicates too. Coded batches are
    committed together once they hold ``commit_size`` articles (None: ``batch_size``), and whatever is
    coded once no batch is out.

    Near-duplicates of stored articles or of earlier ones in the batch are stored linked to their
    original and not coded (overtures.dedup), once no batch is out, so that their originals are stored;
    a copy whose original failed is coded itself. A batch that fails is retried one article at a time,
    and only the articles that fail alone are reported as failed records."""
    writer = _Writer(
        store=store, coding=coding, report=report, progress=progress, commit_size=commit_size or batch_size
    )
    for batch in batched(good_records(records, writer.summary, report), batch_size):
        fresh = unstored(batch, store, coding.version)
        if len(fresh) < len(batch):
            writer.summary.unchanged += len(batch) - len(fresh)
            progress(len(batch) - len(fresh))
        screened = dedup.screen(fresh, store) if link_duplicates else dedup.Screening.none(fresh)
        writer.copies.extend(screened.copies)
        if screened.originals:
            writer.send(list(screened.originals))
        writer.drain(coding.in_flight)
    writer.drain(0)
    return writer.summary


def unstored(articles: Sequence[Article], store: Store, version: str) -> list[Article]:
    """The articles the store does not hold with the same text and coder version: those to code."""
    return [a for a in articles if store.article_state(a.id) != (content_hash(a.text), version)]


def save_all(processed: Sequence[ProcessedArticle], store: Store, version: str) -> list[SaveResult]:
    """Store processed articles, each with its fingerprint (made here where ``process_batch`` made none:
    too short a text, or an article processed elsewhere), content hash and the coder's version, in one
    transaction (a batch costs one commit; each article is still written whole or not at all)."""
    batch = [(_fingerprinted(p), content_hash(p.article.text)) for p in processed]
    return store.save_all(batch, coder_version=version) if batch else []


def _fingerprinted(processed: ProcessedArticle) -> ProcessedArticle:
    if processed.fingerprint is not None:
        return processed
    return replace(processed, fingerprint=dedup.fingerprint(processed.article.text))


def save_copies(copies: Sequence[dedup.NearDuplicate], store: Store, version: str) -> int:
    """Store each near-duplicate, with its fingerprint, linked to its original, or relink a replaced
    stored original; call it after the originals are saved, so that no link points at nothing."""
    for copy in copies:
        if copy.article is None:
            store.relink(copy.article_id, original_id=copy.original_id, similarity=copy.similarity)
            continue
        store.save_duplicate(
            copy.article,
            original_id=copy.original_id,
            similarity=copy.similarity,
            content_hash=content_hash(copy.article.text),
            coder_version=version,
            fingerprint=dedup.fingerprint(copy.article.text),
        )
    return len(copies)


@dataclass(kw_only=True)
class _Writer:
    """The writing side: sends batches, saves what comes back, retries failed batches article by article,
    and links near-duplicates once nothing is out."""

    store: Store
    coding: Coding
    report: Callable[[RecordError], None]
    progress: Callable[[int], None]
    commit_size: int
    summary: IngestSummary = field(default_factory=IngestSummary)
    sent: dict[cf.Future[list[ProcessedArticle]], list[Article]] = field(default_factory=dict)
    coded: list[ProcessedArticle] = field(default_factory=list)  # collected, not yet committed
    copies: list[dedup.NearDuplicate] = field(default_factory=list)

    def send(self, articles: list[Article]) -> None:
        """Submit one batch for coding."""
        self.sent[self.coding.pool.submit(self.coding.task, articles)] = articles

    def drain(self, limit: int) -> None:
        """Collect finished batches until fewer than ``limit`` are out (none when ``limit`` is 0); when
        none is out, commit what is coded and store the copies met so far."""
        while len(self.sent) > max(0, limit - 1):
            done, _ = cf.wait(self.sent, return_when=cf.FIRST_COMPLETED)
            self._collect([future for future in self.sent if future in done])
        if not self.sent:
            self._commit()
            if self.copies:
                self._save_copies()

    def _collect(self, futures: list[cf.Future[list[ProcessedArticle]]]) -> None:
        """Take the batches of the finished futures, and commit them once they hold ``commit_size``
        articles: what a write costs beyond its articles (the ledger's refresh of each pair it touches,
        the commit) is then paid once for several worker batches."""
        for future in futures:
            articles = self.sent.pop(future)
            exc = future.exception()
            if isinstance(exc, cf.BrokenExecutor):
                raise OverturesError(
                    "a worker process died while coding (killed, or out of memory)",
                    hint="run the same command again: stored articles are kept and skipped",
                ) from exc
            if exc is not None:
                self._failed(articles, exc)
            else:
                self.coded += future.result()  # one processed article per article
        if len(self.coded) >= self.commit_size:
            self._commit()

    def _commit(self) -> None:
        """Store the coded batches taken so far in one transaction."""
        if not self.coded:
            return
        coded, self.coded = self.coded, []
        for done, result in zip(coded, save_all(coded, self.store, self.coding.version), strict=True):
            if result is SaveResult.UNCHANGED:  # another writer stored it since the check
                self.summary.unchanged += 1
                continue
            self.summary.ingested += 1
            self.summary.events += len(done.events)
        self.progress(len(coded))

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

    def _save_copies(self) -> None:
        """Link the near-duplicates to their stored originals; a copy whose original failed is sent to
        be coded itself, so no article is lost."""
        copies, self.copies = self.copies, []
        linkable = [c for c in copies if self.store.article_state(c.original_id) is not None]
        orphans = [c.article for c in copies if c not in linkable and c.article is not None]
        self.summary.duplicates += save_copies(linkable, self.store, self.coding.version)
        linked = sum(c.article is not None for c in linkable)
        self.summary.ingested += linked
        self.progress(linked)
        if orphans:
            self.send(orphans)
            self.drain(0)


def good_records(
    records: Iterable[Article | RecordError], summary: IngestSummary, report: Callable[[RecordError], None]
) -> Iterator[Article]:
    """The articles among the records; each error is reported and counted in the summary."""
    for record in records:
        if isinstance(record, Article):
            yield record
            continue
        report(record)
        summary.errors.append(record)
        if record.outcome is Outcome.FAILED:
            summary.failed += 1
        elif record.outcome is Outcome.SKIPPED:
            summary.skipped += 1


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
