"""The stored relations ledger kept up to date as the store writes: what the store's rules
(``LEDGER_RULES``, overtures.store.rules.LedgerRules) do in the transaction that saves or replaces events.

``add`` and ``remove`` write the marks events make and note the pairs of parties they touch (countries
and organisations, overtures.relations.parties) with the days they touch, and the targets whose
point facts change; ``settle``, at the end of the transaction, computes again the window rows of those
pairs and the point rows of those targets; ``rebuild`` does it for every stored event.

A window state on a day depends only on the marks of the RECENT days up to it, so marks changed between
two days cannot alter a row that ended before the first, nor one that begins more than a window after
the last: those rows stay as stored. The changed days of a pair are split into runs whose windows do
not meet (``windows.islands``); for each, the sweep reads the days from a window before the run to a
window after it, continues the row in force where it starts and joins the row in force where its reach
ends. The work per write grows with the rows a pair's changes reach, not with the pair's history. A
target's point rows are computed again only when its point facts change or a pair towards it gains or
loses its rows (the actors a fact for every actor spreads over); they read the facts' evidence without
its text, then the text of the few sentences each state keeps (windows.first_sentences).

The hostility between two countries is counted from the events table, through its dyad index; the
hostility of a pair with an organisation from marks like engagement's. The tables and the SQL on them are
the store's (overtures.store.relation_table); what the rows mean is decided here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from itertools import dropwhile, takewhile
from typing import Any

from sqlalchemy.engine import Connection

from overtures.model import DatePrecision, Event
from overtures.relations.ledger import (
    DayPrecision,
    Resume,
    Stored,
    day_precision,
    point_ledger_rows,
    sort_rows,
    window_rows,
)
from overtures.relations.marks import (
    CONTACT_CODES,
    PROPOSAL_CODES,
    contact_marks,
    hostility_marks,
    is_conflict,
)
from overtures.relations.parties import ORGANISATION_PREFIX, is_organisation, ledger_party
from overtures.relations.rules import POINT_RELATIONS, StateFact, facts_from_event, load_rules
from overtures.relations.windows import CONFLICT, COOPERATION, RECENT, MarkSource, WindowMark, islands
from overtures.states import LedgerRow
from overtures.store import relation_table
from overtures.store.relation_table import EvidenceRef, RowEnd
from overtures.store.rules import LedgerRules

WINDOW_RELATIONS = ("engagement", "hostility")
_PENDING = "overtures_relation_pairs"  # Connection.info key of the pairs to refresh
_POINTS = "overtures_relation_points"  # Connection.info key of the targets whose point facts changed
Pairs = dict[tuple[str, str], set[date]]  # each pair to refresh, with the days its changes touch


def mark_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The marks rows of the events: their point facts, engagement marks, and the hostility marks of
    pairs with an organisation."""
    rows = []
    for event in events:
        for fact in facts_from_event(event):
            window = fact.window or (None, None)
            rows.append({"event_id": event.event_id, "relation": fact.relation, "actor": fact.actor,
                         "article_id": event.article_id, "target": fact.target, "value": fact.value,
                         "day": fact.on, "precision": fact.precision.value, "window_start": window[0],
                         "window_end": window[1], "rule": fact.rule})  # fmt: skip
        hostile = [m for m in hostility_marks(event) if not _counted_from_events(m.actor, m.target)]
        for marked in (*contact_marks(event), *hostile):
            rows.append({"event_id": event.event_id, "relation": marked.relation, "actor": marked.actor,
                         "article_id": event.article_id, "target": marked.target, "value": marked.kind,
                         "day": marked.day, "precision": event.date.precision.value, "window_start": None,
                         "window_end": None, "rule": event.cameo})  # fmt: skip
    return rows


def _counted_from_events(actor: str, target: str) -> bool:
    """Whether the hostility of a pair is counted from the events table: between two countries."""
    return not is_organisation(actor) and not is_organisation(target)


def _pairs(parties: Iterable[tuple[str | None, str | None, date | None]]) -> Pairs:
    """Both directions of every pair of parties, and each party with itself (its point states), with the
    days of theirs (an undated one: date.min, every day)."""
    found: Pairs = defaultdict(set)
    for one, two, day in parties:
        keys = [(party, party) for party in (one, two) if party is not None]
        if one is not None and two is not None and one != two:
            keys += [(one, two), (two, one)]
        for key in keys:
            found[key].add(day or date.min)
    return found


def _note(conn: Connection, pairs: Pairs, points: Iterable[str] = ()) -> None:
    """Remember, until ``settle`` in the same transaction, the pairs whose rows changed and on which
    days, and the targets whose point facts changed."""
    noted: Pairs = conn.info.setdefault(_PENDING, defaultdict(set))
    for key, days in pairs.items():
        noted[key] |= days
    conn.info.setdefault(_POINTS, set()).update(points)


def add(conn: Connection, events: Sequence[Event]) -> None:
    """Write the events' marks, and note the pairs of parties whose rows they change."""
    rows = mark_rows(events)
    relation_table.insert_marks(conn, rows)
    points = {row["target"] for row in rows if row["relation"] in POINT_RELATIONS}
    _note(conn, _pairs((ledger_party(e.source), ledger_party(e.target), e.date.date) for e in events), points)


def remove(conn: Connection, article_id: str) -> None:
    """Delete the marks of the article's events (before the events go), and note the pairs they touched."""
    sides = relation_table.article_sides(conn, article_id)
    points = relation_table.article_mark_targets(conn, article_id, POINT_RELATIONS)
    _note(
        conn,
        _pairs((ledger_party(source), ledger_party(target), day) for source, target, day in sides),
        points,
    )
    relation_table.delete_marks(conn, article_id)


def settle(conn: Connection) -> None:
    """Compute again the rows of the pairs noted since the last settle (at the end of a transaction)."""
    refresh(conn, conn.info.pop(_PENDING, {}), conn.info.pop(_POINTS, set()))


def refresh(conn: Connection, pairs: Pairs, points: set[str]) -> None:
    """Compute again the window rows of each pair (actor, target) that the days its changes touch can
    reach, then the point rows of each target in ``points`` or whose window rows gained or lost an actor."""
    points = set(points)
    for (actor, target), days in sorted(pairs.items()):
        if actor != target and _refresh_pair(conn, actor, target, days):
            points.add(target)
    for target in sorted(points):
        _refresh_points(conn, target)


def _refresh_pair(conn: Connection, actor: str, target: str, days: set[date]) -> bool:
    """Compute again the window rows of a pair that the changed ``days`` can reach, one run of days at a
    time (``islands``). Says whether the pair's having rows at all changed (which changes the actors its
    target's point rows spread over)."""
    had = found = False
    runs = islands(days)
    for relation in WINDOW_RELATIONS:
        changes = [_refresh_stream(conn, (target, actor, relation), *run) for run in runs]
        if changes:  # whether it had rows before the first run, and has rows after the last
            had, found = had or changes[0][0], found or changes[-1][1]
    return had != found


def _refresh_stream(
    conn: Connection, key: tuple[str, str, str], since: date, reach: date | None
) -> tuple[bool, bool]:
    """Compute again the rows of one window state (``key``: target, actor, relation) that marks changed
    from ``since`` on can reach, up to ``reach``. The state on a day depends only on the marks of the
    RECENT days up to it, so the rows that ended before ``since``, and those that begin after ``reach``,
    stay as stored; the sweep over the days between continues the row in force on ``since`` and joins
    the one in force on ``reach``. ``date.min``: every row again. Says whether the state had rows
    before, and whether it has rows after."""
    target, actor, relation = key
    bounds = relation_table.row_ends(conn, target, actor, relation)
    kept = list(takewhile(lambda row: row.end is not None and row.end < since, bounds))
    rest = bounds[len(kept) :]
    tail = list(dropwhile(lambda row: reach is None or row.start is None or row.start <= reach, rest))
    resume = _resume(kept, rest[: len(rest) - len(tail)], tail, since, reach)
    sweep = (since - RECENT, reach) if resume else (None, None)
    days, precision = _days(conn, actor, target, relation, *sweep)
    rows = window_rows((actor, target), relation, days, _source(conn, actor, target, relation), precision,
                       resume=resume)  # fmt: skip
    if resume is None:
        relation_table.replace_rows(conn, key, rows, first_seq=0)
        return bool(bounds), bool(rows)
    first = rest[0].seq if rest else 0  # with rows kept and none after them, ``_resume`` gave None
    relation_table.replace_rows(conn, key, rows, first_seq=first, end_seq=tail[0].seq if tail else None)
    return bool(bounds), bool(kept or rows or tail)


def _resume(
    kept: list[RowEnd], middle: list[RowEnd], tail: list[RowEnd], since: date, reach: date | None
) -> Resume | None:
    """Where the sweep resumes, over the ``middle`` rows between those ``kept`` before ``since`` and the
    ``tail`` after ``reach`` (None: it starts from the first day)."""
    held = _stored(middle[0]) if middle and middle[0].start is not None and middle[0].start < since else None
    if since == date.min or (kept and held is None):
        return None  # every row again (a stream whose rows all ended before a change cannot be resumed)
    joint = None
    if reach is not None and middle:
        joint = _stored(middle[-1])
    elif reach is not None and tail:  # no row in force on ``reach``: the "none" before the next row
        joint = Stored(value="none", start=reach, end=tail[0].start, start_precision=DatePrecision.DAY,
                       end_precision=DatePrecision(tail[0].start_precision))  # fmt: skip
    return Resume(since=since, held=held, reach=reach, joint=joint)


def _stored(row: RowEnd) -> Stored:
    """A stored row's bounds as the sweep reads them."""
    end = DatePrecision(row.end_precision) if row.end_precision else None
    return Stored(value=row.value, start=row.start or date.min, end=row.end,
                  start_precision=DatePrecision(row.start_precision), end_precision=end)  # fmt: skip


def _refresh_points(conn: Connection, target: str) -> None:
    """The point rows towards ``target``, from its facts and the actors of its window rows. The facts
    carry their evidence without the sentences' text; only the sentences the rows keep are read."""
    actors = relation_table.row_actors(conn, target, WINDOW_RELATIONS)
    facts, refs = _facts(conn, target)
    rows = point_ledger_rows(facts, [(actor, target) for actor in actors])
    relation_table.replace_states(conn, target, _with_sentences(conn, rows, refs), relations=POINT_RELATIONS)


def _days(
    conn: Connection, actor: str, target: str, relation: str, since: date | None, until: date | None
) -> tuple[dict[date, Counter[str]], DayPrecision]:
    """The marks of one window state per day and kind (from ``since`` to ``until``; None: from the first
    day, to the last), and how precisely each of those days is known."""
    days: dict[date, Counter[str]] = defaultdict(Counter)
    precisions: dict[date, set[DatePrecision]] = defaultdict(set)
    if relation == "hostility" and _counted_from_events(actor, target):
        for day, quad, precision, n in relation_table.hostility_days(conn, actor, target, since, until):
            days[day][CONFLICT if is_conflict(quad) else COOPERATION] += n
            precisions[day].add(precision)
    else:
        for day, value, precision, n in relation_table.mark_days(conn, actor, target, relation, since, until):
            days[day][value] += n
            precisions[day].add(precision)
    return days, day_precision(precisions)


def _source(conn: Connection, actor: str, target: str, relation: str) -> MarkSource:
    """A MarkSource over the stored marks of one window state."""

    def marks(kind: str, since: date, until: date, limit: int | None) -> list[WindowMark]:
        if relation == "hostility" and _counted_from_events(actor, target):
            found = relation_table.hostile_events(conn, actor, target, since, until, limit)
        else:
            found = relation_table.marked_events(conn, (actor, target, relation, kind), since, until, limit)
        return [
            WindowMark(event_id=event_id, cameo=code, evidence=evidence, day=day)
            for event_id, code, day, evidence in found
        ]

    return marks


def _facts(conn: Connection, target: str) -> tuple[list[StateFact], dict[tuple[str, int], EvidenceRef]]:
    """The point facts towards ``target``, in event order, each with its event's evidence as yet without
    the sentence's text; and where each sentence (article, offset) is stored."""
    rows = relation_table.point_marks(conn, target, POINT_RELATIONS)
    heads = relation_table.evidence_heads(conn, [row.event_id for row in rows])
    refs: dict[tuple[str, int], EvidenceRef] = {}
    for event_id, items in heads.items():
        for ordinal, item in items:
            refs.setdefault((item.article_id, item.start), (event_id, ordinal))
    facts = [
        StateFact(actor=r.actor, target=r.target, relation=r.relation, value=r.value, on=r.day,
                  evidence=tuple(item for _, item in heads.get(r.event_id, ())), rule=r.rule,
                  event_id=r.event_id, precision=DatePrecision(r.precision),
                  window=(r.window_start, r.window_end) if r.window_start and r.window_end else None)
        for r in rows
    ]  # fmt: skip
    return facts, refs


def _with_sentences(
    conn: Connection, rows: list[LedgerRow], refs: dict[tuple[str, int], EvidenceRef]
) -> list[LedgerRow]:
    """The rows with the text of each sentence of their evidence, read from the store."""
    kept = {refs[(item.article_id, item.start)] for row in rows for item in row.evidence}
    texts = relation_table.evidence_sentences(conn, sorted(kept))
    return [
        replace(row, evidence=tuple(
            replace(item, sentence=texts[refs[(item.article_id, item.start)]]) for item in row.evidence
        ))
        for row in rows
    ]  # fmt: skip


def rebuild(conn: Connection) -> None:
    """Compute the marks and the ledger again from every stored event: those that can make a mark (by
    their CAMEO code, or an organisation on either side) are read again."""
    relation_table.delete_states(conn)
    codes = {*CONTACT_CODES, *PROPOSAL_CODES, *(code for rule in load_rules() for code in rule.codes)}
    for events in relation_table.events_coded(conn, codes, actors=(ORGANISATION_PREFIX,)):
        add(conn, events)
    countries = _pairs((one, two, None) for one, two in relation_table.event_countries(conn))
    every = {key: {date.min} for key in [*conn.info.pop(_PENDING, {}), *countries]}
    refresh(conn, every, conn.info.pop(_POINTS, set()))


LEDGER_RULES = LedgerRules(add=add, remove=remove, settle=settle, rebuild=rebuild, order=sort_rows)
