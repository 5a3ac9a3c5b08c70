"""The window sweep resumed at a change point, or continued from a state held on a changed day, gives the
spans a sweep over all of history gives there: what lets the stored ledger recompute a pair's rows from
the first one a change reaches."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from overtures.relations.windows import (
    CONFLICT,
    COOPERATION,
    LEVELS,
    RECENT,
    Span,
    continued,
    engagement,
    first_point,
    hostility,
    islands,
    reached,
    resumed,
    spans,
)

START = date(2020, 1, 1)
STATES = {"engagement": (engagement, LEVELS[1:]), "hostility": (hostility, (CONFLICT, COOPERATION))}


@st.composite
def histories(draw: st.DrawFn) -> tuple[str, dict[date, Counter[str]]]:
    """A window state and its marks per day and kind over about four windows, so windows overlap."""
    relation = draw(st.sampled_from(sorted(STATES)))
    kinds = STATES[relation][1]
    marks = draw(st.lists(st.tuples(st.integers(0, 1500), st.sampled_from(kinds)), min_size=1, max_size=40))
    days: dict[date, Counter[str]] = {}
    for offset, kind in marks:
        days.setdefault(START + timedelta(days=offset), Counter())[kind] += 1
    return relation, days


@settings(max_examples=300, deadline=None)
@given(histories(), st.data())
def test_resumed_sweep_equals_the_full_one_from_a_change_point(
    history: tuple[str, dict[date, Counter[str]]], data: st.DataObject
) -> None:
    relation, days = history
    state = STATES[relation][0]
    full = spans(days, state)
    after = data.draw(st.sampled_from([span.start for span in full]))
    recent = {day: kinds for day, kinds in days.items() if day >= after - RECENT}
    assert resumed(spans(recent, state), after) == [span for span in full if span.start >= after]


def _as_stored(found: list[Span], days: dict[date, Counter[str]]) -> list[tuple[str, date, date | None]]:
    """Each span's value, start and the last day with marks up to its ``last``: what its row and the
    evidence read for it (the marks up to ``last``) depend on."""
    return [(s.value, s.start, max((d for d in days if d <= s.last), default=None)) for s in found]


@settings(max_examples=300, deadline=None)
@given(histories(), st.data())
def test_continued_sweep_equals_the_full_one_after_marks_change_from_a_day(
    history: tuple[str, dict[date, Counter[str]]], data: st.DataObject
) -> None:
    relation, days = history
    state, kinds = STATES[relation]
    since = START + timedelta(days=data.draw(st.integers(1, 1900)))
    held = [span for span in spans(days, state) if span.start < since]
    assume(held)
    marks = data.draw(st.lists(st.tuples(st.integers(0, 400), st.sampled_from(kinds)), max_size=8))
    # every day before ``since`` as it was; from it on, some days kept, some dropped, new marks added
    changed = {day: Counter(n) for day, n in days.items() if day < since or data.draw(st.booleans())}
    for offset, kind in marks:
        changed.setdefault(since + timedelta(days=offset), Counter())[kind] += 1
    recent = {day: n for day, n in changed.items() if day >= since - RECENT}
    last = Span(value=held[-1].value, start=held[-1].start, last=since - timedelta(days=1))
    found = continued(spans(recent, state), first_point(recent, since), last)
    expected = [span for span in spans(changed, state) if span.start >= last.start]
    assert _as_stored(found, changed) == _as_stored(expected, changed)


def test_resumed_clips_the_span_that_straddles_the_change_point_and_drops_those_before() -> None:
    days = {START: Counter({"envoy": 1}), START + timedelta(days=100): Counter({"envoy": 1})}
    found = spans(days, engagement)
    assert [(s.value, s.start) for s in found] == [("envoy", START), ("none", START + timedelta(days=465))]
    middle = START + timedelta(days=50)
    assert resumed(found, middle) == [Span(value="envoy", start=middle, last=found[0].last), found[1]]
    assert resumed(found, found[1].start) == found[1:]


def test_islands_split_the_changed_days_where_their_windows_cannot_meet() -> None:
    near, far = START + RECENT, START + RECENT + timedelta(days=1)
    assert islands([START, near]) == [(START, near + RECENT)]
    assert islands([far, START]) == [(START, START + RECENT), (far, far + RECENT)]
    assert islands([]) == []


def test_islands_of_an_undated_change_or_a_day_at_the_calendar_s_edge_cover_every_day() -> None:
    assert islands([START, date.min]) == [(date.min, None)]
    assert islands([date.max]) == [(date.min, None)]


def test_reached_runs_the_last_span_on_as_the_stored_state_in_force_on_the_reach() -> None:
    reach = START + timedelta(days=30)
    found = [
        Span(value="envoy", start=START, last=START),
        Span(value="none", start=reach + RECENT, last=reach),
    ]
    joint = Span(value="envoy", start=START + timedelta(days=10), last=date.max)
    assert reached(found, reach, joint) == [Span(value="envoy", start=START, last=date.max)]
    assert reached(found, reach, None) == found[:1]
