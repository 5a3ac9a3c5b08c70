"""The relations ledger: dated states between two parties (countries, or international organisations by
their actor code: overtures.relations.parties), built from coded events.

Point states (recognition, terrorist designation, embassy, ambassador, sanctions) come from the rules in
data/relations.yaml: each matching event is a dated fact, facts are sorted by date, and a fact with a new
value ends the state before it (its ``valid_to``). Facts for every actor ("Nobody has recognized X")
join each country's own stream: such a denial ("no other government has") speaks of states, so it is not
spread to the organisations that hold states towards X.

Two states are read over a window of RECENT days instead of from single events:
- ``engagement``: the highest level of contact (CAMEO 04: meetings, visits, talks, asserted or stative)
  between the actor and the target in the window: ``head of state`` > ``ministerial`` > ``envoy``, by
  the titles of the actor's own representative; ``proposed`` when the actor only called for or
  announced talks (026, 036); ``none`` once the window holds nothing.
- ``hostility``: ``hostile`` while the window holds at least HOSTILE_MIN asserted conflict events
  (QuadClass 3 or 4) from the actor to the target and more of them than cooperative ones; else ``none``.

Dates are when things happened (the events' resolved dates), not when they were reported. When several
reports date the same change (same actor, relation and value), the most precise date wins: a fact whose
window holds a more precise fact's day takes that day (a ceremony "on January 30" over "in January").
Each row keeps how precisely its start and end are known (a state read from "in 2021" starts in 2021,
not on the day the date resolver put in that year); a window state's change point is as precise as the
marks entering or leaving the window that day. Negated, hypothetical, expected and speculated events
never change a state.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from overtures.model import DatePrecision, Event, Evidence
from overtures.relations.marks import Marked, event_marks
from overtures.relations.parties import is_organisation, ledger_party
from overtures.relations.rules import EVERY_ACTOR, StateFact, facts_from_event
from overtures.relations.windows import (
    CONFLICT,
    ONE_DAY,
    RECENT,
    MarkSource,
    Span,
    WindowMark,
    continued,
    engagement,
    first_point,
    first_sentences,
    hostility,
    listed_marks,
    reached,
    resumed,
    span_evidence,
    spans,
)
from overtures.states import LedgerRow

# How precisely the marks of a window state on a day are known (None: no mark that day).
DayPrecision = Callable[[date], DatePrecision | None]


class Stored(NamedTuple):
    """A stored window row as a resumed sweep needs it: its value, start and end (None: in force), and
    how precisely each is known."""

    value: str
    start: date
    end: date | None
    start_precision: DatePrecision
    end_precision: DatePrecision | None

    def span(self) -> Span:
        """The row as a span: its last change point bounds its marks, as the day before its end does
        (every day with marks is a change point)."""
        return Span(value=self.value, start=self.start, last=self.end - ONE_DAY if self.end else date.max)


class Resume(NamedTuple):
    """Which rows of a stored window state are computed again: those the marks changed from ``since``
    on can reach, up to ``reach`` (None: every later row). ``held`` is the stored row in force on
    ``since`` that began before it, ``joint`` the stored state in force on ``reach`` (None: none there)."""

    since: date
    held: Stored | None
    reach: date | None
    joint: Stored | None


RELATION_ORDER = (
    "recognition",
    "terrorist_designation",
    "embassy",
    "ambassador",
    "sanctions",
    "engagement",
    "hostility",
)
PRECISION_ORDER = (
    DatePrecision.DAY,
    DatePrecision.WEEK,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.PUBLICATION,
)


def build_ledger(events: Iterable[Event], *, target: str | None = None) -> list[LedgerRow]:
    """Every state and its history, from the events (all modalities; the rules pick what counts)."""
    usable = [e for e in events if target is None or _involves(e, target)]
    facts = [f for e in usable for f in facts_from_event(e) if target is None or f.target == target]
    return ledger_rows(facts, _window_rows(usable, target))


def ledger_rows(facts: list[StateFact], window: list[LedgerRow]) -> list[LedgerRow]:
    """The ledger from the point facts and the window rows already read: each actor's facts folded into
    states, facts for every actor spread over the actors known to the target, in ledger order."""
    return sort_rows(_spread_every_actor(_point_rows(facts) + window))


def point_ledger_rows(facts: list[StateFact], seen: Iterable[tuple[str, str]]) -> list[LedgerRow]:
    """The point rows of the ledger alone: ``ledger_rows`` without the window rows, whose (actor,
    target) pairs, ``seen``, are all the spreading needs of them."""
    return sort_rows(_spread_every_actor(_point_rows(facts), seen))


def sort_rows(rows: Iterable[LedgerRow]) -> list[LedgerRow]:
    """Ledger rows in ledger order: by target, actor, relation and start."""
    return sorted(rows, key=_row_order)


def state_as_of(rows: Iterable[LedgerRow], as_of: date | None) -> list[LedgerRow]:
    """The states in force on ``as_of`` (None: the latest state of every relation)."""
    return [r for r in rows if r.in_force(as_of)]


def _involves(event: Event, party: str) -> bool:
    return party in (ledger_party(event.source), ledger_party(event.target))


def _row_order(row: LedgerRow) -> tuple[str, str, int, date]:
    return (row.target, row.actor, RELATION_ORDER.index(row.relation), row.valid_from or date.min)


def _point_rows(facts: list[StateFact]) -> list[LedgerRow]:
    streams: dict[tuple[str, str, str], list[StateFact]] = defaultdict(list)
    for fact in facts:
        streams[(fact.actor, fact.target, fact.relation)].append(fact)
    return [row for stream in streams.values() for row in fold(stream)]


def fold(facts: list[StateFact]) -> list[LedgerRow]:
    """One actor's facts on one relation, as states: a new value ends the state before it."""
    rows: list[LedgerRow] = []
    state: list[StateFact] = []  # the facts of the state being read, all of one value
    for fact in sorted(precise_dates(facts), key=lambda f: (f.on or date.min, f.event_id)):
        if state and state[0].value == fact.value:
            state.append(fact)
            continue
        if state:
            rows.append(_state(state, fact))
        state = [fact]
    if state:
        rows.append(_state(state, None))
    return rows


def _state(facts: list[StateFact], ended_by: StateFact | None) -> LedgerRow:
    """The state the facts of one value tell, up to the fact that ends it (None: in force): from the
    first, with the first MAX_EVIDENCE sentences of its reports (each once), and every rule."""
    first = facts[0]
    evidence = first_sentences(f.evidence for f in facts)
    return LedgerRow(
        actor=first.actor,
        target=first.target,
        relation=first.relation,
        value=first.value,
        valid_from=first.on,
        valid_to=ended_by.on if ended_by else None,
        valid_from_precision=first.precision,
        valid_to_precision=ended_by.precision if ended_by else None,
        evidence=evidence,
        basis=tuple(dict.fromkeys(f.rule for f in facts)),
    )


def precise_dates(facts: list[StateFact]) -> list[StateFact]:
    """Each fact dated by the most precise report of the same change: a fact of the same value whose day
    lies in this fact's window and is more precise ("on January 30" in "in January"); of those, the most
    precise, then the earliest, then the first listed."""
    dated = _dated(facts)
    return [_most_precise(fact, dated) for fact in facts]


# The dated facts of one value and precision, by day (then as listed): their days, and the facts.
Dated = dict[tuple[str, DatePrecision], tuple[list[date], list[StateFact]]]


def _dated(facts: list[StateFact]) -> Dated:
    grouped: dict[tuple[str, DatePrecision], list[tuple[date, int, StateFact]]] = defaultdict(list)
    for n, fact in enumerate(facts):
        if fact.on is not None:
            grouped[(fact.value, fact.precision)].append((fact.on, n, fact))
    dated: Dated = {}
    for key, items in grouped.items():
        items.sort(key=lambda item: item[:2])  # by day, then as listed
        dated[key] = ([day for day, _, _ in items], [fact for _, _, fact in items])
    return dated


def _most_precise(fact: StateFact, dated: Dated) -> StateFact:
    if fact.window is None:
        return fact
    low, high = fact.window
    for precision in PRECISION_ORDER[: PRECISION_ORDER.index(fact.precision)]:
        days, found = dated.get((fact.value, precision), ([], []))
        at = bisect_left(days, low)
        if at < len(days) and days[at] <= high:
            best = found[at]
            return replace(fact, on=best.on, precision=best.precision, window=best.window)
    return fact


def _spread_every_actor(rows: list[LedgerRow], seen: Iterable[tuple[str, str]] = ()) -> list[LedgerRow]:
    """Facts for every actor ("Nobody has recognized X") join each known country's own facts on that
    relation, up to its first own fact (``_before_own``); with no known country they stay as one "*" row.
    The countries known to a target are the actors of its rows, and of the (actor, target) pairs
    ``seen``. On one day an actor's own fact sorts after the general one ("order"), so it is the state
    of the day."""
    shared = [r for r in rows if r.actor == EVERY_ACTOR]
    if not shared:
        return rows
    own = [r for r in rows if r.actor != EVERY_ACTOR]
    pairs = [*((r.actor, r.target) for r in own), *seen]
    actors = {(actor, target) for actor, target in pairs if not is_organisation(actor)}
    out = list(own)
    for target, relation in {(r.target, r.relation) for r in shared}:
        general = [r for r in shared if (r.target, r.relation) == (target, relation)]
        known = sorted(a for a, t in actors if t == target)
        if not known:
            out.extend(general)
        for actor in known:
            mine = [r for r in own if (r.actor, r.target, r.relation) == (actor, target, relation)]
            out = [r for r in out if r not in mine]
            facts = [_as_fact(r, actor, order="1") for r in mine] + [
                _as_fact(r, actor) for r in general if _before_own(r, mine)
            ]
            out.extend(fold(facts))
    return out


def _before_own(general: LedgerRow, mine: list[LedgerRow]) -> bool:
    """Whether a general state ("Nobody has recognized X") holds for an actor: only up to the actor's
    own first fact on the relation, on the same day included (the own fact then sorts after it). What
    an actor did is told by its own facts; a later "no other country has" is not about it."""
    starts = [r.valid_from for r in mine if r.valid_from is not None]
    if not starts or general.valid_from is None:
        return True
    return general.valid_from <= min(starts)


def _as_fact(row: LedgerRow, actor: str, *, order: str = "") -> StateFact:
    """A ledger row as a fact of ``actor``; ``order`` sorts it among facts of the same day."""
    return StateFact(
        actor=actor,
        target=row.target,
        relation=row.relation,
        value=row.value,
        on=row.valid_from,
        evidence=row.evidence,
        rule=row.basis[0],
        event_id=order,
        precision=row.valid_from_precision,
    )


def _window_rows(events: list[Event], target: str | None) -> list[LedgerRow]:
    """Engagement and hostility between every two parties, from the events' marks."""
    streams: dict[tuple[str, str, str], list[Marked]] = defaultdict(list)
    for event in events:
        for marked in event_marks(event):
            if target is None or marked.target == target:
                streams[(marked.actor, marked.target, marked.relation)].append(marked)
    rows: list[LedgerRow] = []
    for (actor, towards, relation), marks in streams.items():
        days: dict[date, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, list[tuple[date, WindowMark]]] = defaultdict(list)
        for marked in marks:
            days[marked.day][marked.kind] += 1
            kinds[marked.kind].append((marked.day, marked.mark))
        rows += window_rows((actor, towards), relation, days, listed_marks(kinds), _listed_precisions(marks))
    return rows


def most_precise(precisions: Iterable[DatePrecision]) -> DatePrecision | None:
    """The most precise of some date precisions; None for none."""
    return min(precisions, key=PRECISION_ORDER.index, default=None)


def day_precision(by_day: Mapping[date, Iterable[DatePrecision]]) -> DayPrecision:
    """A DayPrecision over the precisions already known per day."""
    return lambda day: most_precise(by_day.get(day, ()))


def _listed_precisions(marks: list[Marked]) -> DayPrecision:
    """A DayPrecision over marks held in memory."""
    by_day: dict[date, list[DatePrecision]] = defaultdict(list)
    for marked in marks:
        by_day[marked.day].append(marked.precision)
    return day_precision(by_day)


def _change_precision(point: date, precision_of: DayPrecision) -> DatePrecision:
    """How precisely a window state's change point is known: as the marks entering the window on that
    day, else as those leaving it (dated RECENT days before)."""
    return precision_of(point) or precision_of(point - RECENT) or DatePrecision.DAY


def window_rows(
    key: tuple[str, str],
    relation: str,
    days: Mapping[date, Mapping[str, int]],
    source: MarkSource,
    precision_of: DayPrecision,
    *,
    resume: Resume | None = None,
) -> list[LedgerRow]:
    """The rows of one window state (``engagement`` or ``hostility``) from ``key[0]`` to ``key[1]``, from
    its marks per day and kind; ``source`` finds the marks behind each row's evidence, ``precision_of``
    says how precisely a day with marks is known. Hostility starts at the first hostile window. With
    ``resume``, only the rows its changes reach, from the marks of the days from ``since - RECENT`` to
    ``reach``: the first continues the ``held`` row from its start (with none held, no state was in force
    before ``since``), the last runs on as the ``joint`` state to its stored end."""
    found = _found_spans(relation, days, resume)
    held = resume.held if resume else None
    joint = resume.joint if resume and resume.reach else None
    rows = []
    for i, span in enumerate(found):
        last = i + 1 == len(found)
        end = found[i + 1].start if not last else joint.end if joint else None
        evidence: tuple[Evidence, ...] = ()
        basis: tuple[str, ...] = ()
        if span.value != "none":
            evidence, basis = span_evidence(source, CONFLICT if relation == "hostility" else span.value, span)
        start_precision = (
            held.start_precision if held and i == 0 else _change_precision(span.start, precision_of)
        )
        end_precision = (
            joint.end_precision if joint and last else _change_precision(end, precision_of) if end else None
        )
        rows.append(
            LedgerRow(
                actor=key[0],
                target=key[1],
                relation=relation,
                value=span.value,
                valid_from=span.start,
                valid_to=end,
                valid_from_precision=start_precision,
                valid_to_precision=end_precision,
                evidence=evidence,
                basis=basis,
            )
        )
    return rows


def _found_spans(relation: str, days: Mapping[date, Mapping[str, int]], resume: Resume | None) -> list[Span]:
    """The spans ``window_rows`` writes rows for (see there)."""
    found = spans(days, engagement if relation == "engagement" else hostility)
    if resume is None:
        return _from_first_state(found)
    since, held, reach, joint = resume
    point = first_point(days, since)
    if held is not None:
        found = continued(found, point, Span(value=held.value, start=held.start, last=since - ONE_DAY))
    else:
        found = resumed(found, point) if point else []
    if reach is not None:
        found = reached(found, reach, joint.span() if joint else None)
    return found if held else _from_first_state(found)


def _from_first_state(found: list[Span]) -> list[Span]:
    """The spans from the first that is not ``none``: a pair's rows start with its first contact, or
    for hostility its first hostile window."""
    return found[next((i for i, s in enumerate(found) if s.value != "none"), len(found)) :]


def relation_record(row: LedgerRow) -> dict[str, object]:
    """The JSON form of a ledger row, its dates with their precision, evidence as sentences with article
    id and character offsets."""
    return {
        "actor": row.actor,
        "target": row.target,
        "relation": row.relation,
        "value": row.value,
        "valid_from": row.valid_from.isoformat() if row.valid_from else None,
        "valid_to": row.valid_to.isoformat() if row.valid_to else None,
        "valid_from_precision": row.valid_from_precision.value,
        "valid_to_precision": row.valid_to_precision.value if row.valid_to_precision else None,
        "evidence": [
            {"article_id": e.article_id, "sentence": e.sentence, "start": e.start, "end": e.end}
            for e in row.evidence
        ],
        "basis": list(row.basis),
    }
