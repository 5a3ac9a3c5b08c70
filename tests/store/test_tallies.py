"""A dyad's asserted events tallied per period in SQL (the store side of relations.dyad_series), on
hand-built events, on every backend."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
import sqlalchemy as sa

from overtures.model import DatePrecision, EventDate, Modality, QuadClass
from overtures.relations.periods import period_of
from overtures.store import Store
from overtures.store.tallies import PeriodStart, Tally, dyad_tallies, undated_dyad_events
from tests.store.objects import country_actor, make_event, make_processed

RUSSIA = country_actor("Russia", "RUS", "Russia")
UKRAINE = country_actor("Ukraine", "UKR", "Ukraine", sector=None)
TURKEY = country_actor("Turkey", "TUR", "Turkey")
APRIL, MAY = date(2024, 4, 1), date(2024, 5, 1)


def on(day: date | None) -> EventDate:
    return EventDate(date=day, precision=DatePrecision.DAY if day else DatePrecision.PUBLICATION)


@pytest.fixture
def series(store: Store) -> Store:
    """RUS and UKR in April (one each way, one of them material conflict) and May, plus events a series
    leaves out: undated, negated, another dyad."""
    events = (
        make_event("e1", "a1", date=on(date(2024, 4, 23)), goldstein=-2.0),
        make_event(
            "e2",
            "a1",
            source=UKRAINE,
            target=RUSSIA,
            cameo="190",
            root="19",
            quad_class=QuadClass.MATERIAL_CONFLICT,
            date=on(date(2024, 4, 30)),
            goldstein=-10.0,
        ),
        make_event("e3", "a1", date=on(date(2024, 5, 2)), goldstein=None),
        make_event("e4", "a1", date=on(None)),  # undated: in no period
        make_event("e5", "a1", date=on(date(2024, 5, 9)), modality=Modality.NEGATED, goldstein=4.0),
        make_event("e6", "a1", source=TURKEY, date=on(date(2024, 5, 9)), goldstein=1.0),  # another dyad
    )
    store.save(make_processed("a1", events=events), content_hash="h", coder_version="v")
    return store


def test_a_dyad_is_tallied_in_both_directions_per_month(series: Store) -> None:
    assert dyad_tallies(series, ("ukr", "rus")) == {
        APRIL: Tally(quads=(0, 0, 1, 1), scored=2, goldstein_sum=-12.0, codes=Counter({"1123": 1, "190": 1})),
        MAY: Tally(quads=(0, 0, 1, 0), scored=0, goldstein_sum=0.0, codes=Counter({"1123": 1})),
    }


def test_a_directed_tally_counts_one_direction(series: Store) -> None:
    assert dyad_tallies(series, ("UKR", "RUS"), directed=True, by="year") == {
        date(2024, 1, 1): Tally(quads=(0, 0, 0, 1), scored=1, goldstein_sum=-10.0, codes=Counter({"190": 1}))
    }


def test_dates_bound_the_tally(series: Store) -> None:
    assert list(dyad_tallies(series, ("RUS", "UKR"), date_from=MAY)) == [MAY]
    assert dyad_tallies(series, ("RUS", "UKR"), date_to=date(2024, 4, 29))[APRIL].quads == (0, 0, 1, 0)


def test_undated_events_are_counted_apart(series: Store) -> None:
    assert undated_dyad_events(series, ("UKR", "RUS")) == 1
    assert undated_dyad_events(series, ("UKR", "RUS"), directed=True) == 0


DAYS = [date(2020, 2, 29), date(2021, 1, 3), date(2021, 1, 4), date(2024, 12, 29), date(2024, 12, 30)]
DAYS += [date(2025, 1, 1), date(2025, 3, 31), date(2025, 6, 15)]


@pytest.mark.parametrize("unit", ["month", "week", "year"])
def test_periods_start_in_sql_where_the_python_periods_do(store: Store, unit: str) -> None:
    """2021-01-03 is the Sunday of ISO week 2020-W53, 2024-12-30 the Monday of 2025-W01."""
    starts = [PeriodStart(sa.literal(day, sa.Date), unit) for day in DAYS]
    with store.reader("computing period starts") as conn:
        found = list(conn.execute(sa.select(*starts)).one())
    assert found == [period_of(day, unit).start for day in DAYS]  # type: ignore[arg-type]
