"""Title-case headlines, read in sentence case: "Deadly Explosion Kills 1, Wounds 8 Others in Somalia".

The statistical tagger reads every capitalised word of such a line as a proper noun, so the verb that
names the event ("Kills") is lost. Before parsing, the common words of a title-case line (English
function words, and the words the coder knows as event triggers or sector nouns) are put in lower case;
names ("Somalia", "Mogadishu") keep their capitals. Only letter case changes, so every character offset
stays that of the original text, and evidence is always cut from the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MIN_WORDS = 3  # words of four letters or more a line needs before it can be called title case
TITLE_SHARE = 0.8  # share of those words that start with a capital


def is_title_case(line: str) -> bool:
    """Whether most longer words of the line are capitalised (and the line is not all capitals)."""
    words = [w for w in WORD.findall(line) if len(w) >= 4]
    if len(words) < MIN_WORDS or all(w.isupper() for w in words):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= TITLE_SHARE


def recase(text: str, common: Callable[[str], bool]) -> str:
    """The text with the common words of its title-case lines in lower case; other lines unchanged."""
    lines = text.split("\n")
    return "\n".join(_recase_line(line, common) if is_title_case(line) else line for line in lines)


def _recase_line(line: str, common: Callable[[str], bool]) -> str:
    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isupper() or not common(word.lower()):
            return word  # acronyms and names keep their case
        lowered = word.lower()
        return lowered if len(lowered) == len(word) else word

    return WORD.sub(lower, line)


def word_forms(word: str) -> list[str]:
    """The word and the stems its common inflections give ("kills" -> "kill", "explosions" ->
    "explosion", "wounded" -> "wound")."""
    forms = [word]
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    return forms
