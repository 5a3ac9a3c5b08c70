"""Server fixtures: a copy of the session's sample-corpus database (tests/conftest.py) for each test
module, or test, that needs its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_database

API_KEY = "test-key-7f3a"


@pytest.fixture(scope="module")
def corpus_url(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """This module's own copy of the corpus database."""
    return copy_database(corpus_file, tmp_path_factory.mktemp("server-db"))


@pytest.fixture
def fresh_url(corpus_file: Path, tmp_path: Path) -> str:
    """A copy of the corpus database that a test may write to."""
    return copy_database(corpus_file, tmp_path)


LOCAL = "http://127.0.0.1"  # the app answers loopback names only unless told others (DNS rebinding)
