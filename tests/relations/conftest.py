"""The sample corpus ingested into a temporary SQLite database, once per test module, and SQL helpers
that the tests use to check the relations code against the events table directly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest

import overtures
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, services) -> str:  # type: ignore[no-untyped-def]
    """The URL of a database holding the whole sample corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('relations') / 'corpus.db'}"
    summary = overtures.ingest([CORPUS], db=url, services=services)
    assert summary.ok and summary.ingested == 34
    return url


@pytest.fixture(scope="module")
def sql(corpus_db: str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the corpus database, for the tests' own SQL."""
    with closing(sqlite3.connect(corpus_db.removeprefix("sqlite:///"))) as conn:
        yield conn


DYAD_WHERE = """modality = 'asserted' AND date IS NOT NULL
    AND ((source_country = :a AND target_country = :b) OR (source_country = :b AND target_country = :a))"""
