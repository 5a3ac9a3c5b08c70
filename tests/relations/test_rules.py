"""State rules: which events set a state, and that denied, conditional or expected ones never do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from overtures.errors import DataFileError
from overtures.model import Actor, Event, EventDate, Evidence, Modality, QuadClass
from overtures.relations import build_ledger, facts_from_event, state_as_of
from overtures.relations.rules import EVERY_ACTOR, parse_rules
from overtures.relations.windows import RECENT
from tests.store.objects import make_event

RUSSIA = Actor(name="Russia", text="Russia", country="RUS", sector=None, code="RUS")
TALIBAN = Actor(name="Taliban", text="the Taliban", country="AFG", sector="GOV", code="AFGGOV")
DELIST = "Russia removed the Taliban from its list of terrorist organisations."


def _event(
    sentence: str, cameo: str, trigger: str, *, on: date = date(2025, 4, 17), **fields: object
) -> Event:
    evidence = Evidence(article_id="a1", sentence=sentence, start=0, end=len(sentence), trigger=trigger)
    base = make_event(
        event_id=f"e-{cameo}-{on}-{trigger}",
        source=RUSSIA,
        target=TALIBAN,
        cameo=cameo,
        root=cameo[:2],
        quad_class=QuadClass.MATERIAL_COOPERATION,
        evidence=(evidence,),
        date=EventDate(date=on, precision="day", window=(on, on)),  # type: ignore[arg-type]
        rule="08.yaml:20 'remove @from=list'",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_an_asserted_delisting_is_a_designation_fact() -> None:
    (fact,) = facts_from_event(_event(DELIST, "081", "removed"))
    assert (fact.actor, fact.target, fact.relation, fact.value) == (
        "RUS",
        "AFG",
        "terrorist_designation",
        "delisted",
    )
    assert fact.on == date(2025, 4, 17) and fact.evidence[0].sentence == DELIST


@pytest.mark.parametrize(
    "modality", [Modality.NEGATED, Modality.HYPOTHETICAL, Modality.EXPECTED, Modality.SPECULATION]
)
def test_denied_conditional_expected_or_speculated_events_change_no_state(modality: Modality) -> None:
    delisting = _event(DELIST, "081", "removed", modality=modality)
    recognition = _event("Russia recognized the Taliban government.", "054", "recognized", modality=modality)
    meeting = _event("Lavrov met Muttaqi in Moscow.", "040", "met", modality=modality)
    assert facts_from_event(delisting) == [] and facts_from_event(recognition) == []
    assert [r for r in build_ledger([delisting, recognition, meeting]) if r.actor == "RUS"] == []


def test_a_universal_denial_of_recognition_holds_for_every_actor() -> None:
    nobody = _event(
        "Nobody has recognized the Taliban regime.",
        "054",
        "recognized",
        source=None,
        modality=Modality.NEGATED,
        rule="05.yaml:40 'recognize' [Nobody]",
    )
    (fact,) = facts_from_event(nobody)
    assert (fact.actor, fact.value) == (EVERY_ACTOR, "none")
    one_actor = replace(nobody, source=RUSSIA, rule="05.yaml:40 'recognize' [not]")
    assert facts_from_event(one_actor) == []


def test_a_later_fact_supersedes_the_state_before_it_at_its_date() -> None:
    nobody = _event(
        "Nobody has recognized the Taliban regime.",
        "054",
        "recognized",
        on=date(2024, 8, 28),
        source=None,
        modality=Modality.NEGATED,
        rule="05.yaml:40 'recognize' [Nobody]",
    )
    formal = _event(
        "Russia formally recognized the Taliban government.", "054", "recognized", on=date(2025, 7, 3)
    )
    rows = [r for r in build_ledger([nobody, formal]) if r.relation == "recognition"]
    assert [(r.actor, r.value, r.valid_from, r.valid_to) for r in rows] == [
        ("RUS", "none", date(2024, 8, 28), date(2025, 7, 3)),
        ("RUS", "formal", date(2025, 7, 3), None),
    ]
    assert [r.value for r in state_as_of(rows, date(2025, 7, 2))] == ["none"]
    assert [r.value for r in state_as_of(rows, date(2025, 7, 3))] == ["formal"]


def test_engagement_lapses_a_window_after_the_last_contact() -> None:
    minister = replace(RUSSIA, text="Russian Foreign Minister Sergey Lavrov", sector="GOV", code="RUSGOV")
    met = _event("Lavrov met Muttaqi in Moscow.", "040", "met", on=date(2024, 10, 4), source=minister)
    rows = [r for r in build_ledger([met]) if (r.actor, r.relation) == ("RUS", "engagement")]
    assert [(r.value, r.valid_from, r.valid_to) for r in rows] == [
        ("ministerial", date(2024, 10, 4), date(2024, 10, 4) + RECENT),
        ("none", date(2024, 10, 4) + RECENT, None),
    ]
    assert state_as_of(rows, date(2024, 10, 3)) == []
    assert [r.value for r in state_as_of(rows, date(2024, 10, 4) + RECENT - timedelta(days=1))] == [
        "ministerial"
    ]


def test_sanctions_rules_read_the_verb_lifted_or_imposed() -> None:
    lifted = _event(
        "Washington lifted the bounties on three members of the Haqqani network.", "085", "lifted"
    )
    imposed = _event("Washington imposed sanctions on two Taliban ministers.", "163", "imposed")
    assert [f.value for f in facts_from_event(lifted)] == ["lifted"]
    assert [f.value for f in facts_from_event(imposed)] == ["imposed"]


def test_own_country_events_set_no_state() -> None:
    own = _event(DELIST, "081", "removed", target=RUSSIA)
    assert facts_from_event(own) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: x\n  relation: friendship\n  value: warm\n  codes: ['04']\n", "unknown relation"),
        ("- id: x\n  relation: recognition\n  value: formal\n", "needs id, relation, value and codes"),
        (
            "- id: x\n  relation: recognition\n  value: formal\n  codes: ['054']\n  modalities: [maybe]\n",
            "maybe",
        ),
        ("id: x\n", "expected a list"),
    ],
)
def test_bad_rules_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_rules(text, name="mine.yaml")
