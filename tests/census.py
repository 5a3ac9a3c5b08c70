"""What a database holds, read with plain SQL queries and not through the Store: per-article row
counts, orphan rows, duplicates, the schema's tables, and every row for comparing two databases."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from overtures.store import migrate, schema
from overtures.store.engine import create_store_engine, writer
from overtures.store.quote_table import quotes
from overtures.store.write_marker import store_writes

ARTICLE_TABLES = {
    "sentences": schema.sentences,
    "entities": schema.entities,
    "events": schema.events,
    "quotes": quotes,
}


def _ids() -> sa.Select[str]:
    return sa.select(schema.articles.c.id)


def per_article_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """For each stored article, its rows in every table derived from it (evidence through its events)."""
    found = {
        article_id: dict.fromkeys([*ARTICLE_TABLES, "evidence"], 0) for article_id in conn.scalars(_ids())
    }
    for name, table in ARTICLE_TABLES.items():
        query = sa.select(table.c.article_id, sa.func.count()).group_by(table.c.article_id)
        for article_id, count in conn.execute(query):
            found.setdefault(article_id, {})[name] = count
    events, evidence = schema.events, schema.event_evidence
    query = (
        sa.select(events.c.article_id, sa.func.count())
        .join(evidence, evidence.c.event_id == events.c.event_id)
        .group_by(events.c.article_id)
    )
    for article_id, count in conn.execute(query):
        found.setdefault(article_id, {})["evidence"] = count
    return found


def orphan_rows(conn: Connection) -> dict[str, int]:
    """Rows whose article or event is missing, and events without evidence: only those that exist."""
    evidence, events = schema.event_evidence, schema.events
    checks: dict[str, tuple[sa.Table, sa.ColumnElement[bool]]] = {
        name: (table, table.c.article_id.not_in(_ids().scalar_subquery()))
        for name, table in ARTICLE_TABLES.items()
    }
    event_ids = sa.select(events.c.event_id).scalar_subquery()
    checks["evidence"] = (evidence, evidence.c.event_id.not_in(event_ids))
    evidence_ids = sa.select(evidence.c.event_id).scalar_subquery()
    checks["events without evidence"] = (events, events.c.event_id.not_in(evidence_ids))
    counts = {
        name: int(conn.execute(sa.select(sa.func.count()).select_from(table).where(orphan)).scalar_one())
        for name, (table, orphan) in checks.items()
    }
    return {name: count for name, count in counts.items() if count}


def duplicate_articles(conn: Connection) -> list[str]:
    """Article ids stored more than once."""
    ids = schema.articles.c.id
    return list(conn.scalars(sa.select(ids).group_by(ids).having(sa.func.count() > 1)))


def schema_state(conn: Connection) -> tuple[int, set[str]]:
    """The recorded schema version and the tables that exist."""
    names = set(sa.inspect(conn).get_table_names())
    if "schema_version" not in names:
        return 0, names
    version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0), names


def tables_at(version: int) -> set[str]:
    """The tables a database migrated to this schema version has (from a scratch in-memory database)."""
    engine = create_store_engine("sqlite://")
    migrate(writer(engine), target=version)
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    return names


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the ingest time, sorted: two ingests of the same input compare equal."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = {
            table.name: sorted(
                (
                    tuple(row)
                    for row in conn.execute(sa.select(*(c for c in table.c if c.name != "ingested_at")))
                ),
                key=repr,  # derived tables hold NULLs beside strings: any fixed order will do
            )
            for table in schema.metadata.sorted_tables
            if table not in (schema.schema_version, store_writes)  # counts transactions, not content
        }
    engine.dispose()
    return rows
