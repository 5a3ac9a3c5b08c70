"""The stored relations ledger (schema v7; v9 adds the precision of each row's dates): the marks events
make on it, and its rows.

``relation_marks`` holds what the ledger reads from single events: the point facts of the state rules
and the engagement marks of contact events (hostility is counted from the events table itself, through
the dyad index). ``relation_states`` holds the ledger rows. Both change in the transaction that saves or
replaces the events they come from: ``add`` and ``remove`` write the marks and name the country pairs
they touch, and ``refresh`` computes again the rows of those pairs (and the point states of their
countries) from the marks, one sweep per pair. ``rebuild`` does it for every stored event.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from overtures.model import DatePrecision, Event, Evidence, Modality
from overtures.store import schema
from overtures.store.query import unordered_dyad
from overtures.store.schema import metadata

WINDOW_RELATIONS = ("engagement", "hostility")
_PAGE = 5_000
_PENDING = "overtures_relation_pairs"  # Connection.info key of the pairs to refresh

relation_marks = sa.Table(
    "relation_marks",
    metadata,
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column("relation", sa.String(24), primary_key=True),
    sa.Column("actor", sa.String(8), primary_key=True),
    sa.Column("article_id", sa.String, nullable=False, index=True),
    sa.Column("target", sa.String(8), nullable=False),
    sa.Column("value", sa.String(24), nullable=False),  # a point state's value, or a level of engagement
    sa.Column("day", sa.Date),
    sa.Column("precision", sa.String(16), nullable=False),
    sa.Column("window_start", sa.Date),
    sa.Column("window_end", sa.Date),
    sa.Column("rule", sa.Text, nullable=False),  # the state rule, or the CAMEO code of a contact
    sa.Index("ix_relation_marks_stream", "target", "actor", "relation", "value", "day"),
)

relation_states = sa.Table(
    "relation_states",
    metadata,
    sa.Column("target", sa.String(8), primary_key=True),
    sa.Column("actor", sa.String(8), primary_key=True),
    sa.Column("relation", sa.String(24), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.String(24), nullable=False),
    sa.Column("valid_from", sa.Date),
    sa.Column("valid_to", sa.Date),
    sa.Column("valid_from_precision", sa.String(16), nullable=False),  # v9
    sa.Column("valid_to_precision", sa.String(16)),  # v9
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("basis", sa.Text, nullable=False),
)

TABLES = (relation_marks, relation_states)
Pairs = set[tuple[str, str]]


def _mark_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The marks rows of the events: their point facts and engagement marks."""
    from overtures.relations.marks import contact_marks
    from overtures.relations.rules import facts_from_event

    rows = []
    for event in events:
        for fact in facts_from_event(event):
            window = fact.window or (None, None)
            rows.append({"event_id": event.event_id, "relation": fact.relation, "actor": fact.actor,
                         "article_id": event.article_id, "target": fact.target, "value": fact.value,
                         "day": fact.on, "precision": fact.precision.value, "window_start": window[0],
                         "window_end": window[1], "rule": fact.rule})  # fmt: skip
        for marked in contact_marks(event):
            rows.append({"event_id": event.event_id, "relation": marked.relation, "actor": marked.actor,
                         "article_id": event.article_id, "target": marked.target, "value": marked.kind,
                         "day": marked.day, "precision": event.date.precision.value, "window_start": None,
                         "window_end": None, "rule": event.cameo})  # fmt: skip
    return rows


def _pairs(countries: Iterable[tuple[str | None, str | None]]) -> Pairs:
    """Both directions of every pair of countries, and each country with itself (its point states)."""
    found: Pairs = set()
    for one, two in countries:
        for country in (one, two):
            if country is not None:
                found.add((country, country))
        if one is not None and two is not None and one != two:
            found |= {(one, two), (two, one)}
    return found


def _note(conn: Connection, pairs: Pairs) -> None:
    """Remember, until ``refresh_pending`` in the same transaction, the pairs whose rows changed."""
    conn.info.setdefault(_PENDING, set()).update(pairs)


def add(conn: Connection, events: Sequence[Event]) -> None:
    """Write the events' marks, and note the pairs of countries whose rows they change."""
    rows = _mark_rows(events)
    if rows:
        conn.execute(sa.insert(relation_marks), rows)
    _note(conn, _pairs((_country(e.source), _country(e.target)) for e in events))


def _country(actor: Any) -> str | None:
    return None if actor is None else actor.country


def remove(conn: Connection, article_id: str) -> None:
    """Delete the marks of the article's events (before the events go), and note the pairs they touched."""
    c = schema.events.c
    countries = sa.select(c.source_country, c.target_country).where(c.article_id == article_id).distinct()
    _note(conn, _pairs((one, two) for one, two in conn.execute(countries)))
    conn.execute(sa.delete(relation_marks).where(relation_marks.c.article_id == article_id))


def refresh_pending(conn: Connection) -> None:
    """Compute again the rows of the pairs noted since the last refresh (at the end of a transaction)."""
    refresh(conn, conn.info.pop(_PENDING, set()))


def refresh(conn: Connection, pairs: Pairs) -> None:
    """Compute again the window rows of each pair (actor, target), then the point rows of each target."""
    from overtures.relations.ledger import window_rows

    for actor, target in sorted(pairs):
        if actor == target:
            continue
        rows = []
        for relation in WINDOW_RELATIONS:
            days, precision = _days(conn, actor, target, relation)
            source = _source(conn, actor, target, relation)
            rows += window_rows((actor, target), relation, days, source, precision)
        _replace(conn, target, rows, actor=actor, relations=WINDOW_RELATIONS)
    for target in sorted({target for _, target in pairs}):
        _refresh_points(conn, target)


def _refresh_points(conn: Connection, target: str) -> None:
    """The point rows towards ``target``, from its facts and the actors its window rows know."""
    from overtures.relations.ledger import ledger_rows

    window = [row for row in read(conn, target=target) if row.relation in WINDOW_RELATIONS]
    rows = ledger_rows(_facts(conn, target), window)
    _replace(
        conn, target, [r for r in rows if r.relation not in WINDOW_RELATIONS], actor=None, relations=None
    )


def _replace(
    conn: Connection, target: str, rows: Sequence[Any], *, actor: str | None, relations: Sequence[str] | None
) -> None:
    """Delete the stored rows towards ``target`` (of ``actor``, of ``relations``; None: point rows of
    every actor) and insert ``rows`` in their place."""
    s = relation_states.c
    where = [s.target == target]
    where.append(s.actor == actor if actor is not None else sa.true())
    where.append(s.relation.in_(relations) if relations is not None else s.relation.not_in(WINDOW_RELATIONS))
    conn.execute(sa.delete(relation_states).where(*where))
    if rows:
        conn.execute(sa.insert(relation_states), [_state_row(seq, row) for seq, row in enumerate(rows)])


def _state_row(seq: int, row: Any) -> dict[str, Any]:
    evidence = [[e.article_id, e.sentence, e.start, e.end, e.trigger] for e in row.evidence]
    fields = ("target", "actor", "relation", "value", "valid_from", "valid_to")
    ends = row.valid_to_precision
    return {name: getattr(row, name) for name in fields} | {
        "valid_from_precision": row.valid_from_precision.value,
        "valid_to_precision": ends.value if ends else None,
        "seq": seq,
        "evidence": json.dumps(evidence, ensure_ascii=False),
        "basis": json.dumps(list(row.basis)),
    }


def _evidence(text: str) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(article_id=a, sentence=s, start=start, end=end, trigger=t)
        for a, s, start, end, t in json.loads(text)
    )


def read(
    conn: Connection,
    *,
    target: str | None = None,
    actor: str | None = None,
    started: tuple[date, date] | None = None,
) -> list[Any]:
    """The stored ledger rows (towards ``target``, of ``actor``, only those with evidence that began
    within ``started``), in ledger order."""
    from overtures.relations.ledger import LedgerRow, sort_rows

    s = relation_states.c
    select = sa.select(relation_states)
    if target is not None:
        select = select.where(s.target == target)
    if actor is not None:
        select = select.where(s.actor == actor)
    if started is not None:
        select = select.where(s.valid_from.between(*started), s.evidence != "[]")
    rows = [
        LedgerRow(actor=r.actor, target=r.target, relation=r.relation, value=r.value, valid_from=r.valid_from,
                  valid_to=r.valid_to, valid_from_precision=DatePrecision(r.valid_from_precision),
                  valid_to_precision=DatePrecision(r.valid_to_precision) if r.valid_to_precision else None,
                  evidence=_evidence(r.evidence), basis=tuple(json.loads(r.basis)))
        for r in conn.execute(select)
    ]  # fmt: skip
    return sort_rows(rows)


def _hostility_where(actor: str, target: str) -> list[sa.ColumnElement[bool]]:
    """Asserted, dated events from ``actor`` to ``target``, as the dyad index holds them."""
    c = schema.events.c
    first, second = unordered_dyad(c.source_country, c.target_country)
    return [first == min(actor, target), second == max(actor, target), c.modality == Modality.ASSERTED.value,
            c.date.is_not(None), c.source_country == actor, c.target_country == target]  # fmt: skip


def _days(
    conn: Connection, actor: str, target: str, relation: str
) -> tuple[dict[date, Counter[str]], Callable[[date], DatePrecision | None]]:
    """The marks of one window state per day and kind, and how precisely each of those days is known
    (one query: the precision is grouped with the counts)."""
    from overtures.relations.ledger import day_precision
    from overtures.relations.marks import is_conflict
    from overtures.relations.windows import CONFLICT, COOPERATION

    days: dict[date, Counter[str]] = defaultdict(Counter)
    precisions: dict[date, set[DatePrecision]] = defaultdict(set)
    if relation == "hostility":
        c = schema.events.c
        select = sa.select(c.date, c.quad_class, c.date_precision, sa.func.count())
        select = select.where(*_hostility_where(actor, target))
        for day, quad, precision, n in conn.execute(select.group_by(c.date, c.quad_class, c.date_precision)):
            days[day][CONFLICT if is_conflict(quad) else COOPERATION] += n
            precisions[day].add(DatePrecision(precision))
    else:
        m = relation_marks.c
        select = sa.select(m.day, m.value, m.precision, sa.func.count()).where(
            m.target == target, m.actor == actor, m.relation == relation
        )
        for day, value, precision, n in conn.execute(select.group_by(m.day, m.value, m.precision)):
            days[day][value] += n
            precisions[day].add(DatePrecision(precision))
    return days, day_precision(precisions)


def _source(conn: Connection, actor: str, target: str, relation: str) -> Any:
    """A MarkSource over the stored marks of one window state."""
    from overtures.relations.windows import WindowMark

    c, m, ev = schema.events.c, relation_marks.c, schema.event_evidence
    first = ev.c.ordinal == 0

    def marks(kind: str, since: date, until: date, limit: int | None) -> list[WindowMark]:
        if relation == "hostility":
            select = sa.select(c.event_id, c.cameo, c.date, ev).join(
                ev, sa.and_(ev.c.event_id == c.event_id, first)
            )
            select = select.where(*_hostility_where(actor, target), c.quad_class.in_((3, 4)))
            select = select.where(c.date.between(since, until)).order_by(c.date.desc(), c.event_id)
        else:
            select = sa.select(m.event_id, m.rule, m.day, ev).join(
                ev, sa.and_(ev.c.event_id == m.event_id, first)
            )
            select = select.where(
                m.target == target, m.actor == actor, m.relation == relation, m.value == kind
            )
            select = select.where(m.day.between(since, until)).order_by(m.day.desc(), m.event_id)
        return [
            WindowMark(
                event_id=row[0],
                cameo=row[1],
                evidence=None if row.article_id is None else schema.evidence_from_row(row._mapping),
            )
            for row in conn.execute(select.limit(limit))
        ]

    return marks


def _facts(conn: Connection, target: str) -> list[Any]:
    """The point facts towards ``target``, each with its event's evidence, in event order."""
    from overtures.relations.rules import POINT_RELATIONS, StateFact

    m = relation_marks.c
    select = sa.select(relation_marks).where(m.target == target, m.relation.in_(POINT_RELATIONS))
    rows = conn.execute(select.order_by(m.day.is_(None), m.day, m.event_id)).all()
    evidence = _evidence_of(conn, [row.event_id for row in rows])
    return [
        StateFact(actor=r.actor, target=r.target, relation=r.relation, value=r.value, on=r.day,
                  evidence=evidence.get(r.event_id, ()), rule=r.rule, event_id=r.event_id,
                  precision=DatePrecision(r.precision),
                  window=(r.window_start, r.window_end) if r.window_start and r.window_end else None)
        for r in rows
    ]  # fmt: skip


def _evidence_of(conn: Connection, event_ids: list[str]) -> dict[str, tuple[Evidence, ...]]:
    ev = schema.event_evidence.c
    found: dict[str, list[Evidence]] = defaultdict(list)
    for first in range(0, len(event_ids), 500):
        select = sa.select(schema.event_evidence).where(ev.event_id.in_(event_ids[first : first + 500]))
        for row in conn.execute(select.order_by(ev.event_id, ev.ordinal)).mappings():
            found[row["event_id"]].append(schema.evidence_from_row(row))
    return {event_id: tuple(items) for event_id, items in found.items()}


def rebuild(conn: Connection) -> None:
    """Compute the marks and the ledger again from every stored event."""
    conn.execute(sa.delete(relation_marks))
    conn.execute(sa.delete(relation_states))
    for events in _event_pages(conn):
        add(conn, events)
    c = schema.events.c
    conn.info.pop(_PENDING, None)
    refresh(conn, _pairs(conn.execute(sa.select(c.source_country, c.target_country).distinct())))


def _event_pages(conn: Connection) -> Iterable[list[Event]]:
    """Every stored event that may mark the ledger (by its CAMEO code), with its evidence, a page at a
    time in event id order."""
    from overtures.relations.marks import CONTACT_CODES, PROPOSAL_CODES
    from overtures.relations.rules import load_rules

    c = schema.events.c
    codes = {*CONTACT_CODES, *PROPOSAL_CODES, *(code for rule in load_rules() for code in rule.codes)}
    marking = sa.or_(*(c.cameo.startswith(code) for code in sorted(codes)))
    after = ""
    while True:
        select = sa.select(schema.events).where(marking, c.event_id > after)
        select = select.order_by(c.event_id).limit(_PAGE)
        rows = conn.execute(select).mappings().all()
        if not rows:
            return
        evidence = _evidence_of(conn, [row["event_id"] for row in rows])
        yield [schema.event_from_row(row, evidence.get(row["event_id"], ())) for row in rows]
        after = rows[-1]["event_id"]
