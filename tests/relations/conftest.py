"""Databases for the relations tests: the seed article alone, and the sample corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from overtures import api

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_INPUT = SHARED / "eval" / "inputs" / "seed.jsonl"
CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _ingest(paths: list[Path], folder: Path, services: Any) -> str:
    url = f"sqlite:///{folder / 'overtures.db'}"
    summary = api.ingest(paths, db=url, services=services)
    assert summary.ok and summary.ingested > 0, summary
    return url


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, services: Any) -> str:
    return _ingest([SEED_INPUT], tmp_path_factory.mktemp("seed"), services)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, services: Any) -> str:
    return _ingest([CORPUS], tmp_path_factory.mktemp("corpus"), services)
