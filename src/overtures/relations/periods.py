"""Calendar periods that event series are counted in: months ("2025-10"), ISO weeks ("2025-W41") and
years ("2025"), each with its first and last day.

Weeks are ISO 8601 weeks (Monday to Sunday, numbered in the ISO year), so a week never splits at a
year's end: 2024-12-30 falls in "2025-W01".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from overtures.errors import InputError

Granularity = Literal["month", "week", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("month", "week", "year")


@dataclass(frozen=True, kw_only=True, slots=True, order=True)
class Period:
    """One calendar period: its label and its first and last day (both inclusive)."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def granularity(value: str) -> Granularity:
    """The period length named by ``value``; InputError for anything but month, week or year."""
    if value not in GRANULARITIES:
        raise InputError(f"unknown period {value!r}", hint="use month, week or year")
    return value


@lru_cache(maxsize=8192)  # series fold many rows of the same few thousand days
def period_of(day: date, by: Granularity) -> Period:
    """The period of length ``by`` that contains ``day``; labels keep four-digit years ("0001-01"), and
    the week holding 9999-12-31 ends there (the calendar has no later day)."""
    if by == "year":
        return Period(label=f"{day.year:04d}", start=date(day.year, 1, 1), end=date(day.year, 12, 31))
    if by == "week":
        iso = day.isocalendar()
        monday = day - timedelta(days=iso.weekday - 1)
        end = date.max if date.max - monday < timedelta(days=6) else monday + timedelta(days=6)
        return Period(label=f"{iso.year:04d}-W{iso.week:02d}", start=monday, end=end)
    last = calendar.monthrange(day.year, day.month)[1]
    label = f"{day.year:04d}-{day.month:02d}"
    return Period(label=label, start=day.replace(day=1), end=day.replace(day=last))


def periods_between(first: date, last: date, by: Granularity) -> list[Period]:
    """Every period from the one containing ``first`` to the one containing ``last``, with no gaps."""
    found: list[Period] = []
    current = period_of(first, by)
    while current.start <= last:
        found.append(current)
        if current.end == date.max:
            break
        current = period_of(current.end + timedelta(days=1), by)
    return found
