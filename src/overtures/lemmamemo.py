"""spaCy's rule lemmatizer with every answer remembered: the same lemmas, without a Python call per token.

In rule mode, spaCy's English lemmatizer gives a token's lemma from three things only: its text, its
coarse part of speech and its morphology (a base form, such as a singular noun or an infinitive, is the
text in lower case; any other form goes through the rules, exceptions and word index of its part of
speech). spaCy remembers only the lemmas its rules derive, and reads every token through several Python
calls. ``LemmaMemo`` keeps spaCy's lemmatizer and remembers each of its answers by (text, part of
speech, morphology); a document's keys and lemmas are read and written through its arrays, and spaCy's
lemmatizer is asked only for a key it has not seen. As spaCy's does, it leaves a lemma already set (by
the attribute ruler's exceptions) unless the lemmatizer overwrites. overtures.nlp puts it in the
lemmatizer's place, under its name, so ``nlp.get_pipe("lemmatizer").lookups`` still reads its tables.
tests/test_tagrules.py requires spaCy's lemmas on every token of the sample corpus, and
tests/test_lemmamemo.py on random tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.lookups import Lookups
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc
    from thinc.types import Ints2d

MEMO_LIMIT = 500_000  # keys remembered at most; the memo starts again past it, so memory stays bounded


class LemmaMemo:
    """The pipeline component: spaCy's rule lemmatizer behind a memo of its answers."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Lookups:
        """The lemmatizer's tables (rules, exceptions, index), as spaCy's lemmatizer exposes them."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer.mode != "rule":  # only the rule mode is a function of the three keys
            return self.lemmatizer(doc)
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3:].copy()  # a column, as from_array reads it
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            found = self.memo.get((orth, pos, morph))
            lemmas[i, 0] = found if found is not None else self._lemma(doc, i, (orth, pos, morph))
        doc.from_array([LEMMA], cast("Ints2d", lemmas))  # spaCy's stubs type to_array as floats
        return doc

    def _lemma(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """Ask spaCy's lemmatizer for token ``i`` and remember its answer (not for a token without a part
        of speech, about which spaCy warns every time)."""
        lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        if key[1]:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            self.memo[key] = lemma
        return lemma
