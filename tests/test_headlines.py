"""Title-case headlines are read in sentence case: common words lowered, names kept, offsets unchanged."""

from __future__ import annotations

from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from overtures.headlines import english_words, is_title_case, recase

COMMON = {"deadly", "explosion", "kills", "wounds", "others", "in", "attack", "gunmen"}.__contains__


def test_a_title_case_headline_keeps_its_names_and_lowers_the_rest() -> None:
    assert recase("Deadly Explosion Kills 1, Wounds 8 Others in Somalia", COMMON) == (
        "deadly explosion kills 1, wounds 8 others in Somalia"
    )


def test_a_sentence_case_line_is_left_alone() -> None:
    line = "Gunmen attack a village in Somalia, police say"
    assert not is_title_case(line)
    assert recase(line, COMMON) == line


def test_acronyms_keep_their_capitals() -> None:
    assert recase("UN Says Gunmen Attack Convoy Near Bunia", COMMON).startswith("UN Says gunmen attack")


def test_only_title_case_lines_of_a_text_change() -> None:
    text = "Gunmen Attack Convoy Near Bunia\n\nGunmen attacked a convoy near Bunia on Monday."
    assert recase(text, COMMON).split("\n")[2] == "Gunmen attacked a convoy near Bunia on Monday."


@given(st.text(max_size=200))
def test_recasing_never_changes_length_or_letters(text: str) -> None:
    out = recase(text, lambda word: True)
    assert len(out) == len(text)
    assert all(a == b or a == b.lower() for a, b in zip(out, text, strict=True))


def test_english_words_of_a_title_case_line_are_lowered_but_names_are_kept(services) -> None:  # type: ignore[no-untyped-def]
    lexicon = english_words(services.nlp)
    common = partial(services.coder.common_word, lexicon=lexicon)
    line = "Herder Killed in Fresh Sudanese Firing Near Kassala"
    assert recase(line, common) == "herder killed in fresh Sudanese firing near Kassala"
    assert {"fresh", "herder"} <= lexicon
