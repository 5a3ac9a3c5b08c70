"""The tables of the stored relations ledger (schema v7; v9 adds the precision of each row's dates) and
the reads and writes on them. What the rows mean is decided in overtures.relations.stored, which the
store calls through its rules (overtures.store.rules.LedgerRules) in the transaction that saves or
replaces the events they come from.

``relation_marks`` holds what the ledger reads from single events: the point facts of the state rules
and the marks of the window states (the hostility between two countries is counted from the events table
itself, through the dyad index). ``relation_states`` holds the ledger rows. Both key their rows on
countries and on the actor codes of organisations (v10 widened those columns).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row, RowMapping

from overtures.model import DatePrecision, Event, Evidence, Modality
from overtures.states import LedgerRow
from overtures.store import schema
from overtures.store.query import unordered_dyad
from overtures.store.schema import metadata

_PAGE = 5_000

relation_marks = sa.Table(
    "relation_marks",
    metadata,
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column("relation", sa.String(24), primary_key=True),
    sa.Column("actor", sa.String, primary_key=True),
    sa.Column("article_id", sa.String, nullable=False, index=True),
    sa.Column("target", sa.String, nullable=False),
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
    sa.Column("target", sa.String, primary_key=True),
    sa.Column("actor", sa.String, primary_key=True),
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


def insert_marks(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Write marks rows (the columns of relation_marks)."""
    if rows:
        conn.execute(sa.insert(relation_marks), list(rows))


def article_mark_targets(conn: Connection, article_id: str, relations: Sequence[str]) -> set[str]:
    """The targets of the article's marks of ``relations``."""
    m = relation_marks.c
    select = sa.select(m.target).where(m.article_id == article_id, m.relation.in_(relations)).distinct()
    return set(conn.execute(select).scalars())


def delete_marks(conn: Connection, article_id: str) -> None:
    """Delete the marks of the article's events."""
    conn.execute(sa.delete(relation_marks).where(relation_marks.c.article_id == article_id))


class EventSide(NamedTuple):
    """The source or the target of a stored event: its country and its actor code."""

    country: str | None
    code: str | None


def article_sides(conn: Connection, article_id: str) -> list[tuple[EventSide, EventSide, date | None]]:
    """The distinct (source, target, date) of the article's stored events (None: undated)."""
    c = schema.events.c
    columns = (c.source_country, c.source_code, c.target_country, c.target_code)
    select = sa.select(*columns, c.date).where(c.article_id == article_id).distinct()
    return [(EventSide(*row[:2]), EventSide(*row[2:4]), row[4]) for row in conn.execute(select)]


def event_countries(conn: Connection) -> list[tuple[str | None, str | None]]:
    """The distinct (source country, target country) of every stored event."""
    c = schema.events.c
    return [(one, two) for one, two in conn.execute(sa.select(c.source_country, c.target_country).distinct())]


def replace_states(
    conn: Connection, target: str, rows: Sequence[LedgerRow], *, relations: Sequence[str]
) -> None:
    """Delete the stored rows towards ``target`` of ``relations`` (of every actor) and insert ``rows`` in
    their place."""
    s = relation_states.c
    conn.execute(sa.delete(relation_states).where(s.target == target, s.relation.in_(relations)))
    if rows:
        conn.execute(sa.insert(relation_states), [_state_row(seq, row) for seq, row in enumerate(rows)])


class RowEnd(NamedTuple):
    """Where one stored ledger row stands in its stream: sequence number, start, end, value, and how
    precisely its start and end are known."""

    seq: int
    start: date | None
    end: date | None
    value: str
    start_precision: str
    end_precision: str | None


def row_ends(conn: Connection, target: str, actor: str, relation: str) -> list[RowEnd]:
    """The bounds of each stored row of one pair's ``relation``, in row order."""
    s = relation_states.c
    columns = (s.seq, s.valid_from, s.valid_to, s.value, s.valid_from_precision, s.valid_to_precision)
    select = sa.select(*columns).where(s.target == target, s.actor == actor, s.relation == relation)
    return [RowEnd(*row) for row in conn.execute(select.order_by(s.seq))]


def row_actors(conn: Connection, target: str, relations: Sequence[str]) -> list[str]:
    """The actors with stored rows of ``relations`` towards ``target``."""
    s = relation_states.c
    select = sa.select(s.actor).where(s.target == target, s.relation.in_(relations)).distinct()
    return sorted(actor for (actor,) in conn.execute(select))


def replace_rows(
    conn: Connection,
    key: tuple[str, str, str],
    rows: Sequence[LedgerRow],
    *,
    first_seq: int,
    end_seq: int | None = None,
) -> None:
    """Replace the stored rows of ``key`` (target, actor, relation) from sequence number ``first_seq`` up
    to ``end_seq`` (None: the last) with ``rows``: those before stay, those from ``end_seq`` on follow
    the new rows, numbered on from them."""
    s = relation_states.c
    target, actor, relation = key
    stream = (s.target == target, s.actor == actor, s.relation == relation)
    upto = () if end_seq is None else (s.seq < end_seq,)
    conn.execute(sa.delete(relation_states).where(*stream, s.seq >= first_seq, *upto))
    shift = 0 if end_seq is None else first_seq + len(rows) - end_seq
    if shift:  # through negative numbers, so that no two rows share a key on the way
        conn.execute(
            sa.update(relation_states).where(*stream, s.seq >= first_seq).values(seq=-(s.seq + shift) - 1)
        )
        conn.execute(sa.update(relation_states).where(*stream, s.seq < 0).values(seq=-s.seq - 1))
    if rows:
        conn.execute(
            sa.insert(relation_states), [_state_row(first_seq + n, row) for n, row in enumerate(rows)]
        )


def delete_states(conn: Connection) -> None:
    """Delete every mark and ledger row."""
    conn.execute(sa.delete(relation_marks))
    conn.execute(sa.delete(relation_states))


def _state_row(seq: int, row: LedgerRow) -> dict[str, Any]:
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
    relations: Sequence[str] | None = None,
) -> list[LedgerRow]:
    """The stored ledger rows (towards ``target``, of ``actor``, of ``relations``, only those with evidence
    that began within ``started``), in the order they were written per target."""
    s = relation_states.c
    select = sa.select(relation_states)
    if target is not None:
        select = select.where(s.target == target)
    if actor is not None:
        select = select.where(s.actor == actor)
    if relations is not None:
        select = select.where(s.relation.in_(relations))
    if started is not None:
        select = select.where(s.valid_from.between(*started), s.evidence != "[]")
    return [
        LedgerRow(actor=r.actor, target=r.target, relation=r.relation, value=r.value, valid_from=r.valid_from,
                  valid_to=r.valid_to, valid_from_precision=DatePrecision(r.valid_from_precision),
                  valid_to_precision=DatePrecision(r.valid_to_precision) if r.valid_to_precision else None,
                  evidence=_evidence(r.evidence), basis=tuple(json.loads(r.basis)))
        for r in conn.execute(select.order_by(s.target, s.actor, s.relation, s.seq))
    ]  # fmt: skip


def _hostility_where(actor: str, target: str) -> list[sa.ColumnElement[bool]]:
    """Asserted, dated events from ``actor`` to ``target``, as the dyad index holds them."""
    c = schema.events.c
    first, second = unordered_dyad(c.source_country, c.target_country)
    return [first == min(actor, target), second == max(actor, target), c.modality == Modality.ASSERTED.value,
            c.date.is_not(None), c.source_country == actor, c.target_country == target]  # fmt: skip


def hostility_days(
    conn: Connection, actor: str, target: str, since: date | None, until: date | None = None
) -> list[tuple[date, int, DatePrecision, int]]:
    """Per day (from ``since`` to ``until``; None: from the first day, to the last), QuadClass and date
    precision: how many asserted events ``actor`` aimed at ``target``."""
    c = schema.events.c
    select = sa.select(c.date, c.quad_class, c.date_precision, sa.func.count())
    select = select.where(*_hostility_where(actor, target))
    if since is not None:
        select = select.where(c.date >= since)
    if until is not None:
        select = select.where(c.date <= until)
    grouped = select.group_by(c.date, c.quad_class, c.date_precision)
    return [(day, quad, DatePrecision(precision), n) for day, quad, precision, n in conn.execute(grouped)]


def mark_days(
    conn: Connection, actor: str, target: str, relation: str, since: date | None, until: date | None = None
) -> list[tuple[date, str, DatePrecision, int]]:
    """Per day (from ``since`` to ``until``; None: from the first day, to the last), value and precision:
    how many marks of ``relation`` ``actor`` made towards ``target``."""
    m = relation_marks.c
    select = sa.select(m.day, m.value, m.precision, sa.func.count()).where(
        m.target == target, m.actor == actor, m.relation == relation
    )
    if since is not None:
        select = select.where(m.day >= since)
    if until is not None:
        select = select.where(m.day <= until)
    grouped = select.group_by(m.day, m.value, m.precision)
    return [(day, value, DatePrecision(precision), n) for day, value, precision, n in conn.execute(grouped)]


def hostile_events(
    conn: Connection, actor: str, target: str, since: date, until: date, limit: int | None
) -> list[tuple[str, str, date, Evidence | None]]:
    """Event id, CAMEO code, date and first evidence of the asserted conflict events (QuadClass 3 or 4) from
    ``actor`` to ``target`` dated within [since, until], latest first."""
    c, ev = schema.events.c, schema.event_evidence
    first = sa.and_(ev.c.event_id == c.event_id, ev.c.ordinal == 0)
    select = sa.select(c.event_id, c.cameo, c.date, ev).join(ev, first)
    select = select.where(*_hostility_where(actor, target), c.quad_class.in_((3, 4)))
    select = select.where(c.date.between(since, until)).order_by(c.date.desc(), c.event_id)
    return [_with_evidence(row) for row in conn.execute(select.limit(limit))]


def marked_events(
    conn: Connection, key: tuple[str, str, str, str], since: date, until: date, limit: int | None
) -> list[tuple[str, str, date, Evidence | None]]:
    """Event id, rule, day and first evidence of the marks of ``key`` (actor, target, relation, value) dated
    within [since, until], latest first."""
    m, ev = relation_marks.c, schema.event_evidence
    actor, target, relation, value = key
    first = sa.and_(ev.c.event_id == m.event_id, ev.c.ordinal == 0)
    select = sa.select(m.event_id, m.rule, m.day, ev).join(ev, first)
    select = select.where(m.target == target, m.actor == actor, m.relation == relation, m.value == value)
    select = select.where(m.day.between(since, until)).order_by(m.day.desc(), m.event_id)
    return [_with_evidence(row) for row in conn.execute(select.limit(limit))]


def _with_evidence(row: Row[Any]) -> tuple[str, str, date, Evidence | None]:
    event_id, code, day = tuple(row)[:3]
    values = row._mapping
    return event_id, code, day, None if values["article_id"] is None else schema.evidence_from_row(values)


def point_marks(conn: Connection, target: str, relations: Sequence[str]) -> list[Row[Any]]:
    """The marks of ``relations`` towards ``target``, undated last, in date and event order."""
    m = relation_marks.c
    select = sa.select(relation_marks).where(m.target == target, m.relation.in_(relations))
    return list(conn.execute(select.order_by(m.day.is_(None), m.day, m.event_id)).all())


def _evidence_rows(
    conn: Connection, columns: Sequence[sa.ColumnElement[Any]], event_ids: Sequence[str]
) -> Iterator[RowMapping]:
    """The ``columns`` of the evidence rows of the events, in event and ordinal order, read 500 events at
    a time."""
    ev = schema.event_evidence.c
    for first in range(0, len(event_ids), 500):
        select = sa.select(*columns).where(ev.event_id.in_(event_ids[first : first + 500]))
        yield from conn.execute(select.order_by(ev.event_id, ev.ordinal)).mappings()


def evidence_of(conn: Connection, event_ids: list[str]) -> dict[str, tuple[Evidence, ...]]:
    """The evidence of each event, in order."""
    found: dict[str, list[Evidence]] = defaultdict(list)
    for row in _evidence_rows(conn, list(schema.event_evidence.c), event_ids):
        found[row["event_id"]].append(schema.evidence_from_row(row))
    return {event_id: tuple(items) for event_id, items in found.items()}


# Where one piece of evidence is stored: its event id and ordinal.
EvidenceRef = tuple[str, int]


def evidence_heads(conn: Connection, event_ids: list[str]) -> dict[str, tuple[tuple[int, Evidence], ...]]:
    """The evidence of each event, in order, with its ordinal and without its sentence's text (""): what
    telling sentences apart needs, without reading every sentence (``evidence_sentences`` reads those
    kept)."""
    ev = schema.event_evidence.c
    columns = (ev.event_id, ev.ordinal, ev.article_id, ev.start, ev.end, ev.trigger)
    found: dict[str, list[tuple[int, Evidence]]] = defaultdict(list)
    for row in _evidence_rows(conn, columns, event_ids):
        item = Evidence(article_id=row["article_id"], sentence="", start=row["start"], end=row["end"],
                        trigger=row["trigger"])  # fmt: skip
        found[row["event_id"]].append((row["ordinal"], item))
    return {event_id: tuple(items) for event_id, items in found.items()}


def evidence_sentences(conn: Connection, refs: Sequence[EvidenceRef]) -> dict[EvidenceRef, str]:
    """The sentence of each piece of evidence named by its event id and ordinal."""
    ev = schema.event_evidence.c
    wanted = set(refs)
    event_ids = sorted({event_id for event_id, _ in wanted})
    rows = _evidence_rows(conn, (ev.event_id, ev.ordinal, ev.sentence), event_ids)
    found = {(row["event_id"], row["ordinal"]): row["sentence"] for row in rows}
    return {ref: text for ref, text in found.items() if ref in wanted}


def events_coded(
    conn: Connection, prefixes: Iterable[str], *, actors: Iterable[str] = ()
) -> Iterable[list[Event]]:
    """Every stored event whose CAMEO code starts with one of ``prefixes``, or whose source or target
    actor code with one of ``actors``, with its evidence, a page at a time in event id order."""
    c = schema.events.c
    marking = sa.or_(
        *(c.cameo.startswith(code) for code in sorted(set(prefixes))),
        *(side.startswith(code) for code in sorted(set(actors)) for side in (c.source_code, c.target_code)),
    )
    after = ""
    while True:
        select = sa.select(schema.events).where(marking, c.event_id > after)
        rows = conn.execute(select.order_by(c.event_id).limit(_PAGE)).mappings().all()
        if not rows:
            return
        evidence = evidence_of(conn, [row["event_id"] for row in rows])
        yield [schema.event_from_row(row, evidence.get(row["event_id"], ())) for row in rows]
        after = rows[-1]["event_id"]
