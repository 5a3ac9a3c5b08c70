"""scripts/petrarch2_verbs.py: parsing CAMEO.2.0 verb-dictionary lines and converting small samples."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overtures.coding.dictionary import parse_dictionary_text
from tests.conftest import load_script

conv = load_script("petrarch2_verbs")
KNOWN = {"010", "020", "040", "042", "046", "057", "060", "154", "190", "193"}

SAMPLE = """\
# a hand-written sample in the CAMEO.2.0 format
####### SYNONYM SETS #######
&TALKS
+TALKS
+NEGOTIATION
+PEACE_PROCESS

####### VERB PATTERNS #######

---  SPEAK   [---]  ---
SPEAK {SPEAKS SPOKE SPOKEN}
CHAT  [040]
+TALK_WITH  [040]
- * (WITH REPORTERS)                     [010]   # SPEAK
- * (ABOUT &TALKS)                       [046]   # SPEAK
- * {FUTILE TALKS}                       [046]   # braced: skipped
- $ * (WITH +)                           [040]   # markers: skipped
- &MILITARY * EXERCISES                  [060]   # subject: skipped
- * (TO)                                 [042:043]  # unequal pair: skipped

---  FIGHT   [190]  ---
CLASH
SKIRMISH ;old comment
- * (WITH REBELS)                        [193:193]  # mutual
- * OUT DIFFERENCES                      [057]
- * TROOPS                               [154]
- * TROOPS                               [060]   # a second code: both dropped
- * BACK                                 [---]
"""


def convert_sample(text: str = SAMPLE) -> dict[str, str]:
    return conv.convert(text, lambda word: word.lower().removesuffix("s"), KNOWN)


# --- the pattern-line parser ------------------------------------------------------------------


def test_pattern_line_splits_subject_objects_and_prepositions() -> None:
    line = "- &MILITARY * POLICE (TO BORDER) (IN {BORDER TOWN})   [154]   # RUSH"
    parsed = conv.parse_pattern_line(line)
    assert parsed.pre == ("&MILITARY",)
    assert parsed.post == ("POLICE", conv.Prep("TO", "BORDER"), conv.Prep("IN", "{BORDER TOWN}"))
    assert parsed.code == "154"


@pytest.mark.parametrize("line", ["- * AID # no code", "- AID [070]", "RUSH [070]"])
def test_malformed_pattern_lines_raise(line: str) -> None:
    with pytest.raises(ValueError):
        conv.parse_pattern_line(line)


WORD = st.from_regex(r"[A-Z]{1,8}", fullmatch=True)
NOUN = st.one_of(
    WORD,
    WORD.map(lambda w: "&" + w),
    st.lists(WORD, min_size=2, max_size=3).map(lambda ws: "{" + " ".join(ws) + "}"),
)
PREP = st.builds(conv.Prep, WORD, st.one_of(st.just(""), NOUN))
CODE = st.from_regex(r"[0-9]{2,4}(:[0-9]{3})?|---", fullmatch=True)


def render(pre: list[str], nouns: list[str], preps: list[Any], code: str, comment: str) -> str:
    items = [*nouns, *(f"({p.prep} {p.noun})".replace(" )", ")") for p in preps)]
    return f"- {' '.join(pre)} * {' '.join(items)}   [{code}]   # {comment}"


@given(
    pre=st.lists(WORD, max_size=2),
    nouns=st.lists(NOUN, max_size=2),
    preps=st.lists(PREP, max_size=3),
    code=CODE,
    comment=st.text(alphabet="abc [](){}*#-", max_size=20),
)
def test_pattern_line_parser_reads_back_what_was_written(
    pre: list[str], nouns: list[str], preps: list[Any], code: str, comment: str
) -> None:
    parsed = conv.parse_pattern_line(render(pre, nouns, preps, code, comment))
    assert parsed.pre == tuple(pre)
    assert parsed.post == (*nouns, *preps)
    assert parsed.code == code


# --- conversion --------------------------------------------------------------------------------


def patterns_of(files: dict[str, str]) -> dict[str, tuple[str, bool]]:
    found = {}
    for root, text in files.items():
        for pattern in parse_dictionary_text(text, name=f"{root}.yaml", root=root):
            found[pattern.text] = (pattern.code, pattern.symmetric)
    return found


def test_sample_converts_to_the_grammar() -> None:
    found = patterns_of(convert_sample())
    assert found["speak @with=reporter"] == ("010", False)
    assert found["chat @with=reporter"] == ("010", False)
    assert found["talk +with @with=reporter"] == ("010", False)  # the verb's optional @with gives way
    assert found["speak @about=negotiation|talk"] == ("046", False)  # one-word synset members only
    assert found["clash @with=rebel"] == ("193", True)  # [X:X] is a mutual act
    assert found["skirmish +out =difference"] == ("057", False)
    assert found["clash"] == ("190", False)  # a bare verb of a root in BARE_ROOTS
    assert "chat" not in found and "speak" not in found  # 040 is a cue category; speak has no code


def test_sample_skips_what_the_grammar_cannot_say() -> None:
    found = patterns_of(convert_sample())
    assert not [text for text in found if "troop" in text or "exercise" in text or "back" in text]
    header = next(iter(convert_sample().values()))
    for reason in (
        "a braced phrase, marker or non-letter word",
        "words before the verb (a subject constraint)",
        "an unequal [A:B] code pair",
        "a null code [---]",
        "a pattern PETRARCH gives two codes",
        "a preposition with no noun",
    ):
        assert reason in header


def test_every_generated_file_credits_petrarch2() -> None:
    for text in convert_sample().values():
        assert "MIT License" in text and "commit 676801c" in text and "scripts/petrarch2_verbs.py" in text


def test_generated_files_equal_a_fresh_run() -> None:
    if not conv.SOURCE.exists():
        pytest.skip(f"{conv.SOURCE} is not here")
    from overtures.coding.codebook import is_code

    text = conv.SOURCE.read_text(encoding="latin-1")
    files = conv.convert(text, conv.spacy_lemma(), conv.known_codes(text, is_code))
    on_disk = {p.stem: p.read_text(encoding="utf-8") for p in sorted(conv.TARGET.glob("*.yaml"))}
    assert on_disk == files
