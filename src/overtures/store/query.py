"""EventQuery: the filters of Store.events and their SQL.

Pages can be read by offset or by key: ``after`` holds the (date, id) of the last row of the previous
page, and the next page starts right after it in the same order (keyset pagination, stable while
articles are added). ``dated_order`` and ``after_key`` serve any table ordered by a nullable date then
a unique id, undated rows last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import sqlalchemy as sa

from overtures.errors import InputError
from overtures.model import DatePrecision, Modality, QuadClass
from overtures.store import schema


@dataclass(frozen=True, kw_only=True, slots=True)
class PageKey:
    """Where a page ended: the date (None for an undated row) and the unique id of its last row."""

    date: date | None
    id: str


def dated_order(
    date_column: sa.ColumnElement[Any], id_column: sa.ColumnElement[Any], *, descending: bool
) -> list[sa.ColumnElement[Any]]:
    """ORDER BY terms: undated rows last on every backend, then the date either way, then the id."""
    return [undated(date_column), date_column.desc() if descending else date_column.asc(), id_column.asc()]


def after_key(
    date_column: sa.ColumnElement[Any], id_column: sa.ColumnElement[Any], key: PageKey, *, descending: bool
) -> sa.ColumnElement[bool]:
    """The rows that come after ``key`` in ``dated_order``: later (or earlier) dates, the same date with a
    greater id, and every undated row; after an undated key, the undated rows with a greater id."""
    if key.date is None:
        return sa.and_(date_column.is_(None), id_column > key.id)
    beyond = date_column < key.date if descending else date_column > key.date
    same_day = sa.and_(date_column == key.date, id_column > key.id)
    return sa.or_(beyond, same_day, date_column.is_(None))


@dataclass(frozen=True, kw_only=True, slots=True)
class EventQuery:
    """Filters for Store.events; every filter left as None matches everything."""

    event_id: str | None = None
    article_id: str | None = None
    actor: str | None = None  # source or target country, code or name, case-insensitive
    country: str | None = None  # source or target country (ISO alpha-3)
    dyad: tuple[str, str] | None = None  # two countries, in either direction
    cameo: str | None = None  # code prefix: "04" matches every code under root 04
    root: str | None = None
    quad_class: QuadClass | None = None
    modality: Modality | None = Modality.ASSERTED  # None: every modality
    date_from: date | None = None  # inclusive; events without a date never match a date filter
    date_to: date | None = None  # inclusive
    date_precision: DatePrecision | None = None  # only events dated this precisely
    location: str | None = None  # substring of the location name, case-insensitive
    text: str | None = None  # substring of an evidence sentence, case-insensitive
    limit: int | None = 1000
    offset: int = 0
    order: Literal["date", "-date"] = "date"  # by date (undated last), then event_id
    after: PageKey | None = None  # keyset paging: only events after this one in ``order``

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0 or self.offset < 0:
            raise InputError(f"limit and offset must not be negative (got {self.limit}, {self.offset})")
        if self.dyad is not None and len(self.dyad) != 2:
            raise InputError(f"a dyad is two countries, got {self.dyad!r}", hint="e.g. dyad=('RUS', 'UKR')")
        if self.order not in ("date", "-date"):
            raise InputError(f"unknown event order {self.order!r}", hint="use 'date' or '-date'")
        if self.quad_class is not None and self.quad_class not in set(QuadClass):
            raise InputError(f"unknown quad class {self.quad_class!r}", hint="use 1, 2, 3 or 4")
        if self.modality is not None and self.modality not in set(Modality):
            raise InputError(
                f"unknown modality {self.modality!r}", hint=f"use one of {[*map(str, Modality)]}"
            )

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        """The WHERE conditions on the events table that this query's filters stand for."""
        c = schema.events.c
        found: list[sa.ColumnElement[bool]] = []
        if self.event_id is not None:
            found.append(c.event_id == self.event_id)
        if self.article_id is not None:
            found.append(c.article_id == self.article_id)
        if self.actor is not None:
            columns = [
                c[f"{role}_{name}"] for role in ("source", "target") for name in ("country", "code", "name")
            ]
            found.append(sa.or_(*(sa.func.lower(col) == self.actor.lower() for col in columns)))
        if self.country is not None:
            found.append(
                sa.or_(c.source_country == self.country.upper(), c.target_country == self.country.upper())
            )
        if self.dyad is not None:
            one, two = (country.upper() for country in self.dyad)
            forward = sa.and_(c.source_country == one, c.target_country == two)
            found.append(sa.or_(forward, sa.and_(c.source_country == two, c.target_country == one)))
        found.extend(self._code_conditions())
        if self.date_from is not None:
            found.append(c.date >= self.date_from)
        if self.date_to is not None:
            found.append(c.date <= self.date_to)
        if self.location is not None:
            found.append(c.location_name.icontains(self.location, autoescape=True))
        if self.text is not None:
            evidence = schema.event_evidence.c
            match = evidence.sentence.icontains(self.text, autoescape=True)
            found.append(sa.exists().where(evidence.event_id == c.event_id, match))
        if self.after is not None:
            found.append(after_key(c.date, c.event_id, self.after, descending=self.order == "-date"))
        return found

    def _code_conditions(self) -> list[sa.ColumnElement[bool]]:
        """The conditions on what kind of event it is: CAMEO code, root, quad class and modality."""
        c = schema.events.c
        found: list[sa.ColumnElement[bool]] = []
        if self.cameo is not None:
            found.append(c.cameo.startswith(self.cameo, autoescape=True))
        if self.root is not None:
            found.append(c.root == self.root)
        if self.quad_class is not None:
            found.append(c.quad_class == int(self.quad_class))
        if self.modality is not None:
            found.append(c.modality == Modality(self.modality).value)
        if self.date_precision is not None:
            found.append(c.date_precision == DatePrecision(self.date_precision).value)
        return found

    def ordering(self) -> list[sa.ColumnElement[Any]]:
        """ORDER BY terms: undated events last on every backend, then date, then event_id. With a date
        filter there are no undated events, and ordering by date alone lets the date index serve."""
        c = schema.events.c
        if self.date_from is not None or self.date_to is not None:  # no undated rows: the date index serves
            by_date = dated_order(c.date, c.event_id, descending=self.order == "-date")
            return by_date[1:]
        return dated_order(c.date, c.event_id, descending=self.order == "-date")


def undated(column: sa.ColumnElement[Any]) -> sa.ColumnElement[int]:
    """1 for an event without a date, else 0. The numbers are written into the SQL, not bound, so that
    the expression is the one the page indexes hold (migration 4) and the database can use them."""
    return sa.case((column.is_(None), sa.literal_column("1")), else_=sa.literal_column("0"))


def unordered_dyad(
    source: sa.ColumnElement[Any], target: sa.ColumnElement[Any]
) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]:
    """The two countries of an event in alphabetical order, whichever is the source: a dyad's events in
    both directions share these values, and the dyad index of migration 6 holds them, so that they are
    one range of it."""
    first = sa.case((source < target, source), else_=target)
    second = sa.case((source < target, target), else_=source)
    return first, second
