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
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

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


# Inflections undone to find a word's stem: "wounded" -> "wound", "firing" -> "fire", "kills" -> "kill";
# nouns' plurals as well ("casualties" -> "casualty", "Afghans" -> "Afghan").
VERB_INFLECTIONS = (("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", ""))
INFLECTIONS = (("ies", "y"), ("es", ""), *VERB_INFLECTIONS)


def word_forms(word: str, inflections: tuple[tuple[str, str], ...] = INFLECTIONS) -> list[str]:
    """The word and the stems its common inflections give (every candidate; the caller keeps those it
    knows)."""
    forms = [word]
    for suffix, replacement in inflections:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=2)
def english_words(nlp: Language) -> frozenset[str]:
    """The lower-case words the pipeline's lemmatizer lists as English nouns, verbs, adjectives and
    adverbs (WordNet's lists, shipped in the model): the common words a title-case line may lower,
    names apart. Empty for a pipeline without them."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(word for pos in table for word in table[pos] if word.isalpha())
