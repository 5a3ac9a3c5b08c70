"""Store.monthly_counts (the SQL aggregate behind a dyad's series) and the query indexes of migration 4."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from overtures.model import DatePrecision, EventDate, Modality
from overtures.store import EventQuery, Store, migrate, open_store, schema
from overtures.store.query import MonthCount
from tests.store.objects import country_actor, make_event, make_processed

RUSSIA = country_actor("Russia", "RUS", "Russia")
UKRAINE = country_actor("Ukraine", "UKR", "Ukraine", sector=None)
TURKEY = country_actor("Turkey", "TUR", "Turkey")
PAGE_INDEXES = {"ix_events_dyad_series", "ix_events_page_oldest", "ix_events_page_newest"}


def on(day: date | None) -> EventDate:
    return EventDate(date=day, precision=DatePrecision.DAY if day else DatePrecision.PUBLICATION)


@pytest.fixture
def series(store: Store) -> Store:
    """RUS and UKR in April (one each way) and May, plus events the series must leave out."""
    events = (
        make_event("e1", "a1", date=on(date(2024, 4, 23)), goldstein=-2.0),
        make_event("e2", "a1", source=UKRAINE, target=RUSSIA, date=on(date(2024, 4, 30)), goldstein=-10.0),
        make_event("e3", "a1", date=on(date(2024, 5, 2)), goldstein=None),
        make_event("e4", "a1", date=on(None)),  # undated: in no month
        make_event("e5", "a1", date=on(date(2024, 5, 9)), modality=Modality.NEGATED, goldstein=4.0),
        make_event("e6", "a1", source=TURKEY, date=on(date(2024, 5, 9)), goldstein=1.0),  # another dyad
    )
    store.save(make_processed("a1", events=events), content_hash="h", coder_version="v")
    return store


def test_a_dyad_is_counted_in_both_directions_by_month(series: Store) -> None:
    assert series.monthly_counts(EventQuery(dyad=("ukr", "rus"))) == [
        MonthCount(month=date(2024, 4, 1), events=2, goldstein=-6.0),
        MonthCount(month=date(2024, 5, 1), events=1, goldstein=None),
    ]


def test_the_other_filters_apply_to_the_series(series: Store) -> None:
    every_modality = EventQuery(dyad=("RUS", "UKR"), modality=None, date_from=date(2024, 5, 1))
    may = MonthCount(month=date(2024, 5, 1), events=2, goldstein=4.0)  # e3 has no Goldstein score
    assert series.monthly_counts(every_modality) == [may]


def test_without_a_dyad_every_matching_dated_event_counts(series: Store) -> None:
    assert series.monthly_counts(EventQuery(country="UKR")) == [
        MonthCount(month=date(2024, 4, 1), events=2, goldstein=-6.0),
        MonthCount(month=date(2024, 5, 1), events=2, goldstein=1.0),
    ]


INDEX_NAMES = {  # read from the catalogue: SQLAlchemy does not reflect SQLite's expression indexes
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'",
    "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = 'events'",
}


def _index_names(url: str) -> set[str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = set(conn.exec_driver_sql(INDEX_NAMES[engine.dialect.name]).scalars())
    engine.dispose()
    return names


def test_a_v3_database_gets_the_query_indexes(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    assert migrate(engine, target=3) == [1, 2, 3]
    engine.dispose()
    assert not PAGE_INDEXES & _index_names(store_url)
    open_store(store_url).close()
    assert _index_names(store_url) >= PAGE_INDEXES


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
    compiled = select.limit(query.limit).offset(query.offset).compile(dialect=sqlite.dialect())
    params = [compiled.params[name] for name in compiled.positiontup or ()]  # bound, as Store.events runs it
    engine = sa.create_engine(url)
    connection = engine.raw_connection()
    try:
        rows = connection.cursor().execute(f"EXPLAIN QUERY PLAN {compiled}", params).fetchall()
    finally:
        connection.close()
        engine.dispose()
    plan = " / ".join(row[3] for row in rows)
    assert f"USING INDEX {index}" in plan
    assert "TEMP B-TREE" not in plan
