"""Stored tallies of the asserted events between two countries per month, ISO week and year (schema v7),
the history that shifts compare the latest period with.

A row per unordered dyad (the countries in alphabetical order), period length and period: how many
events, how many with a Goldstein score, and the sum of the scores (rounded to six decimals after every
change, so that adding and taking away events gives the sum a full count gives). Saving events adds to
their rows and replacing an article takes its old events away, in the same transaction; ``rebuild``
counts everything again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from overtures.model import Event, Modality
from overtures.store import counted, schema
from overtures.store.schema import metadata

UNITS = ("month", "week", "year")

dyad_periods = sa.Table(
    "dyad_periods",
    metadata,
    sa.Column("unit", sa.String(8), primary_key=True),
    sa.Column("first", sa.String(8), primary_key=True),
    sa.Column("second", sa.String(8), primary_key=True),
    sa.Column("start", sa.Date, primary_key=True),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("scored", sa.Integer, nullable=False),
    sa.Column("goldstein_sum", sa.Float, nullable=False),
)

KEYS = ("unit", "first", "second", "start")
SUMS = ("events", "scored", "goldstein_sum")
Key = tuple[str, str, str, date]


def period_start(day: date, unit: str) -> date:
    """The first day of the month, ISO week (a Monday) or year of ``day`` (as relations.periods)."""
    if unit == "year":
        return date(day.year, 1, 1)
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _keys(source: str | None, target: str | None, modality: str, day: date | None) -> list[Key]:
    """The periods an event counts in: none unless it is asserted, dated and between two countries."""
    if modality != Modality.ASSERTED.value or day is None or source is None or target is None:
        return []
    if source == target:
        return []
    first, second = sorted((source, target))
    return [(unit, first, second, period_start(day, unit)) for unit in UNITS]


def _tallies(rows: Iterable[tuple[Any, ...]], sign: int) -> counted.Changes:
    """(source, target, modality, date, Goldstein) rows as signed tallies per period of every length."""
    found: counted.Changes = {}
    for source, target, modality, day, goldstein in rows:
        for key in _keys(source, target, modality, day):
            counted.add_to(found, key, (sign, sign * (goldstein is not None), sign * (goldstein or 0.0)))
    return found


def _apply(conn: Connection, changes: counted.Changes) -> None:
    counted.apply(conn, dyad_periods, KEYS, SUMS, changes, lookup=KEYS)  # the primary key's columns


def add(conn: Connection, events: Iterable[Event]) -> None:
    """Count the events in their periods."""
    rows = [
        (e.source.country if e.source else None, e.target.country if e.target else None,
         e.modality.value, e.date.date, e.goldstein)
        for e in events
    ]  # fmt: skip
    _apply(conn, _tallies(rows, 1))


_COLUMNS = ("source_country", "target_country", "modality", "date", "goldstein")


def remove(conn: Connection, article_id: str) -> None:
    """Take the article's stored events out of their periods (before the events go)."""
    c = schema.events.c
    select = sa.select(*(c[name] for name in _COLUMNS)).where(c.article_id == article_id)
    _apply(conn, _tallies(conn.execute(select), -1))


def rebuild(conn: Connection) -> None:
    """Count every stored event again."""
    c = schema.events.c
    keys = [c[name] for name in _COLUMNS[:4]]
    sums = [sa.func.count(), sa.func.count(c.goldstein), sa.func.coalesce(sa.func.sum(c.goldstein), 0.0)]
    select = sa.select(*keys, *sums).where(c.modality == Modality.ASSERTED.value).group_by(*keys)
    found: counted.Changes = {}
    for row in conn.execute(select):
        source, target, modality, day, events, scored, total = tuple(row)
        for key in _keys(source, target, modality, day):
            counted.add_to(found, key, (events, scored, float(total)))
    conn.execute(sa.delete(dyad_periods))
    counted.insert(conn, dyad_periods, KEYS, SUMS, found)


def read(conn: Connection, unit: str, *, before: date) -> list[tuple[str, str, date, int, int, float]]:
    """The stored tallies of one period length that start before ``before``: first, second, start,
    events, scored, Goldstein sum."""
    p = dyad_periods.c
    select = sa.select(p.first, p.second, p.start, p.events, p.scored, p.goldstein_sum)
    select = select.where(p.unit == unit, p.start < before).order_by(p.first, p.second, p.start)
    return [
        (first, second, start, int(events), int(scored), float(total))
        for first, second, start, events, scored, total in conn.execute(select)
    ]
