"""Stated intents, demands and attempts: the purpose of an intended act is intended too, a statement
that someone must act is a demand, an attempt at coercion or violence is the act, and a measure or a
general head noun passes its content to the dictionary's object lists. Rules are checked on hand-built
parses; end-to-end checks use sentences written for these tests."""

from __future__ import annotations

from overtures.coding.modality import modality_of
from overtures.coding.predicates import content_noun, direct_objects
from overtures.model import Modality
from tests.coding.conftest import dyads
from tests.conftest import parse_by_hand


def _willing_to_send_to_help() -> list[tuple[str, str, str, int, str]]:
    return [
        ("Chile", "Chile", "PROPN", 1, "nsubj"),
        ("is", "be", "AUX", 1, "ROOT"),
        ("willing", "willing", "ADJ", 1, "acomp"),
        ("to", "to", "PART", 4, "aux"),
        ("send", "send", "VERB", 2, "xcomp"),
        ("doctors", "doctor", "NOUN", 4, "dobj"),
        ("to", "to", "PART", 7, "aux"),
        ("help", "help", "VERB", 4, "advcl"),
        ("Peru", "Peru", "PROPN", 7, "dobj"),
    ]


def test_the_purpose_of_an_intended_act_is_part_of_the_intent() -> None:
    doc = parse_by_hand(_willing_to_send_to_help())
    reading = modality_of(doc[7])
    assert reading.modality is Modality.ASSERTED and reading.intent


def test_the_purpose_of_a_plain_act_is_only_expected() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 1, "nsubj"),
            ("sent", "send", "VERB", 1, "ROOT"),
            ("doctors", "doctor", "NOUN", 1, "dobj"),
            ("to", "to", "PART", 4, "aux"),
            ("help", "help", "VERB", 1, "advcl"),
            ("Peru", "Peru", "PROPN", 4, "dobj"),
        ]
    )
    reading = modality_of(doc[4])
    assert reading.modality is Modality.EXPECTED and not reading.intent


def test_prepared_to_states_an_intent() -> None:
    doc = parse_by_hand(
        [
            ("Oslo", "Oslo", "PROPN", 1, "nsubj"),
            ("is", "be", "AUX", 1, "ROOT"),
            ("prepared", "prepared", "ADJ", 1, "acomp"),
            ("to", "to", "PART", 4, "aux"),
            ("lift", "lift", "VERB", 2, "xcomp"),
            ("curbs", "curb", "NOUN", 4, "dobj"),
        ]
    )
    reading = modality_of(doc[4])
    assert reading.modality is Modality.ASSERTED and reading.intent


def test_a_measure_or_part_stands_for_what_it_measures() -> None:
    doc = parse_by_hand(
        [
            ("sent", "send", "VERB", 0, "ROOT"),
            ("part", "part", "NOUN", 0, "dobj"),
            ("of", "of", "ADP", 1, "prep"),
            ("40", "40", "NUM", 4, "nummod"),
            ("tons", "ton", "NOUN", 2, "pobj"),
            ("of", "of", "ADP", 4, "prep"),
            ("rice", "rice", "NOUN", 5, "pobj"),
        ]
    )
    assert [t.text for t in direct_objects(doc[0])] == ["part"]
    assert content_noun(doc[1]).text == "rice"


def test_a_noun_that_is_no_measure_is_its_own_content() -> None:
    doc = parse_by_hand(
        [
            ("sent", "send", "VERB", 0, "ROOT"),
            ("envoys", "envoy", "NOUN", 0, "dobj"),
            ("of", "of", "ADP", 1, "prep"),
            ("peace", "peace", "NOUN", 2, "pobj"),
        ]
    )
    assert content_noun(doc[1]).text == "envoys"


def test_a_statement_that_someone_must_act_is_a_demand(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Brazil declared on Monday that Argentina must reopen its consulates in Rosario.")
    assert ("BRA", "ARG") in dyads(events, "10")


def test_a_statement_with_no_obligation_stays_a_statement(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Brazil declared on Monday that Argentina reopened its consulates in Rosario.")
    assert ("BRA", "ARG") not in dyads(events, "10")


def test_an_attempt_at_coercion_is_the_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Belarus tried to hack the computers of Lithuanian ministries, officials said.")
    hacks = [e for e in events if e.cameo == "176"]
    assert hacks and all(e.modality is Modality.ASSERTED for e in hacks)


def test_an_attempt_at_cooperation_stays_expected(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Norway tried to mediate between Sudan and Chad.", all_modalities=True)
    assert events and not dyads(events, "04")


def test_a_general_head_noun_passes_its_compound_to_the_object_list(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Kenya suspended its aid programme for Somalia on Tuesday.")
    assert ("KEN", "SOM") in dyads(events, "16")


def test_a_measured_object_is_read_by_what_it_measures(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Kazakhstan delivered 30,000 tonnes of medicine to Afghanistan on Monday.")
    assert ("KAZ", "AFG") in dyads(events, "07")
