"""Exactly-once ingest: SIGKILL ``overtures ingest`` at random moments, then run it again to completion.

After every kill the database may lack articles but holds only whole ones: each stored article has every
row a clean ingest derives from it (compared per table with a reference ingest), no article is stored
twice and no row is left without its article or event. The final rerun stores exactly the missing articles
and leaves the database equal to the reference, row for row. Runs on SQLite and, under ``make test``, on
PostgreSQL. The kill moments come from a seeded generator and are measured in the CPU time of the
ingest, so that a busy machine does not shift them.
"""

from __future__ import annotations

import math
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from overtures.store import LATEST_VERSION
from tests.census import (
    duplicate_articles,
    orphan_rows,
    per_article_counts,
    schema_state,
    table_rows,
    tables_at,
)
from tests.conftest import CORPUS

SEED = 20251021
EARLY_KILLS = 5  # while the ingest starts, loads the model, migrates the database and parses
WRITING_KILLS = 6  # while it saves articles: just after one more batch is committed
MIN_KILLS = 10  # a run may end before its moment comes: once every article is stored, say
# 12 files, 16 articles in three formats: several seconds for a fresh ingest. Each run pays the start-up
# (about 5 s of CPU with the gazetteer) and parses every article not yet stored.
FILES = [*sorted((CORPUS / "txt").glob("*.txt")), *sorted((CORPUS / "html").glob("*.html"))]
FILES.append(CORPUS / "feeds" / "regional.xml")
# Articles per transaction: small, so that a run commits several times and kills fall between commits,
# and more than one, so that a killed batch must vanish as a whole.
BATCH = 2
TIMEOUT_S = 300
POLL_S = 0.001

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="kill moments are measured in CPU time read from /proc"
)


def overtures_command() -> str:
    """The console script of the environment running the tests (``python -m`` is not wired)."""
    script = Path(sys.prefix) / "bin" / "overtures"
    found = str(script) if script.exists() else shutil.which("overtures")
    assert found, "the overtures console script is not installed; run make install"
    return found


def start_ingest(url: str) -> subprocess.Popen[str]:
    command = [overtures_command(), "--db", url, "ingest", "--batch-size", str(BATCH), *map(str, FILES)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """The CPU time used by the child processes that have ended and been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class ArticleCounter:
    """Counts the articles another process has committed, over one raw connection: cheap enough to ask
    every millisecond. Before the database or its tables exist, the count is 0."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):  # read-only, so that a missing database file is not created
            url = f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
        self._engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
        self._errors = self._engine.dialect.loaded_dbapi.Error
        self._conn: Any = None

    def __call__(self) -> int:
        try:
            if self._conn is None:
                self._conn = self._engine.raw_connection()
            cursor = self._conn.cursor()
            cursor.execute("SELECT count(*) FROM articles")
            return int(cursor.fetchone()[0])
        except self._errors:
            self.close()
            return 0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str]) -> bool:
    """Poll until ``condition`` holds (True) or the process exits first (False)."""
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if proc.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the ingest neither progressed nor ended"
        time.sleep(POLL_S)
    return True


@dataclass(frozen=True)
class Reference:
    """A clean, uninterrupted ingest of FILES, and what its stages cost."""

    counts: dict[str, dict[str, int]]  # per article, its rows in each derived table
    rows: dict[str, list[tuple[Any, ...]]]  # every row of every table
    startup_cpu_s: float  # a run with nothing to store: start, model, database, reading
    parse_cpu_s: float  # CPU per article parsed and coded before the first commit
    save_s: float  # wall time between two commits


@dataclass(frozen=True)
class Moment:
    """When to kill: once the ingest has used ``cpu_share`` of the CPU time it needs before its first
    commit, or has committed a new article, whichever comes first; then ``delay_s`` seconds later."""

    cpu_share: float
    delay_s: float


def kill_moments(reference: Reference) -> list[Moment]:
    """Seeded moments: early ones anywhere before the first commit, the others within the saves."""
    rng = random.Random(SEED)
    early = [Moment(rng.uniform(0.0, 0.9), 0.0) for _ in range(EARLY_KILLS)]
    writing = [Moment(math.inf, rng.uniform(0.0, reference.save_s)) for _ in range(WRITING_KILLS)]
    moments = early + writing
    rng.shuffle(moments)
    return moments


def run_and_kill(url: str, moment: Moment, reference: Reference) -> bool:
    """Run the ingest and SIGKILL it at ``moment``; False when it ended before that moment came."""
    articles = ArticleCounter(url)
    before = articles()
    to_parse = len(reference.counts) - before
    cpu_budget = moment.cpu_share * (reference.startup_cpu_s + to_parse * reference.parse_cpu_s)
    proc = start_ingest(url)
    try:
        if not wait_for(lambda: cpu_seconds(proc.pid) >= cpu_budget or articles() > before, proc):
            return False
        time.sleep(moment.delay_s)
        proc.send_signal(signal.SIGKILL)
        return proc.wait() == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
        articles.close()


def check_whole_articles(url: str, reference: Reference) -> int:
    """Assert that the schema is at a version with all its tables and that the database holds whole
    articles only; return how many."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        version, names = schema_state(conn)
        assert names == tables_at(version), f"schema version {version} with tables {sorted(names)}"
        if version < LATEST_VERSION:  # killed before the migrations ended: no article saved yet
            engine.dispose()
            return 0
        counts = per_article_counts(conn)
        assert orphan_rows(conn) == {}
        assert duplicate_articles(conn) == []
    engine.dispose()
    assert set(counts) <= set(reference.counts)
    assert {a: c for a, c in counts.items() if c != reference.counts[a]} == {}
    return len(counts)


def finish(url: str) -> tuple[int, int]:
    """Run the ingest to completion; how many articles it ingested and found unchanged."""
    proc = start_ingest(url)
    _, err = proc.communicate(timeout=TIMEOUT_S)
    assert proc.returncode == 0, err
    summary = re.search(r"ingested (\d+), unchanged (\d+), skipped 0, failed 0", err)
    assert summary, err
    return int(summary[1]), int(summary[2])


def commit_times(url: str, proc: subprocess.Popen[str]) -> tuple[float, list[float]]:
    """The CPU time the process used before its first commit, and the wall time of every commit."""
    articles, seen, times, first_cpu = ArticleCounter(url), 0, [], 0.0
    while proc.poll() is None:
        if (count := articles()) > seen:
            first_cpu = first_cpu or cpu_seconds(proc.pid)
            times += [time.monotonic()] * (count - seen)
            seen = count
        time.sleep(POLL_S)
    articles.close()
    return first_cpu, times


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """Ingest FILES once into SQLite, timing the commits; then again, which must store nothing."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    proc = start_ingest(url)
    first_cpu, times = commit_times(url, proc)
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    with sa.create_engine(url).connect() as conn:
        counts = per_article_counts(conn)
    assert len(counts) == len(times) >= 10
    before = children_cpu_seconds()
    assert finish(url) == (0, len(counts))
    startup = children_cpu_seconds() - before
    save_s = (times[-1] - times[0]) / (len(times) - 1)
    return Reference(counts, table_rows(url), startup, (first_cpu - startup) / len(counts), save_s)


def test_killed_ingests_leave_whole_articles_and_a_rerun_completes_exactly_once(
    store_url: str, reference: Reference
) -> None:
    kills = stored = 0
    for moment in kill_moments(reference):
        kills += run_and_kill(store_url, moment, reference)
        stored = check_whole_articles(store_url, reference)
    assert kills >= MIN_KILLS
    assert finish(store_url) == (len(reference.counts) - stored, stored)
    assert check_whole_articles(store_url, reference) == len(reference.counts)
    assert table_rows(store_url) == reference.rows
