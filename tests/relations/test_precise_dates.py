"""Several reports of one state change: the most precise date wins; rules read reversed and two-class
wordings (data/relations.yaml's ``reverse`` and ``also``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.model import DatePrecision, QuadClass
from overtures.relations.ledger import PRECISION_ORDER, fold, precise_dates
from overtures.relations.rules import StateFact, parse_rules


def _fact(
    on: date, precision: DatePrecision, window: tuple[date, date], value: str = "accepted"
) -> StateFact:
    return StateFact(
        actor="KAZ",
        target="AFG",
        relation="ambassador",
        value=value,
        on=on,
        evidence=(),
        rule="ambassador-accepted",
        event_id=f"{on}-{precision}",
        precision=precision,
        window=window,
    )


JANUARY = (date(2025, 1, 1), date(2025, 1, 31))


def test_a_ceremony_on_a_day_dates_a_later_report_of_its_month() -> None:
    month = _fact(date(2025, 1, 16), DatePrecision.MONTH, JANUARY)
    day = _fact(date(2025, 1, 30), DatePrecision.DAY, (date(2025, 1, 30),) * 2)
    rows = fold([month, day])
    assert [(r.value, r.valid_from) for r in rows] == [("accepted", date(2025, 1, 30))]


def test_a_precise_day_outside_the_window_changes_nothing() -> None:
    month = _fact(date(2025, 1, 16), DatePrecision.MONTH, JANUARY)
    later = _fact(date(2025, 2, 3), DatePrecision.DAY, (date(2025, 2, 3),) * 2)
    assert fold([month, later])[0].valid_from == date(2025, 1, 16)


def test_a_precise_day_of_another_value_is_another_change() -> None:
    month = _fact(date(2025, 1, 16), DatePrecision.MONTH, JANUARY)
    recalled = _fact(date(2025, 1, 30), DatePrecision.DAY, (date(2025, 1, 30),) * 2, value="withdrawn")
    assert [r.valid_from for r in fold([month, recalled])] == [date(2025, 1, 16), date(2025, 1, 30)]


def test_rules_read_reverse_and_also() -> None:
    text = """
- id: accepted-by-host
  relation: ambassador
  value: accepted
  codes: ["05"]
  words: ["credential"]
  also: ["presented", "handed"]
  reverse: true
"""
    (rule,) = parse_rules(text, name="test.yaml")
    assert rule.reverse and rule.also == ("presented", "handed")


def test_a_later_universal_denial_does_not_undo_an_actors_own_change() -> None:
    from overtures.relations.ledger import _spread_every_actor
    from overtures.states import LedgerRow

    def row(actor: str, value: str, on: date, precision: DatePrecision) -> LedgerRow:
        return LedgerRow(
            actor=actor,
            target="AFG",
            relation="recognition",
            value=value,
            valid_from=on,
            valid_to=None,
            valid_from_precision=precision,
            valid_to_precision=None,
            evidence=(),
            basis=("rule",),
        )

    own = row("BLR", "formal", date(2025, 3, 1), DatePrecision.DAY)
    later = row("*", "none", date(2025, 6, 1), DatePrecision.DAY)
    assert [(r.actor, r.value) for r in _spread_every_actor([own, later])] == [("BLR", "formal")]
    earlier = row("*", "none", date(2024, 6, 1), DatePrecision.YEAR)
    spread = _spread_every_actor([own, earlier])
    assert [(r.value, r.valid_from, r.valid_to) for r in spread] == [
        ("none", date(2024, 6, 1), date(2025, 3, 1)),
        ("formal", date(2025, 3, 1), None),
    ]
    assert [(r.valid_from_precision, r.valid_to_precision) for r in spread] == [
        (DatePrecision.YEAR, DatePrecision.DAY),
        (DatePrecision.DAY, None),
    ]


def test_a_state_starts_and_ends_as_precisely_as_the_reports_date_it() -> None:
    year = _fact(date(2021, 7, 2), DatePrecision.YEAR, (date(2021, 1, 1), date(2021, 12, 31)))
    recalled = _fact(date(2025, 1, 16), DatePrecision.MONTH, JANUARY, value="withdrawn")
    first, second = fold([year, recalled])
    assert (first.valid_from_precision, first.valid_to_precision) == (DatePrecision.YEAR, DatePrecision.MONTH)
    assert (second.valid_from_precision, second.valid_to_precision) == (DatePrecision.MONTH, None)
    assert first.valid_from_precision.label(first.valid_from) == "2021"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("precision", "label"),
    [
        (DatePrecision.DAY, "2025-03-12"),
        (DatePrecision.WEEK, "week of 2025-03-10"),
        (DatePrecision.MONTH, "2025-03"),
        (DatePrecision.YEAR, "2025"),
        (DatePrecision.PUBLICATION, "2025-03-12 (published)"),
    ],
)
def test_a_day_is_written_only_as_precisely_as_it_is_known(precision: DatePrecision, label: str) -> None:
    assert precision.label(date(2025, 3, 12)) == label


def test_a_meeting_dated_to_a_month_starts_and_ends_its_engagement_in_that_month(tmp_path: Path) -> None:
    from overtures.model import EventDate
    from overtures.relations import build_ledger
    from overtures.store import open_store
    from tests.store.objects import make_event, make_processed

    march = EventDate(
        date=date(2025, 3, 16), precision=DatePrecision.MONTH, window=(date(2025, 3, 1), date(2025, 3, 31))
    )
    met = make_event(
        "a1-e1",
        "a1",
        cameo="040",
        root="04",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=1.0,
        date=march,
    )
    built = [r for r in build_ledger([met]) if (r.actor, r.relation) == ("RUS", "engagement")]
    assert [(r.value, r.valid_from_precision.label(r.valid_from)) for r in built if r.valid_from] == [
        ("envoy", "2025-03"),
        ("none", "2026-03"),
    ]
    with open_store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        store.save(
            replace(make_processed("a1"), events=(met,), quotes=()), content_hash="h", coder_version="t"
        )
        assert [r for r in store.ledger(actor="RUS") if r.relation == "engagement"] == built


def _most_precise_by_scan(fact: StateFact, facts: list[StateFact]) -> StateFact:
    """The definition, read off every fact: the most precise, then earliest, then first listed fact of
    the same value dated within the fact's window."""
    order = list(PRECISION_ORDER)
    if fact.window is None:
        return fact
    inside = [o for o in facts if o.value == fact.value and o.on is not None
              and fact.window[0] <= o.on <= fact.window[1]
              and order.index(o.precision) < order.index(fact.precision)]  # fmt: skip
    if not inside:
        return fact
    best = min(inside, key=lambda o: (order.index(o.precision), o.on or date.min))
    return replace(fact, on=best.on, precision=best.precision, window=best.window)


@st.composite
def reports(draw: st.DrawFn) -> list[StateFact]:
    """Reports of two values over about three months, at every precision, some undated."""
    found = []
    for n in range(draw(st.integers(0, 30))):
        on = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 40)))
        precision = draw(st.sampled_from(list(DatePrecision)))
        longest = {DatePrecision.DAY: 0, DatePrecision.WEEK: 6, DatePrecision.MONTH: 30}.get(precision, 365)
        width = draw(st.integers(0, longest))
        window = (
            None if draw(st.booleans()) and precision != DatePrecision.DAY else (on, on + timedelta(width))
        )
        fact = _fact(on, precision, window or (on, on), value=draw(st.sampled_from(["accepted", "rejected"])))
        dated = on if draw(st.integers(0, 9)) else None
        found.append(replace(fact, on=dated, window=window, event_id=f"e{n % 7}"))
    return found


@settings(max_examples=300, deadline=None)
@given(reports())
def test_precise_dates_picks_what_a_scan_of_every_report_picks(facts: list[StateFact]) -> None:
    assert precise_dates(facts) == [_most_precise_by_scan(fact, facts) for fact in facts]
