"""The actor knowledge base: names, demonyms, capitals, metonyms, groups and people -> dated roles.

The facts live in versioned YAML files (``overtures/data/actors/*.yaml``) that users can read and extend
with a file of their own; this module loads them once into lookup tables and finds their names in token
lists. It knows nothing of spaCy: ``actors/resolve.py`` gives it words and gets matches back.

    kb = load_kb()
    kb.lookup("the Taliban").role_on(date(2025, 4, 30)).code   # 'AFGGOV'
    kb.demonym("Uzbeks").key                                    # 'UZB'
    kb.sector("deputy foreign minister")                        # 'GOV'
    kb.match_words(["Russian", "Foreign", "Minister", "Sergey", "Lavrov"])

Matching rules: the longest match wins, left to right, never overlapping; acronyms (US, UN, TTP, IS-K)
match case-sensitively, other names case-insensitively but only when their first word is capitalised in
the text (unless the name itself is written in lower case in the data, like "al-Qaeda"); a possessive
("'s") ends a name; a leading "the" is never part of a name; a name must cover whole tokens, so "US" in
"US-led" is not matched (a tokenizer that splits hyphens, as spaCy does, makes it a token of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from overtures.actors.entries import (
    SECTOR_NAMES,
    ActorEntry,
    KBMatch,
    MatchHow,
    Role,
    fold,
    is_possessive,
    phrase_pieces,
    word_pieces,
)
from overtures.actors.kbbase import BaseLayer, load_base_layer, no_cyclic_gc
from overtures.actors.kbfile import ActorFile, EntrySpec, alias_index_key, read_actor_file
from overtures.errors import DataFileError, NotFoundError

__all__ = ["SECTOR_NAMES", "ActorEntry", "KBMatch", "KnowledgeBase", "Role", "load_kb"]

PACKAGE_FILES = ("countries.yaml", "igos.yaml", "groups.yaml", "people.yaml", "sectors.yaml")
_BARRIER = "\x00"  # stands between pieces that no name may span (after a possessive)


@dataclass(frozen=True, kw_only=True)
class _Target:
    """What an indexed alias points at."""

    entry: ActorEntry
    alias: str
    how: MatchHow
    needs_capital: bool


class KnowledgeBase:
    """Lookup tables built once from validated actor files; later files override earlier ones by key."""

    def __init__(self, files: Sequence[ActorFile], base: BaseLayer | None = None) -> None:
        self._exact: dict[tuple[str, ...], _Target] = {}
        self._names: dict[tuple[str, ...], _Target] = {}
        self._demonyms: dict[tuple[str, ...], _Target] = {}
        self._blocked: set[tuple[str, ...]] = set()
        self._sectors: dict[str, str | None] = {}
        self._entries: dict[str, ActorEntry] = {}
        self._forms: dict[str, list[tuple[str, MatchHow]]] = {}
        self.conflicts: list[str] = []  # aliases a later file took over from another entry
        records: dict[tuple[str, str], list[tuple[EntrySpec, str]]] = {}
        for actor_file in files:
            replaced = {(s.section, s.record) for s in actor_file.entries}
            records.update({key: [] for key in replaced})
            for spec in actor_file.entries:
                records[(spec.section, spec.record)].append((spec, actor_file.source))
            self._sectors |= actor_file.sectors
            self._blocked |= {tuple(p.lower() for p in phrase_pieces(t)) for t in actor_file.not_actors}
        for specs in records.values():
            for spec, source in specs:
                self._add(spec, source)
        self._base = base or BaseLayer()
        self._blocked |= self._base.blocked
        self._base_targets: dict[tuple[str, ...], _Target] = {}
        self._base.drop_overridden(self._own_names())
        keys = (*self._names, *self._exact, *self._blocked)
        base_keys = self._base.keys()
        self._longest = max((len(k) for k in (*keys, *base_keys)), default=1)
        # the first word of every name, lowercased: a word that starts none is skipped at once
        self._starts = {k[0].lower() for k in keys if k} | {k[0] for k in base_keys if k}

    def _own_names(self) -> dict[tuple[str, ...], str]:
        """Every own name in lower case -> the key of its entry."""
        own = {tuple(p.lower() for p in k): t.entry.key for k, t in self._exact.items()}
        return own | {k: t.entry.key for k, t in self._names.items()}

    def _add(self, spec: EntrySpec, source: str) -> None:
        """Index one entry's aliases; an alias already held by another entry is taken over and noted."""
        self._entries[spec.entry.key] = spec.entry
        self._forms.setdefault(spec.entry.key, []).extend((a.text, a.how) for a in spec.aliases)
        for alias in spec.aliases:
            exact, key = alias_index_key(alias.text)
            if not key:
                continue
            needs_capital = phrase_pieces(alias.text)[0][:1].isupper()
            target = _Target(entry=spec.entry, alias=alias.text, how=alias.how, needs_capital=needs_capital)
            table = self._exact if exact else self._names
            held = table.get(key)
            if held is None or held.entry.key != spec.entry.key:
                if held is not None:
                    moved = f"'{alias.text}' moves from '{held.entry.key}' to '{spec.entry.key}'"
                    self.conflicts.append(f"{source}: {moved}")
                table[key] = target
            lowered = tuple(p.lower() for p in key)
            kept = self._demonyms.get(lowered)
            if alias.how == "demonym" and (kept is None or kept.entry.key != spec.entry.key):
                self._demonyms[lowered] = target

    def lookup(self, phrase: str) -> ActorEntry | None:
        """The entry a whole phrase names exactly (after normalisation), or None if it names none."""
        target = self._find(phrase_pieces(phrase), first_word=None)
        return target.entry if target else None

    def demonym(self, word: str) -> ActorEntry | None:
        """The country a demonym or people-plural refers to ("Uzbek", "Uzbeks", "Afghan"), or None."""
        target = self._demonyms.get(tuple(p.lower() for p in phrase_pieces(word)))
        return target.entry if target else None

    def sector(self, word_or_title: str) -> str | None:
        """The CAMEO sector a word or title gives ("foreign minister" -> "GOV"), or None.

        Unknown titles fall back to their head, the last words ("deputy foreign minister" -> "foreign
        minister"), and plurals to their singular ("troops" is listed; "diplomats" -> "diplomat"). Own
        sector words are tried first, head and all; the converted agent words only where they give none.
        """
        words = fold(word_or_title).lower().split()
        if words and words[0] == "the":
            words = words[1:]
        for table in (self._sectors, self._base.sectors):
            for first in range(len(words)):
                for form in _singulars(" ".join(words[first:])):
                    if form in table:
                        return table[form]
        return None

    def non_actor(self, word_or_title: str) -> bool:
        """Whether a word is listed as naming no actor at all (analysts, experts), unlike an unknown word."""
        words = " ".join(fold(word_or_title).lower().split())
        return any(form in self._sectors and self._sectors[form] is None for form in _singulars(words))

    def match_words(self, words: Sequence[str]) -> list[KBMatch]:
        """Longest non-overlapping names in a token list; start/end are token indices, end exclusive."""
        pieces, owner = _pieces_of(words)
        starts = {i for i in range(len(pieces)) if i == 0 or owner[i] != owner[i - 1]}
        ends = {i + 1 for i in range(len(pieces)) if i + 1 == len(pieces) or owner[i] != owner[i + 1]}
        ends |= {i for i in range(len(pieces)) if pieces[i] == _BARRIER}
        lowered = [piece.lower() for piece in pieces]
        matches: list[KBMatch] = []
        i = 0
        while i < len(pieces):
            may_start = i in starts and lowered[i] in self._starts
            found = self._longest_at(pieces, lowered, i, ends, words[owner[i]]) if may_start else None
            if found is None:
                i += 1
                continue
            end, target = found
            if target is not None:
                start_word, end_word = owner[i], owner[end - 1] + 1
                matches.append(
                    KBMatch(
                        start=start_word, end=end_word, entry=target.entry, alias=target.alias, how=target.how
                    )
                )
            i = end
        return matches

    def _longest_at(
        self, pieces: list[str], lowered: list[str], i: int, ends: set[int], first_word: str
    ) -> tuple[int, _Target | None] | None:
        """The end and target of the longest name starting at piece ``i`` (target None: a blocked phrase);
        ``lowered`` holds the pieces in lower case. No name runs over a barrier."""
        stop = min(len(pieces), i + self._longest)
        if _BARRIER in pieces[i:stop]:
            stop = pieces.index(_BARRIER, i, stop)
        for end in range(stop, i, -1):
            if end not in ends:
                continue
            low = tuple(lowered[i:end])
            if low in self._blocked:
                return end, None
            target = self._lookup(tuple(pieces[i:end]), low, first_word)
            if target is not None:
                return end, target
        return None

    def _find(self, pieces: tuple[str, ...], first_word: str | None) -> _Target | None:
        """An acronym (exact case) or a name (any case; capitalised when ``first_word`` is given)."""
        return self._lookup(pieces, tuple(p.lower() for p in pieces), first_word) if pieces else None

    def _lookup(
        self, pieces: tuple[str, ...], lowered: tuple[str, ...], first_word: str | None
    ) -> _Target | None:
        if lowered in self._blocked:
            return None
        target = self._exact.get(pieces)
        if target is not None:
            return target
        target = self._names.get(lowered) or self._base_target(pieces, lowered)
        if target is None:
            return None
        if first_word is not None and target.needs_capital and not _capitalised(first_word):
            return None
        return target

    def _base_target(self, pieces: tuple[str, ...], lowered: tuple[str, ...]) -> _Target | None:
        """A name of the converted layer (only reached when no own entry holds it); cached."""
        cached = self._base_targets.get(pieces)
        if cached is None:
            found = self._base.find(pieces, lowered)
            if found is None:
                return None
            entry, alias, how = found
            cached = _Target(entry=entry, alias=alias, how=how, needs_capital=not alias.isupper())
            self._base_targets[pieces] = cached
        return cached

    def entry(self, key: str) -> ActorEntry:
        """The entry with this key (an alpha-3 code for countries, e.g. "AFG"; "AFG/capital")."""
        try:
            return self._entries[key]
        except KeyError:
            raise NotFoundError(
                f"no actor entry '{key}'", hint="check the key in the actor data files"
            ) from None

    def country_name(self, alpha3: str) -> str:
        """The canonical English name of a country code ("RUS" -> "Russia")."""
        entry = self._entries.get(alpha3)
        if entry is None or entry.kind != "country":
            raise NotFoundError(f"unknown country code '{alpha3}'", hint="use an ISO-3166 alpha-3 code")
        return entry.name

    def forms(self, key: str, how: MatchHow | None = None) -> list[str]:
        """The written forms of an entry as listed in the data; only those of one kind if ``how`` is given."""
        self.entry(key)
        return [text for text, kind in self._forms.get(key, []) if how is None or kind == how]

    def entries(self) -> list[ActorEntry]:
        """All entries, in file order."""
        return list(self._entries.values())


def _capitalised(word: str) -> bool:
    """Whether the first letter of a word is upper case."""
    letters = [ch for ch in fold(word) if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


def _singulars(phrase: str) -> list[str]:
    """A phrase and the singular forms its last word may have (officials, militias, policemen, buses)."""
    forms = [phrase]
    if phrase.endswith("ies"):
        forms.append(phrase[:-3] + "y")
    if phrase.endswith("men"):
        forms.append(phrase[:-3] + "man")
    if phrase.endswith("es"):
        forms.append(phrase[:-2])
    if phrase.endswith("s"):
        forms.append(phrase[:-1])
    return forms


def _pieces_of(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """The comparable pieces of a token list and the token each piece came from; possessives bar names."""
    pieces: list[str] = []
    owner: list[int] = []
    for index, word in enumerate(words):
        own = _word_pieces(word)
        pieces.extend(own)
        owner.extend([index] * len(own))
    return pieces, owner


@lru_cache(maxsize=65536)
def _word_pieces(word: str) -> tuple[str, ...]:
    """One word's pieces: a possessive marker is a barrier, and so is the "'s" ending a word."""
    if is_possessive(word):
        return (_BARRIER,)
    folded = fold(word)
    possessive = folded.endswith(("'s", "'S")) and len(folded) > 2
    own = tuple(word_pieces(folded[:-2] if possessive else folded))
    return (*own, _BARRIER) if possessive else own


def _package_files() -> list[ActorFile]:
    """The actor files shipped in the package, in their fixed order, then any others by name."""
    folder = resources.files("overtures") / "data" / "actors"
    names = [n for n in PACKAGE_FILES if (folder / n).is_file()]
    names += sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml") and p.name not in names)
    return [
        read_actor_file((folder / n).read_text(encoding="utf-8"), f"overtures/data/actors/{n}") for n in names
    ]


@lru_cache(maxsize=8)
def load_kb(extra: Path | None = None) -> KnowledgeBase:
    """The package's actor knowledge base, extended or overridden by the user file ``extra``; cached.

    A record in ``extra`` with the key of a package record replaces it whole (for a country, by alpha3:
    its capital and metonyms too); an alias it shares with another entry moves to it (see ``conflicts``).
    The cache is keyed by the path: call ``load_kb.cache_clear()`` after editing the file.
    """
    files = _package_files()
    base = load_base_layer()
    if extra is not None:
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{extra}: cannot read actor file: {exc}", hint="check the path") from None
        files.append(read_actor_file(text, str(extra)))
    with no_cyclic_gc():
        return KnowledgeBase(files, base)
