"""State changes told in many ways, in short articles written for these tests: the ledger reads each
class of wording, dates it by the sentence or the story, and keeps the most precise of several reports."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from overtures import api
from overtures.model import Article
from overtures.relations import LedgerRow, build_ledger, facts_from_event, state_as_of

LIST = "terrorist_designation"
ARTICLES = [
    Article(
        id="tjk-credentials",
        published=date(2025, 2, 6),
        text=(
            "Tajikistan accepts Taliban envoy\n\n"
            "DUSHANBE, Feb 6 (Pamir Post) - The Taliban's new ambassador presented his credentials to "
            "Tajik President Emomali Rahmon on Tuesday, ending years of frosty ties.\n\n"
            "Tajikistan has kept its embassy in Kabul open since 2021.\n\n"
            "Not a single government has recognized the Taliban administration."
        ),
    ),
    Article(
        id="tjk-review",
        published=date(2025, 3, 20),
        text=(
            "Central Asia warms to Kabul\n\n"
            "Tajikistan accepted a Taliban ambassador in February, officials in Dushanbe said. "
            "Relations between the neighbours have been tense for decades."
        ),
    ),
    Article(
        id="uzb-mission",
        published=date(2024, 10, 10),
        text=(
            "Uzbekistan raises its Kabul mission to an embassy\n\n"
            "Uzbekistan raised its diplomatic mission in Kabul to an embassy on Wednesday. "
            "Uzbek officials also named a new ambassador to Afghanistan."
        ),
    ),
    Article(
        id="usa-houthis",
        published=date(2021, 2, 16),
        text=(
            "Washington drops Houthi terror label\n\n"
            "The United States revoked the designation of the Houthis as a foreign terrorist organisation "
            "on Friday, citing the humanitarian crisis in Yemen."
        ),
    ),
]


@pytest.fixture(scope="module")
def rows(services: Any) -> list[LedgerRow]:
    events = list(api.extract(ARTICLES, services=services, all_modalities=True))
    return build_ledger(events)


def _state(rows: list[LedgerRow], actor: str, target: str, relation: str, on: date) -> str | None:
    found = [r for r in state_as_of(rows, on) if (r.actor, r.target, r.relation) == (actor, target, relation)]
    return found[0].value if found else None


def test_credentials_presented_to_a_host_are_its_acceptance_of_the_ambassador(rows: list[LedgerRow]) -> None:
    assert _state(rows, "TJK", "AFG", "ambassador", date(2025, 2, 4)) == "accepted"


def test_the_precise_day_wins_over_a_later_report_of_the_month(rows: list[LedgerRow]) -> None:
    assert _state(rows, "TJK", "AFG", "ambassador", date(2025, 2, 3)) is None
    row = next(r for r in rows if (r.actor, r.relation) == ("TJK", "ambassador"))
    assert row.valid_from == date(2025, 2, 4)
    assert {e.article_id for e in row.evidence} == {"tjk-credentials", "tjk-review"}


def test_a_state_kept_since_a_year_holds_from_that_year(rows: list[LedgerRow]) -> None:
    assert _state(rows, "TJK", "AFG", "embassy", date(2023, 6, 1)) == "open"


def test_not_a_single_government_denies_recognition_for_every_actor(rows: list[LedgerRow]) -> None:
    assert _state(rows, "TJK", "AFG", "recognition", date(2025, 2, 6)) == "none"


def test_a_mission_raised_to_an_embassy_is_an_upgraded_embassy(rows: list[LedgerRow]) -> None:
    assert _state(rows, "UZB", "AFG", "embassy", date(2024, 10, 9)) == "upgraded"
    assert _state(rows, "UZB", "AFG", "embassy", date(2024, 10, 8)) is None


def test_an_undated_sentence_takes_the_story_date_of_the_lead(rows: list[LedgerRow]) -> None:
    row = next(r for r in rows if (r.actor, r.relation) == ("UZB", "ambassador"))
    assert (row.value, row.valid_from) == ("appointed", date(2024, 10, 9))


def test_a_revoked_designation_is_a_delisting_of_another_group(rows: list[LedgerRow]) -> None:
    assert _state(rows, "USA", "YEM", "terrorist_designation", date(2021, 2, 12)) == "delisted"
    assert _state(rows, "USA", "YEM", "terrorist_designation", date(2021, 2, 11)) is None


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("A court in Bishkek ruled to suspend the ban on the Taliban.", ("KGZ", "AFG", LIST, "delisted")),
        (
            "Belarus struck the Taliban off its list of banned organisations.",
            ("BLR", "AFG", LIST, "delisted"),
        ),
        ("Britain deproscribed the Taliban.", ("GBR", "AFG", LIST, "delisted")),
        (
            "Washington revoked the designation of the Houthis as a terrorist group.",
            ("USA", "YEM", LIST, "delisted"),
        ),
        ("Canada added the Houthis to its list of terrorist entities.", ("CAN", "YEM", LIST, "listed")),
        ("Azerbaijan upgraded its mission in Kabul to an embassy.", ("AZE", "AFG", "embassy", "upgraded")),
        (
            "Belarus handed over the Afghan embassy in Minsk to the Taliban.",
            ("BLR", "AFG", "ambassador", "accepted"),
        ),
        (
            "Iran allowed Taliban diplomats to take over the Afghan embassy in Tehran.",
            ("IRN", "AFG", "ambassador", "accepted"),
        ),
        (
            "The Taliban envoy presented his credentials to the president of Turkmenistan.",
            ("TKM", "AFG", "ambassador", "accepted"),
        ),
        (
            "Qatar received the credentials of the Taliban ambassador.",
            ("QAT", "AFG", "ambassador", "accepted"),
        ),
        ("Kyrgyzstan accredited a Taliban-appointed envoy.", ("KGZ", "AFG", "ambassador", "accepted")),
        (
            "Iran and Afghanistan upgraded ties to ambassadorial level.",
            ("IRN", "AFG", "ambassador", "exchanged"),
        ),
        (
            "Belarus granted formal recognition to the Taliban government.",
            ("BLR", "AFG", "recognition", "formal"),
        ),
        ("No country has so far recognized the Taliban government.", ("*", "AFG", "recognition", "none")),
        (
            "The Taliban administration has not been recognized by any state.",
            ("*", "AFG", "recognition", "none"),
        ),
        (
            "None of Afghanistan's neighbours has recognized the Taliban.",
            ("*", "AFG", "recognition", "none"),
        ),
    ],
)
def test_each_wording_of_a_state_change_is_read(sentence: str, fact: tuple[str, ...], services: Any) -> None:
    article = Article(id="one", text=sentence, published=date(2025, 6, 2))
    events = api.extract([article], services=services, all_modalities=True)
    found = {(f.actor, f.target, f.relation, f.value) for e in events for f in facts_from_event(e)}
    assert fact in found
