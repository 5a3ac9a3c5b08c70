"""Store fixtures: an opened store on a fresh database, for every backend (see tests/backends.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from overtures.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated store, closed after the test."""
    opened = open_store(store_url)
    yield opened
    opened.close()
