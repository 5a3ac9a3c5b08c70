"""Store aggregates: facets, actor ranking, links, places and the article listing, on hand-built events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from overtures.model import DatePrecision, Event, EventDate, Location, Modality, ProcessedArticle, QuadClass
from overtures.store import EventQuery, Store
from overtures.store.aggregate import ActorCount, ActorLink, PlaceCount
from overtures.store.query import PageKey
from tests.store.objects import TEXT, country_actor, make_event, make_processed

KYIV = Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52)
KREMLIN = replace(country_actor("Russia", "RUS", "Russia"), name="Kremlin")
UKRAINE = country_actor("Ukraine", "UKR", "Ukraine", sector=None)
RUSSIA = country_actor("Russia", "RUS", "Russia")
REFUSAL = "Ukraine did not agree to meet Russia."


def day(value: str) -> EventDate:
    return EventDate(date=date.fromisoformat(value), precision=DatePrecision.DAY)


@pytest.fixture
def corpus(store: Store) -> Store:
    """x1 Russia accuses Ukraine (Zaporizhzhia), x2 the Kremlin criticises Ukraine (Zaporizhzhia), x3 the
    Kremlin attacks Ukraine (Kyiv), x4 Ukraine does not agree to meet Russia (negated, undated)."""
    x1 = make_event("x1", "b1")
    x2 = make_event("x2", "b2", source=KREMLIN, cameo="112", goldstein=-4.0, date=day("2024-05-02"))
    x3 = make_event(
        "x3",
        "b2",
        source=KREMLIN,
        cameo="190",
        root="19",
        quad_class=QuadClass.MATERIAL_CONFLICT,
        goldstein=-10.0,
        date=day("2024-05-03"),
        location=KYIV,
    )
    x4 = make_event(
        "x4",
        "b3",
        source=UKRAINE,
        target=RUSSIA,
        cameo="036",
        root="03",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=4.0,
        modality=Modality.NEGATED,
        date=EventDate(date=None, precision=DatePrecision.PUBLICATION),
        location=None,
    )
    store.save(make_processed("b1", events=(x1,)), content_hash="h", coder_version="v")
    store.save(published("b2", date(2024, 5, 5), (x2, x3)), content_hash="h", coder_version="v")
    store.save(published("b3", None, (x4,), text=REFUSAL), content_hash="h", coder_version="v")
    return store


def published(
    article_id: str, when: date | None, events: tuple[Event, ...], *, text: str = TEXT
) -> ProcessedArticle:
    """A processed article published on ``when`` (None: undated)."""
    base = make_processed(article_id, text=text, events=events)
    article = replace(base.article, published=when, title=None)
    return replace(base, analysed=replace(base.analysed, article=article))


def test_facets_count_asserted_events_by_root_modality_country_and_month(corpus: Store) -> None:
    facets = corpus.facets(EventQuery())
    assert facets.root == {"11": 2, "19": 1}
    assert facets.modality == {"asserted": 3}
    assert facets.actor == {"RUS": 3, "UKR": 3}
    assert facets.month == {"2024-04": 1, "2024-05": 2}


def test_facets_follow_the_filters_and_leave_undated_events_out_of_months(corpus: Store) -> None:
    facets = corpus.facets(EventQuery(modality=None))
    assert facets.modality == {"asserted": 3, "negated": 1}
    assert facets.root == {"03": 1, "11": 2, "19": 1}
    assert sum(facets.month.values()) == 3
    assert corpus.facets(EventQuery(location="kyiv")).root == {"19": 1}


def test_actors_rank_codes_by_events_with_their_most_frequent_name(corpus: Store) -> None:
    assert corpus.actors(EventQuery()) == [
        ActorCount(code="RUSGOV", country="RUS", name="Kremlin", events=3),
        ActorCount(code="UKR", country="UKR", name="Ukraine", events=3),
    ]
    everything = corpus.actors(EventQuery(modality=None), limit=1, offset=1)
    assert everything == [ActorCount(code="UKR", country="UKR", name="Ukraine", events=4)]


def test_actors_can_be_restricted_to_given_codes(corpus: Store) -> None:
    assert [a.code for a in corpus.actors(EventQuery(), codes=["UKR", "FRA"])] == ["UKR"]


def test_links_count_directed_events_with_goldstein_mean_and_quad_classes(corpus: Store) -> None:
    assert corpus.links(EventQuery(modality=None), limit=10) == [
        ActorLink(source="RUSGOV", target="UKR", weight=3, goldstein_mean=-5.333, quad_counts=(0, 0, 2, 1)),
        ActorLink(source="UKR", target="RUSGOV", weight=1, goldstein_mean=4.0, quad_counts=(1, 0, 0, 0)),
    ]
    assert len(corpus.links(EventQuery(modality=None), limit=1)) == 1


def test_places_count_events_with_the_most_frequent_code(corpus: Store) -> None:
    zaporizhzhia = make_event().location
    assert zaporizhzhia is not None and zaporizhzhia.lat is not None and zaporizhzhia.lon is not None
    assert corpus.places(EventQuery()) == [
        PlaceCount(
            name="Zaporizhzhia",
            country="UKR",
            lat=zaporizhzhia.lat,
            lon=zaporizhzhia.lon,
            events=2,
            top_cameo="112",  # a tie with 1123, broken by the code
        ),
        PlaceCount(name="Kyiv", country="UKR", lat=50.45, lon=30.52, events=1, top_cameo="190"),
    ]


def test_article_summaries_list_newest_first_undated_last_with_event_counts(corpus: Store) -> None:
    assert [(a.id, a.published, a.events) for a in corpus.article_summaries()] == [
        ("b2", date(2024, 5, 5), 2),
        ("b1", date(2024, 4, 25), 1),
        ("b3", None, 1),
    ]


def test_article_summaries_page_by_key(corpus: Store) -> None:
    after_b2 = corpus.article_summaries(after=PageKey(date=date(2024, 5, 5), id="b2"), limit=1)
    assert [a.id for a in after_b2] == ["b1"]
    assert [a.id for a in corpus.article_summaries(after=PageKey(date=date(2024, 4, 25), id="b1"))] == ["b3"]
    assert corpus.article_summaries(after=PageKey(date=None, id="b3")) == []


def test_article_summaries_search_title_and_text(corpus: Store) -> None:
    assert [a.id for a in corpus.article_summaries(text="TURKEY")] == ["b2", "b1"]
    assert [a.id for a in corpus.article_summaries(text="agree to meet")] == ["b3"]
    assert corpus.article_summaries(text="%") == []
