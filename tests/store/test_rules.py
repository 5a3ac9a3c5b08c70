"""The store's writes follow the rules it is given (overtures.store.rules): it reads the stored events in
each new event's search window, hands them to ``join``, hands what is left of a replaced article's
clusters to ``split``, and writes the change each returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date

import pytest

from overtures.model import ClusterChange, DatePrecision, Event, EventDate
from overtures.pipeline import STORE_RULES
from overtures.store import EventQuery, Store
from overtures.store.rules import StoreRules, install
from tests.store.objects import make_event, make_processed

ALL = EventQuery(modality=None, limit=None)


@pytest.fixture
def given() -> Iterator[Callable[[StoreRules], None]]:
    """Install other rules for one test, then the pipeline's again."""
    yield install
    install(STORE_RULES)


def _save(store: Store, *article_ids: str, version: str = "h1") -> None:
    """Save each article with its one default event, Russia accusing Ukraine."""
    for article_id in article_ids:
        store.save(make_processed(article_id), content_hash=version, coder_version="0.1.0")


def _ids(events: Sequence[Event]) -> list[tuple[str, str | None]]:
    return [(event.event_id, event.cluster_id) for event in events]


def test_join_is_given_the_stored_events_in_each_search_window(
    store: Store, given: Callable[[StoreRules], None]
) -> None:
    seen: list[list[tuple[str, list[tuple[str, str | None]]]]] = []

    def join(found: Sequence[tuple[Event, Sequence[Event]]]) -> ClusterChange:
        seen.append([(event.event_id, _ids(stored)) for event, stored in found])
        return STORE_RULES.join(found)

    given(replace(STORE_RULES, join=join))
    _save(store, "b", "a")
    assert seen == [[("b-e1", [])], [("a-e1", [("b-e1", "b-e1")])]]
    assert _ids(store.events(ALL)) == [("a-e1", "a-e1"), ("b-e1", "a-e1")]


def test_a_vague_date_is_searched_for_among_reports_with_the_same_window(
    store: Store, given: Callable[[StoreRules], None]
) -> None:
    """A report "in April 2024" is given the stored reports of that month, not those of days in it or
    of the year, which its dates can never match (clusters.dates_match)."""
    seen: list[list[str]] = []

    def join(found: Sequence[tuple[Event, Sequence[Event]]]) -> ClusterChange:
        seen.append([stored.event_id for _, candidates in found for stored in candidates])
        return STORE_RULES.join(found)

    given(replace(STORE_RULES, join=join))
    day, april = date(2024, 4, 10), (date(2024, 4, 1), date(2024, 4, 30))
    dates = {
        "a": EventDate(date=day, precision=DatePrecision.DAY, window=(day, day)),
        "b": EventDate(date=date(2024, 4, 15), precision=DatePrecision.MONTH, window=april),
        "c": EventDate(date=day, precision=DatePrecision.YEAR, window=(date(2024, 1, 1), date(2024, 12, 31))),
        "d": EventDate(date=date(2024, 4, 15), precision=DatePrecision.MONTH, window=april),
    }
    for article_id, when in dates.items():
        event = replace(make_event(f"{article_id}-e1", article_id), date=when)
        store.save(make_processed(article_id, events=(event,)), content_hash="h1", coder_version="0.1.0")
    assert seen[-1] == ["b-e1"]
    assert _ids(store.events(ALL))[-1] == ("d-e1", "b-e1")


def test_split_is_given_what_is_left_of_a_replaced_articles_clusters(
    store: Store, given: Callable[[StoreRules], None]
) -> None:
    seen: list[list[tuple[str, str | None]]] = []

    def split(members: Sequence[Event]) -> ClusterChange:
        seen.append(_ids(members))
        return STORE_RULES.split(members)

    given(replace(STORE_RULES, split=split))
    _save(store, "a", "b", "c")
    store.save(make_processed("a", events=()), content_hash="h2", coder_version="0.1.0")
    assert [sorted(members) for members in seen] == [[("b-e1", "a-e1"), ("c-e1", "a-e1")]]
    assert _ids(store.events(ALL)) == [("b-e1", "b-e1"), ("c-e1", "b-e1")]


def test_the_store_writes_the_clusters_it_is_given_and_decides_none(
    store: Store, given: Callable[[StoreRules], None]
) -> None:
    def apart(found: Sequence[tuple[Event, Sequence[Event]]]) -> ClusterChange:
        return ClusterChange(added=tuple((event.event_id, event.event_id) for event, _ in found))

    given(replace(STORE_RULES, join=apart))
    _save(store, "a", "b")
    assert _ids(store.events(ALL)) == [("a-e1", "a-e1"), ("b-e1", "b-e1")]
