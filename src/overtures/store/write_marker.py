"""The store's write counter (schema v8): one row whose number every write transaction raises, so that a
reader can tell cheaply, in any process and on any backend, whether the store changed since it last looked
(the API's response cache keys on it).

The raise runs inside the writing transaction, so a reader sees the new number exactly when it can see the
new rows; on SQLite the writers hold the write lock, and on PostgreSQL the row lock orders them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from overtures.store.engine import database_errors, writer
from overtures.store.schema import metadata

store_writes = sa.Table(
    "store_writes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("writes", sa.BigInteger, nullable=False),
)


def create(conn: Connection) -> None:
    """Create the table with its single row at 0."""
    store_writes.create(conn)
    conn.execute(sa.insert(store_writes).values(id=1, writes=0))


def bump(conn: Connection) -> None:
    """Count one more write; call inside the writing transaction."""
    conn.execute(sa.update(store_writes).values(writes=store_writes.c.writes + 1))


def read(conn: Connection) -> int:
    """How many write transactions the store has committed since the counter was made."""
    return int(conn.execute(sa.select(store_writes.c.writes)).scalar_one())


@contextmanager
def write_transaction(engine: Engine, what: str) -> Iterator[Connection]:
    """A write transaction that counts itself; a database failure becomes a StoreError naming ``what``."""
    with database_errors(what), writer(engine).begin() as conn:
        bump(conn)
        yield conn
