"""What the actor knowledge base holds: entries with dated roles, and how names are normalised.

An entry is anything text can name as an actor (a country, its capital, a metonym such as "the Kremlin",
an international organisation, a group, a person). Each has one or more roles; a role says which country
and sector the entry stands for during a period, so "the Taliban" can be rebels in 2010 and the
government in 2025.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

SECTOR_NAMES: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "intelligence services",
    "REB": "rebels",
    "INS": "insurgents",
    "SEP": "separatist rebels",
    "UAF": "unaligned armed forces",
    "OPP": "political opposition",
    "PTY": "political party",
    "LEG": "legislature",
    "JUD": "judiciary",
    "ELI": "elites",
    "REF": "refugees",
    "CVL": "civilians",
    "BUS": "business",
    "MED": "media",
    "EDU": "education",
    "HLH": "health",
    "HRI": "human rights",
    "LAB": "labour",
    "REL": "religious",
    "CRM": "criminals",
    "AGR": "agriculture",
    "DEV": "development",
    "ENV": "environment",
    "IGO": "intergovernmental organisation",
    "NGO": "non-governmental organisation",
    "NGM": "non-governmental movement",
    "IMG": "international militarized group",
    "MNC": "multinational corporation",
}

EntryKind = Literal["country", "capital", "metonym", "igo", "group", "person"]
MatchHow = Literal["name", "alias", "demonym", "capital", "metonym", "acronym", "person"]


@dataclass(frozen=True, kw_only=True)
class Role:
    """What an entry stands for during a period: a country (ISO alpha-3), a sector and the CAMEO code."""

    country: str | None
    sector: str | None
    code: str
    title: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def covers(self, when: date) -> bool:
        """Whether the role is valid on ``when`` (both bounds inclusive, None = open)."""
        return (self.valid_from is None or self.valid_from <= when) and (
            self.valid_to is None or when <= self.valid_to
        )


@dataclass(frozen=True, kw_only=True)
class ActorEntry:
    """A nameable actor with its roles, ordered by start date."""

    key: str
    name: str
    kind: EntryKind
    roles: tuple[Role, ...]

    def role_on(self, when: date | None) -> Role:
        """The role valid on ``when``; None gives the latest role, a date outside all roles the nearest."""
        ordered = sorted(self.roles, key=lambda r: r.valid_from or date.min)
        if when is None:
            return ordered[-1]
        covering = [r for r in ordered if r.covers(when)]
        if covering:
            return covering[-1]
        earlier = [r for r in ordered if r.valid_to is not None and r.valid_to < when]
        return earlier[-1] if earlier else ordered[0]


@dataclass(frozen=True, kw_only=True)
class KBMatch:
    """A knowledge-base name found in a token list: tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    entry: ActorEntry
    alias: str
    how: MatchHow


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]")
_SPLIT = re.compile(r"(-|,|\(|\)|/|&)")
_POSSESSIVE = re.compile(r"'s?$")


def fold(text: str) -> str:
    """Unify apostrophes and dashes and strip accents, so spelling variants compare equal."""
    if text.isascii():
        return text.replace("`", "'")
    text = _DASHES.sub("-", text.translate(_APOSTROPHES))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def word_pieces(word: str) -> list[str]:
    """Split one token into comparable pieces: dots dropped ("U.S." -> "US"), hyphens and commas apart."""
    folded = fold(word).replace(".", "")
    return [p for p in _SPLIT.split(folded) if p and not p.isspace()]


@lru_cache(maxsize=65536)
def phrase_pieces(phrase: str) -> tuple[str, ...]:
    """Normalise a written name to its pieces; a leading "the" and a trailing possessive are dropped."""
    words = fold(phrase).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return tuple(p for w in words for p in word_pieces(w))


def is_acronym(pieces: tuple[str, ...]) -> bool:
    """An all-capital name such as US, UAE, IS-K or MI6: matched case-sensitively."""
    letters = [ch for p in pieces for ch in p if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 8


def is_case_sensitive(pieces: tuple[str, ...]) -> bool:
    """Acronyms and names with capitals inside a word (JeM, LeT, McDonald) must match in exact case."""
    return is_acronym(pieces) or any(ch.isupper() for p in pieces for ch in p[1:])


def is_possessive(word: str) -> bool:
    """A possessive marker token ("'s", "’s", "'"), which never belongs to a name."""
    return fold(word) in ("'s", "'", "'S")
