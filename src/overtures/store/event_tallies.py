"""Stored event counts for the dashboard's aggregates (schema v7): what facets, actors and the network
count, kept per combination of the columns they group and filter by, so that they read a few thousand
rows instead of every event.

``event_tallies`` holds, per modality, root, QuadClass, and the two sides' country, code and name: how
many events, how many with a Goldstein score and the sum of the scores; ``event_months`` the events per
modality, country pair and month. Saving events adds to their rows and replacing an article takes its
old events away, in the same transaction (``counted.apply``); ``rebuild`` counts everything again.

``tallied(query)`` says whether a query can be answered from them: when it filters only on columns they
hold (no dates, CAMEO codes, places or text). Its conditions are then moved onto the tally table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql import visitors

from overtures.model import Event
from overtures.store import counted, schema
from overtures.store.query import EventQuery
from overtures.store.schema import metadata

DIMENSIONS = (
    "modality", "root", "quad_class",
    *(f"{role}_{name}" for role in ("source", "target") for name in ("country", "code", "name")),
)  # fmt: skip
MONTH_DIMENSIONS = ("modality", "source_country", "target_country", "month")
SUMS = ("events", "scored", "goldstein_sum")
# The filters of an EventQuery whose columns the tallies hold (with limit, offset and order, ignored).
TALLIED_FILTERS = frozenset({"modality", "root", "quad_class", "country", "dyad", "actor"})


def _dimension(name: str) -> sa.Column[Any]:
    return sa.Column(name, schema.events.c[name].type if name != "month" else sa.Date)


event_tallies = sa.Table(
    "event_tallies",
    metadata,
    *(_dimension(name) for name in DIMENSIONS),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("scored", sa.Integer, nullable=False),
    sa.Column("goldstein_sum", sa.Float, nullable=False),
    sa.Index("ix_event_tallies_key", "source_code", "target_code", "modality", "root"),
)

event_months = sa.Table(
    "event_months",
    metadata,
    *(_dimension(name) for name in MONTH_DIMENSIONS),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Index("ix_event_months_key", "modality", "source_country", "target_country", "month"),
)

TABLES = (event_tallies, event_months)
_COLUMNS = (*DIMENSIONS, "date", "goldstein")


def _changes(rows: Iterable[tuple[Any, ...]], sign: int) -> tuple[counted.Changes, counted.Changes]:
    """Signed tallies and monthly counts of events given as (DIMENSIONS..., date, goldstein) rows."""
    tallies: counted.Changes = {}
    months: counted.Changes = {}
    for row in rows:
        *key, day, goldstein = row
        counted.add_to(tallies, tuple(key), (sign, sign * (goldstein is not None), sign * (goldstein or 0.0)))
        if day is not None:
            month = (key[0], key[3], key[6], day.replace(day=1))
            counted.add_to(months, month, (sign,))
    return tallies, months


def _event_values(event: Event) -> tuple[Any, ...]:
    row = schema.event_row(event)
    return tuple(row[name] for name in _COLUMNS)


def add(conn: Connection, events: Iterable[Event]) -> None:
    """Count the events."""
    _apply(conn, *_changes((_event_values(event) for event in events), 1))


def remove(conn: Connection, article_id: str) -> None:
    """Take the article's stored events out of the counts (before the events go)."""
    c = schema.events.c
    select = sa.select(*(c[name] for name in _COLUMNS)).where(c.article_id == article_id)
    _apply(conn, *_changes((tuple(row) for row in conn.execute(select)), -1))


def _apply(conn: Connection, tallies: counted.Changes, months: counted.Changes) -> None:
    # the lookups are the indexes' columns: a shorter prefix reads rows that grow with the store
    by_key = ("source_code", "target_code", "modality", "root")
    counted.apply(conn, event_tallies, DIMENSIONS, SUMS, tallies, lookup=by_key)
    counted.apply(conn, event_months, MONTH_DIMENSIONS, ("events",), months, lookup=MONTH_DIMENSIONS)


def rebuild(conn: Connection) -> None:
    """Count every stored event again."""
    c = schema.events.c
    keys = [c[name] for name in DIMENSIONS]
    sums = [sa.func.count(), sa.func.count(c.goldstein), sa.func.coalesce(sa.func.sum(c.goldstein), 0.0)]
    counted.refill(conn, event_tallies, sa.select(*keys, *sums).group_by(*keys), DIMENSIONS, SUMS)
    per_day = [c.modality, c.source_country, c.target_country, c.date]
    days = sa.select(*per_day, sa.func.count()).where(c.date.is_not(None)).group_by(*per_day)
    found: counted.Changes = {}
    for row in conn.execute(days):
        modality, source, target, day, n = tuple(row)
        counted.add_to(found, (modality, source, target, day.replace(day=1)), (n,))
    conn.execute(sa.delete(event_months))
    counted.insert(conn, event_months, MONTH_DIMENSIONS, ("events",), found)


def tallied(query: EventQuery) -> bool:
    """Whether the tallies can answer the query: it filters only on columns they hold."""
    filters = {field.name for field in fields(query) if getattr(query, field.name) is not None}
    return filters - {"limit", "offset", "order"} <= TALLIED_FILTERS


def conditions_on(table: sa.Table, query: EventQuery) -> list[sa.ColumnElement[bool]]:
    """The query's conditions, on ``table``'s columns of the same names instead of the events table's."""

    def moved(element: Any, **_kw: Any) -> Any:
        if isinstance(element, sa.Column) and element.table is schema.events:
            return table.c[element.name]
        return None

    return [visitors.replacement_traverse(condition, {}, moved) for condition in query.conditions()]
