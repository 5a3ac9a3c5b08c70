"""spaCy's attribute ruler answered by lookups: the same rules and annotations, in a quarter of the time.

The English pipeline's attribute ruler sets each token's coarse part of speech and morphology from its
fine tag, with exceptions keyed on the word or its dependency ("a" is an indefinite article, "not" as an
adverb is a particle). spaCy runs its 179 rules through a general token Matcher, about a tenth of the
pipeline's time on news. Each rule is one or two tokens of simple conditions (a value, a list of values
or a pattern, on the tag, the lower-case form, the dependency label...), so the rules a token may meet
are found by looking its form, tag and label up in tables built once, and only those are tried. The
matches are then applied as the ruler applies them: in the order the rules were added, later rules over
earlier ones. A rule with any other condition (an operator, an attribute not in ``READERS``) is left to
a Matcher, as before. tests/test_tagrules.py requires the same annotations as spaCy's ruler on every
token of the sample corpus, and on random rule sets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

COMPONENT = "tag_lookups"
# What a condition may test, read from the token the way the Matcher reads it.
READERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.text,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "IS_PUNCT": lambda t: t.is_punct,
}
INDEXED_BY = ("LOWER", "TAG", "DEP", "IS_SPACE")  # the first of these a rule's first token tests exactly


@dataclass(frozen=True, slots=True)
class Check:
    """One condition on one attribute: equal to a value, in or not in a set, or matching a pattern."""

    attribute: str
    value: object = None
    among: frozenset[str] | None = None
    negated: bool = False
    pattern: re.Pattern[str] | None = None

    def listed(self) -> Sequence[object]:
        """The values the check accepts, if it accepts listed values only (else none)."""
        if self.negated or self.pattern is not None:
            return []
        return sorted(self.among) if self.among is not None else [self.value]

    def __call__(self, token: Token) -> bool:
        found = READERS[self.attribute](token)
        if self.among is not None:
            return (found in self.among) != self.negated
        if self.pattern is not None:
            return isinstance(found, str) and self.pattern.search(found) is not None
        return found == self.value


Condition = tuple[Check, ...]  # what one token must meet


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the ruler: its rule number, token conditions and the index of the token it sets."""

    number: int
    tokens: tuple[Condition, ...]
    index: int


def conditions(pattern: Sequence[Mapping[str, Any]]) -> tuple[Condition, ...] | None:
    """A Matcher pattern as conditions, token by token; None if one of them is not a value, an IN or
    NOT_IN list of strings or a REGEX on an attribute this module reads (the Matcher keeps that rule)."""
    tokens = []
    for spec in pattern:
        checks = [_check(key, value) for key, value in spec.items()]
        if not checks or None in checks:
            return None
        tokens.append(tuple(c for c in checks if c is not None))
    return tuple(tokens)


def _check(attribute: str, value: object) -> Check | None:
    """A condition of a Matcher pattern as a Check; None if this module cannot read it."""
    if attribute not in READERS:
        return None
    if isinstance(value, str | bool):
        return Check(attribute, value=value)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, operand),) = value.items()
    strings = isinstance(operand, list) and all(isinstance(v, str) for v in operand)
    if operator in ("IN", "NOT_IN") and strings:
        return Check(attribute, among=frozenset(operand), negated=operator == "NOT_IN")
    if operator == "REGEX" and isinstance(operand, str):
        return Check(attribute, pattern=re.compile(operand))
    return None


def filed(condition: Condition) -> tuple[list[tuple[str, object]], Condition]:
    """The (attribute, value) keys a rule is filed under, by its first token's first exact check in
    INDEXED_BY order (each value of an IN list), and the first token's other checks, which a token found
    under a key must still meet; no keys for a rule with no such check (an empty IN list files nothing),
    which every token is then tried against."""
    for attribute in INDEXED_BY:
        for check in condition:
            values = check.listed()
            if check.attribute != attribute or not values:
                continue
            return [(attribute, value) for value in values], tuple(t for t in condition if t is not check)
    return [], condition


Candidate = tuple[Rule, Condition]  # a rule, and what its first token must still meet


class TagLookups:
    """A pipeline component doing what a loaded AttributeRuler does, with lookups (see the module text)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.matcher import Matcher

        self.attrs = ruler.attrs
        self.indices = list(ruler.indices)
        self.indexed: dict[tuple[str, object], list[Candidate]] = defaultdict(list)
        self.unindexed: list[Candidate] = []
        self.matcher: Matcher = Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            for pattern in cast(list[list[dict[str, Any]]], entry["patterns"]):
                self._add(number, pattern, self.indices[number])

    def _add(self, number: int, pattern: list[dict[str, Any]], index: int) -> None:
        tokens = conditions(pattern)
        if tokens is None:
            self.matcher.add(str(number), [pattern])
            return
        rule = Rule(number=number, tokens=tokens, index=index)
        keys, rest = filed(tokens[0])
        for key in keys:
            self.indexed[key].append((rule, rest))
        if not keys:
            self.unindexed.append((rule, rest))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        for number, start, end, index in sorted(self.matches(doc)):
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[number])
        return doc

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, int, int]]:
        """Each match as (rule number, start, end, index of the token to set), in no particular order."""
        for token in doc:
            candidates = (
                *self.indexed.get(("LOWER", token.lower_), ()),
                *self.indexed.get(("TAG", token.tag_), ()),
                *self.indexed.get(("DEP", token.dep_), ()),
                *self.indexed.get(("IS_SPACE", token.is_space), ()),
                *self.unindexed,
            )
            for rule, first in candidates:
                if all(check(token) for check in first) and _follows(doc, token.i, rule.tokens):
                    yield rule.number, token.i, token.i + len(rule.tokens), rule.index
        if len(self.matcher):
            strings = doc.vocab.strings
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                number = int(strings[match_id])
                yield number, start, end, self.indices[number]


def _follows(doc: Doc, start: int, tokens: tuple[Condition, ...]) -> bool:
    """Whether the tokens after ``start`` meet the conditions after the first, one token each."""
    if len(tokens) == 1:
        return True
    if start + len(tokens) > len(doc):
        return False
    return all(check(doc[start + offset]) for offset in range(1, len(tokens)) for check in tokens[offset])
