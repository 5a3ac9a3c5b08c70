"""A database of the seed article alone for the relations tests (the sample corpus is tests/conftest.py's
``corpus_db``), and SQL helpers that check the relations code against the events table directly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from overtures import api

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_INPUT = SHARED / "eval" / "inputs" / "seed.jsonl"


def _ingest(paths: list[Path], folder: Path, services: Any) -> str:
    url = f"sqlite:///{folder / 'overtures.db'}"
    summary = api.ingest(paths, db=url, services=services)
    assert summary.ok and summary.ingested > 0, summary
    return url


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, services: Any) -> str:
    return _ingest([SEED_INPUT], tmp_path_factory.mktemp("seed"), services)


@pytest.fixture(scope="module")
def sql(corpus_db: str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the corpus database, for the tests' own SQL."""
    with closing(sqlite3.connect(corpus_db.removeprefix("sqlite:///"))) as conn:
        yield conn


DYAD_WHERE = """modality = 'asserted' AND date IS NOT NULL
    AND ((source_country = :a AND target_country = :b) OR (source_country = :b AND target_country = :a))"""
