"""Connections: SQLite settings, and bad URLs or unreachable databases as StoreError with a hint."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from overtures.errors import StoreError
from overtures.store import SaveResult, open_store
from overtures.store.engine import BUSY_TIMEOUT_MS, create_store_engine
from tests.store.objects import make_processed


def test_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 'o.db'}").close()
    with sqlite3.connect(tmp_path / "o.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_sqlite_connections_enforce_foreign_keys_and_wait_when_busy(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'o.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    engine.dispose()


def test_two_stores_on_one_file_can_save_at_the_same_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'o.db'}"
    open_store(url).close()
    results: list[SaveResult] = []

    def ingest(prefix: str) -> None:
        """Save fifteen articles through a store of its own."""
        with open_store(url) as store:
            results.extend(
                store.save(make_processed(f"{prefix}{n}"), content_hash="h", coder_version="v")
                for n in range(15)
            )

    threads = [threading.Thread(target=ingest, args=(prefix,)) for prefix in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(SaveResult.INGESTED) == 30
    with open_store(url) as store:
        assert store.counts()["articles"] == 30


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://host/db"])
def test_bad_url_is_a_store_error_pointing_at_the_setting(url: str) -> None:
    with pytest.raises(StoreError, match="database URL") as caught:
        open_store(url)
    assert "OVERTURES_DB" in caught.value.hint


def test_unreachable_database_is_a_store_error_pointing_at_the_setting(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database") as caught:
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'o.db'}")
    assert "OVERTURES_DB" in caught.value.hint


def test_password_never_appears_in_the_error() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("nosuchdb://overtures:hunter2@db.example.org/events")
    assert "hunter2" not in str(caught.value)
    assert "overtures:***@db.example.org" in str(caught.value)


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    from overtures.store.engine import create_store_engine

    for url in ("postgresql://user@localhost/news", "postgres://user@localhost/news"):
        engine = create_store_engine(url)
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
        engine.dispose()
