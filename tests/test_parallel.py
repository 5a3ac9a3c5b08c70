"""Parallel ingest on a local process pool and on Dask: the same stored rows as one process, bad records
reported, memory bounded."""

from __future__ import annotations

import concurrent.futures as cf
import pickle
import re
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import psutil
import pytest
from distributed import Client, LocalCluster
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from overtures import api, dedup
from overtures.cli import app
from overtures.model import Article, RecordError, Token
from overtures.parallel import ServiceOptions, ingest_parallel, local_pool, worker_services
from overtures.pipeline import process_batch, save_all
from overtures.store import EventQuery, SaveResult, open_store
from tests.conftest import CORPUS, ROOT
from tests.test_kill import overtures_command

RUNNER = CliRunner()
EVERY_EVENT = EventQuery(modality=None, limit=None)


def _run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A local Dask cluster of two single-threaded worker processes, as --scheduler would find one (its
    dashboard takes a free port, so that several clusters can run side by side)."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: object) -> Iterator[object]:
    with Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def local() -> Iterator[cf.Executor]:
    """The pool --workers 2 starts."""
    with local_pool(2) as pool:
        yield pool


@pytest.fixture(params=["local", "dask"])
def pool(request: pytest.FixtureRequest) -> cf.Executor:
    """Each kind of workers, as an executor: the local pool and the Dask cluster's."""
    if request.param == "local":
        found: cf.Executor = request.getfixturevalue("local")
        return found
    dask: cf.Executor = request.getfixturevalue("client").get_executor(pure=False)
    return dask


@pytest.fixture(scope="module")
def one_process_db(corpus_db: str) -> str:
    """The sample corpus ingested by the single-process path (the session's shared database)."""
    return corpus_db


@pytest.fixture(scope="module")
def dask_db(cluster: object, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus ingested through --scheduler on the two-worker cluster."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dask') / 'corpus.db'}"
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    code, err = _run("--db", url, "ingest", str(CORPUS), "--scheduler", address)
    assert code == 0, err
    assert "ingested 34, unchanged 0, skipped 0, failed 0;" in err
    return url


def _stored(url: str) -> tuple[list[object], dict[str, int], list[object]]:
    store = open_store(url)
    try:
        return list(store.events(EVERY_EVENT)), store.counts(), list(store.quotes())
    finally:
        store.close()


def test_two_workers_store_exactly_the_events_one_process_stores(one_process_db: str, dask_db: str) -> None:
    events, counts, quotes = _stored(dask_db)
    expected_events, expected_counts, expected_quotes = _stored(one_process_db)
    assert len(events) > 500  # the sample corpus codes every root (tests/test_corpus.py)
    assert events == expected_events  # ids, codes, actors, dates, places, evidence, rules
    assert counts == expected_counts
    assert quotes == expected_quotes


def test_sentences_and_entities_match_the_single_process_path(one_process_db: str, dask_db: str) -> None:
    dask, single = open_store(dask_db), open_store(one_process_db)
    try:
        for article in single.articles():
            assert dask.get_article(article.id) == article
            assert dask.sentences(article.id) == single.sentences(article.id)
            assert dask.entities(article.id) == single.entities(article.id)
    finally:
        dask.close()
        single.close()


def test_reingest_on_the_cluster_skips_unchanged_articles(cluster: object, dask_db: str) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    code, err = _run("--db", dask_db, "ingest", str(CORPUS), "--scheduler", address)
    assert code == 0
    assert "ingested 0, unchanged 34, skipped 0, failed 0" in err


def test_bad_records_in_the_stream_are_reported_and_the_rest_goes_on(cluster: object, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    code, err = _run("--db", url, "ingest", str(ROOT / "examples" / "bad"), "--scheduler", address)
    assert code == 1
    assert re.search(r"broken\.jsonl:\d+: failed: invalid JSON", err)
    assert re.search(r"broken\.jsonl:\d+: failed: not valid UTF-8", err)
    assert re.search(r"broken\.jsonl:\d+: skipped: detected language 'fr'", err)
    assert "ingested 3, unchanged 0, skipped 2, failed 5" in err
    with open_store(url) as store:
        assert store.counts()["articles"] == 3


def test_an_article_that_fails_on_a_worker_is_reported_alone(pool: cf.Executor, tmp_path: Path) -> None:
    articles = [r for r in api.read_articles([CORPUS / "txt"]) if isinstance(r, Article)]
    too_long = Article(id="too-long", text="Pakistan closed the border. " * 40_000)  # over spaCy's max_length
    records = [*articles[:3], too_long, *articles[3:]]
    reported: list[RecordError] = []
    with open_store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        summary = ingest_parallel(records, store, pool, workers=2, report=reported.append)
        assert {a.id for a in store.articles()} == {a.id for a in articles}
    assert summary.ingested == len(articles) and summary.failed == 1
    assert [e.where for e in reported] == ["too-long"]
    assert reported[0].reason.startswith("coding failed:")


def test_workers_load_the_users_actor_file_given_by_a_relative_path(
    pool: cf.Executor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "extra.yaml").write_text(
        "groups:\n  - key: jamaat-ul-ahrar\n    name: Jamaat-ul-Ahrar\n    aliases: [JuA]\n"
        "    roles:\n      - {country: PAK, sector: REB}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the workers were started elsewhere
    options = ServiceOptions.of(actors=Path("extra.yaml"))
    article = Article(id="jua", text="JuA fighters attacked Afghan border posts on Tuesday.")
    with open_store(f"sqlite:///{tmp_path / 'jua.db'}") as store:
        summary = ingest_parallel([article], store, pool, workers=2, options=options)
        events = store.events()
    assert summary.ingested == 1 and summary.ok
    assert [(e.source.code if e.source else None, e.cameo) for e in events] == [("PAKREB", "190")]


def test_no_more_than_the_allowed_batches_are_in_flight(pool: cf.Executor, tmp_path: Path) -> None:
    pulled: list[int] = []
    done: list[int] = []

    def counted(records: Iterable[Article | RecordError]) -> Iterator[Article | RecordError]:
        for record in records:
            pulled.append(1)
            yield record

    def progress(finished: int) -> None:
        done.append(finished)
        assert len(pulled) - sum(done) <= 2 * 2  # two batches of two articles, none read ahead

    with open_store(f"sqlite:///{tmp_path / 'bounded.db'}") as store:
        records = counted(api.read_articles([CORPUS / "txt"]))
        summary = ingest_parallel(
            records, store, pool, workers=2, progress=progress, max_in_flight=2, batch_size=2
        )
    assert summary.ingested == 6 and sum(done) == 6


def test_finished_batches_are_committed_together_up_to_the_commit_size(
    pool: cf.Executor, tmp_path: Path
) -> None:
    """Three batches of two articles and a commit size of six: the writer holds the first finished
    batches and commits all six articles in one transaction (progress is told once, per commit)."""
    done: list[int] = []
    with open_store(f"sqlite:///{tmp_path / 'grouped.db'}") as store:
        records = api.read_articles([CORPUS / "txt"])
        summary = ingest_parallel(
            records,
            store,
            pool,
            workers=2,
            progress=done.append,
            max_in_flight=2,
            batch_size=2,
            commit_size=6,
        )
        assert store.counts()["articles"] == 6
    assert summary.ingested == 6 and done == [6]


def test_workers_store_exactly_what_one_process_stores(one_process_db: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'local.db'}"
    code, err = _run("--db", url, "ingest", str(CORPUS), "--workers", "2")
    assert code == 0, err
    assert "ingested 34, unchanged 0" in err
    assert _stored(url) == _stored(one_process_db)  # events with their clusters, counts, quotes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers must be at least 1"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "cannot be combined"),
        (["--scheduler", "nonsense"], "cannot reach the Dask scheduler at 'nonsense'"),
    ],
)
def test_bad_cluster_options_are_one_line_errors(args: list[str], message: str, tmp_path: Path) -> None:
    code, err = _run("--db", f"sqlite:///{tmp_path / 'x.db'}", "ingest", str(CORPUS / "txt"), *args)
    assert code == 1
    assert err.startswith("error: [O") and message in err
    assert len(err.strip().splitlines()) == 1


@given(
    numbers=st.lists(st.integers(min_value=0, max_value=10**9), min_size=4, max_size=4),
    words=st.lists(st.text(max_size=12), min_size=6, max_size=6),
)
def test_tokens_come_back_from_a_worker_unchanged(numbers: list[int], words: list[str]) -> None:
    """Tokens pickle as plain tuples (model.Token.__reduce__); every field must survive the trip."""
    i, start, end, head = numbers
    text, lemma, pos, tag, dep, ent_type = words
    fields = {"text": text, "lemma": lemma, "pos": pos, "tag": tag, "dep": dep, "ent_type": ent_type}
    token = Token(i=i, start=start, end=end, head=head, **fields)
    assert pickle.loads(pickle.dumps(token)) == token


def test_local_workers_end_when_the_ingest_is_killed(tmp_path: Path) -> None:
    """A killed ``ingest --workers 2`` leaves no worker behind (forked workers watch their parent), and
    running it again stores every article."""
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    command = [overtures_command(), "--db", url, "-q", "ingest", str(CORPUS), "--workers", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while len(parent.children()) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = parent.children()
    assert len(workers) == 2, "the ingest ended or started no workers"
    proc.kill()
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
    assert subprocess.run(command, check=False).returncode == 0
    with open_store(url) as store:
        assert store.counts()["articles"] == 34


def test_workers_parse_every_line_only_when_told_to() -> None:
    assert worker_services(ServiceOptions.of(full_parse=True)).screen is None
    assert worker_services(ServiceOptions.of()).screen is not None


def test_the_fingerprint_is_made_where_the_article_is_coded(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker (here process_batch) fingerprints what it codes, so the one writer does not; the
    stored fingerprint is the text's."""
    articles = [a for a in api.read_articles([CORPUS / "txt"]) if isinstance(a, Article)][:2]
    processed = process_batch(articles, services)
    assert [p.fingerprint for p in processed] == [dedup.fingerprint(a.text) for a in articles]
    assert all(p.fingerprint is not None for p in processed)

    def refused(text: str) -> None:
        raise AssertionError("the writer fingerprinted an article again")

    monkeypatch.setattr(dedup, "fingerprint", refused)
    with open_store(f"sqlite:///{tmp_path / 'fp.db'}") as store:
        assert save_all(processed, store, "test") == [SaveResult.INGESTED] * 2
