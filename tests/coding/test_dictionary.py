"""The phrase dictionary: the pattern grammar, the loader's validation, and the built-in data."""

from __future__ import annotations

import contextlib
import itertools
from collections import defaultdict
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overtures.coding.codebook import cameo
from overtures.coding.dictionary import (
    Dictionary,
    Pattern,
    PrepSlot,
    load_dictionary,
    parse_dictionary_text,
    parse_pattern,
)
from overtures.errors import DataFileError

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def verb(text: str, code: str = "040") -> Pattern:
    return parse_pattern(text, code=code, pos="verb", origin="test.yaml:1")


def error_of(text: str, *, name: str = "bad.yaml", root: str | None = None) -> str:
    with pytest.raises(DataFileError) as caught:
        parse_dictionary_text(text, name=name, root=root)
    return str(caught.value)


# --- the pattern grammar ---------------------------------------------------------------------


def test_first_word_is_the_predicate_lemma() -> None:
    pattern = verb("visit")
    assert (pattern.lemma, pattern.pos, pattern.specificity) == ("visit", "verb", 0)


def test_plus_adds_a_required_particle() -> None:
    assert verb("crack +down @on").particles == frozenset({"down"})


def test_equals_lists_direct_object_lemmas() -> None:
    assert verb("impose =sanction|embargo|tariff").objects == frozenset({"sanction", "embargo", "tariff"})


def test_at_names_an_optional_target_preposition() -> None:
    slot = verb("talk @with|to").preps[0]
    assert slot == PrepSlot(preps=frozenset({"with", "to"}), objects=frozenset())
    assert not slot.required


def test_at_with_equals_is_a_required_preposition() -> None:
    slot = verb("remove @from=list|registry").preps[0]
    assert slot.preps == frozenset({"from"}) and slot.objects == frozenset({"list", "registry"})
    assert slot.required


def test_bang_obj_forbids_a_direct_object() -> None:
    assert verb("withdraw !obj").no_object


def test_constraints_combine_in_any_order() -> None:
    one = verb("lift @on=party =ban")
    other = verb("lift =ban @on=party")
    assert one.signature == other.signature
    assert one.specificity == 2


def test_specificity_counts_required_constraints_only() -> None:
    assert verb("impose =sanction @on|against").specificity == 1
    assert verb("call +off =strike @for=pay").specificity == 3


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("impose =", "nothing"),
        ("Visit", "lowercase"),
        ("hold talks", "second predicate word"),
        ("meet @", "nothing"),
        ("remove @from=", "nothing"),
        ("lift =ban =curfew", "two '=' object constraints"),
        ("strike +air|naval", "'+' takes one lowercase word"),
        ("go !now", "unknown marker"),
        ("withdraw !obj =troop", "requires and forbids"),
        ("meet @with @with", "two '@' slots"),
        ("", "empty pattern"),
    ],
)
def test_malformed_pattern_is_rejected_with_a_reason(text: str, complaint: str) -> None:
    with pytest.raises(DataFileError) as caught:
        verb(text)
    assert complaint in str(caught.value)
    assert "test.yaml:1" in str(caught.value)


def test_noun_patterns_cannot_constrain_a_direct_object() -> None:
    with pytest.raises(DataFileError, match="noun pattern"):
        parse_pattern("visit =city", code="042", pos="noun")


@given(st.text())
def test_pattern_parser_raises_only_data_file_errors_on_any_text(text: str) -> None:
    with contextlib.suppress(DataFileError):
        parse_pattern(text, code="040", pos="verb")


@given(
    st.lists(st.sampled_from(["meet", "+out", "=ban", "@with", "@on=list", "!obj", "=", "@", "+", "|", "Z"]))
)
def test_pattern_parser_raises_only_data_file_errors_on_grammar_fragments(words: list[str]) -> None:
    with contextlib.suppress(DataFileError):
        parse_pattern(" ".join(words), code="040", pos="noun")


# --- validation of files, with file and line -----------------------------------------------------


def test_unknown_code_names_file_and_line() -> None:
    message = error_of('- code: "040"\n  verbs: ["meet"]\n- code: "0999"\n  verbs: ["greet"]\n')
    assert "bad.yaml:3" in message and "unknown CAMEO code '0999'" in message


def test_malformed_pattern_names_file_and_line() -> None:
    message = error_of('- code: "040"\n  verbs:\n    - "meet"\n    - "hold Talks"\n')
    assert "bad.yaml:4" in message


def test_duplicate_pattern_names_both_places(tmp_path: Path) -> None:
    extra = tmp_path / "dup.yaml"
    extra.write_text('- code: "040"\n  verbs: ["meet @with"]\n- code: "042"\n  verbs: ["meet @with"]\n')
    with pytest.raises(DataFileError) as caught:
        load_dictionary(extra)
    assert "dup.yaml:4" in str(caught.value) and "dup.yaml:2" in str(caught.value)


def test_patterns_that_differ_only_in_order_are_duplicates(tmp_path: Path) -> None:
    extra = tmp_path / "dup.yaml"
    extra.write_text('- code: "040"\n  verbs: ["talk @with|to", "talk @to|with"]\n')
    with pytest.raises(DataFileError, match="duplicate pattern"):
        load_dictionary(extra)


def test_unknown_key_names_file_and_line() -> None:
    message = error_of('- code: "040"\n  verbs: ["meet"]\n  symetric: true\n')
    assert "bad.yaml:3" in message and "unknown key 'symetric'" in message


def test_entry_without_code_is_rejected() -> None:
    assert "bad.yaml:1" in error_of('- verbs: ["meet"]\n')


def test_entry_without_patterns_is_rejected() -> None:
    assert "no 'verbs' or 'nouns'" in error_of('- code: "040"\n  note: nothing yet\n')


def test_code_outside_the_files_root_is_rejected() -> None:
    message = error_of('- code: "042"\n  verbs: ["visit"]\n', name="05.yaml", root="05")
    assert "05.yaml:1" in message and "not in root 05" in message


def test_invalid_yaml_names_the_line() -> None:
    assert "bad.yaml:3" in error_of('- code: "040"\n  verbs: ["meet"]\n  note: a: b\n')


def test_symmetric_must_be_a_boolean() -> None:
    assert "bad.yaml:3" in error_of('- code: "040"\n  verbs: ["meet"]\n  symmetric: sometimes\n')


def test_entry_symmetry_reaches_its_patterns() -> None:
    patterns = parse_dictionary_text('- code: "040"\n  verbs: ["meet"]\n  symmetric: true\n', name="x.yaml")
    assert patterns[0].symmetric and patterns[0].origin == "x.yaml:2"


# --- the dictionary and user files ---------------------------------------------------------------


def test_candidates_come_most_specific_first() -> None:
    dictionary = Dictionary(
        [verb("lift", "080"), verb("lift =ban @on=party", "0812"), verb("lift =ban", "081")]
    )
    assert [p.code for p in dictionary.candidates("lift", "verb")] == ["0812", "081", "080"]


def test_candidates_are_looked_up_by_lemma_and_part_of_speech() -> None:
    dictionary = Dictionary([verb("visit", "042"), parse_pattern("visit @to", code="042", pos="noun")])
    assert [p.pos for p in dictionary.candidates("Visit", "noun")] == ["noun"]
    assert dictionary.candidates("tour", "verb") == ()
    assert len(dictionary) == 2


def test_user_file_adds_patterns_and_overrides_builtins(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('- code: "043"\n  verbs: ["visit"]\n- code: "042"\n  verbs: ["junket @to"]\n')
    builtin = load_dictionary()
    combined = load_dictionary(extra)
    visit = [p for p in combined.candidates("visit", "verb") if p.text == "visit"]
    assert [(p.code, p.origin) for p in visit] == [("043", f"{extra}:2")]
    assert combined.candidates("junket", "verb")[0].code == "042"
    assert len(combined) == len(builtin) + 1


def test_user_file_errors_name_the_user_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('- code: "040"\n  verbs: ["meet"]\n  colour: blue\n')
    with pytest.raises(DataFileError, match="mine.yaml:3"):
        load_dictionary(extra)


def test_missing_user_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="Cannot read dictionary file"):
        load_dictionary(tmp_path / "absent.yaml")


# --- the built-in data ---------------------------------------------------------------------------


def own_events() -> list[Pattern]:
    return [p for p in load_dictionary() if p.event and not p.converted]


def test_builtin_dictionary_has_a_file_for_every_root() -> None:
    files = {p.origin.split(".yaml")[0] for p in own_events()}
    assert files == set(ROOTS)
    assert {p.origin.split(".yaml")[0] for p in load_dictionary() if not p.event} == {"00"}


def test_every_builtin_code_exists_and_sits_in_its_roots_file() -> None:
    for pattern in load_dictionary():
        if pattern.event:
            root = pattern.origin.removeprefix("petrarch2/")[:2]
            assert cameo(pattern.code).root == root, pattern.origin


@pytest.mark.parametrize("root", ROOTS)
def test_each_root_has_at_least_eight_patterns(root: str) -> None:
    assert sum(1 for p in own_events() if p.code.startswith(root)) >= 8


def test_builtin_dictionary_has_over_six_hundred_patterns() -> None:
    assert len(own_events()) >= 600


def test_unconstrained_predicates_code_one_event_only() -> None:
    codes: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for pattern in load_dictionary():
        if pattern.specificity == 0:
            codes[(pattern.lemma, pattern.pos)].add(pattern.code)
    assert {key: found for key, found in codes.items() if len(found) > 1} == {}


@pytest.mark.parametrize("converted", [False, True])
def test_no_two_codes_claim_the_same_constraint(converted: bool) -> None:
    """Within each layer; across layers the own pattern is tried first and wins."""
    claims: defaultdict[tuple[object, ...], set[str]] = defaultdict(set)
    for pattern in load_dictionary():
        if pattern.converted != converted or not pattern.event:
            continue
        required = [
            [(p, o) for p in slot.preps for o in slot.objects] for slot in pattern.preps if slot.required
        ]
        objects: list[str | None] = [*sorted(pattern.objects)] or [None]
        for obj in objects:
            for combo in itertools.product(*required):
                key = (
                    pattern.lemma,
                    pattern.pos,
                    pattern.particles,
                    pattern.no_object,
                    obj,
                    frozenset(combo),
                )
                claims[key].add(pattern.code)
    assert {key: found for key, found in claims.items() if len(found) > 1} == {}


@pytest.mark.parametrize(
    ("lemma", "pos", "code"),
    [
        ("visit", "verb", "042"),
        ("talk", "noun", "046"),
        ("sanction", "verb", "163"),
        ("airstrike", "noun", "195"),
        ("deport", "verb", "174"),
        ("ceasefire", "noun", "0871"),
        ("massacre", "verb", "202"),
        ("condemn", "verb", "111"),
    ],
)
def test_common_news_predicates_are_covered(lemma: str, pos: Literal["verb", "noun"], code: str) -> None:
    assert code in {p.code for p in load_dictionary().candidates(lemma, pos)}


def test_lifting_sanctions_outranks_plain_lift() -> None:
    first = load_dictionary().candidates("lift", "verb")[0]
    assert first.specificity == 2 and first.code == "0812"
