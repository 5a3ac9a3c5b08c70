"""Saving: new, unchanged and replaced articles, each in one all-or-nothing transaction."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa

from overtures.errors import StoreError
from overtures.model import Event
from overtures.store import EventQuery, SaveResult, Store, repository, schema
from overtures.store.write_marker import store_writes
from tests.store.objects import make_event, make_processed

ALL = EventQuery(modality=None)
SHORT_TEXT = "Turkey offered to mediate between Moscow and Kyiv."


def table_rows(store_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every store table, read independently of the Store under test; the write counter
    (which counts transactions for the API's cache, not what they hold) is left out."""
    engine = sa.create_engine(store_url)
    with engine.connect() as conn:
        found = {
            table.name: sorted(tuple(row) for row in conn.execute(sa.select(table)))
            for table in schema.metadata.sorted_tables
            if table not in (schema.schema_version, store_writes)
        }
    engine.dispose()
    return found


def test_new_article_is_ingested_with_everything_derived(store: Store) -> None:
    result = store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    assert result is SaveResult.INGESTED
    assert store.counts() == {"articles": 1, "sentences": 2, "entities": 5, "events": 1, "quotes": 0}


def test_article_state_is_the_saved_content_hash_and_coder_version(store: Store) -> None:
    assert store.article_state("a1") is None
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    assert store.article_state("a1") == ("h1", "0.1.0")


def test_resave_with_same_hash_and_coder_version_writes_nothing(store: Store, store_url: str) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    before = table_rows(store_url)
    changed = make_processed("a1", events=())  # would delete the event if anything were written
    assert store.save(changed, content_hash="h1", coder_version="0.1.0") is SaveResult.UNCHANGED
    assert table_rows(store_url) == before  # includes articles.ingested_at


def test_new_content_hash_replaces_the_article(store: Store) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    assert store.save(make_processed("a1"), content_hash="h2", coder_version="0.1.0") is SaveResult.REPLACED
    assert store.article_state("a1") == ("h2", "0.1.0")


def test_new_coder_version_replaces_the_article(store: Store) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    assert store.save(make_processed("a1"), content_hash="h1", coder_version="0.2.0") is SaveResult.REPLACED


def test_replacing_deletes_old_derived_rows_instead_of_adding_to_them(store: Store) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    new_event = make_event("a1-e9", "a1", cameo="039", root="03", target=None)
    shorter = make_processed("a1", text=SHORT_TEXT, events=(new_event,))
    store.save(shorter, content_hash="h2", coder_version="0.1.0")
    assert store.get_article("a1").text == SHORT_TEXT
    assert tuple(store.sentences("a1")) == shorter.analysed.sentences
    assert tuple(store.entities("a1")) == shorter.analysed.entities
    assert store.events(ALL) == [replace(new_event, cluster_id="a1-e9")]


def test_replacing_twice_with_the_same_rows_never_duplicates_them(store: Store, store_url: str) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    first = table_rows(store_url)
    store.save(make_processed("a1"), content_hash="h2", coder_version="0.1.0")
    second = table_rows(store_url)
    assert {name: len(rows) for name, rows in second.items()} == {
        name: len(rows) for name, rows in first.items()
    }


def test_replacing_one_article_leaves_the_others_alone(store: Store) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    store.save(make_processed("a2"), content_hash="h1", coder_version="0.1.0")
    store.save(make_processed("a1", events=()), content_hash="h2", coder_version="0.1.0")
    assert [event.article_id for event in store.events(ALL)] == ["a2"]
    assert len(store.sentences("a2")) == 2


def failing_insert(_conn: sa.Connection, _events: tuple[Event, ...], _rules: object) -> None:
    """Stand-in for the events insert that fails after sentences and entities are written."""
    raise RuntimeError("disk on fire while inserting events")


def test_failure_mid_save_leaves_no_trace_of_a_new_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "_insert_events", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    assert store.counts() == {"articles": 0, "sentences": 0, "entities": 0, "events": 0, "quotes": 0}
    assert store.article_state("a1") is None


def test_failure_mid_replace_keeps_the_previous_version_whole(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(make_processed("a1"), content_hash="h1", coder_version="0.1.0")
    before = table_rows(store_url)
    monkeypatch.setattr(repository, "_insert_events", failing_insert)
    with pytest.raises(RuntimeError):
        store.save(make_processed("a1", text=SHORT_TEXT), content_hash="h2", coder_version="0.1.0")
    assert table_rows(store_url) == before


def test_database_error_mid_save_is_a_store_error_and_leaves_no_trace(store: Store) -> None:
    event = make_event("dup", "a1")
    with pytest.raises(StoreError, match="saving article 'a1'"):
        store.save(make_processed("a1", events=(event, event)), content_hash="h1", coder_version="0.1.0")
    assert store.counts()["articles"] == 0


def test_event_of_another_article_is_refused(store: Store) -> None:
    stray = make_event("a2-e1", "a2")
    with pytest.raises(StoreError, match="belongs to article 'a2'"):
        store.save(make_processed("a1", events=(stray,)), content_hash="h1", coder_version="0.1.0")


def test_event_ids_stay_unique_across_a_replacement(store: Store) -> None:
    event = make_event("a1-e1", "a1")
    store.save(make_processed("a1", events=(event,)), content_hash="h1", coder_version="0.1.0")
    moved = replace(event, cameo="112")
    store.save(make_processed("a1", events=(moved,)), content_hash="h2", coder_version="0.1.0")
    assert store.events(ALL) == [replace(moved, cluster_id="a1-e1")]


def test_a_batch_is_saved_as_its_articles_one_by_one_would_be(store: Store, store_url: str) -> None:
    batch = [(make_processed("a1"), "h1"), (make_processed("a2", text=SHORT_TEXT), "h2")]
    results = store.save_all(batch, coder_version="0.1.0")
    assert results == [SaveResult.INGESTED, SaveResult.INGESTED]
    together = table_rows(store_url)
    for processed, content in batch:
        assert store.save(processed, content_hash=content, coder_version="0.2.0") is SaveResult.REPLACED
    one_by_one = table_rows(store_url)
    version = [name for name, rows in together.items() if name == "articles"]
    assert {k: v for k, v in together.items() if k not in version} == {
        k: v for k, v in one_by_one.items() if k not in version
    }


def test_the_same_article_twice_in_a_batch_is_saved_in_order(store: Store) -> None:
    batch = [(make_processed("a1"), "h1"), (make_processed("a1", text=SHORT_TEXT), "h2")]
    results = store.save_all(batch, coder_version="0.1.0")
    assert results == [SaveResult.INGESTED, SaveResult.REPLACED]
    assert store.article_state("a1") == ("h2", "0.1.0")
    assert store.counts()["articles"] == 1


def test_a_failing_batch_leaves_none_of_its_articles(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository, "_insert_events", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_all([(make_processed("a1"), "h1"), (make_processed("a2"), "h2")], coder_version="0.1.0")
    assert store.counts()["articles"] == 0
