"""The event-cluster rule on hand-built events: which reports are of the same event, and cluster ids."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import permutations

from overtures.clusters import cluster_ids, report_of, reports_match, search_window
from overtures.model import Actor, DatePrecision, Event, EventDate, Location, Modality
from tests.store.objects import make_event

ACCUSATION = make_event("a1-e1", "a1")  # Russia accuses Ukraine, 2024-04-23, at Zaporizhzhia


def _on(day: date) -> EventDate:
    return EventDate(date=day, precision=DatePrecision.DAY, window=(day, day))


def _month(year: int, month: int) -> EventDate:
    first = date(year, month, 1)
    return EventDate(
        date=first.replace(day=15), precision=DatePrecision.MONTH, window=(first, first.replace(day=30))
    )


def _other(**fields: object) -> Event:
    """The accusation as another article reported it, with some fields changed."""
    return replace(make_event("b1-e1", "b1"), **fields)  # type: ignore[arg-type]


def _match(one: Event, other: Event) -> bool:
    return reports_match(report_of(one), report_of(other))


def test_the_same_accusation_in_another_article_matches() -> None:
    assert _match(ACCUSATION, _other())


def test_the_dyad_is_directed_and_read_by_country() -> None:
    ukraine_gov = Actor(name="Ukraine", text="Kyiv", country="UKR", sector="GOV", code="UKRGOV")
    assert _match(ACCUSATION, _other(target=ukraine_gov))
    assert not _match(ACCUSATION, _other(source=ACCUSATION.target, target=ACCUSATION.source))


def test_a_report_without_a_target_matches_nothing() -> None:
    assert not _match(replace(ACCUSATION, target=None), _other(target=None))


def test_codes_match_by_root_and_by_family_when_both_name_one() -> None:
    assert _match(ACCUSATION, _other(cameo="1121"))  # family 112 on both sides
    assert _match(ACCUSATION, _other(cameo="110"))  # "not specified below" matches every family
    assert not _match(ACCUSATION, _other(cameo="111"))  # another family of root 11
    assert not _match(ACCUSATION, _other(cameo="042", root="04"))


def test_a_denial_does_not_match_the_act() -> None:
    assert not _match(ACCUSATION, _other(modality=Modality.NEGATED))


def test_exact_days_match_one_day_apart_but_not_two() -> None:
    assert _match(ACCUSATION, _other(date=_on(date(2024, 4, 24))))
    assert _match(ACCUSATION, _other(date=_on(date(2024, 4, 22))))
    assert not _match(ACCUSATION, _other(date=_on(date(2024, 4, 25))))


def test_a_week_window_matches_a_day_inside_it() -> None:
    week = EventDate(
        date=date(2024, 4, 25), precision=DatePrecision.WEEK, window=(date(2024, 4, 22), date(2024, 4, 28))
    )
    assert _match(ACCUSATION, _other(date=week))


def test_a_vague_month_matches_only_the_same_month() -> None:
    april = _other(date=_month(2024, 4))
    assert not _match(ACCUSATION, april)
    assert _match(april, replace(ACCUSATION, date=_month(2024, 4)))
    assert not _match(april, replace(ACCUSATION, date=_month(2024, 5)))


def test_a_vague_date_is_searched_for_only_with_the_same_window() -> None:
    april = search_window(_other(date=_month(2024, 4)))
    day = search_window(ACCUSATION)
    assert april is not None and april.span == (date(2024, 4, 1), date(2024, 4, 30))
    assert april.first < date(2024, 4, 1) and april.last > date(2024, 4, 30)
    assert day is not None and day.span is None and day.first < date(2024, 4, 23) < day.last


def test_an_undated_report_matches_nothing() -> None:
    undated = EventDate(date=None, precision=DatePrecision.PUBLICATION)
    assert not _match(replace(ACCUSATION, date=undated), _other(date=undated))


def test_places_match_by_name_by_distance_or_when_one_is_missing() -> None:
    assert _match(ACCUSATION, _other(location=None))
    assert _match(ACCUSATION, _other(location=Location(name="zaporizhzhia", country="UKR")))
    enerhodar = Location(name="Enerhodar", country="UKR", lat=47.4989, lon=34.6558)  # ~6 km from the plant
    assert _match(ACCUSATION, _other(location=enerhodar))
    kyiv = Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52)
    assert not _match(ACCUSATION, _other(location=kyiv))
    assert not _match(ACCUSATION, _other(location=Location(name="Kharkiv", country="UKR")))


def test_a_cluster_is_named_by_its_smallest_event_id_whatever_the_order() -> None:
    day = date(2024, 4, 23)
    chain = [
        replace(make_event("e3", "c"), date=_on(day)),
        replace(make_event("e7", "a"), date=_on(day.replace(day=24))),  # bridges e3 and e5
        replace(make_event("e5", "b"), date=_on(day.replace(day=25))),
        replace(make_event("e1", "d"), date=_on(date(2024, 6, 1))),  # far away: alone
    ]
    expected = {"e3": "e3", "e7": "e3", "e5": "e3", "e1": "e1"}
    for order in permutations(chain):
        assert cluster_ids([report_of(e) for e in order]) == expected


def test_links_to_stored_clusters_merge_them_under_the_smallest_id() -> None:
    names = cluster_ids([report_of(make_event("m", "a"))], [("m", "k"), ("m", "z")])
    assert names == {"m": "k", "k": "k", "z": "k"}
