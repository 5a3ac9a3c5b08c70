"""Server fixtures: the sample corpus ingested once per session into a template database, and a copy of
it for each test module (or test) that needs its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import overtures
from tests.conftest import CORPUS

API_KEY = "test-key-7f3a"
CORPUS_ARTICLES = 34


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory, services) -> Path:  # type: ignore[no-untyped-def]
    """An SQLite file holding the ingested sample corpus; copy it, never write to it."""
    path = tmp_path_factory.mktemp("server-template") / "corpus.db"
    summary = overtures.ingest([CORPUS], db=f"sqlite:///{path}", services=services)
    assert (summary.ingested, summary.failed) == (CORPUS_ARTICLES, 0)
    return path


def copy_database(template: Path, folder: Path) -> str:
    """A copy of the template database (with any WAL file) in ``folder``, as an SQLite URL."""
    for found in template.parent.glob(template.name + "*"):
        shutil.copyfile(found, folder / found.name)
    return f"sqlite:///{folder / template.name}"


@pytest.fixture(scope="module")
def corpus_url(corpus_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """This module's own copy of the corpus database."""
    return copy_database(corpus_template, tmp_path_factory.mktemp("server-db"))


@pytest.fixture
def fresh_url(corpus_template: Path, tmp_path: Path) -> str:
    """A copy of the corpus database that a test may write to."""
    return copy_database(corpus_template, tmp_path)


LOCAL = "http://127.0.0.1"  # the app answers loopback names only unless told others (DNS rebinding)
