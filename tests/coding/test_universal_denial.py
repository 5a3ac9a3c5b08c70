"""Universal denials ("no country has ...") are negated and their cue is marked "(universal)", so that
the relations ledger reads them for every actor; a denial by one actor, or "not all", is not one."""

from __future__ import annotations

from overtures.coding.modality import UNIVERSAL, modality_of
from overtures.model import Modality
from tests.conftest import parse_by_hand


def _recognized(subject: list[tuple[str, str, str, int, str]]) -> tuple[Modality, str]:
    """The reading of "<subject> has recognized the junta" for a subject of n words (heads inside it)."""
    n = len(subject)
    rows = subject + [
        ("has", "have", "AUX", n + 1, "aux"),
        ("recognized", "recognize", "VERB", n + 1, "ROOT"),
        ("the", "the", "DET", n + 3, "det"),
        ("junta", "junta", "NOUN", n + 1, "dobj"),
    ]
    reading = modality_of(parse_by_hand(rows)[n + 1])
    return reading.modality, reading.cue


def test_no_state_as_subject_is_a_universal_denial() -> None:
    modality, cue = _recognized([("No", "no", "DET", 1, "det"), ("state", "state", "NOUN", 3, "nsubj")])
    assert modality is Modality.NEGATED
    assert cue == f"No state {UNIVERSAL}"


def test_not_a_single_government_is_a_universal_denial() -> None:
    subject = [
        ("Not", "not", "PART", 3, "neg"),
        ("a", "a", "DET", 3, "det"),
        ("single", "single", "ADJ", 3, "amod"),
        ("government", "government", "NOUN", 5, "nsubj"),
    ]
    modality, cue = _recognized(subject)
    assert modality is Modality.NEGATED and cue.endswith(UNIVERSAL)


def test_none_of_the_states_is_a_universal_denial() -> None:
    subject = [
        ("None", "none", "NOUN", 5, "nsubj"),
        ("of", "of", "ADP", 0, "prep"),
        ("the", "the", "DET", 3, "det"),
        ("states", "state", "NOUN", 1, "pobj"),
    ]
    modality, cue = _recognized(subject)
    assert modality is Modality.NEGATED and cue == f"None {UNIVERSAL}"


def test_not_all_states_is_no_denial() -> None:
    subject = [
        ("Not", "not", "PART", 2, "neg"),
        ("all", "all", "DET", 2, "det"),
        ("states", "state", "NOUN", 4, "nsubj"),
    ]
    modality, _ = _recognized(subject)
    assert modality is not Modality.NEGATED


def test_a_passive_denied_by_any_state_is_universal() -> None:
    doc = parse_by_hand(
        [
            ("The", "the", "DET", 1, "det"),
            ("junta", "junta", "NOUN", 5, "nsubjpass"),
            ("has", "have", "AUX", 5, "aux"),
            ("not", "not", "PART", 5, "neg"),
            ("been", "be", "AUX", 5, "auxpass"),
            ("recognized", "recognize", "VERB", 5, "ROOT"),
            ("by", "by", "ADP", 5, "agent"),
            ("any", "any", "DET", 8, "det"),
            ("state", "state", "NOUN", 6, "pobj"),
        ]
    )
    reading = modality_of(doc[5])
    assert reading.modality is Modality.NEGATED and reading.cue == f"not by any state {UNIVERSAL}"


def test_one_actors_denial_is_not_universal() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 3, "nsubj"),
            ("has", "have", "AUX", 3, "aux"),
            ("not", "not", "PART", 3, "neg"),
            ("recognized", "recognize", "VERB", 3, "ROOT"),
            ("it", "it", "PRON", 3, "dobj"),
        ]
    )
    assert modality_of(doc[3]).cue == "not"


def test_has_yet_to_is_a_denial_and_universal_with_any_agent() -> None:
    doc = parse_by_hand(
        [
            ("The", "the", "DET", 1, "det"),
            ("junta", "junta", "NOUN", 2, "nsubj"),
            ("has", "have", "VERB", 2, "ROOT"),
            ("yet", "yet", "ADV", 2, "advmod"),
            ("to", "to", "PART", 6, "aux"),
            ("be", "be", "AUX", 6, "auxpass"),
            ("recognized", "recognize", "VERB", 2, "xcomp"),
            ("by", "by", "ADP", 6, "agent"),
            ("any", "any", "DET", 9, "det"),
            ("state", "state", "NOUN", 7, "pobj"),
        ]
    )
    reading = modality_of(doc[6])
    assert reading.modality is Modality.NEGATED and reading.cue == f"has by any state {UNIVERSAL}"
