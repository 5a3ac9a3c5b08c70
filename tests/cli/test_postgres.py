"""The command line on PostgreSQL: the same corpus files give the same database as on SQLite."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overtures.cli import app
from tests.backends import POSTGRES_ADMIN_URL, postgres_url
from tests.conftest import CORPUS

RUNNER = CliRunner()
FILES = sorted((CORPUS / "txt").glob("*.txt"))[:3]


def _ok(*args: str) -> str:
    result = RUNNER.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _ingest_and_list(url: str) -> tuple[str, str]:
    """Ingest the files into ``url``; return what ``stats`` and ``events --all-modalities`` print."""
    _ok("--db", url, "ingest", *map(str, FILES))
    events = _ok("--db", url, "events", "--all-modalities", "--format", "jsonl", "--limit", "10000")
    return _ok("--db", url, "stats"), events


@pytest.mark.skipif(
    not POSTGRES_ADMIN_URL, reason="OVERTURES_TEST_POSTGRES_URL is not set (make test sets it)"
)
def test_ingest_into_postgresql_gives_the_same_stats_and_events_as_sqlite(tmp_path: Path) -> None:
    sqlite_stats, sqlite_events = _ingest_and_list(f"sqlite:///{tmp_path / 'cli.db'}")
    with contextmanager(postgres_url)(tmp_path) as url:
        assert url.startswith("postgresql+psycopg://")
        postgres_stats, postgres_events = _ingest_and_list(url)
    assert f"articles\t{len(FILES)}" in sqlite_stats.splitlines()
    assert postgres_stats == sqlite_stats
    assert len(sqlite_events.splitlines()) > 10
    assert postgres_events == sqlite_events
