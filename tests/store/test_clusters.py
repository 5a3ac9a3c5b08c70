"""Event clusters in the store: assigned on save, split when an article is replaced, the same whatever the
save order, and filled in for events stored before schema v5."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import permutations

import sqlalchemy as sa

from overtures.model import DatePrecision, Event, EventDate
from overtures.store import EventQuery, Store, migrate, open_store, schema
from tests.store.objects import make_event, make_processed

ALL = EventQuery(modality=None, limit=None)


def _on(day: int, month: int = 4) -> EventDate:
    when = date(2024, month, day)
    return EventDate(date=when, precision=DatePrecision.DAY, window=(when, when))


def _report(article_id: str, day: int, *, month: int = 4, **fields: object) -> Event:
    """Russia accusing Ukraine on 2024-<month>-<day>, as reported by one article."""
    event = make_event(f"{article_id}-e1", article_id)
    return replace(event, date=_on(day, month), **fields)  # type: ignore[arg-type]


def _save(store: Store, *events: Event, version: str = "h1") -> None:
    """Save each event's article with that one event."""
    for event in events:
        processed = make_processed(event.article_id, events=(event,))
        store.save(processed, content_hash=version, coder_version="0.1.0")


def _clusters(store: Store) -> dict[str, str | None]:
    return {event.event_id: event.cluster_id for event in store.events(ALL)}


def test_two_reports_of_one_event_share_a_cluster_and_keep_their_evidence(store: Store) -> None:
    first, second = _report("b", 23), _report("a", 24)
    _save(store, first, second)
    assert _clusters(store) == {"a-e1": "a-e1", "b-e1": "a-e1"}
    (cluster,) = store.clusters(ALL)
    assert (cluster.cluster_id, cluster.reports, cluster.articles) == ("a-e1", 2, 2)
    assert cluster.event == replace(second, cluster_id="a-e1")
    assert [e.evidence for e in store.events(ALL)] == [first.evidence, second.evidence]
    assert store.dedup_counts()["event_clusters"] == 1


def test_clusters_follow_the_event_filters_and_pages(store: Store) -> None:
    _save(
        store, _report("a", 23), _report("b", 23), _report("c", 10), _report("d", 11, cameo="042", root="04")
    )
    assert [c.cluster_id for c in store.clusters(ALL)] == ["c-e1", "d-e1", "a-e1"]
    assert [c.reports for c in store.clusters(ALL)] == [1, 1, 2]
    assert [c.cluster_id for c in store.clusters(EventQuery(root="11", limit=1, offset=1))] == ["a-e1"]
    assert [c.cluster_id for c in store.clusters(EventQuery(article_id="b"))] == ["a-e1"]


def test_an_unrelated_article_leaves_every_cluster_id_as_it_was(store: Store) -> None:
    _save(store, _report("m", 23), _report("n", 23))
    before = _clusters(store)
    _save(store, _report("a", 2))
    assert _clusters(store) == before | {"a-e1": "a-e1"}


def test_a_bridging_report_merges_clusters_and_its_replacement_splits_them(store: Store) -> None:
    _save(store, _report("c", 21), _report("e", 23))
    assert _clusters(store) == {"c-e1": "c-e1", "e-e1": "e-e1"}
    _save(store, _report("x", 22))  # one day from each: one cluster, named by the smallest id
    assert set(_clusters(store).values()) == {"c-e1"}
    _save(store, _report("x", 1), version="h2")  # x now reports something else
    assert _clusters(store) == {"c-e1": "c-e1", "e-e1": "e-e1", "x-e1": "x-e1"}


def test_the_save_order_does_not_change_cluster_ids(store: Store) -> None:
    """Six save orders of the same four reports, each order in its own month and under its own ids."""
    found = []
    for month, order in enumerate(list(permutations("pqrs"))[::4], start=1):
        days = {"p": 21, "q": 22, "r": 23, "s": 25}
        _save(store, *(_report(f"{month}{name}", days[name], month=month) for name in order))
        clusters = _clusters(store)
        found.append({k[1:]: v[1:] for k, v in clusters.items() if k.startswith(str(month)) and v})
    assert len(found) == 6 and all(mapping == found[0] for mapping in found)
    assert found[0] == {"p-e1": "p-e1", "q-e1": "p-e1", "r-e1": "p-e1", "s-e1": "s-e1"}


def test_events_stored_before_schema_v5_are_clustered_by_the_migration(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    migrate(engine, target=3)
    with engine.begin() as conn:
        for event in (_report("a", 23), _report("b", 24)):
            row = make_processed(event.article_id).article
            conn.execute(
                sa.insert(schema.articles).values(
                    **schema.article_row(row),
                    content_hash="h",
                    coder_version="0.1.0",
                    ingested_at=sa.func.current_timestamp(),
                )
            )
            conn.execute(sa.insert(schema.events).values(schema.event_row(event)))
    engine.dispose()
    with open_store(store_url) as store:
        assert _clusters(store) == {"a-e1": "a-e1", "b-e1": "a-e1"}
