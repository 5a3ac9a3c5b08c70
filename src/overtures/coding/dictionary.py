"""The CAMEO phrase dictionary: which predicates (verbs and event nouns) code which CAMEO events.

The dictionary is data: ``data/dictionary/01.yaml`` ... ``20.yaml``, one per CAMEO root, each a list
of entries ``{code: "042", verbs: [...], nouns: [...], symmetric: true, note: ...}`` (only ``code`` and
one pattern list are required; ``symmetric`` marks mutual acts such as meetings and clashes, ``stative``
predicates that describe an ongoing state, "keep its embassy open").

A pattern is one string: the predicate's lemma (lowercase letters; "sanction", not "sanctions"), then
in any order:

* ``+word``: a child of the predicate with that lemma: a particle, adverb or complement of a verb
  ("carry +out", "decline +comment"), a compound or adjective of a noun ("strike +air");
* ``=a|b``: (verbs) the direct object's head lemma is one of these ("impose =sanction|embargo");
* ``@p|q``: a preposition whose object is the TARGET actor, optional in the text ("meet @with");
* ``@p=a|b``: a REQUIRED preposition whose object's head lemma is one of these ("remove @from=list");
* ``!obj``: (verbs) the predicate has no direct object ("withdraw !obj").

``00.yaml`` lists senses that are NO event ("seize power") under code ``"---"``: they sit among a
predicate's patterns (``Dictionary.senses``), and when one matches first the predicate codes nothing.
Every code must exist in the codebook and a pattern may appear under one code only. A user file in
the same format (``load_dictionary(extra=...)``) adds patterns and replaces built-in ones that say the
same thing. Errors name the file and line and what to change.

Beneath overtures' own files lies a converted layer, ``data/dictionary/petrarch2/NN.yaml``, generated
from PETRARCH2's verb dictionary by ``scripts/petrarch2_verbs.py``. The layering rule: a converted
pattern with the signature of an own (or user) pattern is dropped; so is a converted pattern with no
required constraint (a bare "take") for a predicate the own files cover, since they name its senses
on purpose; and for each predicate the coder tries every own pattern first (most specific first) and
the converted ones only when none of them matches, so a converted pattern never outranks an own one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

import yaml

from overtures.coding.codebook import is_code
from overtures.coding.converted import Row, converted_rows
from overtures.errors import DataFileError

Pos = Literal["verb", "noun"]
_WORD = re.compile(r"[a-z]+")
_WORDS = re.compile(r"[a-z]+(?:\|[a-z]+)*")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present (README, "Scaling")
_KEYS = frozenset({"code", "verbs", "nouns", "symmetric", "stative", "note"})
_GRAMMAR_HINT = "see the pattern grammar at the top of data/dictionary/01.yaml"
_LISTS: tuple[tuple[str, Pos], ...] = (("verbs", "verb"), ("nouns", "noun"))
NO_EVENT = "---"  # the code of a sense that is no event ("seize power"); only in 00.yaml and user files
NO_EVENT_ROOT = "00"


@dataclass(frozen=True, kw_only=True)
class PrepSlot:
    """A preposition on the predicate; with no ``objects`` its object is the target actor."""

    preps: frozenset[str]
    objects: frozenset[str]

    @property
    def required(self) -> bool:
        """A slot that names its objects must be present in the text for the pattern to match."""
        return bool(self.objects)


@dataclass(frozen=True, kw_only=True)
class Pattern:
    """One parsed dictionary pattern and where it was read (``origin`` is "04.yaml:12")."""

    code: str
    lemma: str
    pos: Pos
    particles: frozenset[str]
    objects: frozenset[str]
    preps: tuple[PrepSlot, ...]
    no_object: bool
    symmetric: bool
    text: str
    origin: str
    stative: bool = False
    converted: bool = False

    @property
    def event(self) -> bool:
        """False for a sense that is no event at all ("seize power"): a match on it codes nothing."""
        return self.code != NO_EVENT

    @property
    def specificity(self) -> int:
        """How many constraints must hold in the text; the coder prefers the most specific match."""
        required_preps = sum(1 for slot in self.preps if slot.required)
        return len(self.particles) + bool(self.objects) + required_preps + self.no_object

    @cached_property
    def signature(self) -> str:
        """The pattern in canonical form: two patterns with one signature say the same thing."""
        parts = [self.pos, self.lemma, *sorted(f"+{word}" for word in self.particles)]
        if self.objects:
            parts.append("=" + "|".join(sorted(self.objects)))
        if self.no_object:
            parts.append("!obj")
        for slot in sorted(self.preps, key=lambda s: sorted(s.preps)):
            tail = "=" + "|".join(sorted(slot.objects)) if slot.objects else ""
            parts.append("@" + "|".join(sorted(slot.preps)) + tail)
        return " ".join(parts)


def _fail(origin: str, message: str, hint: str = _GRAMMAR_HINT) -> DataFileError:
    return DataFileError(f"{origin}: {message}", hint=hint)


def _words(text: str, *, origin: str, pattern: str, what: str) -> frozenset[str]:
    """Split ``a|b|c`` into lowercase lemmas, rejecting empty or malformed alternatives."""
    words = text.split("|")
    if _WORDS.fullmatch(text):
        return frozenset(words)
    for word in words:
        if not _WORD.fullmatch(word):
            shown = word or "nothing"
            raise _fail(origin, f"pattern '{pattern}': {what} must be lowercase lemmas, got {shown!r}")
    return frozenset(words)


def _prep_slot(body: str, *, origin: str, pattern: str) -> PrepSlot:
    preps, has_objects, objects = body.partition("=")
    return PrepSlot(
        preps=_words(preps, origin=origin, pattern=pattern, what="'@' prepositions"),
        objects=(
            _words(objects, origin=origin, pattern=pattern, what="'@p=' objects")
            if has_objects
            else frozenset()
        ),
    )


def _check_consistent(pattern: Pattern, *, origin: str) -> None:
    """Reject patterns whose constraints cannot hold together or do not apply to their part of speech."""
    if pattern.pos == "noun" and (pattern.objects or pattern.no_object):
        raise _fail(origin, f"noun pattern '{pattern.text}' cannot use '=' or '!obj'; use '@of=...'")
    if pattern.no_object and pattern.objects:
        raise _fail(origin, f"pattern '{pattern.text}' both requires and forbids a direct object")
    seen: set[str] = set()
    for slot in pattern.preps:
        if seen & slot.preps:
            raise _fail(origin, f"pattern '{pattern.text}' names a preposition in two '@' slots")
        seen |= slot.preps


def parse_pattern(
    text: str,
    *,
    code: str,
    pos: Pos,
    symmetric: bool = False,
    stative: bool = False,
    origin: str = "<pattern>",
    converted: bool = False,
) -> Pattern:
    """Parse one pattern string of the dictionary grammar; any mistake raises DataFileError."""
    words = text.split()
    if not words:
        raise _fail(origin, "empty pattern")
    lemma = words[0]
    if not _WORD.fullmatch(lemma):
        raise _fail(origin, f"pattern '{text}': the predicate must be a lowercase lemma, got {lemma!r}")
    particles: set[str] = set()
    objects: frozenset[str] | None = None
    preps: list[PrepSlot] = []
    no_object = False
    for word in words[1:]:
        if word[0] == "+" and not _WORD.fullmatch(word[1:]):
            raise _fail(origin, f"pattern '{text}': '+' takes one lowercase word, got {word[1:]!r}")
        elif word[0] == "+":
            particles.add(word[1:])
        elif word[0] == "=" and objects is None:
            objects = _words(word[1:], origin=origin, pattern=text, what="'=' objects")
        elif word[0] == "=":
            raise _fail(origin, f"pattern '{text}' has two '=' object constraints; join them with '|'")
        elif word[0] == "@":
            preps.append(_prep_slot(word[1:], origin=origin, pattern=text))
        elif word == "!obj":
            no_object = True
        elif word[0] == "!":
            raise _fail(origin, f"pattern '{text}': unknown marker {word!r}; the only '!' marker is '!obj'")
        else:
            message = f"pattern '{text}': {word!r} is a second predicate word; use '+{word}' for a particle"
            raise _fail(origin, message)
    pattern = Pattern(
        code=code,
        lemma=lemma,
        pos=pos,
        particles=frozenset(particles),
        objects=objects or frozenset(),
        preps=tuple(preps),
        no_object=no_object,
        symmetric=symmetric,
        text=" ".join(words),
        origin=origin,
        stative=stative,
        converted=converted,
    )
    _check_consistent(pattern, origin=origin)
    return pattern


def _order(pattern: Pattern) -> tuple[bool, int, int, str]:
    """Own patterns before converted ones, then the most specific first."""
    return (pattern.converted, -pattern.specificity, -len(pattern.preps), pattern.text)


class Dictionary:
    """The phrase dictionary indexed by predicate: the coder asks for a lemma's candidate patterns.

    ``beneath`` holds the converted layer's rows by lemma (coding/converted.py); a lemma's rows are
    parsed, filtered by the layering rule and cached the first time the lemma is asked for."""

    def __init__(
        self, patterns: Iterable[Pattern], beneath: Mapping[str, tuple[Row, ...]] | None = None
    ) -> None:
        index: defaultdict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            index[(pattern.lemma, pattern.pos)].append(pattern)
        self._index = {key: tuple(sorted(found, key=_order)) for key, found in index.items()}
        self._signatures = frozenset(p.signature for found in self._index.values() for p in found)
        self._beneath = beneath or {}
        self._senses: dict[tuple[str, str], tuple[Pattern, ...]] = {}
        self._events: dict[tuple[str, str], tuple[Pattern, ...]] = {}

    def senses(self, lemma: str, pos: Pos) -> tuple[Pattern, ...]:
        """Every pattern of a predicate in the order to try them, senses that are no event included:
        the first that matches decides, and if it is no event (``Pattern.event``) nothing is coded."""
        key = (lemma.lower(), pos)
        found = self._senses.get(key)
        if found is None:
            found = self._senses[key] = self._index.get(key, ()) + self._layer(key[0], pos)
        return found

    def candidates(self, lemma: str, pos: Pos) -> tuple[Pattern, ...]:
        """The event patterns of a predicate, in the order to try them (``senses`` less non-events)."""
        key = (lemma.lower(), pos)
        found = self._events.get(key)
        if found is None:
            found = self._events[key] = tuple(p for p in self.senses(lemma, pos) if p.event)
        return found

    def _layer(self, lemma: str, pos: Pos) -> tuple[Pattern, ...]:
        """The converted patterns of a predicate that the layering rule keeps, most specific first."""
        rows = self._beneath.get(lemma, ()) if pos == "verb" else ()
        covered = (lemma, pos) in self._index
        kept = []
        for row in rows:
            pattern = parse_pattern(
                row.text, code=row.code, pos=pos, symmetric=row.symmetric, origin=row.origin, converted=True
            )
            if pattern.signature not in self._signatures and (pattern.specificity or not covered):
                kept.append(pattern)
        return tuple(sorted(kept, key=_order))

    def lemmas(self, roots: frozenset[str] | None = None) -> frozenset[str]:
        """Every predicate's lemma, verb or noun, own or converted, events and non-events alike; with
        ``roots``, those of a predicate with a bare pattern (the word alone, nothing else required) of
        one of these CAMEO roots ("18", "19")."""
        if roots is None:
            return frozenset(lemma for lemma, _ in self._index) | frozenset(self._beneath)
        own = {
            lemma
            for (lemma, _), found in self._index.items()
            if any(p.code[:2] in roots and not p.specificity for p in found)
        }
        converted = {
            lemma
            for lemma, rows in self._beneath.items()
            if any(r.code[:2] in roots and len(r.text.split()) == 1 for r in rows)
        }
        return frozenset(own | converted)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __iter__(self) -> Iterator[Pattern]:
        keys = set(self._index) | {(lemma, "verb") for lemma in self._beneath}
        for lemma, pos in sorted(keys):
            yield from self.senses(lemma, "verb" if pos == "verb" else "noun")


def _line(origin: str, node: yaml.Node) -> str:
    return f"{origin}:{node.start_mark.line + 1}"


def _scalar(node: yaml.Node, *, name: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _fail(_line(name, node), f"{what} must be a single value", hint="see data/dictionary/01.yaml")
    return str(node.value)


def _entry_code(fields: dict[str, yaml.Node], entry: yaml.Node, *, name: str, root: str | None) -> str:
    if "code" not in fields:
        raise _fail(_line(name, entry), "entry has no 'code'", hint='add code: "NNN" from cameo_codes.json')
    code = _scalar(fields["code"], name=name, what="'code'")
    where = _line(name, fields["code"])
    if (code == NO_EVENT) != (root == NO_EVENT_ROOT) and root is not None:
        hint = f'senses that are no event go to {NO_EVENT_ROOT}.yaml with code: "{NO_EVENT}"'
        raise _fail(where, f"code '{code}' is not allowed in {name}", hint=hint)
    if code == NO_EVENT:
        return code
    if not is_code(code):
        raise _fail(where, f"unknown CAMEO code '{code}'", hint="quote the code and run 'overtures codes'")
    if root is not None and not code.startswith(root):
        raise _fail(where, f"code '{code}' is not in root {root}", hint=f"move the entry to {code[:2]}.yaml")
    return code


def _entry_fields(entry: yaml.Node, *, name: str) -> dict[str, yaml.Node]:
    if not isinstance(entry, yaml.MappingNode):
        raise _fail(_line(name, entry), "each entry must be a mapping with 'code' and 'verbs' or 'nouns'")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in entry.value:
        key = _scalar(key_node, name=name, what="a key")
        if key not in _KEYS:
            raise _fail(_line(name, key_node), f"unknown key '{key}'", hint=f"use one of {sorted(_KEYS)}")
        if key in fields:
            raise _fail(_line(name, key_node), f"key '{key}' given twice in one entry", hint="merge them")
        fields[key] = value_node
    return fields


def _flag(fields: dict[str, yaml.Node], key: str, *, name: str) -> bool:
    node = fields.get(key)
    if node is None:
        return False
    value = _scalar(node, name=name, what=f"'{key}'").lower()
    if value not in {"true", "false"}:
        raise _fail(_line(name, node), f"{key} must be true or false, got '{value}'", hint="")
    return value == "true"


def _entry_patterns(
    entry: yaml.Node, *, name: str, root: str | None, converted: bool = False
) -> Iterator[Pattern]:
    fields = _entry_fields(entry, name=name)
    code = _entry_code(fields, entry, name=name, root=root)
    symmetric, stative = _flag(fields, "symmetric", name=name), _flag(fields, "stative", name=name)
    if "verbs" not in fields and "nouns" not in fields:
        raise _fail(_line(name, entry), f"entry for '{code}' has no 'verbs' or 'nouns'", hint="add patterns")
    for key, pos in _LISTS:
        listing = fields.get(key)
        if listing is None:
            continue
        if not isinstance(listing, yaml.SequenceNode):
            where = _line(name, listing)
            raise _fail(where, f"'{key}' must be a list of pattern strings", hint='["meet @with"]')
        for item in listing.value:
            text = _scalar(item, name=name, what="a pattern")
            origin = _line(name, item)
            yield parse_pattern(
                text,
                code=code,
                pos=pos,
                symmetric=symmetric,
                stative=stative,
                origin=origin,
                converted=converted,
            )


def parse_dictionary_text(
    text: str, *, name: str, root: str | None = None, converted: bool = False
) -> list[Pattern]:
    """Parse one dictionary file's text; ``name`` is used in error locations, ``root`` limits codes,
    ``converted`` marks the patterns of the layer beneath overtures' own."""
    try:
        document = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or exc
        raise _fail(where, f"not valid YAML ({problem})", hint="fix the YAML syntax") from exc
    if document is None:
        return []
    if not isinstance(document, yaml.SequenceNode):
        raise _fail(_line(name, document), "a dictionary file must be a list of entries")
    patterns: list[Pattern] = []
    for entry in document.value:
        patterns.extend(_entry_patterns(entry, name=name, root=root, converted=converted))
    return patterns


def _merge(patterns: Iterable[Pattern], into: dict[str, Pattern]) -> dict[str, Pattern]:
    """Add patterns keyed by signature; the same pattern twice in one source is an error."""
    added: dict[str, Pattern] = {}
    for pattern in patterns:
        earlier = added.get(pattern.signature)
        if earlier is not None:
            raise _fail(
                pattern.origin,
                f"duplicate pattern '{pattern.text}' (code {pattern.code}) already at {earlier.origin} "
                f"(code {earlier.code})",
                hint="keep it under one code only",
            )
        added[pattern.signature] = pattern
    return into | added


def folder_patterns(folder: Traversable, *, prefix: str = "", converted: bool = False) -> list[Pattern]:
    """The patterns of every ``NN.yaml`` in a package folder, each file limited to its root's codes."""
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".yaml")), key=lambda i: i.name)
    if not files:
        raise DataFileError(
            f"No dictionary files in {prefix or 'the package data'}", hint="reinstall overtures"
        )
    patterns: list[Pattern] = []
    for item in files:
        stem, name = item.name.removesuffix(".yaml"), prefix + item.name
        text = item.read_text(encoding="utf-8")
        patterns.extend(parse_dictionary_text(text, name=name, root=stem, converted=converted))
    return patterns


@lru_cache(maxsize=1)
def _builtin_patterns() -> dict[str, Pattern]:
    return _merge(folder_patterns(resources.files("overtures") / "data" / "dictionary"), {})


def load_dictionary(extra: Path | None = None) -> Dictionary:
    """The built-in dictionary plus an optional user file whose patterns add to or replace built-ins."""
    patterns = _builtin_patterns()
    if extra is not None:
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"Cannot read dictionary file {extra}: {exc}", hint="check the path") from exc
        patterns = _merge(parse_dictionary_text(text, name=str(extra)), patterns)
    return Dictionary(patterns.values(), beneath=converted_rows())
