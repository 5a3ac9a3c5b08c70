"""Several reports of one state change: the most precise date wins; rules read reversed and two-class
wordings (data/relations.yaml's ``reverse`` and ``also``)."""

from __future__ import annotations

from datetime import date

from overtures.model import DatePrecision
from overtures.relations.ledger import fold
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
    from overtures.relations.ledger import LedgerRow, _spread_every_actor

    def row(actor: str, value: str, on: date) -> LedgerRow:
        return LedgerRow(
            actor=actor,
            target="AFG",
            relation="recognition",
            value=value,
            valid_from=on,
            valid_to=None,
            evidence=(),
            basis=("rule",),
        )

    own = row("BLR", "formal", date(2025, 3, 1))
    later = row("*", "none", date(2025, 6, 1))
    assert [(r.actor, r.value) for r in _spread_every_actor([own, later])] == [("BLR", "formal")]
    earlier = row("*", "none", date(2024, 6, 1))
    spread = _spread_every_actor([own, earlier])
    assert [(r.value, r.valid_from, r.valid_to) for r in spread] == [
        ("none", date(2024, 6, 1), date(2025, 3, 1)),
        ("formal", date(2025, 3, 1), None),
    ]
