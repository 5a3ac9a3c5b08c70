"""EventQuery: each filter, the default modality, paging and ordering."""

from __future__ import annotations

from datetime import date

import pytest

from overtures.errors import InputError
from overtures.model import DatePrecision, EventDate, Evidence, Location, Modality, QuadClass
from overtures.store import EventQuery, Store
from tests.store.objects import country_actor, make_event, make_processed

ACCUSE = "Russia accused Ukraine of shelling the Zaporizhzhia nuclear plant on Tuesday."
MEDIATE = "Turkey offered to mediate between Moscow and Kyiv."
STRIKE = "Ukrainian forces struck targets in Belgorod last week."
NO_MEETING = "The United States did not agree to meet Chinese officials."


def evidence(article_id: str, sentence: str, trigger: str) -> tuple[Evidence, ...]:
    """The evidence of an event read from ``sentence``, pointing at its trigger word."""
    start = sentence.index(trigger)
    return (
        Evidence(
            article_id=article_id, sentence=sentence, start=start, end=start + len(trigger), trigger=trigger
        ),
    )


ACCUSATION = make_event("e1", "a1", evidence=evidence("a1", ACCUSE, "accused"))
MEDIATION_OFFER = make_event(
    "e2",
    "a1",
    source=country_actor("Turkey", "TUR", "Turkey"),
    target=None,
    cameo="039",
    root="03",
    quad_class=QuadClass.VERBAL_COOPERATION,
    goldstein=5.0,
    plover="AGREE",
    date=EventDate(date=date(2024, 4, 25), precision=DatePrecision.PUBLICATION),
    location=None,
    evidence=evidence("a1", MEDIATE, "offered"),
)
STRIKE_LAST_WEEK = make_event(
    "e3",
    "a2",
    source=country_actor("Ukraine", "UKR", "Ukraine", sector="MIL"),
    target=country_actor("Russia", "RUS", "Russia", sector=None),
    cameo="190",
    root="19",
    quad_class=QuadClass.MATERIAL_CONFLICT,
    goldstein=-10.0,
    plover="ASSAULT",
    date=EventDate(
        date=date(2024, 5, 8), precision=DatePrecision.WEEK, window=(date(2024, 5, 6), date(2024, 5, 12))
    ),
    location=Location(name="Belgorod", country="RUS", lat=50.6, lon=36.6),
    evidence=evidence("a2", STRIKE, "struck"),
)
UNDATED_REFUSAL = make_event(
    "e4",
    "a2",
    source=country_actor("United States", "USA", "Russia"),
    target=country_actor("China", "CHN", "Ukraine"),
    cameo="036",
    root="03",
    quad_class=QuadClass.VERBAL_COOPERATION,
    modality=Modality.NEGATED,
    date=EventDate(date=None, precision=DatePrecision.PUBLICATION),
    location=None,
    evidence=evidence("a2", NO_MEETING, "agree"),
)


@pytest.fixture
def corpus(store: Store) -> Store:
    """Two articles: e1 RUS>UKR accuse, e2 TUR offers mediation, e3 UKR>RUS strike, e4 negated, undated."""
    store.save(
        make_processed("a1", events=(ACCUSATION, MEDIATION_OFFER)), content_hash="h", coder_version="v"
    )
    store.save(
        make_processed("a2", events=(UNDATED_REFUSAL, STRIKE_LAST_WEEK)), content_hash="h", coder_version="v"
    )
    return store


def ids(store: Store, **filters: object) -> list[str]:
    """The ids of the events the filters select, in the order the store returns them."""
    return [event.event_id for event in store.events(EventQuery(**filters))]  # type: ignore[arg-type]


def test_default_query_returns_only_asserted_events_by_date(corpus: Store) -> None:
    assert [event.event_id for event in corpus.events()] == ["e1", "e2", "e3"]


def test_modality_none_returns_every_event_with_undated_ones_last(corpus: Store) -> None:
    assert ids(corpus, modality=None) == ["e1", "e2", "e3", "e4"]


def test_modality_filter_selects_that_modality(corpus: Store) -> None:
    assert ids(corpus, modality=Modality.NEGATED) == ["e4"]


def test_newest_first_order_still_puts_undated_events_last(corpus: Store) -> None:
    assert ids(corpus, modality=None, order="-date") == ["e3", "e2", "e1", "e4"]


def test_article_filter(corpus: Store) -> None:
    assert ids(corpus, article_id="a2", modality=None) == ["e3", "e4"]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("rus", ["e1", "e3"]), ("Turkey", ["e2"]), ("ukrmil", ["e3"]), ("RUSGOV", ["e1"]), ("France", [])],
)
def test_actor_matches_country_code_or_name_of_either_side_ignoring_case(
    corpus: Store, actor: str, expected: list[str]
) -> None:
    assert ids(corpus, actor=actor) == expected


def test_country_matches_source_or_target(corpus: Store) -> None:
    assert ids(corpus, country="ukr") == ["e1", "e3"]


@pytest.mark.parametrize("dyad", [("RUS", "UKR"), ("UKR", "RUS"), ("ukr", "rus")])
def test_dyad_matches_both_directions(corpus: Store, dyad: tuple[str, str]) -> None:
    assert ids(corpus, dyad=dyad) == ["e1", "e3"]


def test_dyad_needs_both_countries(corpus: Store) -> None:
    assert ids(corpus, dyad=("RUS", "TUR")) == []


@pytest.mark.parametrize(
    ("cameo", "expected"),
    [("11", ["e1"]), ("112", ["e1"]), ("1123", ["e1"]), ("0", ["e2"]), ("%", []), ("1", ["e1", "e3"])],
)
def test_cameo_is_a_prefix_match(corpus: Store, cameo: str, expected: list[str]) -> None:
    assert ids(corpus, cameo=cameo) == expected


def test_root_filter(corpus: Store) -> None:
    assert ids(corpus, root="03", modality=None) == ["e2", "e4"]


def test_quad_class_filter(corpus: Store) -> None:
    assert ids(corpus, quad_class=QuadClass.MATERIAL_CONFLICT) == ["e3"]


def test_date_bounds_are_inclusive(corpus: Store) -> None:
    assert ids(corpus, date_from=date(2024, 4, 25)) == ["e2", "e3"]
    assert ids(corpus, date_to=date(2024, 4, 25)) == ["e1", "e2"]
    assert ids(corpus, date_from=date(2024, 4, 24), date_to=date(2024, 5, 7)) == ["e2"]


def test_date_filter_excludes_undated_events(corpus: Store) -> None:
    assert ids(corpus, modality=None, date_from=date(2000, 1, 1)) == ["e1", "e2", "e3"]


def test_location_is_a_case_insensitive_substring(corpus: Store) -> None:
    assert ids(corpus, location="zapor") == ["e1"]


def test_text_searches_the_evidence_sentence_ignoring_case(corpus: Store) -> None:
    assert ids(corpus, text="BELGOROD") == ["e3"]
    assert ids(corpus, text="nuclear plant") == ["e1"]


def test_text_wildcards_are_literal(corpus: Store) -> None:
    assert ids(corpus, text="_") == []


def test_filters_combine_with_and(corpus: Store) -> None:
    assert ids(corpus, country="RUS", date_from=date(2024, 5, 1)) == ["e3"]


def test_limit_and_offset_page_through_the_ordered_events(corpus: Store) -> None:
    assert ids(corpus, limit=2) == ["e1", "e2"]
    assert ids(corpus, limit=1, offset=1) == ["e2"]
    assert ids(corpus, limit=None, offset=2) == ["e3"]


def test_paged_events_keep_their_evidence(corpus: Store) -> None:
    (only,) = corpus.events(EventQuery(limit=1, offset=2))
    assert only.evidence[0].sentence == STRIKE


@pytest.mark.parametrize(
    "bad",
    [
        {"limit": -1},
        {"offset": -1},
        {"dyad": ("RUS",)},
        {"order": "cameo"},
        {"modality": "rumoured"},
        {"quad_class": 7},
    ],
)
def test_invalid_query_is_an_input_error(bad: dict[str, object]) -> None:
    with pytest.raises(InputError):
        EventQuery(**bad)  # type: ignore[arg-type]
