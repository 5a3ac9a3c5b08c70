"""The query indexes of migrations 4 (event pages) and 6 (dyad series, facets, actors, links), and the
SQLite plans that use them: each read comes from an index alone, in its order, without sorting events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from overtures.relations import dyad_series, undated_events
from overtures.store import LATEST_VERSION, EventQuery, Store, migrate, open_store, schema
from overtures.store.engine import create_store_engine, writer

PAGE_INDEXES = {"ix_events_page_oldest", "ix_events_page_newest"}
V6_INDEXES = {
    "ix_events_dyad_pair",
    "ix_events_facet_root",
    "ix_events_facet_date",
    "ix_events_facet_countries",
    "ix_events_source_links",
    "ix_events_target_actors",
}

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
    return " / ".join(detail for _parent, detail in explain(url, str(compiled), params))


def explain(url: str, statement: str, params: Any) -> list[tuple[int, str]]:
    """SQLite's EXPLAIN QUERY PLAN of a statement: (parent step, what it does) per step."""
    engine = sa.create_engine(url)
    connection = engine.raw_connection()
    try:
        rows = connection.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", params).fetchall()
    finally:
        connection.close()
        engine.dispose()
    return [(parent, detail) for _id, parent, _unused, detail in rows]


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


def test_a_v5_database_gets_the_v6_indexes_in_place_of_the_v4_dyad_index(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    assert migrate(engine, target=5) == [1, 2, 3, 4, 5]
    engine.dispose()
    assert "ix_events_dyad_series" in index_names(store_url)
    assert not V6_INDEXES & index_names(store_url)
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST_VERSION
    assert index_names(store_url) >= V6_INDEXES | PAGE_INDEXES
    assert "ix_events_dyad_series" not in index_names(store_url)
    assert "ix_articles_published" in index_names(store_url, "articles")


@pytest.fixture
def traced(tmp_path: Path) -> Iterator[tuple[Store, list[tuple[str, Any]]]]:
    """A store on an empty SQLite database, and the statements it runs, with their parameters."""
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    engine = create_store_engine(url)
    migrate(writer(engine))
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if statement.lstrip().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    store = Store(url, engine)
    yield store, statements
    store.close()


SERIES_INDEXES = {"ix_events_dyad_pair", "ix_articles_published"}
SINCE = EventQuery(date_from=date(2016, 1, 1))  # a date filter: the stored tallies cannot answer
READS: dict[str, tuple[Callable[[Store], object], set[str]]] = {
    "dyad series": (lambda store: dyad_series(store, "AFG", "PAK"), SERIES_INDEXES),
    "directed weekly series": (
        lambda store: dyad_series(store, "PAK", "AFG", by="week", directed=True),
        SERIES_INDEXES,
    ),
    "undated events": (lambda store: undated_events(store, "AFG", "PAK"), {"ix_events_dyad_pair"}),
    "facets since a day": (
        lambda store: store.facets(SINCE),
        {"ix_events_facet_root", "ix_events_facet_date", "ix_events_facet_countries"},
    ),
    "facets of a country since a day": (
        lambda store: store.facets(EventQuery(country="IRN", date_from=date(2020, 1, 1))),
        {"ix_events_facet_root", "ix_events_facet_date", "ix_events_facet_countries"},
    ),
    "actors since a day": (
        lambda store: store.actors(SINCE, limit=50),
        {"ix_events_source_links", "ix_events_target_actors"},
    ),
    "network nodes since a day": (
        lambda store: store.actors(SINCE, codes=["AFG", "PAKGOV"]),
        {"ix_events_source_links", "ix_events_target_actors"},
    ),
    "links since a day": (lambda store: store.links(SINCE, limit=300), {"ix_events_source_links"}),
    "links of a country since a day": (
        lambda store: store.links(EventQuery(country="IRN", date_from=date(2020, 1, 1)), limit=300),
        {"ix_events_source_links"},
    ),
}


@pytest.mark.parametrize("read", list(READS))
def test_series_and_counts_read_covering_indexes_in_their_order(
    traced: tuple[Store, list[tuple[str, Any]]], read: str
) -> None:
    """Every table read is from an index alone, and no GROUP BY over the events sorts them (the series
    and the actor ranking then group their few grouped rows further)."""
    store, statements = traced
    call, indexes = READS[read]
    call(store)
    used: set[str] = set()
    for statement, params in statements:
        steps = explain(store.url, statement, params)
        reads = [(parent, detail) for parent, detail in steps if detail.startswith(("SCAN", "SEARCH"))]
        reads = [(parent, detail) for parent, detail in reads if detail.split()[1] in ("events", "articles")]
        assert reads and all("USING COVERING INDEX" in detail for _parent, detail in reads), steps
        used |= {detail.split("COVERING INDEX ")[1].split()[0] for _parent, detail in reads}
        sorts = {parent for parent, detail in steps if detail == "USE TEMP B-TREE FOR GROUP BY"}
        assert not sorts & {parent for parent, _detail in reads}, steps
    assert used == indexes


@pytest.mark.parametrize(
    "query", [EventQuery(cameo="04"), EventQuery(location="Zaporizhzhia"), EventQuery(text="shelling")]
)
def test_a_filter_the_indexes_lack_reads_the_matching_events_once(
    traced: tuple[Store, list[tuple[str, Any]]], query: EventQuery
) -> None:
    """In one pass (of the table, or of an index that holds every column needed), not with a row lookup
    per entry of an index that holds the grouped columns but not the filtered ones."""
    store, statements = traced
    store.facets(query)
    store.actors(query, limit=50)
    store.links(query, limit=300)
    assert len(statements) == 5
    for statement, params in statements:
        steps = [detail for _parent, detail in explain(store.url, statement, params)]
        reads = [detail for detail in steps if detail.startswith(("SCAN events", "SEARCH events"))]
        assert "MATERIALIZE matching" in steps and len(reads) == 1, steps
        assert reads[0] == "SCAN events" or reads[0].startswith("SCAN events USING COVERING INDEX"), steps


TALLIED: dict[str, Callable[[Store], object]] = {
    "facets": lambda store: store.facets(EventQuery()),
    "facets of a dyad": lambda store: store.facets(EventQuery(dyad=("AFG", "PAK"))),
    "actors": lambda store: store.actors(EventQuery(country="IRN"), limit=50),
    "network nodes": lambda store: store.actors(EventQuery(), codes=["AFG", "PAKGOV"]),
    "links": lambda store: store.links(EventQuery(modality=None), limit=300),
}


@pytest.mark.parametrize("read", list(TALLIED))
def test_counts_without_a_date_filter_read_the_stored_tallies_not_the_events(
    traced: tuple[Store, list[tuple[str, Any]]], read: str
) -> None:
    """Facets, actors and links filtered only on what the tallies hold never read the events table."""
    store, statements = traced
    TALLIED[read](store)
    tables = set()
    for statement, params in statements:
        steps = explain(store.url, statement, params)
        tables |= {detail.split()[1] for _parent, detail in steps if detail.startswith(("SCAN", "SEARCH"))}
    assert tables & {"event_tallies", "event_months"} and not tables & {"events", "matching"}
