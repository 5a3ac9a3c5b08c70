"""Explicit, numbered schema migrations, recorded in the ``schema_version`` table.

Each migration is ``(version, description, apply)``; ``apply`` receives a connection inside the
migration's own transaction, so a failed migration leaves the database at the previous version.
To change the schema, append a migration; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import Grouping

from overtures.errors import StoreError
from overtures.settings import DB_ENV
from overtures.store import (
    cluster_table,
    duplicate_table,
    event_tallies,
    period_table,
    quote_table,
    relation_table,
    schema,
    write_marker,
)
from overtures.store.engine import failure_reason
from overtures.store.query import undated, unordered_dyad
from overtures.store.rules import installed


class Migration(NamedTuple):
    """One step of the schema: the version it brings the database to, and how."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_documents(conn: Connection) -> None:
    """v1: articles and what the NLP stage derives from them."""
    for table in (schema.articles, schema.sentences, schema.entities):
        table.create(conn)


def _create_events(conn: Connection) -> None:
    """v2: coded events and the evidence each was read from."""
    for table in (schema.events, schema.event_evidence):
        table.create(conn)


def _create_quotes(conn: Connection) -> None:
    """v3: direct quotes with their speakers."""
    quote_table.quotes.create(conn)


def _create_dedup(conn: Connection) -> None:
    """v5: article fingerprints and near-duplicate links, event clusters; filled in for what is stored, by
    the installed rules."""
    for table in (*duplicate_table.TABLES, cluster_table.event_clusters):
        table.create(conn)
    conn.exec_driver_sql(cluster_table.MATCH_INDEX)
    rules = installed()
    duplicate_table.backfill(conn, rules)
    cluster_table.backfill(conn, rules)


def _query_indexes() -> list[sa.Index]:
    """v4's indexes, on a copy of the events columns they hold: schema.events stays as v2 created it.

    ix_events_dyad_series serves a dyad's time series from the index alone, in date order per direction;
    ix_events_page_oldest and ix_events_page_newest serve event pages in either date order (undated
    last, then event_id) with a filter on modality or countries, however deep the offset, without
    sorting the matching events. The expression is parenthesised, as PostgreSQL requires in an index.
    """
    names = ("event_id", "source_country", "target_country", "modality", "date", "goldstein")
    c = sa.Table(schema.events.name, sa.MetaData(), *(sa.Column(name) for name in names)).c
    filters = (c.event_id, c.modality, c.source_country, c.target_country)
    series = (c.source_country, c.target_country, c.modality, c.date, c.goldstein)
    return [
        sa.Index("ix_events_dyad_series", *series),
        sa.Index("ix_events_page_oldest", Grouping(undated(c.date)), c.date, *filters),
        sa.Index("ix_events_page_newest", Grouping(undated(c.date)), c.date.desc(), *filters),
    ]


def _add_query_indexes(conn: Connection) -> None:
    """v4: indexes for dyad series and deep event pages (measured with bench/query.py)."""
    for index in _query_indexes():
        index.create(conn)


def _aggregate_indexes() -> list[sa.Index]:
    """v6's indexes, on copies of the columns they hold, each read in the order a query groups by.

    ix_events_dyad_pair serves a dyad's series (per day: QuadClass, CAMEO code and Goldstein score) and
    its undated count, both directions as one range (the countries in alphabetical order, parenthesised
    for PostgreSQL); the two countries close it so that SQLite sees that it covers the query. The facet
    indexes give counts per root, per day and per country pair; ix_events_source_links serves the links
    between actor codes and the source side of the actor ranking, ix_events_target_actors its target
    side; ix_articles_published the articles per publication day of a series. Each also holds modality,
    the countries and the date, the filters the dashboard sets most (aggregate.INDEXED_FILTERS), after
    the grouped columns: an index led by modality would look, to a planner without statistics, like the
    best way to find an event page (it is not: five values), and the page indexes would go unused.
    """
    names = (
        *(f"{role}_{name}" for role in ("source", "target") for name in ("country", "code", "name")),
        *("modality", "date", "root", "quad_class", "cameo", "goldstein"),
    )
    c = sa.Table(schema.events.name, sa.MetaData(), *(sa.Column(name) for name in names)).c
    published = sa.Table(schema.articles.name, sa.MetaData(), sa.Column("published")).c.published
    first, second = (Grouping(country) for country in unordered_dyad(c.source_country, c.target_country))
    series = (c.modality, c.date, c.quad_class, c.cameo, c.goldstein, c.source_country, c.target_country)
    source = (c.source_code, c.target_code, c.source_country, c.source_name, c.modality)
    target = (c.target_code, c.target_country, c.target_name, c.source_code, c.modality)
    return [
        sa.Index("ix_events_dyad_pair", first, second, *series),
        sa.Index("ix_events_facet_root", c.root, c.modality, c.source_country, c.target_country, c.date),
        sa.Index("ix_events_facet_date", c.date, c.modality, c.source_country, c.target_country),
        sa.Index("ix_events_facet_countries", c.source_country, c.target_country, c.modality, c.date),
        sa.Index("ix_events_source_links", *source, c.quad_class, c.goldstein, c.target_country, c.date),
        sa.Index("ix_events_target_actors", *target, c.source_country, c.date),
        sa.Index("ix_articles_published", published),
    ]


def _add_aggregate_indexes(conn: Connection) -> None:
    """v6: indexes for dyad series, facets, actors and links (measured with bench/query.py); the dyad
    index replaces v4's ix_events_dyad_series, which it covers."""
    conn.exec_driver_sql("DROP INDEX ix_events_dyad_series")
    for index in _aggregate_indexes():
        index.create(conn)


def _create_derived_state(conn: Connection) -> None:
    """v7: the stored relations ledger, the dyad tallies per period and the event tallies of the
    aggregates, filled in for what is stored."""
    for table in (*relation_table.TABLES, period_table.dyad_periods, *event_tallies.TABLES):
        table.create(conn)
    rebuild_derived(conn)


def _add_state_precision(conn: Connection) -> None:
    """v9: the relations ledger's rows say how precisely their dates are known (a state read from "in
    2021" starts in 2021, not on a day of it); the table is made again and the ledger rebuilt."""
    relation_table.relation_states.drop(conn)
    relation_table.relation_states.create(conn)
    installed().ledger.rebuild(conn)


def _key_organisations(conn: Connection) -> None:
    """v10: the relations ledger keys international organisations by their actor codes (IGOEUREEC, longer
    than a country's code) as well as countries: its tables are made again, wider, and the ledger rebuilt."""
    for table in reversed(relation_table.TABLES):
        table.drop(conn)
    for table in relation_table.TABLES:
        table.create(conn)
    installed().ledger.rebuild(conn)


def _resketch(conn: Connection) -> None:
    """v11: fingerprints of the sketch overtures now makes (its own MinHash, not datasketch's): every
    stored article is fingerprinted again, so that new articles are compared with what is stored."""
    for table in (duplicate_table.article_buckets, duplicate_table.article_signatures):
        conn.execute(sa.delete(table))
    duplicate_table.backfill(conn, installed())


def _rebuild_ledger(conn: Connection) -> None:
    """v12: a point state of the relations ledger keeps the sentences of its first reports only (it kept
    every report's, thousands for a much-reported state): the ledger is rebuilt."""
    installed().ledger.rebuild(conn)


def rebuild_derived(conn: Connection) -> None:
    """Compute the stored ledger (by the installed rules) and the dyad and event tallies again from every
    stored event."""
    installed().ledger.rebuild(conn)
    period_table.rebuild(conn)
    event_tallies.rebuild(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, sentences and entities", _create_documents),
    Migration(2, "events and their evidence", _create_events),
    Migration(3, "quotes with their speakers", _create_quotes),
    Migration(4, "indexes for dyad series and event pages", _add_query_indexes),
    Migration(5, "near-duplicate articles and event clusters", _create_dedup),
    Migration(6, "indexes for dyad series, facets, actors and links", _add_aggregate_indexes),
    Migration(7, "stored relations ledger, dyad tallies per period and event tallies", _create_derived_state),
    Migration(8, "a counter of write transactions, for caches of reads", write_marker.create),
    Migration(9, "the precision of the relations ledger's dates", _add_state_precision),
    Migration(10, "the relations ledger keyed on organisations too", _key_organisations),
    Migration(11, "article fingerprints of the current sketch", _resketch),
    Migration(12, "the relations ledger's point states keep their first sentences", _rebuild_ledger),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database; 0 for a database overtures never touched."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def _refuse_newer(version: int) -> None:
    """Raise when the database was written by a newer overtures than this one."""
    if version > LATEST_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this overtures knows ({LATEST_VERSION})",
            hint=f"upgrade overtures, or point --db / {DB_ENV} at another database",
        )


def _apply(engine: Engine, migration: Migration) -> bool:
    """Apply one migration in its own transaction unless another process already did; True if applied."""
    with engine.begin() as conn:
        if current_version(conn) >= migration.version:
            return False
        schema.schema_version.create(conn, checkfirst=True)
        migration.apply(conn)
        conn.execute(
            sa.insert(schema.schema_version).values(
                version=migration.version, description=migration.description, applied_at=datetime.now(UTC)
            )
        )
    return True


def migrate(engine: Engine, *, target: int = LATEST_VERSION) -> list[int]:
    """Bring the schema up to ``target`` by applying the missing migrations in order; return those applied.

    The engine should begin write transactions (the store passes its writer, which takes SQLite's write
    lock up front), so that two processes opening a new database do not both create it.
    """
    with engine.connect() as conn:
        found = current_version(conn)
    _refuse_newer(found)
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= found or migration.version > target:
            continue
        try:
            if _apply(engine, migration):
                applied.append(migration.version)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"migration {migration.version} ({migration.description}) failed: {failure_reason(exc)}",
                hint="the database is left at the previous version; check that it belongs to overtures",
            ) from exc
    return applied
