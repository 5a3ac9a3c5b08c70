"""The database backends every storage test runs on: SQLite always, PostgreSQL when a server is given.

PostgreSQL runs when OVERTURES_TEST_POSTGRES_URL names a server where the user may create databases
(``make test`` starts one with scripts/postgres.sh and sets it, e.g.
postgresql+psycopg://postgres@127.0.0.1:55432/postgres); each test then gets a database of its own,
dropped afterwards. The ``store_url`` fixture in tests/conftest.py is parametrized over BACKENDS.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get("OVERTURES_TEST_POSTGRES_URL")


def sqlite_url(folder: Path) -> Iterator[str]:
    """A database file in the test's temporary folder."""
    yield f"sqlite:///{folder / 'overtures.db'}"


def postgres_url(_folder: Path) -> Iterator[str]:
    """A throwaway database on the test server, dropped after the test."""
    assert POSTGRES_ADMIN_URL is not None
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"overtures_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield sa.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


# One factory per backend, each given a fresh temporary folder.
BACKENDS: dict[str, Callable[[Path], Iterator[str]]] = {"sqlite": sqlite_url}
if POSTGRES_ADMIN_URL:
    BACKENDS["postgresql"] = postgres_url
