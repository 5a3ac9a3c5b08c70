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
Changes = dict[tuple[Any, ...], tuple[float, ...]]


def add_to(changes: Changes, key: tuple[Any, ...], sums: tuple[float, ...]) -> None:
    """Add ``sums`` to the change of ``key``."""
    have = changes.get(key)
    changes[key] = sums if have is None else tuple(a + b for a, b in zip(have, sums, strict=True))


def _matches(table: sa.Table, keys: Sequence[str], values: tuple[Any, ...]) -> list[sa.ColumnElement[bool]]:
    return [table.c[k].is_(None) if v is None else table.c[k] == v for k, v in zip(keys, values, strict=True)]


def _row(
    keys: Sequence[str], sums: Sequence[str], key: tuple[Any, ...], values: Sequence[float]
) -> dict[str, Any]:
    row = dict(zip(keys, key, strict=True))
    for name, value in zip(sums, values, strict=True):
        row[name] = round(value, DECIMALS) if isinstance(value, float) else int(value)
    return row


def apply(
    conn: Connection, table: sa.Table, keys: Sequence[str], sums: Sequence[str], changes: Changes
) -> None:
    """Add the changes to the stored rows, key by key; a row left without events goes."""
    columns = [table.c[name] for name in sums]
    for key, change in sorted(changes.items(), key=lambda item: tuple(map(str, item[0]))):
        where = _matches(table, keys, key)
        stored = conn.execute(sa.select(*columns).where(*where)).first()
        if stored is not None:
            conn.execute(sa.delete(table).where(*where))
        base = tuple(stored) if stored is not None else (0,) * len(sums)
        total = [old + new for old, new in zip(base, change, strict=True)]
        if total[0] > 0:
            conn.execute(sa.insert(table).values(_row(keys, sums, key, total)))


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
