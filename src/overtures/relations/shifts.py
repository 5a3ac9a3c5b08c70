"""Shifts: country dyads whose latest period departs from their own history.

The rule, for every unordered pair of countries and one period length (month, ISO week or year):

- the latest period is the one containing ``as_of`` (default: the latest date of an asserted event between
  two countries), counting events dated up to ``as_of``;
- measure 1, ``goldstein_mean``: x is the mean Goldstein score of the dyad's asserted events in the latest
  period; its history is the same mean for every earlier period with at least one event;
- measure 2, ``event_count``: x is the number of those events; its history is the count of every earlier
  period from the dyad's first event on, quiet periods counted as zero;
- a measure is a shift when the latest period has at least ``min_events`` events, the history has at least
  ``min_history`` values, and |x - mean(history)| / max(stdev(history), 1.0) >= ``z`` (sample stdev; the
  floor of one Goldstein point, or one event, keeps short flat histories from giving an infinite z).

Each shift carries as evidence the (up to five) events of the latest period with the largest |Goldstein|
(an event read from the same sentence with the same code as one already listed is skipped).
The statistics themselves are in overtures.relations.departure; only asserted events count.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from overtures.errors import NotFoundError
from overtures.model import DatePrecision, Event
from overtures.relations.departure import DEFAULT_RULE, Departure, ShiftRule, departure
from overtures.relations.ledger import relation_record
from overtures.relations.periods import Granularity, Period, granularity, period_of, periods_between
from overtures.states import LedgerRow
from overtures.store import EventQuery, Store
from overtures.store.tallies import DyadDay, dyad_days, latest_dyad_date

EVIDENCE_EVENTS = 5


class ShiftMeasure(enum.StrEnum):
    """What departed from its history."""

    GOLDSTEIN_MEAN = "goldstein_mean"
    EVENT_COUNT = "event_count"


@dataclass(frozen=True, kw_only=True, slots=True)
class PeriodTally:
    """A dyad's asserted events in one period: how many, how many scored, and the sum of the scores."""

    period: Period
    events: int
    scored: int
    goldstein_sum: float

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.scored if self.scored else None


@dataclass(frozen=True, kw_only=True, slots=True)
class ShiftEvidence:
    """One event behind a shift: where it was read, and its code and score."""

    article_id: str
    sentence: str
    start: int
    end: int
    cameo: str
    goldstein: float | None
    date: date | None
    date_precision: DatePrecision


@dataclass(frozen=True, kw_only=True, slots=True)
class DyadShift:
    """A dyad whose latest value of one measure departs from its history."""

    dyad: tuple[str, str]
    period: str
    measure: ShiftMeasure
    value: float
    history_mean: float
    history_stdev: float
    history_periods: int
    z: float
    events: int
    evidence: tuple[ShiftEvidence, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class ShiftsReport:
    """What moved in one period: the dyads that shifted, and every relation state that changed
    (ledger rows that start in the period, each with its evidence)."""

    period: Period
    as_of: date
    rule: ShiftRule
    dyad_shifts: tuple[DyadShift, ...]
    state_changes: tuple[LedgerRow, ...] = ()


def find_shifts(
    store: Store,
    *,
    period: str = "month",
    as_of: date | None = None,
    rule: ShiftRule = DEFAULT_RULE,
) -> ShiftsReport:
    """Every country dyad whose latest period departs from its own history (see the module docstring)."""
    unit = granularity(period)
    as_of = as_of or latest_dyad_date(store)
    if as_of is None:
        raise NotFoundError(
            "no dated, asserted events between two countries are stored",
            hint="ingest articles first, e.g. overtures ingest examples/corpus",
        )
    latest = period_of(as_of, unit)
    found: list[DyadShift] = []
    for dyad, tallies in stored_tallies(store, latest, as_of, unit).items():
        moves = dyad_departures(tallies, latest, unit)
        flagged = [(measure, moved, n) for measure, moved, n in moves if rule.flags(moved, events=n)]
        if flagged:
            evidence = strongest_evidence(store, dyad, latest.start, as_of)
            found.extend(_shift(dyad, latest, *item, evidence) for item in flagged)
    found.sort(key=lambda shift: (-abs(shift.z), shift.dyad, shift.measure))
    changes = state_changes(store, latest.start, as_of)
    return ShiftsReport(
        period=latest, as_of=as_of, rule=rule, dyad_shifts=tuple(found), state_changes=changes
    )


def state_changes(store: Store, start: date, end: date) -> tuple[LedgerRow, ...]:
    """Relation states of the stored ledger (overtures.relations.ledger) that began between ``start`` and
    ``end``, inclusive, and rest on evidence (a window state that merely lapsed has none and is left out)."""
    return tuple(store.ledger(started=(start, end)))


def stored_tallies(
    store: Store, latest: Period, as_of: date, unit: Granularity
) -> dict[tuple[str, str], list[PeriodTally]]:
    """Per dyad, its tallies of the periods before the latest one, as the store keeps them, and of the
    latest period up to ``as_of``, counted from the events; periods in order (only those with events)."""
    found: dict[tuple[str, str], list[PeriodTally]] = {}
    for first, second, start, events, scored, total in store.dyad_periods(unit, before=latest.start):
        tally = PeriodTally(period=period_of(start, unit), events=events, scored=scored, goldstein_sum=total)
        found.setdefault((first, second), []).append(tally)
    days = dyad_days(store, date_from=latest.start, date_to=as_of)
    for dyad, current in period_tallies(days, unit).items():
        found.setdefault(dyad, []).extend(current)
    return dict(sorted(found.items()))


def period_tallies(days: Iterable[DyadDay], unit: Granularity) -> dict[tuple[str, str], list[PeriodTally]]:
    """Fold day tallies into period tallies per dyad, periods in order (only periods with events)."""
    grouped: dict[tuple[str, str], dict[Period, list[DyadDay]]] = {}
    for day in days:
        grouped.setdefault(day.dyad, {}).setdefault(period_of(day.day, unit), []).append(day)
    return {
        dyad: [_period_tally(period, found) for period, found in sorted(periods.items())]
        for dyad, periods in sorted(grouped.items())
    }


def _period_tally(period: Period, days: list[DyadDay]) -> PeriodTally:
    return PeriodTally(
        period=period,
        events=sum(day.events for day in days),
        scored=sum(day.scored for day in days),
        goldstein_sum=sum(day.goldstein_sum for day in days),
    )


def dyad_departures(
    tallies: list[PeriodTally], latest: Period, unit: Granularity
) -> list[tuple[ShiftMeasure, Departure, int]]:
    """Each measure's departure in the latest period, with the period's event count; nothing when the
    dyad has no event in the latest period."""
    current = next((tally for tally in tallies if tally.period == latest), None)
    if current is None:
        return []
    earlier = [tally for tally in tallies if tally.period.start < latest.start]
    found = [(ShiftMeasure.EVENT_COUNT, departure(current.events, count_history(earlier, latest, unit)))]
    if current.goldstein_mean is not None:
        means = [tally.goldstein_mean for tally in earlier if tally.goldstein_mean is not None]
        found.append((ShiftMeasure.GOLDSTEIN_MEAN, departure(current.goldstein_mean, means)))
    return [(measure, moved, current.events) for measure, moved in found]


def count_history(earlier: list[PeriodTally], latest: Period, unit: Granularity) -> list[float]:
    """Event counts of every period from the first earlier tally up to the latest period, zeros included."""
    if not earlier:
        return []
    counts = {tally.period: tally.events for tally in earlier}
    periods = periods_between(earlier[0].period.start, latest.start - timedelta(days=1), unit)
    return [float(counts.get(period, 0)) for period in periods]


def strongest_evidence(
    store: Store, dyad: tuple[str, str], first: date, last: date, limit: int = EVIDENCE_EVENTS
) -> tuple[ShiftEvidence, ...]:
    """The dyad's asserted events dated first..last with the largest |Goldstein| (ties: date, id); an
    event read from the same sentence with the same code as one before it (a reciprocal event) adds no
    evidence and is skipped."""
    events = store.events(EventQuery(dyad=dyad, date_from=first, date_to=last, limit=None))
    events.sort(key=lambda event: (-abs(event.goldstein or 0.0), event.date.date or last, event.event_id))
    distinct = dict.fromkeys(_evidence(event) for event in events)
    return tuple(distinct)[:limit]


def _evidence(event: Event) -> ShiftEvidence:
    first = event.evidence[0]
    return ShiftEvidence(
        article_id=event.article_id,
        sentence=first.sentence,
        start=first.start,
        end=first.end,
        cameo=event.cameo,
        goldstein=event.goldstein,
        date=event.date.date,
        date_precision=event.date.precision,
    )


def _shift(
    dyad: tuple[str, str],
    latest: Period,
    measure: ShiftMeasure,
    moved: Departure,
    events: int,
    evidence: tuple[ShiftEvidence, ...],
) -> DyadShift:
    return DyadShift(
        dyad=dyad,
        period=latest.label,
        measure=measure,
        value=round(moved.value, 4),
        history_mean=round(moved.mean, 4),
        history_stdev=round(moved.stdev, 4),
        history_periods=moved.history,
        z=round(moved.z, 4),
        events=events,
        evidence=evidence,
    )


def report_record(report: ShiftsReport) -> dict[str, Any]:
    """The JSON form of a report: the period, the rule and each shift with its evidence."""
    period = report.period
    rule = report.rule
    return {
        "period": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "rule": {"z": rule.z, "min_events": rule.min_events, "min_history": rule.min_history},
        "dyad_shifts": [shift_record(shift) for shift in report.dyad_shifts],
        "state_changes": [relation_record(row) for row in report.state_changes],
    }


def shift_record(shift: DyadShift) -> dict[str, Any]:
    """The JSON form of one dyad shift."""
    fields = ("period", "value", "history_mean", "history_stdev", "history_periods", "z", "events")
    record: dict[str, Any] = {"dyad": list(shift.dyad), "measure": shift.measure.value}
    record |= {name: getattr(shift, name) for name in fields}
    record["evidence"] = [_evidence_record(item) for item in shift.evidence]
    return record


def _evidence_record(item: ShiftEvidence) -> dict[str, Any]:
    fields = ("article_id", "sentence", "start", "end", "cameo", "goldstein")
    return {name: getattr(item, name) for name in fields} | {
        "date": item.date.isoformat() if item.date else None,
        "date_precision": item.date_precision.value,
    }
