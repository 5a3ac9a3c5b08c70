"""The store: saves processed articles and reads back articles, sentences, entities and events.

The only place in overtures that talks to a database. SQLite is the default; any SQLAlchemy URL is
accepted and the SQL stays portable (the SQLite pragmas are applied only to SQLite connections).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from overtures.errors import InputError, NotFoundError, StoreError
from overtures.model import (
    Article,
    EntityMention,
    Event,
    EventCluster,
    Evidence,
    Fingerprint,
    ProcessedArticle,
    Quote,
    Sentence,
    StoredFingerprint,
)
from overtures.settings import DEFAULT_DB_URL
from overtures.store import (
    cluster_table,
    duplicate_table,
    event_tallies,
    period_table,
    schema,
    write_marker,
)
from overtures.store.aggregate import Aggregates
from overtures.store.derived import DerivedState
from overtures.store.engine import (
    DB_HINT,
    create_store_engine,
    database_errors,
    failure_reason,
    masked_url,
    writer,
)
from overtures.store.migrations import current_version, migrate
from overtures.store.query import EventQuery
from overtures.store.quote_table import quote_from_row, quote_row, quotes
from overtures.store.rules import StoreRules, installed
from overtures.store.write_marker import write_transaction

__all__ = ["EventQuery", "SaveResult", "Store", "open_store"]

_EVIDENCE_BATCH = 500  # event ids per IN (...) list, well under every backend's parameter limit


class SaveResult(enum.StrEnum):
    """What Store.save did with an article."""

    INGESTED = "ingested"  # new article
    UNCHANGED = "unchanged"  # same id, content hash and coder version: nothing written
    REPLACED = "replaced"  # same id, new hash or coder version: derived rows rewritten


ALL_ASSERTED = EventQuery()  # the default query: asserted events only


def open_store(url: str = DEFAULT_DB_URL) -> Store:
    """Open (creating if needed) the database at ``url`` and bring its schema up to date."""
    engine = create_store_engine(url)
    try:
        migrate(writer(engine))
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open database {masked_url(url)!r}: {failure_reason(exc)}", hint=DB_HINT
        ) from exc
    except StoreError:
        engine.dispose()
        raise
    return Store(url, engine)


class Store(Aggregates, DerivedState):
    """A database of processed articles: ``save`` writes one article at a time, the rest read (the
    counting reads come from Aggregates)."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self._engine = engine

    def __repr__(self) -> str:
        return f"Store({masked_url(self.url)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    @contextmanager
    def reader(self, what: str) -> Iterator[Connection]:
        """A read connection for the store's query modules; a database failure becomes a StoreError
        that names ``what`` was being done."""
        with database_errors(what), self._engine.connect() as conn:
            yield conn

    def write_marker(self) -> int:
        """A number that changes whenever any process commits a write to the store (cheap to read)."""
        with database_errors("reading the write counter"), self._engine.connect() as conn:
            return write_marker.read(conn)

    def schema_version(self) -> int:
        """The schema version the database is at."""
        with database_errors("reading the schema version"), self._engine.connect() as conn:
            return current_version(conn)

    def article_state(self, article_id: str) -> tuple[str, str] | None:
        """The content hash and coder version stored for the article, or None when it was never saved:
        ingest skips an article only when both match, so a new coder recodes old articles."""
        articles = schema.articles
        query = sa.select(articles.c.content_hash, articles.c.coder_version).where(
            articles.c.id == article_id
        )
        with database_errors(f"reading article {article_id!r}"), self._engine.connect() as conn:
            found = conn.execute(query).first()
        return (found[0], found[1]) if found is not None else None

    def save(self, processed: ProcessedArticle, *, content_hash: str, coder_version: str) -> SaveResult:
        """Store an article and everything derived from it in one transaction: all of it or none of it.

        Derived rows include the article's fingerprint as given (to find its near-duplicates later) and
        the event clusters its events join, as the installed rules (overtures.store.rules) decide."""
        return self.save_all([(processed, content_hash)], coder_version=coder_version)[0]

    def save_all(
        self, batch: Sequence[tuple[ProcessedArticle, str]], *, coder_version: str
    ) -> list[SaveResult]:
        """Store several articles, each given with its content hash, in one transaction: each with
        everything derived from it, and all of them or none, so a crash loses the batch (which a re-run
        stores again), never part of an article. One commit per batch instead of one per article."""
        for processed, _ in batch:
            _check_events_belong(processed)
        rules = installed()
        with write_transaction(self._engine, _saving(batch)) as conn:
            results = [
                result
                for run in _runs_of_distinct_ids(batch)
                for result in _save_run(conn, run, coder_version=coder_version, rules=rules)
            ]
            rules.ledger.settle(conn)
            return results

    def save_duplicate(
        self,
        article: Article,
        *,
        original_id: str,
        similarity: float,
        content_hash: str,
        coder_version: str,
        fingerprint: Fingerprint | None = None,
    ) -> SaveResult:
        """Store a near-duplicate: its article row, fingerprint and link to the original, in one
        transaction; it gets no sentences, events or quotes of its own (its events are the original's)."""
        rules = installed()
        with write_transaction(self._engine, f"saving article {article.id!r}") as conn:
            result = _write_article(
                conn, article, content_hash=content_hash, coder_version=coder_version, rules=rules
            )
            if result is SaveResult.UNCHANGED:
                return result
            duplicate_table.insert_fingerprint(conn, article.id, fingerprint)
            duplicate_table.link(conn, article.id, original_id=original_id, similarity=similarity)
            rules.ledger.settle(conn)
        return result

    def relink(self, article_id: str, *, original_id: str, similarity: float) -> None:
        """Make a stored original a near-duplicate of an earlier one, in one transaction: its derived rows
        go (its events become the original's), its row and fingerprint stay, its copies follow it."""
        rules = installed()
        with write_transaction(self._engine, f"linking article {article_id!r}") as conn:
            _require_article(conn, article_id)
            _delete_coded(conn, article_id, rules)
            duplicate_table.link(conn, article_id, original_id=original_id, similarity=similarity)
            rules.ledger.settle(conn)

    def similar_articles(self, buckets: Sequence[str], *, exclude: str) -> list[StoredFingerprint]:
        """Stored originals sharing an LSH bucket with a fingerprint (overtures.dedup), but ``exclude``,
        each with the name of its sketch."""
        with database_errors("looking up near-duplicates"), self._engine.connect() as conn:
            return duplicate_table.candidates(conn, buckets, exclude=exclude)

    def original_of(self, article_id: str) -> str | None:
        """The id of the original a near-duplicate copies; None for an original, NotFoundError if unknown."""
        with database_errors(f"reading article {article_id!r}"), self._engine.connect() as conn:
            _require_article(conn, article_id)
            return duplicate_table.original_of(conn, article_id)

    def get_article(self, article_id: str) -> Article:
        """The stored article with this id; NotFoundError when there is none."""
        with database_errors(f"reading article {article_id!r}"), self._engine.connect() as conn:
            query = sa.select(schema.articles).where(schema.articles.c.id == article_id)
            row = conn.execute(query).mappings().first()
        if row is None:
            raise _not_found(article_id)
        return schema.article_from_row(row)

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Stored articles in id order, a page at a time."""
        if limit is not None and limit < 0 or offset < 0:
            raise InputError(f"limit and offset must not be negative (got {limit}, {offset})")
        query = sa.select(schema.articles).order_by(schema.articles.c.id).limit(limit).offset(offset)
        with database_errors("listing articles"), self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [schema.article_from_row(row) for row in rows]

    def sentences(self, article_id: str) -> list[Sentence]:
        """The article's sentences in order, each with its tokens; NotFoundError for an unknown article."""
        table = schema.sentences
        query = sa.select(table).where(table.c.article_id == article_id).order_by(table.c.idx)
        with database_errors(f"reading sentences of {article_id!r}"), self._engine.connect() as conn:
            _require_article(conn, article_id)
            rows = conn.execute(query).mappings().all()
        return [schema.sentence_from_row(row) for row in rows]

    def entities(self, article_id: str) -> list[EntityMention]:
        """The article's entity mentions in saved order; NotFoundError for an unknown article."""
        table = schema.entities
        query = sa.select(table).where(table.c.article_id == article_id).order_by(table.c.ordinal)
        with database_errors(f"reading entities of {article_id!r}"), self._engine.connect() as conn:
            _require_article(conn, article_id)
            rows = conn.execute(query).mappings().all()
        return [schema.entity_from_row(row) for row in rows]

    def events(self, query: EventQuery = ALL_ASSERTED) -> list[Event]:
        """Events matching the query, with actors, location and evidence, ordered by date then id."""
        with database_errors("querying events"), self._engine.connect() as conn:
            rows = conn.execute(cluster_table.events_select(query)).mappings().all()
            evidence = _load_evidence(conn, [row["event_id"] for row in rows])
        return [
            cluster_table.with_cluster(schema.event_from_row(row, evidence.get(row["event_id"], ())), row)
            for row in rows
        ]

    def clusters(self, query: EventQuery = ALL_ASSERTED) -> list[EventCluster]:
        """Event clusters with a report matching the query: one per cluster, standing for its reports
        (counted), ordered like events by the date of the representative report."""
        with database_errors("querying event clusters"), self._engine.connect() as conn:
            rows = conn.execute(cluster_table.clusters_select(query)).mappings().all()
            evidence = _load_evidence(conn, [row["event_id"] for row in rows])
        return [cluster_table.cluster_from_row(row, evidence.get(row["event_id"], ())) for row in rows]

    def get_event(self, event_id: str) -> Event:
        """The stored event with this id, whatever its modality; NotFoundError when there is none."""
        found = self.events(EventQuery(event_id=event_id, modality=None, limit=1))
        if not found:
            raise NotFoundError(f"no event {event_id!r} in the store", hint="check the id, or list events")
        return found[0]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        mentions: str | None = None,
        article_id: str | None = None,
        limit: int | None = 1000,
        offset: int = 0,
    ) -> list[Quote]:
        """Stored quotes; ``speaker`` matches part of the name (any case), ``mentions`` a country code."""
        select = sa.select(quotes).order_by(quotes.c.article_id, quotes.c.ordinal)
        if speaker:
            select = select.where(
                sa.func.lower(quotes.c.speaker_name).contains(speaker.lower(), autoescape=True)
            )
        if mentions:
            select = select.where(quotes.c.mentions.contains(f'"{mentions.upper()}"', autoescape=True))
        if article_id:
            select = select.where(quotes.c.article_id == article_id)
        with database_errors("querying quotes"), self._engine.connect() as conn:
            rows = conn.execute(select.limit(limit).offset(offset)).mappings().all()
        return [quote_from_row(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """How many articles, sentences, entities and events are stored."""
        tables = {"articles": schema.articles, "sentences": schema.sentences}
        tables |= {"entities": schema.entities, "events": schema.events, "quotes": quotes}
        with database_errors("counting rows"), self._engine.connect() as conn:
            return {name: _count(conn, table) for name, table in tables.items()}

    def dedup_counts(self) -> dict[str, int]:
        """How many event clusters the events form, and how many articles are near-duplicates."""
        with database_errors("counting clusters"), self._engine.connect() as conn:
            return {
                "event_clusters": cluster_table.count(conn),
                "near_duplicates": duplicate_table.count(conn),
            }


def _count(conn: Connection, table: sa.Table) -> int:
    """The number of rows in a table."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def _not_found(article_id: str) -> NotFoundError:
    """The error for an article id that is not stored."""
    return NotFoundError(
        f"no article {article_id!r} in the store", hint="check the id, or ingest the article"
    )


def _require_article(conn: Connection, article_id: str) -> None:
    """Raise NotFoundError unless the article is stored, so a mistyped id is not an empty answer."""
    query = sa.select(schema.articles.c.id).where(schema.articles.c.id == article_id)
    if conn.execute(query).first() is None:
        raise _not_found(article_id)


def _check_events_belong(processed: ProcessedArticle) -> None:
    """Refuse events coded from another article: they would outlive a replacement of this one."""
    for event in processed.events:
        if event.article_id != processed.article.id:
            raise StoreError(
                f"event {event.event_id!r} belongs to article {event.article_id!r}, "
                f"not {processed.article.id!r}",
                hint="save each article with its own events",
            )


def _insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows in one statement; nothing when there are none."""
    if rows:
        conn.execute(sa.insert(table), list(rows))


def _saving(batch: Sequence[tuple[ProcessedArticle, str]]) -> str:
    """What a failed batch save was doing: "saving article 'a1'", "saving articles 'a1', 'a2', 'a3', ..."."""
    ids = [repr(processed.article.id) for processed, _ in batch]
    if len(ids) == 1:
        return f"saving article {ids[0]}"
    return f"saving articles {', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''}"


def _runs_of_distinct_ids(
    batch: Sequence[tuple[ProcessedArticle, str]],
) -> list[list[tuple[ProcessedArticle, str]]]:
    """The batch cut, in order, into runs in which no article id comes twice: an article given twice is
    written once, then replaced by its second version, as two saves one after the other would."""
    runs: list[list[tuple[ProcessedArticle, str]]] = [[]]
    for item in batch:
        if any(item[0].article.id == earlier.article.id for earlier, _ in runs[-1]):
            runs.append([])
        runs[-1].append(item)
    return [run for run in runs if run]


def _save_run(
    conn: Connection, run: Sequence[tuple[ProcessedArticle, str]], *, coder_version: str, rules: StoreRules
) -> list[SaveResult]:
    """Write articles with distinct ids and their derived rows in the caller's transaction: the article
    rows, then one multi-row insert per derived table, then the clusters, article by article in order
    (each article's events meet the clusters of those before it)."""
    results = [
        _write_article(conn, p.article, content_hash=h, coder_version=coder_version, rules=rules)
        for p, h in run
    ]
    written = [p for (p, _), result in zip(run, results, strict=True) if result is not SaveResult.UNCHANGED]
    _insert_derived(conn, written, rules)
    for processed in written:
        cluster_table.assign(conn, processed.events, rules)
    return results


def _insert_derived(conn: Connection, written: Sequence[ProcessedArticle], rules: StoreRules) -> None:
    """Insert the articles' sentences (with tokens), entity mentions, events with their evidence, quotes
    and fingerprints: one multi-row insert per table for all of them. Clusters are the caller's."""
    sentences = [schema.sentence_row(p.article.id, s) for p in written for s in p.analysed.sentences]
    _insert_rows(conn, schema.sentences, sentences)
    entities = [
        schema.entity_row(p.article.id, n, e) for p in written for n, e in enumerate(p.analysed.entities)
    ]
    _insert_rows(conn, schema.entities, entities)
    _insert_events(conn, [event for p in written for event in p.events], rules)
    _insert_rows(conn, quotes, [quote_row(n, q) for p in written for n, q in enumerate(p.quotes)])
    for processed in written:
        duplicate_table.insert_fingerprint(conn, processed.article.id, processed.fingerprint)


def _write_article(
    conn: Connection, article: Article, *, content_hash: str, coder_version: str, rules: StoreRules
) -> SaveResult:
    """Insert the article row, or replace it and delete what was derived from it; UNCHANGED when the
    stored row has the same content hash and coder version (then nothing is written)."""
    articles = schema.articles
    stored_query = sa.select(articles.c.content_hash, articles.c.coder_version)
    stored = conn.execute(stored_query.where(articles.c.id == article.id)).first()
    if stored is not None and tuple(stored) == (content_hash, coder_version):
        return SaveResult.UNCHANGED
    row = schema.article_row(article) | {
        "content_hash": content_hash,
        "coder_version": coder_version,
        "ingested_at": datetime.now(UTC),
    }
    if stored is None:
        conn.execute(sa.insert(articles).values(row))
        return SaveResult.INGESTED
    _delete_derived(conn, article.id, rules)
    conn.execute(sa.update(articles).where(articles.c.id == article.id).values(row))
    return SaveResult.REPLACED


def _delete_derived(conn: Connection, article_id: str, rules: StoreRules) -> None:
    """Delete everything derived from the article: what coding made, its fingerprint and its link."""
    _delete_coded(conn, article_id, rules)
    duplicate_table.forget(conn, article_id)


def _delete_coded(conn: Connection, article_id: str, rules: StoreRules) -> None:
    """Delete what coding derived from the article, children first (no reliance on ON DELETE CASCADE);
    the rules regroup the clusters its events leave."""
    cluster_table.detach(conn, article_id, rules)
    rules.ledger.remove(conn, article_id)
    period_table.remove(conn, article_id)
    event_tallies.remove(conn, article_id)
    events = schema.events
    event_ids = sa.select(events.c.event_id).where(events.c.article_id == article_id)
    conn.execute(sa.delete(schema.event_evidence).where(schema.event_evidence.c.event_id.in_(event_ids)))
    for table in (events, schema.entities, schema.sentences, quotes):
        conn.execute(sa.delete(table).where(table.c.article_id == article_id))


def _insert_events(conn: Connection, events: Sequence[Event], rules: StoreRules) -> None:
    """Insert the events and their evidence."""
    _insert_rows(conn, schema.events, [schema.event_row(event) for event in events])
    _insert_rows(
        conn, schema.event_evidence, [row for event in events for row in schema.evidence_rows(event)]
    )
    rules.ledger.add(conn, events)
    period_table.add(conn, events)
    event_tallies.add(conn, events)


def _load_evidence(conn: Connection, event_ids: list[str]) -> dict[str, tuple[Evidence, ...]]:
    """The evidence of each event, in saved order, fetched in batches of ids."""
    table = schema.event_evidence
    found: dict[str, list[Evidence]] = {}
    for first in range(0, len(event_ids), _EVIDENCE_BATCH):
        batch = event_ids[first : first + _EVIDENCE_BATCH]
        query = (
            sa.select(table).where(table.c.event_id.in_(batch)).order_by(table.c.event_id, table.c.ordinal)
        )
        for row in conn.execute(query).mappings():
            found.setdefault(row["event_id"], []).append(schema.evidence_from_row(row))
    return {event_id: tuple(items) for event_id, items in found.items()}
