"""The query indexes of migration 4 (event pages) and the plans that use them."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from overtures.store import EventQuery, migrate, open_store, schema

PAGE_INDEXES = {"ix_events_page_oldest", "ix_events_page_newest"}

INDEX_NAMES = {  # read from the catalogue: SQLAlchemy does not reflect SQLite's expression indexes
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table",
    "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = :table",
}


def index_names(url: str, table: str = "events") -> set[str]:
    """The names of the table's indexes, read from the database's catalogue."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        query = sa.text(INDEX_NAMES[engine.dialect.name])
        names = set(conn.execute(query, {"table": table}).scalars())
    engine.dispose()
    return names


def query_plan(url: str, select: sa.Select[tuple[object, ...]]) -> str:
    """SQLite's EXPLAIN QUERY PLAN of the select, with its parameters bound as the store binds them."""
    compiled = select.compile(dialect=sqlite.dialect())
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    engine = sa.create_engine(url)
    connection = engine.raw_connection()
    try:
        rows = connection.cursor().execute(f"EXPLAIN QUERY PLAN {compiled}", params).fetchall()
    finally:
        connection.close()
        engine.dispose()
    return " / ".join(row[3] for row in rows)


def test_a_v3_database_gets_the_page_indexes(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    assert migrate(engine, target=3) == [1, 2, 3]
    engine.dispose()
    assert not PAGE_INDEXES & index_names(store_url)
    open_store(store_url).close()
    assert index_names(store_url) >= PAGE_INDEXES


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (EventQuery(country="IRN", limit=50, offset=5000), "ix_events_page_oldest"),
        (EventQuery(country="IRN", limit=50, offset=5000, order="-date"), "ix_events_page_newest"),
        (EventQuery(modality=None, limit=50, offset=5000), "ix_events_page_oldest"),
    ],
)
def test_event_pages_are_read_in_index_order_without_a_sort(
    tmp_path: Path, query: EventQuery, index: str
) -> None:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    open_store(url).close()
    select = sa.select(schema.events).where(*query.conditions()).order_by(*query.ordering())
    plan = query_plan(url, select.limit(query.limit).offset(query.offset))
    assert f"USING INDEX {index}" in plan
    assert "TEMP B-TREE" not in plan
