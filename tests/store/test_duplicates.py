"""Near-duplicate articles in the store: fingerprints saved with each article, copies linked to their
original with no rows of their own, and a stored original turned into a copy of an earlier one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from overtures import dedup
from overtures.errors import NotFoundError
from overtures.model import Article
from overtures.store import EventQuery, Store
from tests.store.objects import make_article, make_event, make_processed

ALL = EventQuery(modality=None, limit=None)
WIRE = (
    "Russia accused Ukraine of shelling the Zaporizhzhia nuclear plant on Tuesday. Turkey offered to "
    "mediate between Moscow and Kyiv. The International Atomic Energy Agency said its inspectors at the "
    "site had heard several explosions overnight and that one of the plant's power lines had been cut. "
    "The agency's director general called on both sides to stop firing near the reactors."
)
REPRINT = WIRE + " The Black Sea Courier could not reach the Ukrainian defence ministry for comment."


def _copy(article_id: str = "b1", text: str = REPRINT) -> Article:
    return make_article(article_id, text=text, source="Black Sea Courier")


def _save_copy(store: Store, article: Article, original_id: str = "a1") -> None:
    store.save_duplicate(
        article, original_id=original_id, similarity=0.9, content_hash="c", coder_version="0.1.0"
    )


def test_saving_an_article_keeps_its_fingerprint_for_later_runs(store: Store) -> None:
    store.save(make_processed("a1", text=WIRE), content_hash="h", coder_version="0.1.0")
    found = dedup.fingerprint(REPRINT)
    assert found is not None
    (candidate,) = store.similar_articles(found.buckets, exclude="b1")
    assert candidate.article_id == "a1"
    wire, reprint = dedup.shingles(WIRE), dedup.shingles(REPRINT)
    jaccard = len(wire & reprint) / len(wire | reprint)  # 0.82: the estimate's standard error is 0.034
    assert abs(dedup.similarity(candidate.signature, found.signature) - jaccard) < 0.1
    assert store.similar_articles(found.buckets, exclude="a1") == []


def test_the_store_writes_the_fingerprint_it_is_given_and_computes_none(store: Store) -> None:
    unprinted = replace(make_processed("a1", text=WIRE), fingerprint=None)
    store.save(unprinted, content_hash="h", coder_version="0.1.0")
    found = dedup.fingerprint(REPRINT)
    assert found is not None
    assert store.similar_articles(found.buckets, exclude="b1") == []


def test_a_copy_is_an_article_row_with_a_link_and_nothing_else(store: Store) -> None:
    store.save(make_processed("a1", text=WIRE), content_hash="h", coder_version="0.1.0")
    _save_copy(store, _copy())
    assert store.original_of("b1") == "a1"
    assert store.original_of("a1") is None
    assert store.get_article("b1").source == "Black Sea Courier"
    assert (store.sentences("b1"), store.entities("b1")) == ([], [])
    assert {e.article_id for e in store.events(ALL)} == {"a1"}
    assert store.dedup_counts()["near_duplicates"] == 1


def test_copies_are_never_offered_as_originals(store: Store) -> None:
    store.save(make_processed("a1", text=WIRE), content_hash="h", coder_version="0.1.0")
    _save_copy(store, _copy())
    found = dedup.fingerprint(REPRINT + " An editor's note was added.")
    assert found is not None
    assert [c.article_id for c in store.similar_articles(found.buckets, exclude="c1")] == ["a1"]


def test_a_copy_rewritten_as_a_new_story_loses_its_link(store: Store) -> None:
    store.save(make_processed("a1", text=WIRE), content_hash="h", coder_version="0.1.0")
    _save_copy(store, _copy())
    store.save(make_processed("b1"), content_hash="h2", coder_version="0.1.0")
    assert store.original_of("b1") is None
    assert store.dedup_counts()["near_duplicates"] == 0


def test_a_relinked_original_drops_its_events_and_its_copies_follow_it(store: Store) -> None:
    store.save(make_processed("m1", text=REPRINT), content_hash="h", coder_version="0.1.0")
    _save_copy(store, _copy("c1"), original_id="m1")
    other = make_event("z1-e1", "z1")  # the same accusation, reported by a third article
    store.save(make_processed("z1", events=(other,)), content_hash="h", coder_version="0.1.0")
    assert {e.cluster_id for e in store.events(ALL)} == {"m1-e1"}
    store.save(make_processed("a1", text=WIRE, events=()), content_hash="h", coder_version="0.1.0")
    store.relink("m1", original_id="a1", similarity=0.93)
    assert (store.original_of("m1"), store.original_of("c1")) == ("a1", "a1")
    assert store.events(ALL) == [replace(other, cluster_id="z1-e1")]
    assert store.get_article("m1").text == REPRINT
    assert store.dedup_counts() == {"event_clusters": 1, "near_duplicates": 2}


def test_the_original_of_an_unknown_article_is_an_error(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article 'nope'"):
        store.original_of("nope")
