"""Connecting to a database: URL checks, SQLite settings, and database errors turned into StoreError.

SQLite connections get WAL (readers never block the writer), foreign keys and a busy timeout. pysqlite's
own transaction handling is switched off so that SQLAlchemy's BEGIN is the real one: transactional DDL
for migrations, and writers that take the write lock up front instead of failing half way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from overtures.errors import StoreError
from overtures.settings import DB_ENV

BUSY_TIMEOUT_MS = 15_000
DB_HINT = f"check --db or {DB_ENV}"
_WRITE_OPTION = "overtures_write"  # execution option: begin SQLite transactions with the write lock


def masked_url(url: str) -> str:
    """The URL with any password replaced, fit for an error message."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def failure_reason(exc: SQLAlchemyError) -> str:
    """The driver's own message when there is one: shorter and clearer than SQLAlchemy's wrapper."""
    return str(getattr(exc, "orig", None) or exc).strip()


@contextmanager
def database_errors(action: str) -> Iterator[None]:
    """Turn a database failure during ``action`` into a StoreError with a hint."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{action} failed: {failure_reason(exc)}", hint=DB_HINT) from exc


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per SQLite connection: busy timeout, foreign keys, WAL (NORMAL sync); SQLAlchemy emits BEGIN."""
    dbapi_connection.isolation_level = None  # no implicit BEGIN from pysqlite; _sqlite_on_begin does it
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL with NORMAL sync: a commit survives the process being killed (what exactly-once needs); only
        # a power cut or OS crash may lose the last commits, and the database stays consistent either way.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    """Begin every transaction explicitly; writers take the write lock at once so they queue, not fail."""
    writing = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``, with the SQLite settings when it is SQLite; a bad URL raises StoreError."""
    try:
        engine = sa.create_engine(_with_driver(url))
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise StoreError(f"cannot use database URL {masked_url(url)!r}: {exc}", hint=DB_HINT) from exc
    except ImportError as exc:
        hint = "install its driver, e.g. pip install 'overtures[postgres]'"
        raise StoreError(f"no driver for database URL {masked_url(url)!r}: {exc}", hint=hint) from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _with_driver(url: str) -> str:
    """A plain postgresql:// URL uses psycopg 3 (the driver overtures[postgres] installs), whatever
    SQLAlchemy's default for the dialect."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def writer(engine: Engine) -> Engine:
    """The engine's writing face: on SQLite its transactions begin with BEGIN IMMEDIATE."""
    return engine.execution_options(**{_WRITE_OPTION: True})
