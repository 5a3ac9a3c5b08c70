"""Doers told outside the subject: in a ``by`` phrase on an act, in the modifiers of an act named as a
circumstance, in a participle told in the same breath, and parties hung on an ``of`` complement. Rules
are checked on hand-built parses; a few end-to-end checks run the real model."""

from __future__ import annotations

from overtures.coding.clauses import (
    between,
    by_objects,
    doer_of_gerund,
    fired_from,
    named_modifiers,
    shared_circumstance,
)
from overtures.coding.predicates import verb_sources
from tests.coding.conftest import VIOLENCE, dyads
from tests.conftest import parse_by_hand


def test_the_by_phrase_of_a_gerund_names_its_doer() -> None:
    doc = parse_by_hand(
        [
            ("shelling", "shell", "VERB", 0, "ROOT"),
            ("by", "by", "ADP", 0, "prep"),
            ("Armenian", "armenian", "ADJ", 3, "amod"),
            ("troops", "troop", "NOUN", 1, "pobj"),
        ],
        tags=["VBG", "IN", "JJ", "NNS"],
    )
    assert [t.text for t in by_objects(doc[0])] == ["troops"]
    assert [t.text for t in verb_sources(doc[0])] == ["troops"]


def test_an_agent_that_is_a_gerund_stands_for_its_named_modifier() -> None:
    doc = parse_by_hand(
        [
            ("Two", "two", "NUM", 1, "nummod"),
            ("injured", "injure", "VERB", 1, "ROOT"),
            ("by", "by", "ADP", 1, "agent"),
            ("Syrian", "syrian", "ADJ", 4, "amod"),
            ("shelling", "shell", "VERB", 2, "pcomp"),
        ],
        tags=["CD", "VBN", "IN", "JJ", "VBG"],
        ents=["O", "O", "O", "B-NORP", "O"],
    )
    assert doer_of_gerund(doc[4]).text == "Syrian"
    assert [t.text for t in verb_sources(doc[1])] == ["Syrian"]


def test_a_named_modifier_is_found_through_compounds() -> None:
    doc = parse_by_hand(
        [
            ("Georgian", "georgian", "ADJ", 1, "amod"),
            ("border", "border", "NOUN", 2, "compound"),
            ("firing", "firing", "NOUN", 2, "ROOT"),
        ],
        ents=["B-NORP", "O", "O"],
    )
    assert [t.text for t in named_modifiers(doc[2])] == ["Georgian"]


def test_a_participle_shares_the_circumstance_of_the_one_told_beside_it() -> None:
    doc = parse_by_hand(
        [
            ("One", "one", "NUM", 0, "ROOT"),
            ("killed", "kill", "VERB", 0, "acl"),
            (",", ",", "PUNCT", 0, "punct"),
            ("three", "three", "NUM", 0, "appos"),
            ("wounded", "wound", "VERB", 3, "acl"),
            ("in", "in", "ADP", 4, "prep"),
            ("Eritrean", "eritrean", "ADJ", 7, "amod"),
            ("shelling", "shelling", "NOUN", 5, "pobj"),
        ],
        tags=["CD", "VBN", ",", "CD", "VBN", "IN", "JJ", "NN"],
        ents=["O", "O", "O", "O", "O", "O", "B-NORP", "O"],
    )
    assert [t.text for t in shared_circumstance(doc[1])] == ["Eritrean"]
    assert [t.text for t in verb_sources(doc[1])] == ["Eritrean"]


def test_between_may_hang_on_the_of_complement_of_the_event_noun() -> None:
    doc = parse_by_hand(
        [
            ("exchange", "exchange", "NOUN", 0, "ROOT"),
            ("of", "of", "ADP", 0, "prep"),
            ("fire", "fire", "NOUN", 1, "pobj"),
            ("between", "between", "ADP", 2, "prep"),
            ("Sudan", "Sudan", "PROPN", 3, "pobj"),
            (",", ",", "PUNCT", 4, "punct"),
            ("Chad", "Chad", "PROPN", 4, "conj"),
        ]
    )
    assert [t.text for t in between(doc[0])] == ["Sudan", "Chad"]


def test_the_act_that_killed_someone_is_not_done_by_who_died() -> None:
    doc = parse_by_hand(
        [
            ("Farmer", "farmer", "NOUN", 1, "nsubj"),
            ("dies", "die", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("Turkish", "turkish", "ADJ", 2, "pobj"),
            ("shelling", "shell", "VERB", 1, "advcl"),
        ],
        tags=["NN", "VBZ", "IN", "JJ", "VBG"],
        ents=["O", "O", "O", "B-NORP", "O"],
    )
    assert [t.text for t in verb_sources(doc[4])] == ["Turkish"]


def test_a_headline_reporter_after_a_dash_is_read_apart_and_is_the_side_harmed(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two Villagers Killed in Fresh Eritrean Shelling - Ethiopia.")
    assert ("ERI", "ETH") in dyads(events, *VIOLENCE)


def test_shelling_by_named_troops_gives_the_killing_its_doer(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two farmers killed in shelling by Cambodian troops near the border")
    assert "KHM" in {source for source, _ in dyads(events, *VIOLENCE)}


def test_fire_told_with_where_it_came_from_names_who_fired() -> None:
    doc = parse_by_hand(
        [
            ("firing", "firing", "NOUN", 3, "nsubj"),
            ("from", "from", "ADP", 0, "prep"),
            ("Armenia", "Armenia", "PROPN", 1, "pobj"),
            ("killed", "kill", "VERB", 3, "ROOT"),
            ("two", "two", "NUM", 3, "dobj"),
        ],
        tags=["NN", "IN", "NNP", "VBD", "CD"],
    )
    assert [t.text for t in fired_from(doc[0])] == ["Armenia"]
    assert [t.text for t in verb_sources(doc[3])] == ["Armenia"]


def test_fire_from_a_named_side_s_positions_names_that_side() -> None:
    doc = parse_by_hand(
        [
            ("fire", "fire", "NOUN", 0, "ROOT"),
            ("from", "from", "ADP", 0, "prep"),
            ("Georgian", "Georgian", "ADJ", 3, "amod"),
            ("positions", "position", "NOUN", 1, "pobj"),
        ],
        ents=["O", "O", "B-NORP", "O"],
    )
    assert [t.text for t in fired_from(doc[0])] == ["Georgian"]


def test_a_journey_from_a_country_names_no_doer() -> None:
    doc = parse_by_hand(
        [
            ("convoy", "convoy", "NOUN", 0, "ROOT"),
            ("from", "from", "ADP", 0, "prep"),
            ("Armenia", "Armenia", "PROPN", 1, "pobj"),
        ]
    )
    assert fired_from(doc[0]) == []


def test_forces_a_state_reports_without_a_country_are_its_own(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Georgian police say security forces killed four gunmen.")
    assert ("GEO", None) in dyads(events, *VIOLENCE)
