"""Keyset paging of events: each page starts right after the (date, id) of the previous page's last event."""

from __future__ import annotations

import pytest

from overtures.model import Event
from overtures.store import EventQuery, Store
from overtures.store.query import PageKey
from tests.store.objects import make_processed
from tests.store.test_query import ACCUSATION, MEDIATION_OFFER, STRIKE_LAST_WEEK, UNDATED_REFUSAL


@pytest.fixture
def corpus(store: Store) -> Store:
    """e1 and e2 in April, e3 in May, e4 undated (and negated)."""
    for article_id, events in (
        ("a1", (ACCUSATION, MEDIATION_OFFER)),
        ("a2", (UNDATED_REFUSAL, STRIKE_LAST_WEEK)),
    ):
        store.save(make_processed(article_id, events=events), content_hash="h", coder_version="v")
    return store


def walk(store: Store, order: str, size: int) -> list[str]:
    """Every event id, read ``size`` at a time by key."""
    seen: list[str] = []
    after: PageKey | None = None
    while True:
        page: list[Event] = store.events(EventQuery(modality=None, order=order, after=after, limit=size))  # type: ignore[arg-type]
        seen.extend(event.event_id for event in page)
        if len(page) < size:
            return seen
        after = PageKey(date=page[-1].date.date, id=page[-1].event_id)


@pytest.mark.parametrize("order", ["date", "-date"])
@pytest.mark.parametrize("size", [1, 2, 3])
def test_key_pages_read_every_event_once_in_order(corpus: Store, order: str, size: int) -> None:
    everything = [e.event_id for e in corpus.events(EventQuery(modality=None, order=order))]  # type: ignore[arg-type]
    assert walk(corpus, order, size) == everything


def test_after_an_undated_event_come_only_undated_events_with_greater_ids(corpus: Store) -> None:
    assert corpus.events(EventQuery(modality=None, after=PageKey(date=None, id="e0"))) != []
    assert corpus.events(EventQuery(modality=None, after=PageKey(date=None, id="e4"))) == []


def test_an_event_is_found_by_id_whatever_its_modality(corpus: Store) -> None:
    assert corpus.get_event("e4").modality.value == "negated"
