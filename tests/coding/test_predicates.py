"""Who a predicate's source and target are, read from the dependency parse alone: a passive's ``by``
agent, the subject a conjoined verb shares, the object of "urged X to" or "called on X to" as the doer of
the infinitive, conjoined objects, and the possessor of an event noun. All on hand-built parses."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from overtures.coding.dictionary import Dictionary
from overtures.coding.predicates import PredicateMatch, direct_objects, find_predicates, verb_sources
from tests.conftest import parse_by_hand

ATTACKED_BY = [
    ("Afghanistan", "Afghanistan", "PROPN", 2, "nsubjpass"),
    ("was", "be", "AUX", 2, "auxpass"),
    ("attacked", "attack", "VERB", 2, "ROOT"),
    ("by", "by", "ADP", 2, "agent"),
    ("Pakistan", "Pakistan", "PROPN", 3, "pobj"),
    (".", ".", "PUNCT", 2, "punct"),
]
PASSIVE_TAGS = ["NNP", "VBD", "VBN", "IN", "NNP", "."]
URGED_TO = [
    ("China", "China", "PROPN", 1, "nsubj"),
    ("urged", "urge", "VERB", 1, "ROOT"),
    ("Pakistan", "Pakistan", "PROPN", 1, "dobj"),
    ("to", "to", "PART", 4, "aux"),
    ("release", "release", "VERB", 1, "xcomp"),
    ("the", "the", "DET", 6, "det"),
    ("prisoners", "prisoner", "NOUN", 4, "dobj"),
    (".", ".", "PUNCT", 1, "punct"),
]
URGED_TAGS = ["NNP", "VBD", "NNP", "TO", "VB", "DT", "NNS", "."]


def _texts(tokens: Iterable[Token]) -> list[str]:
    return [t.text for t in tokens]


def _match(doc: Doc, word: str, dictionary: Dictionary) -> PredicateMatch:
    """The dictionary match on ``word`` in the one sentence of ``doc``."""
    (sent,) = doc.sents
    return {m.token.text: m for m in find_predicates(sent, dictionary)}[word]


def test_the_by_agent_of_a_passive_is_its_source_and_its_subject_what_it_acts_on() -> None:
    doc = parse_by_hand(ATTACKED_BY, tags=PASSIVE_TAGS)
    assert _texts(verb_sources(doc[2])) == ["Pakistan"]
    assert _texts(direct_objects(doc[2])) == ["Afghanistan"]


def test_a_passive_without_by_has_no_source_in_its_subject() -> None:
    doc = parse_by_hand(ATTACKED_BY[:3] + [(".", ".", "PUNCT", 2, "punct")], tags=PASSIVE_TAGS[:3] + ["."])
    assert _texts(verb_sources(doc[2])) == []


def test_a_conjoined_verb_shares_the_subject_of_the_first() -> None:
    doc = parse_by_hand(
        [
            ("Russia", "Russia", "PROPN", 1, "nsubj"),
            ("recognized", "recognize", "VERB", 1, "ROOT"),
            ("the", "the", "DET", 3, "det"),
            ("Taliban", "Taliban", "PROPN", 1, "dobj"),
            ("and", "and", "CCONJ", 1, "cc"),
            ("expelled", "expel", "VERB", 1, "conj"),
            ("Ukrainian", "ukrainian", "ADJ", 7, "amod"),
            ("diplomats", "diplomat", "NOUN", 5, "dobj"),
            (".", ".", "PUNCT", 1, "punct"),
        ]
    )
    assert _texts(verb_sources(doc[5])) == ["Russia"]


def test_who_is_urged_to_act_is_the_doer_of_the_act() -> None:
    doc = parse_by_hand(URGED_TO, tags=URGED_TAGS)
    assert _texts(verb_sources(doc[4])) == ["Pakistan"]
    assert _texts(verb_sources(doc[1])) == ["China"]


def test_who_is_called_on_to_act_is_the_doer_of_the_act() -> None:
    doc = parse_by_hand(
        [
            ("Washington", "Washington", "PROPN", 1, "nsubj"),
            ("called", "call", "VERB", 1, "ROOT"),
            ("on", "on", "ADP", 1, "prep"),
            ("Iran", "Iran", "PROPN", 2, "pobj"),
            ("to", "to", "PART", 5, "aux"),
            ("release", "release", "VERB", 1, "xcomp"),
            ("the", "the", "DET", 7, "det"),
            ("sailors", "sailor", "NOUN", 5, "dobj"),
        ]
    )
    assert _texts(verb_sources(doc[5])) == ["Iran"]


def test_an_infinitive_after_a_raised_passive_takes_its_subject() -> None:
    doc = parse_by_hand(
        [
            ("Kabul", "Kabul", "PROPN", 2, "nsubjpass"),
            ("is", "be", "AUX", 2, "auxpass"),
            ("expected", "expect", "VERB", 2, "ROOT"),
            ("to", "to", "PART", 4, "aux"),
            ("sign", "sign", "VERB", 2, "xcomp"),
            ("the", "the", "DET", 6, "det"),
            ("accord", "accord", "NOUN", 4, "dobj"),
        ]
    )
    assert _texts(verb_sources(doc[4])) == ["Kabul"]


def test_conjoined_objects_are_each_an_object() -> None:
    doc = parse_by_hand(
        [
            ("Russia", "Russia", "PROPN", 1, "nsubj"),
            ("condemned", "condemn", "VERB", 1, "ROOT"),
            ("Israel", "Israel", "PROPN", 1, "dobj"),
            ("and", "and", "CCONJ", 2, "cc"),
            ("Iran", "Iran", "PROPN", 2, "conj"),
        ]
    )
    assert _texts(direct_objects(doc[1])) == ["Israel", "Iran"]


def test_urging_is_aimed_at_who_is_urged_before_the_act_urged(coder) -> None:  # type: ignore[no-untyped-def]
    match = _match(parse_by_hand(URGED_TO, tags=URGED_TAGS), "urged", coder.dictionary)
    assert _texts(match.sources) == ["China"]
    assert [_texts(group) for group in match.targets] == [["Pakistan"], ["release"]]


def test_talks_held_with_someone_are_the_holders_talks_with_them(coder) -> None:  # type: ignore[no-untyped-def]
    doc = parse_by_hand(
        [
            ("India", "India", "PROPN", 1, "nsubj"),
            ("held", "hold", "VERB", 1, "ROOT"),
            ("talks", "talk", "NOUN", 1, "dobj"),
            ("with", "with", "ADP", 2, "prep"),
            ("Afghanistan", "Afghanistan", "PROPN", 3, "pobj"),
        ]
    )
    match = _match(doc, "held", coder.dictionary)
    assert match.pattern.code == "046"
    assert _texts(match.sources) == ["India"]
    assert _texts(match.targets[0])[0] == "Afghanistan"


def test_the_possessor_of_an_event_noun_is_its_source(coder) -> None:  # type: ignore[no-untyped-def]
    doc = parse_by_hand(
        [
            ("Russia", "Russia", "PROPN", 2, "poss"),
            ("'s", "'s", "PART", 0, "case"),
            ("recognition", "recognition", "NOUN", 2, "ROOT"),
            ("of", "of", "ADP", 2, "prep"),
            ("Afghanistan", "Afghanistan", "PROPN", 3, "pobj"),
        ]
    )
    match = _match(doc, "recognition", coder.dictionary)
    assert _texts(match.sources) == ["Russia"]
    assert [_texts(group) for group in match.targets] == [["Afghanistan"]]
