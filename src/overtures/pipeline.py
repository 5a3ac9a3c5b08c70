"""One path through the stages: read -> parse -> code -> store.

``process_batch`` is what the CLI, the API's ingest endpoint and the parallel workers (parallel.py) all call;
``run_ingest`` streams records from readers into a store in batches, so memory stays bounded whatever
the corpus size, and reports each bad record as it goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from overtures import dedup
from overtures.coding.coder import CODER_VERSION, Coder, load_coder
from overtures.headlines import recase
from overtures.ingest.common import content_hash
from overtures.model import Article, Event, IngestSummary, Outcome, ProcessedArticle, RecordError
from overtures.nlp import analyse, load_nlp, parse
from overtures.quotes import find_quotes
from overtures.settings import BATCH_SIZE, PARSE_BATCH

if TYPE_CHECKING:
    from spacy.language import Language

    from overtures.store import SaveResult, Store


@dataclass(frozen=True, kw_only=True)
class Services:
    """The loaded models and data every stage needs, built once per process."""

    nlp: Language
    coder: Coder


def load_services(*, actors: Path | None = None, dictionary: Path | None = None) -> Services:
    """Load the spaCy pipeline, the actor knowledge base and the CAMEO dictionary."""
    return Services(nlp=load_nlp(), coder=load_coder(actors=actors, dictionary=dictionary))


def process_batch(
    articles: Sequence[Article], services: Services, *, n_process: int = 1
) -> list[ProcessedArticle]:
    """Parse and code a batch of articles."""
    out = []
    sentence_case = partial(recase, common=services.coder.common_word)
    for article, doc in parse(
        services.nlp, articles, batch_size=PARSE_BATCH, n_process=n_process, prepare=sentence_case
    ):
        events = services.coder.code(article, doc)
        quotes = find_quotes(article, doc, kb=services.coder.kb)
        out.append(ProcessedArticle(analysed=analyse(article, doc), events=events, quotes=quotes))
    return out


def extract(articles: Iterable[Article], services: Services) -> Iterator[Event]:
    """Code articles without a database, yielding their events in input order."""
    for batch in batched(articles, BATCH_SIZE):
        for processed in process_batch(batch, services):
            yield from processed.events


def run_ingest(
    records: Iterable[Article | RecordError],
    store: Store,
    services: Services,
    *,
    report: Callable[[RecordError], None] = lambda error: None,
    progress: Callable[[int], None] = lambda done: None,
    link_duplicates: bool = True,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Store every good record (skipping unchanged ones), report every bad one, and count them all.
    With ``link_duplicates`` False every article is coded, near-duplicates too.

    Near-duplicates of stored articles or of earlier ones in the batch are stored linked to their
    original and not coded (overtures.dedup); they are saved after the batch's originals."""
    summary = IngestSummary()
    for batch in batched(good_records(records, summary, report), batch_size):
        fresh = unstored(batch, store)
        summary.unchanged += len(batch) - len(fresh)
        screened = dedup.screen(fresh, store) if link_duplicates else dedup.Screening.none(fresh)
        processed = process_batch(screened.originals, services)
        save_all(processed, store)
        summary.ingested += len(processed)
        summary.events += sum(len(p.events) for p in processed)
        summary.duplicates += dedup.save_copies(screened.copies, store, coder_version=CODER_VERSION)
        summary.ingested += screened.new_copies
        progress(len(batch))
    return summary


def unstored(articles: Sequence[Article], store: Store) -> list[Article]:
    """The articles the store does not hold with the same text and coder version: those to code."""
    return [a for a in articles if store.article_state(a.id) != (content_hash(a.text), CODER_VERSION)]


def save_all(processed: Sequence[ProcessedArticle], store: Store) -> list[SaveResult]:
    """Store processed articles, each with its content hash and this coder's version, in one transaction
    (a batch costs one commit; each article is still written whole or not at all)."""
    batch = [(p, content_hash(p.article.text)) for p in processed]
    return store.save_all(batch, coder_version=CODER_VERSION) if batch else []


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
