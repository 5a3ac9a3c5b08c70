"""Aggregate reads for event series: asserted events tallied per day in SQL, and articles per
publication day.

The SQL groups by day (never by month or week, whose functions differ between SQLite and PostgreSQL);
overtures.relations folds the days into periods. Only asserted events with a date are tallied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from overtures.model import Modality
from overtures.store import schema
from overtures.store.repository import Store

_EVENTS = schema.events.c


@dataclass(frozen=True, kw_only=True, slots=True)
class DayTally:
    """The asserted events of one CAMEO code on one day: how many, how many have a Goldstein score,
    and the sum of those scores."""

    day: date
    quad_class: int
    cameo: str
    events: int
    scored: int
    goldstein_sum: float


@dataclass(frozen=True, kw_only=True, slots=True)
class DyadDay:
    """The asserted events between two countries (either direction) on one day; ``dyad`` is sorted."""

    dyad: tuple[str, str]
    day: date
    events: int
    scored: int
    goldstein_sum: float


def _dyad_condition(dyad: tuple[str, str], *, directed: bool) -> sa.ColumnElement[bool]:
    """Events from the first country to the second, and the other way too unless ``directed``."""
    one, two = (country.upper() for country in dyad)
    forward = sa.and_(_EVENTS.source_country == one, _EVENTS.target_country == two)
    if directed:
        return forward
    return sa.or_(forward, sa.and_(_EVENTS.source_country == two, _EVENTS.target_country == one))


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


def dyad_tallies(
    store: Store,
    dyad: tuple[str, str],
    *,
    directed: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[DayTally]:
    """The dyad's asserted, dated events tallied per day and CAMEO code, in day order."""
    keys = [_EVENTS.date, _EVENTS.quad_class, _EVENTS.cameo]
    query = (
        sa.select(*keys, *_goldstein_columns())
        .where(_EVENTS.modality == Modality.ASSERTED.value, _dyad_condition(dyad, directed=directed))
        .where(*_date_conditions(date_from, date_to))
        .group_by(*keys)
        .order_by(*keys)
    )
    with store.reader(f"tallying events of {dyad[0]}-{dyad[1]}") as conn:
        rows = conn.execute(query).all()
    return [
        DayTally(day=day, quad_class=quad, cameo=cameo, events=events, scored=scored, goldstein_sum=total)
        for day, quad, cameo, events, scored, total in rows
    ]


def undated_dyad_events(store: Store, dyad: tuple[str, str], *, directed: bool = False) -> int:
    """How many of the dyad's asserted events have no date (a series cannot place them)."""
    query = sa.select(sa.func.count()).where(
        _EVENTS.modality == Modality.ASSERTED.value,
        _dyad_condition(dyad, directed=directed),
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


def dyad_days(store: Store, *, date_to: date) -> list[DyadDay]:
    """Asserted events between two countries up to ``date_to``, tallied per unordered dyad and day."""
    source, target = _EVENTS.source_country, _EVENTS.target_country
    first = sa.case((source < target, source), else_=target)
    second = sa.case((source < target, target), else_=source)
    keys = [first, second, _EVENTS.date]
    query = (
        sa.select(*keys, *_goldstein_columns())
        .where(*_between_countries(), _EVENTS.date <= date_to)
        .group_by(*keys)
        .order_by(*keys)
    )
    with store.reader("tallying events per dyad") as conn:
        rows = conn.execute(query).all()
    return [
        DyadDay(dyad=(one, two), day=day, events=events, scored=scored, goldstein_sum=total)
        for one, two, day, events, scored, total in rows
    ]
