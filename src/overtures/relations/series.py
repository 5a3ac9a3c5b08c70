"""Dyad time series: a pair of countries' asserted events counted per month, ISO week or year.

Each period gives the events per QuadClass, the summed and mean Goldstein score, the three most frequent
CAMEO codes, and the number of stored articles published in the period: the coverage denominator, since
a month with twice the articles tends to have twice the events. ``rate`` is events per article.

An event falls in the period of its resolved date; events without a date cannot be placed and are left
out (``undated_events`` counts them). Periods run without gaps from the first to the last period that has
events or articles, so a quiet period shows as zeros rather than vanishing. The events are tallied per
period in SQL (overtures.store.tallies), the articles per publication day.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from overtures.errors import InputError
from overtures.relations.periods import Period, granularity, period_of, periods_between
from overtures.store import Store
from overtures.store.tallies import Tally, dyad_tallies, publications, undated_dyad_events

if TYPE_CHECKING:
    import pandas as pd

TOP_CODES = 3
_DIGITS = 4  # decimals kept for sums, means and rates (Goldstein scores have one)


@dataclass(frozen=True, kw_only=True, slots=True)
class PeriodRow:
    """One period of a dyad series; ``rate`` and the means are None where they would divide by zero."""

    period: str
    start: date
    end: date
    q1: int  # verbal cooperation
    q2: int  # material cooperation
    q3: int  # verbal conflict
    q4: int  # material conflict
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    top_codes: tuple[tuple[str, int], ...]  # (cameo, events), most frequent first, ties by code
    articles: int
    rate: float | None
    goldstein_per_article: float | None


def dyad_pair(a: str, b: str) -> tuple[str, str]:
    """Two country codes, upper-cased; InputError unless they are two different codes."""
    one, two = a.strip().upper(), b.strip().upper()
    if not one or not two or one == two:
        raise InputError(f"a dyad is two different countries, got {a!r} and {b!r}", hint="e.g. RUS AFG")
    return one, two


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    directed: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[PeriodRow]:
    """The dyad's asserted events per period (both directions unless ``directed``: then ``a`` to ``b``
    only), with the articles published in each period; dates bound events and articles alike."""
    unit = granularity(by)
    tallies = dyad_tallies(
        store,
        dyad_pair(a, b),
        by=unit,
        directed=directed,
        date_from=date_from,
        date_to=date_to,
    )
    published = publications(store, date_from=date_from, date_to=date_to)
    days = list(tallies) + list(published)
    if not days:
        return []
    articles: Counter[date] = Counter()
    for day, count in published.items():
        articles[period_of(day, unit).start] += count
    return [
        period_row(period, tallies.get(period.start), articles[period.start])
        for period in periods_between(min(days), max(days), unit)
    ]


def undated_events(store: Store, a: str, b: str, *, directed: bool = False) -> int:
    """How many of the dyad's asserted events have no date, and so are in no period."""
    return undated_dyad_events(store, dyad_pair(a, b), directed=directed)


def period_row(period: Period, tally: Tally | None, articles: int) -> PeriodRow:
    """One period's row from its tally (None: no events in it) and its number of articles."""
    q1, q2, q3, q4 = tally.quads if tally else (0, 0, 0, 0)
    events = q1 + q2 + q3 + q4
    # rounded first, so that the ratios do not depend on the order the database added the scores in
    total = round(tally.goldstein_sum, _DIGITS) if tally else 0.0
    return PeriodRow(
        period=period.label,
        start=period.start,
        end=period.end,
        q1=q1,
        q2=q2,
        q3=q3,
        q4=q4,
        events=events,
        goldstein_sum=total,
        goldstein_mean=_ratio(total, tally.scored if tally else 0),
        top_codes=top_codes(tally.codes) if tally else (),
        articles=articles,
        rate=_ratio(events, articles),
        goldstein_per_article=_ratio(total, articles),
    )


def top_codes(codes: Mapping[str, int], limit: int = TOP_CODES) -> tuple[tuple[str, int], ...]:
    """The most frequent codes, most frequent first, ties broken by code."""
    candidates = list(codes.items())
    if 0 < limit < len(candidates):  # only codes at least as frequent as the limit-th can be among them
        floor = heapq.nlargest(limit, codes.values())[-1]
        candidates = [(code, count) for code, count in candidates if count >= floor]
    ranked = sorted(candidates, key=lambda item: (-item[1], item[0]))
    return tuple((code, count) for code, count in ranked[:limit] if count > 0)


def _ratio(numerator: float, denominator: int) -> float | None:
    """numerator / denominator, rounded; None when the denominator is zero."""
    return round(numerator / denominator, _DIGITS) if denominator else None


def period_record(row: PeriodRow) -> dict[str, Any]:
    """The JSON form of a row: dates as ISO strings, top codes as ``{"cameo", "events"}`` objects."""
    record = asdict(row)
    record["start"], record["end"] = row.start.isoformat(), row.end.isoformat()
    record["top_codes"] = [{"cameo": code, "events": count} for code, count in row.top_codes]
    return record


def series_frame(rows: Iterable[PeriodRow]) -> pd.DataFrame:
    """The series as a DataFrame indexed by period; top codes as text ("042:3 043:1"), dates as
    datetimes and missing ratios as NaN. (pandas is imported here: it is slow to import.)"""
    import pandas as pd

    records = [asdict(row) | {"top_codes": _codes_text(row.top_codes)} for row in rows]
    frame = pd.DataFrame(records, columns=[field.name for field in fields(PeriodRow)])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    ratios = ["goldstein_mean", "rate", "goldstein_per_article"]
    frame[ratios] = frame[ratios].astype(float)
    return frame.set_index("period")


def _codes_text(codes: tuple[tuple[str, int], ...]) -> str:
    return " ".join(f"{code}:{count}" for code, count in codes)
