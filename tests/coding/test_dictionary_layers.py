"""The dictionary's layers: own entries over the converted PETRARCH2 layer, user files over both, and
senses that are no event (00.yaml)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from overtures.coding.converted import FOLDER, Row, converted_rows, read_rows
from overtures.coding.dictionary import (
    Dictionary,
    Pattern,
    folder_patterns,
    load_dictionary,
    parse_dictionary_text,
    parse_pattern,
)
from overtures.errors import DataFileError


def own(text: str, code: str = "190", origin: str = "19.yaml:1") -> Pattern:
    return parse_pattern(text, code=code, pos="verb", origin=origin)


def row(text: str, code: str = "193", line: int = 1) -> Row:
    return Row(text=text, code=code, symmetric=False, origin=f"{FOLDER}/19.yaml:{line}")


def layered(own_patterns: list[Pattern], rows: list[Row]) -> Dictionary:
    beneath: dict[str, tuple[Row, ...]] = {}
    for r in rows:
        beneath[r.text.split()[0]] = (*beneath.get(r.text.split()[0], ()), r)
    return Dictionary(own_patterns, beneath=beneath)


# --- the layering rule ------------------------------------------------------------------------


def test_own_patterns_come_first_however_specific_the_converted_ones() -> None:
    found = layered([own("skirmish")], [row("skirmish @with=rebel"), row("skirmish +back =troop @in=town")])
    assert [p.text for p in found.candidates("skirmish", "verb")] == [
        "skirmish",
        "skirmish +back =troop @in=town",
        "skirmish @with=rebel",
    ]


def test_a_converted_pattern_with_an_own_signature_is_dropped() -> None:
    found = layered([own("skirmish @with=rebel|insurgent")], [row("skirmish @with=insurgent|rebel")])
    assert [(p.code, p.converted) for p in found.candidates("skirmish", "verb")] == [("190", False)]


def test_a_bare_converted_verb_applies_only_to_lemmas_the_own_files_leave_out() -> None:
    found = layered([own("skirmish =troop")], [row("skirmish"), row("scuffle"), row("skirmish @with=rebel")])
    kept = [p.text for p in found.candidates("skirmish", "verb")]
    assert kept == ["skirmish =troop", "skirmish @with=rebel"]
    assert [p.text for p in found.candidates("scuffle", "verb")] == ["scuffle"]


def test_converted_patterns_keep_their_file_and_line() -> None:
    found = layered([], [row("scuffle", line=42)])
    (pattern,) = found.candidates("scuffle", "verb")
    assert pattern.origin == "petrarch2/19.yaml:42" and pattern.converted


def test_converted_patterns_are_verbs_only() -> None:
    assert layered([], [row("scuffle")]).candidates("scuffle", "noun") == ()


def test_a_user_file_overrides_a_converted_pattern(tmp_path: Path) -> None:
    lemma, rows = next((k, v) for k, v in sorted(converted_rows().items()) if len(v) > 1)
    target = rows[-1]
    extra = tmp_path / "mine.yaml"
    extra.write_text(f'- code: "010"\n  verbs: ["{target.text}"]\n')
    found = [p for p in load_dictionary(extra).candidates(lemma, "verb") if p.text == target.text]
    assert [(p.code, p.origin, p.converted) for p in found] == [("010", f"{extra}:2", False)]


# --- senses that are no event -----------------------------------------------------------------


def test_a_no_event_sense_is_a_sense_but_not_a_candidate() -> None:
    found = Dictionary([own("seize"), own("seize =opportunity|power", code="---", origin="00.yaml:3")])
    assert [p.text for p in found.senses("seize", "verb")] == ["seize =opportunity|power", "seize"]
    assert [p.event for p in found.senses("seize", "verb")] == [False, True]
    assert [p.text for p in found.candidates("seize", "verb")] == ["seize"]


def test_no_event_code_belongs_in_00_only() -> None:
    entry = '- code: "---"\n  verbs: ["seize =opportunity"]\n'
    assert parse_dictionary_text(entry, name="00.yaml", root="00")[0].code == "---"
    assert parse_dictionary_text(entry, name="mine.yaml")[0].event is False
    with pytest.raises(DataFileError, match="19.yaml:1"):
        parse_dictionary_text(entry, name="19.yaml", root="19")
    with pytest.raises(DataFileError, match="00.yaml:1"):
        parse_dictionary_text('- code: "190"\n  verbs: ["seize"]\n', name="00.yaml", root="00")


def test_root_01_holds_statements_only() -> None:
    assert "sink" not in (resources.files("overtures") / "data" / "dictionary" / "01.yaml").read_text()


# --- the fast reader of the generated files ---------------------------------------------------


def test_the_line_reader_equals_a_full_yaml_parse() -> None:
    folder = resources.files("overtures") / "data" / "dictionary" / FOLDER
    parsed = folder_patterns(folder, prefix=f"{FOLDER}/", converted=True)
    read = [r for rows in converted_rows().values() for r in rows]
    assert sorted((p.text, p.code, p.symmetric, p.origin) for p in parsed) == sorted(
        (r.text, r.code, r.symmetric, r.origin) for r in read
    )


@pytest.mark.parametrize("line", ['- code: "0990"', '- code: "040"', '  verbs: ["a"]', "  nouns:", '- "x"'])
def test_the_line_reader_rejects_lines_the_converter_never_writes(line: str) -> None:
    with pytest.raises(DataFileError, match="petrarch2/19.yaml:2"):
        read_rows(f'- code: "190"\n{line}\n', name="petrarch2/19.yaml")
