"""Selective parsing: the tagger, parser and NER read only the lines of an article that can yield an
event, a quote or the story's date; the rest is blanked (spaces of the same length, so every offset
stays valid) before the pipeline runs.

A line (text between two line breaks) is a hard sentence boundary in both paths (nlp.py starts a
sentence after every line break), so a kept line is parsed as in the full parse; only the few tokens at
its edges see different neighbours in the tok2vec window. A line is kept when, on the tokenizer's output
alone:

* it holds a quote mark (quotes.py);
* it holds a form of a dictionary predicate (any form the lemmatizer's own rules and exceptions could
  reduce to a dictionary lemma) and either can name a party (a knowledge-base name, a sector word or
  title, a personal pronoun) or the predicate may code a local event by itself (a bare pattern of
  fighting, protest or coercion: the coder takes its parties from its place and its victims, "Seven
  killed in Aceh"); a kept line with a pronoun or title keeps the line before it too, where the coder
  finds whom it refers to;
* it is one of the first HEAD_LINES lines with text (headline, dateline and lead: the story date), and
  some other line is kept. An article with no such line is not parsed at all.

``--full-parse`` skips the screen; bench/equivalence.py compares the two paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from overtures.coding.coder import LOCAL_ROOTS
from overtures.quotes import CLOSE, OPEN

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from overtures.actors.kb import KnowledgeBase
    from overtures.coding.dictionary import Dictionary

HEAD_LINES = 4  # headline, dateline and lead (story.py reads the headline and two lead sentences)
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "our", "him", "them", "us"}
)
QUOTE_MARKS = frozenset(OPEN + CLOSE)
POS_TABLES = ("verb", "noun")
NOT_LINE_BREAK = re.compile(r"[^\n]")


@dataclass(frozen=True, kw_only=True)
class Line:
    """What the screen saw in one line: its offsets and the cues it holds."""

    start: int
    end: int
    head: bool = False
    quote: bool = False
    name: bool = False  # looked for only in a line with a trigger and no referent, where it decides
    referent: bool = False  # a pronoun or a sector word: a party only through an earlier sentence
    trigger: bool = False
    local: bool = False  # a trigger of a local event (coder.LOCAL_ROOTS): its place may give its parties

    @property
    def event(self) -> bool:
        return self.local or (self.trigger and (self.name or self.referent))

    @property
    def kept(self) -> bool:
        return self.quote or self.event


@dataclass(kw_only=True)
class Screen:
    """Decides which lines of a text the full pipeline reads. Built once per process from the loaded
    pipeline (its tokenizer and lemmatizer tables), the knowledge base and the dictionary's lemmas."""

    tokenize: Callable[[str], Doc]
    kb: KnowledgeBase
    lemmas: frozenset[str]
    local_lemmas: frozenset[str]
    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    _trigger_cache: dict[tuple[str, bool], bool] = field(default_factory=dict)
    _referent_cache: dict[str, bool] = field(default_factory=dict)

    def mask(self, text: str) -> str:
        """The text with every line that cannot yield an event, a quote or the story date blanked."""
        lines = self.lines(text)
        keep = kept_lines(lines)
        if all(keep):
            return text
        if not any(keep):
            return NOT_LINE_BREAK.sub(" ", text)
        return blank(text, [(line.start, line.end) for line, k in zip(lines, keep, strict=True) if not k])

    def lines(self, text: str) -> list[Line]:
        """The lines of a text that hold any word, with their cues."""
        doc = self.tokenize(text)
        lines: list[Line] = []
        current: list[Token] = []
        seen = 0
        for token in doc:
            if "\n" in token.text:
                if current:
                    lines.append(self._line(current, head=seen < HEAD_LINES))
                    seen += 1
                current = []
            elif not token.is_space:
                current.append(token)
        if current:
            lines.append(self._line(current, head=seen < HEAD_LINES))
        return lines

    def _line(self, tokens: Sequence[Token], *, head: bool) -> Line:
        """A line's cues, cheapest first: a name is looked for only where it decides."""
        lowered = [t.lower_ for t in tokens]
        trigger = any(self.trigger(w) for w in lowered)
        local = trigger and any(self.trigger(w, local=True) for w in lowered)
        referent = trigger and any(self.referent(w) for w in lowered)
        return Line(
            start=tokens[0].idx,
            end=tokens[-1].idx + len(tokens[-1].text),
            head=head,
            quote=any(ch in QUOTE_MARKS for t in tokens for ch in t.text),
            name=trigger and not referent and bool(self.kb.match_words([t.text for t in tokens])),
            referent=referent,
            trigger=trigger,
            local=local,
        )

    def referent(self, word: str) -> bool:
        """Whether a lowercase word is a personal pronoun or a sector word or title ("troops")."""
        found = self._referent_cache.get(word)
        if found is None:
            found = self._referent_cache[word] = word in PRONOUNS or self.kb.sector(word) is not None
        return found

    def trigger(self, word: str, *, local: bool = False) -> bool:
        """Whether a lowercase word may be a form of a dictionary predicate, verb or noun (with ``local``:
        of one that may code a local event)."""
        key = (word, local)
        found = self._trigger_cache.get(key)
        if found is None:
            lemmas = self.local_lemmas if local else self.lemmas
            found = self._trigger_cache[key] = any(form in lemmas for form in self.base_forms(word))
        return found

    def base_forms(self, word: str) -> set[str]:
        """Every lemma the lemmatizer's rules and exceptions could give a word, as a verb or a noun, and
        the word itself (what it gives a word it cannot reduce)."""
        forms = {word}
        for pos in POS_TABLES:
            forms.update(self.exceptions.get(pos, {}).get(word, ()))
            rules = self.rules.get(pos, ())
            forms.update(word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old))
        return forms


def kept_lines(lines: Sequence[Line]) -> list[bool]:
    """Which lines to parse: each line the screen keeps, and the line before a kept event line with a
    pronoun or title, whose party may come from an earlier sentence."""
    keep = [line.kept for line in lines]
    for i, line in enumerate(lines):
        if i and line.event and line.referent:
            keep[i - 1] = True
    if any(keep):
        keep = [k or line.head for k, line in zip(keep, lines, strict=True)]
    return keep


def blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with each span's characters (never a line break) replaced by spaces: same length."""
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def build_screen(nlp: Language, kb: KnowledgeBase, dictionary: Dictionary) -> Screen:
    """A screen over the loaded pipeline's tokenizer and its lemmatizer's rule tables."""
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    rules = lookups.get_table("lemma_rules") if lookups.has_table("lemma_rules") else {}
    exceptions = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
    return Screen(
        tokenize=nlp.tokenizer,
        kb=kb,
        lemmas=dictionary.lemmas(),
        local_lemmas=dictionary.lemmas(LOCAL_ROOTS),
        rules={pos: [(old, new) for old, new in rules.get(pos, [])] for pos in POS_TABLES},
        exceptions={pos: dict(exceptions.get(pos, {})) for pos in POS_TABLES},
    )
