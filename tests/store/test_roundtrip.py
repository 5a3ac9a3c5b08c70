"""Reading back gives exactly the objects that were saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overtures.errors import NotFoundError
from overtures.model import Article, DatePrecision, EventDate, Evidence, Modality, Token
from overtures.store import EventQuery, Store
from overtures.store.schema import pack_tokens, unpack_tokens
from tests.store.objects import make_article, make_event, make_processed

ALL = EventQuery(modality=None)


def test_article_round_trips_with_every_field(store: Store) -> None:
    processed = make_processed("a1")
    store.save(processed, content_hash="h1", coder_version="0.1.0")
    assert store.get_article("a1") == processed.article


def test_article_with_only_required_fields_round_trips_nones(store: Store) -> None:
    bare = Article(id="bare", text="Kenya and Somalia signed a border deal.")
    processed = replace(
        make_processed("bare"), analysed=replace(make_processed("bare").analysed, article=bare)
    )
    store.save(processed, content_hash="h", coder_version="v")
    assert store.get_article("bare") == bare


def test_sentences_round_trip_with_their_tokens_in_order(store: Store) -> None:
    processed = make_processed("a1")
    store.save(processed, content_hash="h1", coder_version="0.1.0")
    assert tuple(store.sentences("a1")) == processed.analysed.sentences
    assert store.sentences("a1")[0].tokens[0].ent_type == "GPE"


def test_entities_round_trip_in_saved_order(store: Store) -> None:
    processed = make_processed("a1")
    store.save(processed, content_hash="h1", coder_version="0.1.0")
    assert tuple(store.entities("a1")) == processed.analysed.entities


def test_event_round_trips_with_actors_location_window_and_evidence_order(store: Store) -> None:
    event = make_event("a1-e1", "a1")
    reversed_evidence = replace(event, event_id="a1-e2", evidence=tuple(reversed(event.evidence)))
    store.save(make_processed("a1", events=(event, reversed_evidence)), content_hash="h", coder_version="v")
    # Two reports of one accusation: one cluster, named by the smaller event id.
    assert store.events(ALL) == [replace(e, cluster_id="a1-e1") for e in (event, reversed_evidence)]


def test_event_without_target_location_window_or_goldstein_round_trips_nones(store: Store) -> None:
    sparse = make_event(
        target=None,
        location=None,
        goldstein=None,
        plover=None,
        modality=Modality.HYPOTHETICAL,
        date=EventDate(date=None, precision=DatePrecision.PUBLICATION),
        evidence=(Evidence(article_id="a1", sentence="Turkey offered to mediate.", start=0, end=26),),
    )
    store.save(make_processed("a1", events=(sparse,)), content_hash="h", coder_version="v")
    assert store.events(ALL) == [replace(sparse, cluster_id=sparse.event_id)]


def test_event_with_no_evidence_round_trips_an_empty_tuple(store: Store) -> None:
    bare = make_event(evidence=())
    store.save(make_processed("a1", events=(bare,)), content_hash="h", coder_version="v")
    assert store.events(ALL)[0].evidence == ()


def test_articles_are_listed_in_id_order_a_page_at_a_time(store: Store) -> None:
    for article_id in ("c", "a", "b"):
        store.save(make_processed(article_id), content_hash="h", coder_version="v")
    assert [a.id for a in store.articles()] == ["a", "b", "c"]
    assert [a.id for a in store.articles(limit=1, offset=1)] == ["b"]


def test_unknown_article_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="'missing'"):
        store.get_article("missing")


@pytest.mark.parametrize("read", ["sentences", "entities"])
def test_sentences_and_entities_of_unknown_article_raise_not_found(store: Store, read: str) -> None:
    with pytest.raises(NotFoundError):
        getattr(store, read)("missing")


def test_article_without_derived_rows_reads_back_empty_lists(store: Store) -> None:
    processed = make_processed("a1", text="", events=())
    store.save(processed, content_hash="h", coder_version="v")
    assert (store.sentences("a1"), store.entities("a1"), store.events(ALL)) == ([], [], [])


tokens = st.builds(
    Token,
    i=st.integers(0, 10_000),
    start=st.integers(0, 10_000),
    end=st.integers(0, 10_000),
    text=st.text(),
    lemma=st.text(),
    pos=st.sampled_from(["PROPN", "VERB", "NOUN"]),
    tag=st.text(max_size=4),
    dep=st.text(max_size=8),
    head=st.integers(0, 10_000),
    ent_type=st.sampled_from(["", "GPE", "NORP", "PERSON"]),
)


@given(st.lists(tokens, max_size=20).map(tuple))
def test_any_tokens_survive_packing_into_json(packed: tuple[Token, ...]) -> None:
    assert unpack_tokens(pack_tokens(packed), where="test") == packed


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")),
    title=st.none() | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")),
    published=st.none() | st.dates(min_value=date(1900, 1, 1)),
)
def test_any_article_text_round_trips_exactly(
    store: Store, text: str, title: str | None, published: date | None
) -> None:
    article = make_article("any", text=text, title=title, published=published)
    processed = make_processed("any", text="", events=())
    store.save(
        replace(processed, analysed=replace(processed.analysed, article=article)),
        content_hash=repr((text, title, published)),
        coder_version="v",
    )
    assert store.get_article("any") == article
