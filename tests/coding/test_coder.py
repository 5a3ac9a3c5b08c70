"""The coder on real sentences: actors, modality, dates, places, pairs and duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from overtures.model import DatePrecision, Event, Modality
from tests.coding.conftest import PUBLISHED


def _one(events: list[Event], root: str) -> Event:
    found = [e for e in events if e.root == root]
    assert found, [(e.cameo, e.rule) for e in events]
    return found[0]


def test_a_title_gives_country_and_sector_and_a_group_its_dated_role(code) -> None:  # type: ignore[no-untyped-def]
    event = _one(
        code("Uzbek Foreign Minister Bakhtiyor Saidov hosted a Taliban delegation in Tashkent."), "04"
    )
    assert (event.source.code, event.target.code) == ("UZBGOV", "AFGGOV")
    assert event.location is not None and (event.location.name, event.location.country) == ("Tashkent", "UZB")


def test_the_taliban_before_august_2021_are_insurgents(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The Taliban attacked a police convoy in Kandahar.", date(2010, 6, 1))
    event = next(e for e in events if e.root in ("18", "19"))
    assert (event.source.country, event.source.sector) == ("AFG", "REB")


def test_a_capital_stands_for_its_government(code) -> None:  # type: ignore[no-untyped-def]
    event = _one(code("Islamabad accused Kabul of sheltering militants."), "11")
    assert (event.source.code, event.target.code) == ("PAKGOV", "AFGGOV")


def test_a_possessive_country_with_a_sector_noun(code) -> None:  # type: ignore[no-untyped-def]
    event = _one(code("Pakistan's army shelled Afghan border posts overnight."), "19")
    assert event.source.code == "PAKMIL"
    assert event.target.country == "AFG"


def test_a_person_introduced_with_a_role_keeps_it(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "Uzbek Foreign Minister Bakhtiyor Saidov arrived in Islamabad on Monday. "
        "On Tuesday, Saidov met Pakistani officials."
    )
    meeting = [e for e in events if e.cameo == "040" and e.source and e.source.country == "UZB"]
    assert meeting and meeting[0].target.country == "PAK"


def test_a_pronoun_takes_the_previous_subject(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "Islamabad accuses the Taliban of sheltering militants. "
        "It said its army had killed 54 fighters on April 27."
    )
    kill = _one(events, "19")
    assert kill.source.code == "PAKMIL"


def test_negated_recognition_is_not_coded(code) -> None:  # type: ignore[no-untyped-def]
    text = "Nobody has recognized the Taliban regime, yet."
    assert not [e for e in code(text) if e.root == "05"]
    negated = [e for e in code(text, all_modalities=True) if e.root == "05"]
    assert negated and negated[0].modality is Modality.NEGATED


def test_an_expected_act_is_coded_as_intent_with_modality_expected(code) -> None:  # type: ignore[no-untyped-def]
    text = "Russian and Taliban representatives are expected to sign a trade agreement at the forum in May."
    assert code(text) == []
    events = code(text, all_modalities=True)
    assert events and all(e.root == "03" and e.modality is Modality.EXPECTED for e in events)


def test_a_conditional_threat_is_hypothetical(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "Pakistan would strike militant hideouts in Afghanistan again if the attacks continued.",
        all_modalities=True,
    )
    strike = [e for e in events if e.root in ("18", "19", "13")]
    assert strike and all(e.modality is Modality.HYPOTHETICAL for e in strike)


def test_an_actor_stating_its_own_intent_is_an_asserted_03_event(code) -> None:  # type: ignore[no-untyped-def]
    event = _one(code("The US Secretary of State wants to help Israel."), "03")
    assert event.modality is Modality.ASSERTED
    assert (event.source.country, event.target.country) == ("USA", "ISR")


def test_a_stated_refusal_of_support_is_a_rejection(code) -> None:  # type: ignore[no-untyped-def]
    event = _one(code("Obama said he would not provide support to Israel."), "12")
    assert (event.source.country, event.target.country) == ("USA", "ISR")


def test_an_ongoing_state_is_not_a_new_event(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The United States still designates the Taliban as a terrorist organization.")
    assert events == []


@pytest.mark.parametrize(
    ("text", "precision", "window"),
    [
        (
            "Russia removed the Taliban from its list of banned organizations last week.",
            DatePrecision.WEEK,
            (date(2025, 4, 21), date(2025, 4, 27)),
        ),
        ("Pakistani forces killed 54 militants on April 27.", DatePrecision.DAY, (date(2025, 4, 27),) * 2),
        (
            "China accepted a Taliban ambassador in January 2024.",
            DatePrecision.MONTH,
            (date(2024, 1, 1), date(2024, 1, 31)),
        ),
        ("Pakistan deported 100,000 Afghan refugees.", DatePrecision.PUBLICATION, (PUBLISHED, PUBLISHED)),
    ],
)
def test_event_dates_resolve_against_the_publication_date(code, text, precision, window) -> None:  # type: ignore[no-untyped-def]
    event = code(text)[0]
    assert event.date.precision is precision
    assert event.date.window == window


def test_relative_dates_stay_unresolved_without_a_publication_date(code) -> None:  # type: ignore[no-untyped-def]
    event = code("Pakistan deported 5,000 Afghan refugees last week.", None)[0]
    assert event.date.date is None


def test_several_signatories_code_every_pair(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Uzbekistan, Afghanistan and Pakistan signed a railway agreement in Tashkent.")
    pairs = {(e.source.country, e.target.country) for e in events if e.root == "05"}
    assert {
        ("UZB", "AFG"),
        ("AFG", "UZB"),
        ("UZB", "PAK"),
        ("PAK", "UZB"),
        ("AFG", "PAK"),
        ("PAK", "AFG"),
    } <= pairs


def test_an_exchange_of_fire_is_coded_in_both_directions(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Pakistani troops exchanged fire with Afghan forces at the Torkham crossing.")
    pairs = {(e.source.country, e.target.country) for e in events if e.root == "19"}
    assert {("PAK", "AFG"), ("AFG", "PAK")} <= pairs


def test_the_same_event_told_twice_is_coded_once_with_both_sentences(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "Pakistan deported 5,000 Afghan refugees last week. The numbers are rising. "
        "Pakistan deported 5,000 Afghan refugees last week, officials confirmed."
    )
    deportations = [e for e in events if e.root == "17"]
    assert len(deportations) == 1
    assert len(deportations[0].evidence) == 2


def test_every_event_explains_the_rule_that_coded_it(code) -> None:  # type: ignore[no-untyped-def]
    event = code("Pakistan deported 5,000 Afghan refugees last week.")[0]
    assert event.rule.startswith("17.yaml:")


def test_conjoined_sides_of_a_clash_are_paired_both_ways(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Pakistani and Afghan forces exchanged fire at the Torkham crossing overnight.")
    assert {(e.source.code, e.target.code) for e in events if e.root == "19"} == {
        ("PAKMIL", "AFGMIL"),
        ("AFGMIL", "PAKMIL"),
    }


def test_a_relative_pronoun_subject_stands_for_its_noun(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The Taliban welcomed Uzbekistan, which sent humanitarian aid to Afghanistan last month.")
    aid = _one(events, "07")
    assert aid.source.country == "UZB"


def test_a_listed_set_of_nationalities_gives_one_party_each(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Uzbek, Afghan and Pakistani officials held talks in Termez on Tuesday.")
    pairs = {(e.source.country, e.target.country) for e in events if e.root == "04"}
    assert pairs == {(a, b) for a in ("UZB", "AFG", "PAK") for b in ("UZB", "AFG", "PAK") if a != b}


def test_an_investment_is_one_sided(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Emirati companies invested $1.2 billion in Afghan power plants on Tuesday.")
    assert {(e.source.country, e.target.country) for e in events if e.root == "06"} == {("ARE", "AFG")}
