"""Modality rules, on hand-built parses (independent of the statistical model) and on real sentences."""

from __future__ import annotations

from overtures.coding.modality import modality_of
from overtures.model import Modality
from tests.conftest import parse_by_hand


def test_plain_past_is_asserted() -> None:
    doc = parse_by_hand(
        [
            ("Russia", "Russia", "PROPN", 1, "nsubj"),
            ("recognized", "recognize", "VERB", 1, "ROOT"),
            ("Kabul", "Kabul", "PROPN", 1, "dobj"),
        ]
    )
    assert modality_of(doc[1]).modality is Modality.ASSERTED


def test_negative_subject_negates() -> None:
    doc = parse_by_hand(
        [
            ("Nobody", "nobody", "PRON", 2, "nsubj"),
            ("has", "have", "AUX", 2, "aux"),
            ("recognized", "recognize", "VERB", 2, "ROOT"),
            ("the", "the", "DET", 4, "det"),
            ("Taliban", "Taliban", "PROPN", 2, "dobj"),
        ]
    )
    assert modality_of(doc[2]).modality is Modality.NEGATED


def test_not_negates() -> None:
    doc = parse_by_hand(
        [
            ("Russia", "Russia", "PROPN", 3, "nsubj"),
            ("has", "have", "AUX", 3, "aux"),
            ("not", "not", "PART", 3, "neg"),
            ("reopened", "reopen", "VERB", 3, "ROOT"),
            ("it", "it", "PRON", 3, "dobj"),
        ]
    )
    assert modality_of(doc[3]).modality is Modality.NEGATED


def test_expected_to_sign_is_expected() -> None:
    doc = parse_by_hand(
        [
            ("They", "they", "PRON", 2, "nsubjpass"),
            ("are", "be", "AUX", 2, "auxpass"),
            ("expected", "expect", "VERB", 2, "ROOT"),
            ("to", "to", "PART", 4, "aux"),
            ("sign", "sign", "VERB", 2, "xcomp"),
            ("a", "a", "DET", 6, "det"),
            ("contract", "contract", "NOUN", 4, "dobj"),
        ]
    )
    assert modality_of(doc[4]).modality is Modality.EXPECTED


def test_would_if_is_hypothetical() -> None:
    doc = parse_by_hand(
        [
            ("It", "it", "PRON", 2, "nsubj"),
            ("would", "would", "AUX", 2, "aux"),
            ("strike", "strike", "VERB", 2, "ROOT"),
            ("again", "again", "ADV", 2, "advmod"),
            ("if", "if", "SCONJ", 5, "mark"),
            ("attacked", "attack", "VERB", 2, "advcl"),
        ]
    )
    assert modality_of(doc[2]).modality is Modality.HYPOTHETICAL
    assert modality_of(doc[5]).modality is Modality.HYPOTHETICAL


def test_denied_reports_negates_the_reported_act() -> None:
    doc = parse_by_hand(
        [
            ("Kabul", "Kabul", "PROPN", 1, "nsubj"),
            ("denied", "deny", "VERB", 1, "ROOT"),
            ("reports", "report", "NOUN", 1, "dobj"),
            ("that", "that", "SCONJ", 6, "mark"),
            ("it", "it", "PRON", 6, "nsubj"),
            ("had", "have", "AUX", 6, "aux"),
            ("agreed", "agree", "VERB", 2, "acl"),
        ]
    )
    assert modality_of(doc[6]).modality is Modality.NEGATED


def test_could_is_speculation() -> None:
    doc = parse_by_hand(
        [
            ("Clashes", "clash", "NOUN", 2, "nsubj"),
            ("could", "could", "AUX", 2, "aux"),
            ("escalate", "escalate", "VERB", 2, "ROOT"),
        ]
    )
    assert modality_of(doc[2]).modality is Modality.SPECULATION


def test_reported_future_is_an_asserted_intent() -> None:
    doc = parse_by_hand(
        [
            ("Israel", "Israel", "PROPN", 1, "nsubj"),
            ("announced", "announce", "VERB", 1, "ROOT"),
            ("it", "it", "PRON", 4, "nsubj"),
            ("would", "would", "AUX", 4, "aux"),
            ("free", "free", "VERB", 1, "ccomp"),
            ("prisoners", "prisoner", "NOUN", 4, "dobj"),
        ]
    )
    reading = modality_of(doc[4])
    assert reading.modality is Modality.ASSERTED
    assert reading.intent


def test_called_for_talks_is_expected(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The incoming German chancellor has called for direct talks with the Taliban leadership.")
    talks = next(t for t in doc if t.lower_ == "talks")
    assert modality_of(talks).modality is Modality.EXPECTED


def test_accused_of_sheltering_is_not_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Islamabad accuses the Taliban of sheltering militants.")
    sheltering = next(t for t in doc if t.lower_ == "sheltering")
    assert modality_of(sheltering).modality is Modality.SPECULATION
