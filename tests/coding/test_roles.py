"""Who plays source and target: conjoined parties, a passive's agent and who is urged to act, on
hand-built parses; and general rules for visits, received acts, places, documents and allegations, on
sentences the model parses."""

from __future__ import annotations

from overtures.model import Modality
from tests.coding.conftest import dyads
from tests.coding.test_predicates import ATTACKED_BY, PASSIVE_TAGS, URGED_TAGS, URGED_TO


def test_conjoined_subjects_each_act_on_the_object(code_parse) -> None:  # type: ignore[no-untyped-def]
    events = code_parse(
        [
            ("Pakistan", "Pakistan", "PROPN", 3, "nsubj"),
            ("and", "and", "CCONJ", 0, "cc"),
            ("Iran", "Iran", "PROPN", 0, "conj"),
            ("condemned", "condemn", "VERB", 3, "ROOT"),
            ("Israel", "Israel", "PROPN", 3, "dobj"),
            (".", ".", "PUNCT", 3, "punct"),
        ]
    )
    assert dyads(events, "111") == {("PAK", "ISR"), ("IRN", "ISR")}


def test_conjoined_objects_are_each_a_target(code_parse) -> None:  # type: ignore[no-untyped-def]
    events = code_parse(
        [
            ("Russia", "Russia", "PROPN", 1, "nsubj"),
            ("condemned", "condemn", "VERB", 1, "ROOT"),
            ("Israel", "Israel", "PROPN", 1, "dobj"),
            ("and", "and", "CCONJ", 2, "cc"),
            ("Iran", "Iran", "PROPN", 2, "conj"),
            (".", ".", "PUNCT", 1, "punct"),
        ]
    )
    assert dyads(events, "111") == {("RUS", "ISR"), ("RUS", "IRN")}


def test_a_passive_goes_from_its_by_agent_to_its_subject(code_parse) -> None:  # type: ignore[no-untyped-def]
    events = code_parse(ATTACKED_BY, tags=PASSIVE_TAGS)
    assert dyads(events, "19") == {("PAK", "AFG")}


def test_urging_someone_to_act_targets_them_and_asserts_no_act_of_theirs(code_parse) -> None:  # type: ignore[no-untyped-def]
    events = code_parse(URGED_TO, tags=URGED_TAGS)
    assert dyads(events, "02") == {("CHN", "PAK")}
    pakistan = [e for e in events if e.source and e.source.country == "PAK"]
    assert pakistan and all(e.modality is not Modality.ASSERTED for e in pakistan)


def test_a_visit_is_also_hosted_by_the_state_visited(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Indian Prime Minister Narendra Modi visited Japan on Monday.")
    assert ("IND", "JPN") in dyads(events, "042")
    assert ("JPN", "IND") in dyads(events, "043")


def test_a_received_act_is_done_by_the_giver_to_the_receiver(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Pakistan received assurances from China on Tuesday.")
    assert ("CHN", "PAK") in dyads(events, "03")


def test_conjoined_demonyms_each_give_a_source(code) -> None:  # type: ignore[no-untyped-def]
    events = code("French and German activists staged a protest in Moscow on Friday.")
    assert {("FRA", "RUS"), ("DEU", "RUS")} <= dyads(events, "14")


def test_a_warrant_is_aimed_at_the_person_it_is_issued_for(code) -> None:  # type: ignore[no-untyped-def]
    events = code("A court in Kenya issued an arrest warrant for a Somali businessman.")
    assert ("KEN", "SOM") in dyads(events, "173")


def test_forces_withdrawing_yield_to_the_place_they_leave(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Israeli troops withdrew from southern Lebanon on Sunday.")
    assert ("ISR", "LBN") in dyads(events, "087")


def test_a_place_given_relative_to_a_city_locates_the_attack(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Turkish jets bombed a militant camp north of Baghdad on Monday.")
    assert ("TUR", "IRQ") in dyads(events, "19")


def test_a_claim_of_responsibility_is_aimed_where_the_attack_happened(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The Islamic State claimed responsibility for a bombing at a market in Iraq's capital.")
    claims = [e for e in events if e.cameo == "015"]
    assert claims and claims[0].target is not None and claims[0].target.country == "IRQ"


def test_a_us_state_stands_for_the_united_states(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Russia is conducting military exercises in Alaska.")
    assert ("RUS", "USA") in dyads(events, "15")


def test_a_lowercase_name_after_a_title_is_still_the_person(code) -> None:  # type: ignore[no-untyped-def]
    events = code("President obama visited Kenya on Friday.")
    visit = next(e for e in events if e.cameo == "042")
    assert visit.source is not None and (visit.source.name, visit.source.country) == ("Barack Obama", "USA")


def test_condemning_an_attack_by_someone_targets_the_attacker(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Egypt condemned an attack by Israeli soldiers in Gaza on Thursday.")
    assert ("EGY", "ISR") in dyads(events, "11")
    assert ("EGY", "PSE") not in dyads(events, "11")


def test_wanting_someone_else_to_act_does_not_assert_the_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Obama wants Putin to attack Switzerland.")
    assert not dyads(events, "19")


def test_a_report_speaks_for_the_place_it_was_released_in(code) -> None:  # type: ignore[no-untyped-def]
    events = code("A report released in the Afghan capital accused Pakistan of sheltering militants.")
    assert ("AFG", "PAK") in dyads(events, "11")


def test_claiming_that_another_attacked_is_an_accusation(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Ukraine claimed that Russia had attacked Kharkiv.")
    assert ("UKR", "RUS") in dyads(events, "112")
    assert not dyads(events, "19")


def test_claiming_ones_own_attack_is_claiming_responsibility(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The United States claimed that it had attacked Iraq.")
    assert ("USA", "IRQ") in dyads(events, "015")
