"""Tables of counts that the store keeps as it saves: one row per combination of key columns, with sums
that events add to when they are saved and take away from when their article is replaced.

A change is a signed tuple of sums per key. ``apply`` adds changes to the stored rows (a row whose first
sum, the events, falls to zero goes, so that the table is what counting from scratch gives); floating
sums are rounded to six decimals after every change, so that adding and taking away the same events
gives back the same value. Key columns may be NULL (an event without a target).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

DECIMALS = 6
_BATCH = 5_000
_LOOKUP = 500  # lookup values per query
Changes = dict[tuple[Any, ...], tuple[float, ...]]


def add_to(changes: Changes, key: tuple[Any, ...], sums: tuple[float, ...]) -> None:
    """Add ``sums`` to the change of ``key``."""
    have = changes.get(key)
    changes[key] = sums if have is None else tuple(a + b for a, b in zip(have, sums, strict=True))


def _row(
    keys: Sequence[str], sums: Sequence[str], key: tuple[Any, ...], values: Sequence[float]
) -> dict[str, Any]:
    row = dict(zip(keys, key, strict=True))
    for name, value in zip(sums, values, strict=True):
        row[name] = round(value, DECIMALS) if isinstance(value, float) else int(value)
    return row


def apply(
    conn: Connection,
    table: sa.Table,
    keys: Sequence[str],
    sums: Sequence[str],
    changes: Changes,
    *,
    lookup: Sequence[str],
) -> None:
    """Add the changes to the stored rows; a row left without events goes. The stored rows of the changed
    keys are read at once, found through the ``lookup`` columns (the leading columns of an index); the
    rows they replace are deleted with one statement per pattern of NULL keys, the new rows inserted
    with one."""
    if not changes:
        return
    stored = _stored(conn, table, keys, sums, changes, lookup)
    _delete(conn, table, keys, [key for key in changes if key in stored])
    zero = (0,) * len(sums)
    rows = []
    for key, change in changes.items():
        total = [old + new for old, new in zip(stored.get(key, zero), change, strict=True)]
        if total[0] > 0:
            rows.append(_row(keys, sums, key, total))
    if rows:
        conn.execute(sa.insert(table), rows)


def _stored(
    conn: Connection,
    table: sa.Table,
    keys: Sequence[str],
    sums: Sequence[str],
    changes: Changes,
    lookup: Sequence[str],
) -> dict[tuple[Any, ...], tuple[float, ...]]:
    """The stored sums of the changed keys: the rows whose ``lookup`` columns hold values of the changed
    keys (the last lookup column in chunks), matched on every key column."""
    *leading, last = lookup
    where = [_among(table.c[name], {key[keys.index(name)] for key in changes}) for name in leading]
    values = sorted({key[keys.index(last)] for key in changes}, key=str)
    select = sa.select(*(table.c[k] for k in keys), *(table.c[s] for s in sums)).where(*where)
    found: dict[tuple[Any, ...], tuple[float, ...]] = {}
    for first in range(0, len(values), _LOOKUP):
        chunk = set(values[first : first + _LOOKUP])
        for row in conn.execute(select.where(_among(table.c[last], chunk))):
            key = tuple(row[: len(keys)])
            if key in changes:
                found[key] = tuple(row[len(keys) :])
    return found


def _among(column: sa.Column[Any], values: set[Any]) -> sa.ColumnElement[bool]:
    """The column holds one of the values (None: NULL)."""
    known = column.in_(sorted((v for v in values if v is not None), key=str))
    return sa.or_(known, column.is_(None)) if None in values else known


def _delete(conn: Connection, table: sa.Table, keys: Sequence[str], gone: Sequence[tuple[Any, ...]]) -> None:
    """Delete the rows of these keys: one statement per pattern of NULL key columns, run for every key
    that has it."""
    by_pattern: dict[tuple[bool, ...], list[dict[str, Any]]] = {}
    for key in gone:
        pattern = tuple(value is None for value in key)
        values = {f"k_{name}": value for name, value in zip(keys, key, strict=True) if value is not None}
        by_pattern.setdefault(pattern, []).append(values)
    for pattern, params in by_pattern.items():
        where = [
            table.c[name].is_(None) if null else table.c[name] == sa.bindparam(f"k_{name}")
            for name, null in zip(keys, pattern, strict=True)
        ]
        conn.execute(sa.delete(table).where(*where), params)


def insert(
    conn: Connection, table: sa.Table, keys: Sequence[str], sums: Sequence[str], found: Changes
) -> None:
    """Insert counted rows, in batches."""
    rows = [_row(keys, sums, key, values) for key, values in found.items()]
    for first in range(0, len(rows), _BATCH):
        conn.execute(sa.insert(table), rows[first : first + _BATCH])


def refill(
    conn: Connection, table: sa.Table, select: sa.Select[Any], keys: Sequence[str], sums: Sequence[str]
) -> None:
    """Replace the table's rows by what ``select`` counts (key columns, then sums, a row per key)."""
    conn.execute(sa.delete(table))
    found = {tuple(row[: len(keys)]): tuple(row[len(keys) :]) for row in conn.execute(select)}
    insert(conn, table, keys, sums, found)
