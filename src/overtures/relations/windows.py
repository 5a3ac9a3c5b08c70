"""The window states of the ledger (engagement, hostility) by one sweep over days.

A window state is read at every change point (a day with a mark, or the day a mark leaves the window),
from the marks of the RECENT days up to it. Instead of looking at every mark again at every change point,
the sweep keeps the marks per day and moves the window along: it costs one pass over the days, whether
the days come from a list of events (``build_ledger``) or from the store's tallies (its stored ledger).

Consecutive change points with one value make a ``Span``; a span's evidence is read afterwards from the
marks of its value that lie in its windows (``window_rows``), latest first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from overtures.model import Evidence

RECENT = timedelta(days=365)
ONE_DAY = timedelta(days=1)
HOSTILE_MIN = 2
MAX_EVIDENCE = 5
LEVELS = ("none", "proposed", "envoy", "ministerial", "head of state")
CONFLICT, COOPERATION = "conflict", "cooperation"


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """Consecutive change points with one value: the first (``start``) and the last (``last``)."""

    value: str
    start: date
    last: date


@dataclass(frozen=True, kw_only=True, slots=True)
class WindowMark:
    """One event behind a window state: its id, CAMEO code, first piece of evidence (None for an event
    stored without evidence) and the day it marks (None: not told)."""

    event_id: str
    cameo: str
    evidence: Evidence | None
    day: date | None = None


# The marks of one kind dated lo..hi, latest first (same day: by event id), at most ``limit`` (None: all).
MarkSource = Callable[[str, date, date, int | None], list[WindowMark]]


def engagement(window: Mapping[str, int]) -> str:
    """The highest level of contact in the window; ``none`` when the window is empty."""
    return max((level for level, n in window.items() if n > 0), key=LEVELS.index, default="none")


def hostility(window: Mapping[str, int]) -> str:
    """``hostile`` when the window holds at least HOSTILE_MIN conflict marks and more conflict than
    cooperation; else ``none``."""
    conflict = window.get(CONFLICT, 0)
    return "hostile" if conflict >= HOSTILE_MIN and conflict > window.get(COOPERATION, 0) else "none"


def spans(days: Mapping[date, Mapping[str, int]], state: Callable[[Mapping[str, int]], str]) -> list[Span]:
    """The states at every change point, consecutive equal ones joined: marks per day and kind in,
    spans in date order out."""
    ordered = sorted(days)
    points = sorted(set(ordered) | {day + RECENT for day in ordered})
    window: Counter[str] = Counter()
    entered = left = 0
    found: list[Span] = []
    for point in points:
        while entered < len(ordered) and ordered[entered] <= point:
            window.update(days[ordered[entered]])
            entered += 1
        while left < entered and ordered[left] + RECENT <= point:
            window.subtract(days[ordered[left]])
            left += 1
        value = state(window)
        if found and found[-1].value == value:
            found[-1] = Span(value=value, start=found[-1].start, last=point)
        else:
            found.append(Span(value=value, start=point, last=point))
    return found


def resumed(found: list[Span], after: date) -> list[Span]:
    """The spans from the change point ``after`` on, of a sweep over the days from ``after - RECENT``
    on: the states there are right (their windows hold every mark), those before are not and go."""
    later = [span for span in found if span.last >= after]
    if later and later[0].start < after:
        later[0] = Span(value=later[0].value, start=after, last=later[0].last)
    return later


def first_point(days: Mapping[date, Mapping[str, int]], since: date) -> date | None:
    """The first change point from ``since`` on (a day with marks, or one a mark leaves the window on)."""
    points = [day for day in days if day >= since] + [day + RECENT for day in days if day + RECENT >= since]
    return min(points, default=None)


def continued(found: list[Span], point: date | None, held: Span) -> list[Span]:
    """The spans from ``held`` on: ``held`` is a state that began before a day ``since`` and holds up to
    it (no mark before ``since`` changed; its ``last`` is the day before), ``found`` the spans of a sweep
    over the days from ``since - RECENT`` on and ``point`` its first change point from ``since`` on.
    The held state runs on to the first change point whose state differs. A held span's ``last`` may
    come out as the day before the next span starts, which bounds the same marks as its last change
    point: every day with marks is a change point."""
    if point is None:
        return [held]
    later = resumed(found, point)
    if later[0].value == held.value:
        return [Span(value=held.value, start=held.start, last=later[0].last), *later[1:]]
    return [Span(value=held.value, start=held.start, last=point - ONE_DAY), *later]


def reached(found: list[Span], reach: date, joint: Span | None) -> list[Span]:
    """The spans up to the day ``reach``, after which the states stand as stored (the sweep was cut off
    there), joined to ``joint``, the stored state in force on ``reach`` (None: no state from there on).
    The state on ``reach`` did not change, so the last span before it runs on as ``joint``."""
    before = [span for span in found if span.start <= reach]
    if joint is None:
        return before
    if before and before[-1].value == joint.value:
        return [*before[:-1], Span(value=joint.value, start=before[-1].start, last=joint.last)]
    return [*before, joint]


def islands(days: Iterable[date]) -> list[tuple[date, date | None]]:
    """The changed days as runs whose effects do not meet: each run's first day and the last day its
    changes reach (a window after its last day), runs more than a window apart. ``date.min`` (every day),
    or a day too near either end of the calendar, gives one run over every day: (date.min, None)."""
    ordered = sorted(set(days))
    if not ordered:
        return []
    if ordered[0] < date.min + RECENT or ordered[-1] > date.max - RECENT:
        return [(date.min, None)]
    runs = [[ordered[0], ordered[0]]]
    for day in ordered[1:]:
        if day > runs[-1][1] + RECENT:
            runs.append([day, day])
        else:
            runs[-1][1] = day
    return [(first, last + RECENT) for first, last in runs]


def first_sentences(lists: Iterable[tuple[Evidence, ...]], limit: int = MAX_EVIDENCE) -> tuple[Evidence, ...]:
    """The first ``limit`` sentences of the evidence lists, in order, each sentence (article and offset)
    once, as first reported. A state told by thousands of reports keeps the earliest few: its row stays
    small, and the store reads the sentences of those alone (relations.stored)."""
    found: dict[tuple[str, int], Evidence] = {}
    for items in lists:
        for item in items:
            found.setdefault((item.article_id, item.start), item)
            if len(found) == limit:
                return tuple(found.values())
    return tuple(found.values())


def first_evidence(marks: list[WindowMark], limit: int = MAX_EVIDENCE) -> tuple[Evidence, ...]:
    """The first ``limit`` pieces of the marks' evidence, each sentence once (``first_sentences``)."""
    return first_sentences(((m.evidence,) for m in marks if m.evidence is not None), limit)


def span_evidence(source: MarkSource, kind: str, span: Span) -> tuple[tuple[Evidence, ...], tuple[str, ...]]:
    """A span's evidence, the latest distinct sentences of its windows' marks of ``kind``, and its basis,
    the latest marks (code and event id) of its first window."""
    since = span.start - RECENT + timedelta(days=1)
    some = source(kind, since, span.last, 8 * MAX_EVIDENCE)
    complete = len(some) < 8 * MAX_EVIDENCE  # every mark of the span's windows, latest first
    evidence = first_evidence(some)
    if len(evidence) < MAX_EVIDENCE and not complete:
        evidence = first_evidence(source(kind, since, span.last, None))
    first = _up_to(some, span.start) if complete else None  # the first window's marks are among them
    if first is None:
        first = source(kind, since, span.start, MAX_EVIDENCE)
    return evidence, tuple(dict.fromkeys(f"{mark.cameo} {mark.event_id}" for mark in first))


def _up_to(marks: list[WindowMark], last: date) -> list[WindowMark] | None:
    """The first MAX_EVIDENCE of the marks (latest first) dated up to ``last``; None when a mark's day is
    not told."""
    found = []
    for mark in marks:
        if mark.day is None:
            return None
        if mark.day <= last:
            found.append(mark)
    return found[:MAX_EVIDENCE]


def listed_marks(marks: Mapping[str, list[tuple[date, WindowMark]]]) -> MarkSource:
    """A MarkSource over marks held in memory, per kind, each list in event order (date, then id)."""
    ordered = {
        kind: sorted(found, key=lambda item: (-item[0].toordinal(), item[1].event_id))
        for kind, found in marks.items()
    }

    def source(kind: str, since: date, until: date, limit: int | None) -> list[WindowMark]:
        inside = [mark for day, mark in ordered.get(kind, []) if since <= day <= until]
        return inside[:limit]

    return source
