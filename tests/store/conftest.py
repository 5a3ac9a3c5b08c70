"""Store fixtures: a fresh database per test, for every backend in STORE_URLS.

SQLite always runs. PostgreSQL runs too when OVERTURES_TEST_POSTGRES_URL names a server where the
user may create databases (e.g. postgresql+psycopg://postgres@127.0.0.1:55432/postgres); each test
then gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from overtures.store import Store, open_store

POSTGRES_ADMIN_URL = os.environ.get("OVERTURES_TEST_POSTGRES_URL")


def _sqlite_url(folder: Path) -> Iterator[str]:
    """A database file in the test's temporary folder."""
    yield f"sqlite:///{folder / 'overtures.db'}"


def _postgres_url(_folder: Path) -> Iterator[str]:
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
STORE_URLS: list[Callable[[Path], Iterator[str]]] = [_sqlite_url]
STORE_URL_IDS = ["sqlite"]
if POSTGRES_ADMIN_URL:
    STORE_URLS.append(_postgres_url)
    STORE_URL_IDS.append("postgresql")


@pytest.fixture(params=STORE_URLS, ids=STORE_URL_IDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database that no store has opened yet."""
    make_url: Callable[[Path], Iterator[str]] = request.param
    yield from make_url(tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated store, closed after the test."""
    opened = open_store(store_url)
    yield opened
    opened.close()
