"""Near-duplicate articles and event clusters, end to end through the real pipeline.

A syndicated copy of a sample-corpus article is linked to it and never coded; two outlets reporting one
expulsion in their own words end in one event cluster with both reports; other events on the same dyad
stay apart; and neither re-ingesting nor the ingest order changes a cluster id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from overtures import dedup
from overtures.api import ingest
from overtures.cli import app
from overtures.model import IngestSummary, StoredFingerprint
from overtures.store import EventQuery, Store, open_store
from tests.conftest import CORPUS

ALL = EventQuery(modality=None, limit=None)
EXPULSION = EventQuery(dyad=("PAK", "AFG"), root="16", limit=None)  # asserted expulsions
MARCH_EXPULSION = EventQuery(dyad=("PAK", "AFG"), root="16", date_to=date(2025, 3, 31), limit=None)


def _wire(article_id: str) -> dict[str, Any]:
    """A record of the sample corpus's wires.jsonl."""
    for line in (CORPUS / "wires.jsonl").read_text(encoding="utf-8").splitlines():
        record: dict[str, Any] = json.loads(line)
        if record["id"] == article_id:
            return record
    raise LookupError(article_id)


ORIGINAL = _wire("wire-20240130-china-accepts-taliban-envoy")
COPY = ORIGINAL | {
    "id": "ledger-china-envoy",
    "source": "Kabul Ledger",
    "url": "https://kabulledger.example/news/china-envoy",
    "title": "Beijing receives Taliban envoy, a first for any capital",
    "published": "2024-01-31",
    "text": ORIGINAL["text"]
    + "\n\nThe Kabul Ledger could not reach the Chinese embassy for comment on Wednesday.",
}

KHYBER_POST = {
    "id": "khyberpost-20250305-diplomats-expelled",
    "source": "Khyber Post",
    "published": "2025-03-05",
    "title": "Pakistan expels two Afghan diplomats",
    "text": "ISLAMABAD, March 5 (Khyber Post) - Pakistan expelled two Afghan diplomats on Tuesday, accusing "
    "them of spying on military installations in Peshawar, the foreign ministry said.\n\nThe ministry gave "
    "the two officials 48 hours to leave the country. A spokesman for the Afghan embassy declined to "
    "comment.\n\nRelations between the neighbours have worsened since a series of attacks on security "
    "forces in Khyber Pakhtunkhwa.",
}
FRONTIER_DAILY = {
    "id": "frontierdaily-20250306-embassy-staff",
    "source": "Frontier Daily",
    "published": "2025-03-06",
    "title": "Islamabad orders Afghan embassy staff out",
    "text": "KABUL, March 6 (Frontier Daily) - The Pakistani government expelled two Afghan embassy "
    "officials on Tuesday, saying they had spied for Kabul.\n\nTaliban officials called the decision "
    "regrettable and said the men had been working on consular matters for refugees.\n\nTraders at the "
    "Torkham crossing said the border stayed open on Wednesday despite the dispute.",
}
LATER_NEWS = {
    "id": "khyberpost-20250613-transit-deal",
    "source": "Khyber Post",
    "published": "2025-06-13",
    "title": "Pakistan and Taliban sign transit deal",
    "text": "ISLAMABAD, June 13 (Khyber Post) - Pakistan and the Taliban government signed a transit trade "
    "agreement in Islamabad on Thursday, officials said.\n\nUnder the deal, Afghan trucks will be able to "
    "carry goods to the port of Karachi without changing loads at the border.\n\nPakistan expelled three "
    "Afghan consular officials from Peshawar on Monday over what the police called links to smugglers.",
}
STORIES = (KHYBER_POST, FRONTIER_DAILY, LATER_NEWS, ORIGINAL, COPY)


def _ingest(url: str, folder: Path, records: Sequence[dict[str, Any]], services: Any) -> IngestSummary:
    """Ingest the records, written as one JSON Lines file, in one run."""
    path = folder / f"run-{len(list(folder.iterdir()))}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return ingest([path], db=url, services=services)


def _clusters(url: str) -> dict[str, str | None]:
    """Every stored event's cluster id."""
    with open_store(url) as store:
        return {event.event_id: event.cluster_id for event in store.events(ALL)}


def _links(store: Store) -> dict[str, str | None]:
    return {article.id: store.original_of(article.id) for article in store.articles()}


# Shingles and signatures


def test_shingles_are_runs_of_five_case_folded_words() -> None:
    assert dedup.shingles("Pakistan expelled two Afghan diplomats on Tuesday.") == {
        "pakistan expelled two afghan diplomats",
        "expelled two afghan diplomats on",
        "two afghan diplomats on tuesday",
    }


def test_a_syndicated_copy_is_similar_and_other_corpus_stories_are_not() -> None:
    original, copy = dedup.fingerprint(ORIGINAL["text"]), dedup.fingerprint(COPY["text"])
    assert original is not None and copy is not None
    assert dedup.similarity(original.signature, copy.signature) >= dedup.THRESHOLD
    assert set(original.buckets) & set(copy.buckets)
    for line in (CORPUS / "wires.jsonl").read_text(encoding="utf-8").splitlines()[1:]:
        other = dedup.fingerprint(json.loads(line)["text"])
        assert other is not None
        assert dedup.similarity(original.signature, other.signature) < 0.2


def test_a_stored_signature_made_by_another_sketch_is_never_a_copy() -> None:
    copy = dedup.fingerprint(COPY["text"])
    original = dedup.fingerprint(ORIGINAL["text"])
    assert copy is not None and original is not None
    stored = StoredFingerprint(
        article_id=ORIGINAL["id"], published=None, signature=original.signature, sketch=original.sketch
    )
    resketched = replace(stored, article_id="resketched", sketch="minhash-of-an-older-overtures")
    assert [found.article_id for found, _ in dedup.matches(copy, [stored, resketched])] == [ORIGINAL["id"]]


def test_a_text_too_short_to_tell_a_copy_has_no_fingerprint() -> None:
    assert dedup.fingerprint(FRONTIER_DAILY["text"].split("\n")[0]) is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_shingling_and_signatures_never_fail_on_any_text(text: str) -> None:
    assert all(len(s.split()) <= dedup.SHINGLE_WORDS for s in dedup.shingles(text))
    assert len(dedup.sketch(text)) == dedup.NUM_PERM
    found = dedup.fingerprint(text)
    if found is not None:
        assert len(found.buckets) == dedup.BANDS
        assert dedup.similarity(found.signature, found.signature) == 1.0
        assert found == dedup.fingerprint.__wrapped__(text)  # the same text, the same fingerprint


# Near-duplicate articles through ingest


def test_a_syndicated_copy_is_linked_to_its_original_and_not_coded(services: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'copies.db'}"
    first = _ingest(url, tmp_path, [ORIGINAL], services)
    with open_store(url) as store:
        events_before = store.events(ALL)
    second = _ingest(url, tmp_path, [COPY], services)
    assert (second.ingested, second.duplicates, second.events) == (1, 1, 0)
    with open_store(url) as store:
        assert store.original_of(COPY["id"]) == ORIGINAL["id"]
        assert store.original_of(ORIGINAL["id"]) is None
        assert store.get_article(COPY["id"]).title == COPY["title"]
        assert store.sentences(COPY["id"]) == []
        assert store.events(ALL) == events_before
        assert len(events_before) == first.events > 0
        assert store.dedup_counts()["near_duplicates"] == 1


def test_a_copy_in_the_same_batch_is_linked_and_a_rerun_changes_nothing(
    services: Any, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    summary = _ingest(url, tmp_path, [COPY, ORIGINAL], services)
    assert (summary.ingested, summary.duplicates) == (2, 1)
    again = _ingest(url, tmp_path, [COPY, ORIGINAL], services)
    assert (again.ingested, again.unchanged, again.duplicates) == (0, 2, 0)
    with open_store(url) as store:
        assert _links(store) == {ORIGINAL["id"]: None, COPY["id"]: ORIGINAL["id"]}


def test_an_earlier_original_ingested_after_its_copy_takes_its_place(services: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'late.db'}"
    _ingest(url, tmp_path, [COPY], services)
    summary = _ingest(url, tmp_path, [ORIGINAL], services)
    assert summary.duplicates == 1
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    _ingest(alone, tmp_path, [ORIGINAL], services)
    with open_store(url) as store:
        assert _links(store) == {ORIGINAL["id"]: None, COPY["id"]: ORIGINAL["id"]}
        assert {e.article_id for e in store.events(ALL)} == {ORIGINAL["id"]}
    assert _clusters(url) == _clusters(alone)


# Event clusters through ingest


@pytest.fixture(scope="module")
def stories_db(services: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The five stories, ingested one run each in the order of STORIES."""
    folder = tmp_path_factory.mktemp("stories")
    url = f"sqlite:///{folder / 'stories.db'}"
    for record in STORIES:
        _ingest(url, folder, [record], services)
    return url


def test_two_outlets_reporting_one_expulsion_share_one_cluster(stories_db: str) -> None:
    with open_store(stories_db) as store:
        reports = store.events(MARCH_EXPULSION)
        (cluster,) = store.clusters(MARCH_EXPULSION)
    assert {e.article_id for e in reports} == {KHYBER_POST["id"], FRONTIER_DAILY["id"]}
    assert {e.cluster_id for e in reports} == {cluster.cluster_id} == {min(e.event_id for e in reports)}
    assert (cluster.reports, cluster.articles) == (2, 2)
    sentences = {e.evidence[0].sentence for e in reports}
    assert any("Pakistan expelled two Afghan diplomats on Tuesday" in s for s in sentences)
    assert any("The Pakistani government expelled two Afghan embassy officials" in s for s in sentences)


def test_other_events_on_the_same_dyad_stay_in_clusters_of_their_own(stories_db: str) -> None:
    with open_store(stories_db) as store:
        expulsions = store.events(EXPULSION)
        deal = store.events(EventQuery(dyad=("PAK", "AFG"), root="05", limit=None))
    june = [e for e in expulsions if e.article_id == LATER_NEWS["id"]]
    march = [e for e in expulsions if e.article_id != LATER_NEWS["id"]]
    assert june and march and deal
    assert {e.cluster_id for e in june}.isdisjoint({e.cluster_id for e in march})
    assert {e.cluster_id for e in deal}.isdisjoint({e.cluster_id for e in expulsions})


def test_reingesting_gives_the_same_clusters_and_ids(stories_db: str, services: Any, tmp_path: Path) -> None:
    before = _clusters(stories_db)
    changed = KHYBER_POST | {"text": KHYBER_POST["text"] + "\n\nThe embassy in Islamabad stayed open."}
    assert _ingest(stories_db, tmp_path, [changed], services).ingested == 1
    summary = _ingest(stories_db, tmp_path, STORIES, services)
    assert summary.ingested == 1 and summary.unchanged == len(STORIES) - 1
    assert _clusters(stories_db) == before


def test_ingest_order_does_not_change_cluster_ids(stories_db: str, services: Any, tmp_path: Path) -> None:
    reversed_url = f"sqlite:///{tmp_path / 'reversed.db'}"
    for record in reversed(STORIES):
        _ingest(reversed_url, tmp_path, [record], services)
    assert _clusters(reversed_url) == _clusters(stories_db)
    with open_store(reversed_url) as one, open_store(stories_db) as other:
        assert _links(one) == _links(other)
        assert one.dedup_counts() == other.dedup_counts()


def test_events_by_cluster_and_stats_count_clusters_and_reports(stories_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["--db", stories_db, "events", "--by-cluster", "--dyad", "PAK,AFG", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(row["reports"] for row in rows if row["root"] == "16") == [1, 2]
    assert all(row["cluster_id"] == row["event_id"] for row in rows)
    stats = runner.invoke(app, ["--db", stories_db, "stats"]).stdout
    counts = dict(line.split("\t") for line in stats.splitlines())
    assert int(counts["events"]) > int(counts["event_clusters"]) > 0
    assert counts["near_duplicates"] == "1"
    events = runner.invoke(app, ["--db", stories_db, "events", "--dyad", "PAK,AFG", "-f", "csv"]).stdout
    assert events.splitlines()[0].endswith(",cluster_id")


def test_code_duplicates_codes_every_copy(tmp_path: Path, services: Any) -> None:
    from bench.corpus import build_corpus

    from overtures.pipeline import run_ingest
    from overtures.store import open_store

    articles = list(build_corpus(40))
    linked = f"sqlite:///{tmp_path / 'linked.db'}"
    coded = f"sqlite:///{tmp_path / 'coded.db'}"
    with open_store(linked) as one, open_store(coded) as two:
        first = run_ingest(articles, one, services)
        second = run_ingest(articles, two, services, link_duplicates=False)
        assert first.duplicates > 0 and second.duplicates == 0  # the varied corpus holds near-duplicates
        assert second.ingested == first.ingested == 40
        assert two.counts()["events"] > one.counts()["events"]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 400), st.integers(0, 400), st.integers(1, 400))
def test_the_sketch_estimates_the_jaccard_similarity_of_shingle_sets(
    before: int, after: int, shared: int
) -> None:
    words = [f"w{i}" for i in range(before + shared + after)]
    one = " ".join(words[: before + shared])
    other = " ".join(words[before:])
    a, b = dedup.shingles(one), dedup.shingles(other)
    true = len(a & b) / len(a | b)
    estimate = float(np.mean(dedup.sketch(one) == dedup.sketch(other)))
    assert abs(estimate - true) < 0.2  # 128 functions: the standard error is at most 0.045
