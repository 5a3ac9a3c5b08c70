"""Aggregate reads for event series: a dyad's asserted events tallied per month, ISO week or year, and
articles per publication day.

The events are read from the dyad index of migration 6, which holds both directions of a dyad as one
range in day order: an inner GROUP BY day streams along it without sorting the events, and an outer
GROUP BY adds the few thousand days up into periods, so only a row per period leaves the database. The
first day of a period is computed in SQL by each backend's own date functions (``PeriodStart``; SQLite and
PostgreSQL). A period's CAMEO codes travel as one string (``string_agg``), not as a row per code, and
are counted here. Only asserted events with a date are tallied.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from overtures.model import Modality, QuadClass
from overtures.store import schema
from overtures.store.query import unordered_dyad
from overtures.store.repository import Store

_EVENTS = schema.events.c
_CODE_SEPARATOR = " "  # CAMEO codes are digits


@dataclass(frozen=True, kw_only=True, slots=True)
class Tally:
    """A dyad's asserted events over some days: how many of each QuadClass (1 to 4), how many have a
    Goldstein score and the sum of those scores, and how many of each CAMEO code."""

    quads: tuple[int, int, int, int]
    scored: int
    goldstein_sum: float
    codes: Counter[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class DyadDay:
    """The asserted events between two countries (either direction) on one day; ``dyad`` is sorted."""

    dyad: tuple[str, str]
    day: date
    events: int
    scored: int
    goldstein_sum: float


class PeriodStart(FunctionElement[date]):
    """The first day of the month, ISO week (a Monday) or year that a date falls in, as SQL: the SQLite
    and PostgreSQL forms agree with overtures.relations.periods."""

    type = sa.Date()
    inherit_cache = True
    name = "period_start"

    def __init__(self, day: sa.ColumnElement[date], unit: str) -> None:
        if unit not in _SQLITE_PERIODS:
            raise ValueError(f"unknown period {unit!r}")
        super().__init__(day, sa.literal_column(unit))  # the unit is part of the statement's cache key


_SQLITE_PERIODS = {"month": "'start of month'", "week": "'-6 days', 'weekday 1'", "year": "'start of year'"}


def _period_parts(element: PeriodStart, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    day, unit = element.clauses
    return compiler.process(day, **kw), str(unit.name)


@compiles(PeriodStart, "sqlite")
def _sqlite_period_start(element: PeriodStart, compiler: SQLCompiler, **kw: Any) -> str:
    day, unit = _period_parts(element, compiler, **kw)
    return f"date({day}, {_SQLITE_PERIODS[unit]})"


@compiles(PeriodStart, "postgresql")
def _postgresql_period_start(element: PeriodStart, compiler: SQLCompiler, **kw: Any) -> str:
    day, unit = _period_parts(element, compiler, **kw)
    return f"CAST(date_trunc('{unit}', CAST({day} AS TIMESTAMP)) AS DATE)"  # 'week': ISO, from Monday


@compiles(PeriodStart)
def _other_period_start(element: PeriodStart, compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"series are counted on SQLite and PostgreSQL, not {compiler.dialect.name}")


def _dyad_condition(dyad: tuple[str, str], *, directed: bool) -> list[sa.ColumnElement[bool]]:
    """Events between the two countries (as the dyad index holds them), only from the first to the
    second when ``directed``."""
    one, two = (country.upper() for country in dyad)
    first, second = unordered_dyad(_EVENTS.source_country, _EVENTS.target_country)
    found = [first == min(one, two), second == max(one, two)]
    return [*found, _EVENTS.source_country == one] if directed else found


def _date_conditions(date_from: date | None, date_to: date | None) -> list[sa.ColumnElement[bool]]:
    """Dated events only, within the inclusive bounds given."""
    found: list[sa.ColumnElement[bool]] = [_EVENTS.date.is_not(None)]
    if date_from is not None:
        found.append(_EVENTS.date >= date_from)
    if date_to is not None:
        found.append(_EVENTS.date <= date_to)
    return found


def _goldstein_columns() -> list[sa.ColumnElement[Any]]:
    """Events, events with a score, and the sum of the scores, for a GROUP BY select."""
    return [
        sa.func.count().label("events"),
        sa.func.count(_EVENTS.goldstein).label("scored"),
        sa.func.coalesce(sa.func.sum(_EVENTS.goldstein), 0.0).label("goldstein_sum"),
    ]


def _periods_select(
    dyad: tuple[str, str], *, by: str, directed: bool, date_from: date | None, date_to: date | None
) -> sa.Select[*tuple[Any, ...]]:
    """Per period: its first day, the dyad's asserted events of each QuadClass, those with a score, the
    sum of the scores, and the events' CAMEO codes joined by spaces."""
    quads = [sa.func.count().filter(_EVENTS.quad_class == int(q)).label(f"q{int(q)}") for q in QuadClass]
    _events, scored, goldstein_sum = _goldstein_columns()  # the events are counted per QuadClass
    days = (
        sa.select(
            _EVENTS.date,
            *quads,
            scored,
            goldstein_sum,
            sa.func.aggregate_strings(_EVENTS.cameo, _CODE_SEPARATOR).label("codes"),
        )
        .where(_EVENTS.modality == Modality.ASSERTED.value, *_dyad_condition(dyad, directed=directed))
        .where(*_date_conditions(date_from, date_to))
        .group_by(_EVENTS.date)
        .subquery("days")
    )
    start = PeriodStart(days.c.date, by)
    sums = [sa.func.sum(days.c[name]) for name in ("q1", "q2", "q3", "q4", "scored", "goldstein_sum")]
    return sa.select(start, *sums, sa.func.aggregate_strings(days.c.codes, _CODE_SEPARATOR)).group_by(start)


def dyad_tallies(
    store: Store,
    dyad: tuple[str, str],
    *,
    by: str = "month",
    directed: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[date, Tally]:
    """The dyad's asserted, dated events tallied per month, week or year (``by``), keyed by the first day
    of the period."""
    select = _periods_select(dyad, by=by, directed=directed, date_from=date_from, date_to=date_to)
    with store.reader(f"tallying events of {dyad[0]}-{dyad[1]}") as conn:
        rows = conn.execute(select).all()
    return {
        start: Tally(
            quads=(int(q1), int(q2), int(q3), int(q4)),
            scored=int(scored),
            goldstein_sum=float(total),
            codes=Counter(codes.split(_CODE_SEPARATOR)),
        )
        for start, q1, q2, q3, q4, scored, total, codes in rows
    }


def undated_dyad_events(store: Store, dyad: tuple[str, str], *, directed: bool = False) -> int:
    """How many of the dyad's asserted events have no date (a series cannot place them)."""
    query = sa.select(sa.func.count()).where(
        _EVENTS.modality == Modality.ASSERTED.value,
        *_dyad_condition(dyad, directed=directed),
        _EVENTS.date.is_(None),
    )
    with store.reader(f"counting undated events of {dyad[0]}-{dyad[1]}") as conn:
        return int(conn.execute(query).scalar_one())


def publications(
    store: Store, *, date_from: date | None = None, date_to: date | None = None
) -> dict[date, int]:
    """How many stored articles were published on each day (within the inclusive bounds)."""
    published = schema.articles.c.published
    query = sa.select(published, sa.func.count()).where(published.is_not(None))
    if date_from is not None:
        query = query.where(published >= date_from)
    if date_to is not None:
        query = query.where(published <= date_to)
    with store.reader("counting articles per publication day") as conn:
        rows = conn.execute(query.group_by(published).order_by(published)).all()
    return {day: int(count) for day, count in rows}


def _between_countries() -> list[sa.ColumnElement[bool]]:
    """Asserted, dated events whose source and target are two different countries."""
    return [
        _EVENTS.modality == Modality.ASSERTED.value,
        _EVENTS.source_country.is_not(None),
        _EVENTS.target_country.is_not(None),
        _EVENTS.source_country != _EVENTS.target_country,
        _EVENTS.date.is_not(None),
    ]


def latest_dyad_date(store: Store) -> date | None:
    """The latest date of an asserted event between two countries; None when there is none."""
    query = sa.select(sa.func.max(_EVENTS.date)).where(*_between_countries())
    with store.reader("finding the latest event date") as conn:
        found: date | None = conn.execute(query).scalar_one()
    return found


def dyad_days(store: Store, *, date_to: date, date_from: date | None = None) -> list[DyadDay]:
    """Asserted events between two countries dated up to ``date_to`` (from ``date_from``), tallied per
    unordered dyad and day."""
    first, second = unordered_dyad(_EVENTS.source_country, _EVENTS.target_country)
    keys = [first, second, _EVENTS.date]
    since = [] if date_from is None else [_EVENTS.date >= date_from]
    query = (
        sa.select(*keys, *_goldstein_columns())
        .where(*_between_countries(), _EVENTS.date <= date_to, *since)
        .group_by(*keys)
        .order_by(*keys)
    )
    with store.reader("tallying events per dyad") as conn:
        rows = conn.execute(query).all()
    return [
        DyadDay(dyad=(one, two), day=day, events=events, scored=scored, goldstein_sum=total)
        for one, two, day, events, scored, total in rows
    ]
