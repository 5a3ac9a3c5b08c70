"""The converted PETRARCH2/Phoenix layer of the knowledge base, consulted beneath overtures' own entries.

The ``phoenix_*.tsv`` files (written by scripts/petrarch2_actors.py, one record a line) hold some 21,000
actors; building an entry for each at start-up would cost more than the rest of the knowledge base. So
the files are only split into names at load time, and a record becomes an ``ActorEntry`` the first time a
text names it. Own entries win: a name they hold is never looked up here, and a record that shares any
name with a different own entry (the same person or group, with newer roles) is dropped whole.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable

from overtures.actors.entries import ActorEntry, EntryKind, MatchHow, Role, phrase_pieces
from overtures.errors import DataFileError

KINDS: dict[str, EntryKind] = {"country": "country", "igo": "igo", "group": "group", "person": "person"}
_LINES = 10_000_000  # lines a file may have, and forms a record may have: the factors of a name's place
_FORMS = 1024
_PLAIN = re.compile(r"[A-Za-z0-9 |]+")  # forms (and "|" between them) that need no normalising


@dataclass(frozen=True, kw_only=True)
class BaseRecord:
    """One converted record, its roles still as text until first needed."""

    source: str
    line: int
    kind: EntryKind
    key: str
    forms: tuple[str, ...]
    roles: str


def form_key(form: str) -> tuple[bool, tuple[str, ...]]:
    """How a converted form is indexed: (exact case?, pieces). Forms in capitals are acronyms; the
    converter writes other forms in title case with no capital inside a word, so they are indexed in
    lower case; plain forms skip the general normalisation (most of them: it is the load-time cost)."""
    exact = form.isupper()
    if _PLAIN.fullmatch(form) and "|" not in form:
        return exact, tuple((form if exact else form.lower()).split())
    pieces = phrase_pieces(form)
    return exact, pieces if exact else tuple(p.lower() for p in pieces)


class BaseLayer:
    """Names of the converted actor files -> records, and the converted agent words -> sectors."""

    def __init__(self) -> None:
        self._files: list[tuple[str, list[str]]] = []  # (source, lines) of each converted actor file
        # name -> where it is: (file * _LINES + line index) * _FORMS + form position, one int (fast to build)
        self.exact: dict[tuple[str, ...], int] = {}  # acronyms, in their pieces
        self.names: dict[tuple[str, ...], int] = {}  # other names, in lower-cased pieces
        self.sectors: dict[str, str] = {}
        self.blocked: set[tuple[str, ...]] = set()  # 'place' lines: phrases matched whole, naming no actor
        self.dropped: set[int] = set()  # records (file * _LINES + line index) overridden by an own entry
        self._records: dict[int, BaseRecord] = {}
        self._entries: dict[int, ActorEntry] = {}

    def add_actors(self, text: str, source: str) -> None:
        """Index the names of one converted actor file; the first file to hold a name keeps it. Only the
        names are read now: a record is parsed (and checked) when a text first names it."""
        exact, names = self.exact, self.names
        lines = text.splitlines()
        first = len(self._files) * _LINES
        self._files.append((source, lines))
        for number, line in enumerate(lines):
            if not line or line[0] == "#":
                continue
            fields = line.split("\t")
            if fields[0] == "place" and len(fields) == 4:
                self.blocked.add(tuple(p.lower() for p in phrase_pieces(fields[2])))
                continue
            if len(fields) != 4 or not fields[2] or fields[2].count("|") >= _FORMS:
                self.record(first + number)  # raises, naming the line
            ref = (first + number) * _FORMS
            if _PLAIN.fullmatch(fields[2]):  # most records: no punctuation to normalise
                for position, form in enumerate(fields[2].split("|")):
                    if form.isupper():
                        exact.setdefault(tuple(form.split()), ref + position)
                    else:
                        names.setdefault(tuple(form.lower().split()), ref + position)
                continue
            for position, form in enumerate(fields[2].split("|")):
                is_exact, key = form_key(form)
                (exact if is_exact else names).setdefault(key, ref + position)

    def record(self, index: int) -> BaseRecord:
        """The record on one indexed line (file * _LINES + line index), checked."""
        found = self._records.get(index)
        if found is not None:
            return found
        source, lines = self._files[index // _LINES]
        number = index % _LINES
        fields = lines[number].split("\t")
        if len(fields) != 4 or fields[0] not in KINDS or not fields[2] or fields[2].count("|") >= _FORMS:
            raise DataFileError(
                f"{source}, line {number + 1}: expected kind, key, forms and roles separated by tabs",
                hint="regenerate the file with scripts/petrarch2_actors.py",
            )
        forms = tuple(fields[2].split("|"))
        found = BaseRecord(
            source=source, line=number + 1, kind=KINDS[fields[0]], key=fields[1], forms=forms, roles=fields[3]
        )
        self._records[index] = found
        return found

    def add_agents(self, text: str, source: str) -> None:
        """Read a converted agents file: one word or phrase and its sector a line."""
        for number, line in enumerate(text.splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            word, _, sector = line.partition("\t")
            if not sector:
                raise DataFileError(
                    f"{source}, line {number}: expected a phrase, a tab and a sector", hint=""
                )
            self.sectors[word] = sector

    def drop_overridden(self, own: dict[tuple[str, ...], str]) -> None:
        """Drop every record that holds a name of an own entry of another key (``own``: lower-cased
        names -> own keys). Countries excepted: a converted country record is the same country, and only
        the shared name goes to the own entry."""
        for lowered, owner in own.items():
            upper = tuple(p.upper() for p in lowered)
            for found in (self.names.get(lowered), self.exact.get(upper)):
                if found is None:
                    continue
                record = self.record(found // _FORMS)
                if record.key != owner and record.kind != "country":
                    self.dropped.add(found // _FORMS)

    def find(
        self, pieces: tuple[str, ...], lowered: tuple[str, ...]
    ) -> tuple[ActorEntry, str, MatchHow] | None:
        """The entry a name stands for, the form matched and how; None when no kept record holds it."""
        found = self.exact.get(pieces)
        if found is None:
            found = self.names.get(lowered)
        if found is None or found // _FORMS in self.dropped:
            return None
        index, position = divmod(found, _FORMS)
        record = self.record(index)
        entry = self._entries.get(index)
        if entry is None:
            entry = self._entries[index] = _entry(record)
        form = record.forms[position]
        how: MatchHow = "acronym" if form.isupper() else "alias" if position else "name"
        return entry, form, "person" if record.kind == "person" else how

    def keys(self) -> list[tuple[str, ...]]:
        """Every indexed name (lower case), for the matcher's first-word and length tables."""
        return [*self.names, *(tuple(p.lower() for p in k) for k in self.exact)]


def _entry(record: BaseRecord) -> ActorEntry:
    """The entry of a converted record, its roles parsed."""
    try:
        roles = tuple(_role(text) for text in record.roles.split(";"))
    except ValueError as exc:
        raise DataFileError(
            f"{record.source}, line {record.line}: bad role: {exc}",
            hint="regenerate the file with scripts/petrarch2_actors.py",
        ) from None
    return ActorEntry(key=record.key, name=record.forms[0], kind=record.kind, roles=roles)


def _role(text: str) -> Role:
    """code,country,sector,from,to (dates YYYYMMDD or empty) as a Role."""
    code, country, sector, start, end = text.split(",")
    return Role(
        country=country or None,
        sector=sector or None,
        code=code,
        valid_from=_day(start),
        valid_to=_day(end),
    )


def _day(text: str) -> date | None:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text else None


# converted from PETRARCH2/Phoenix by scripts/petrarch2_actors.py; loaded beneath the own YAML files
BASE_FILES = ("phoenix_countries.tsv", "phoenix_international.tsv", "phoenix_milnonstate.tsv")
# The converted agent words (phoenix_agents.tsv) are shipped but not loaded: on the UCDP dev set they lifted
# the looked-at F1 (0.759 -> 0.763) but lowered the held-aside F1 (0.745 -> 0.734) and the located share and
# country accuracy of places; name the file here to load them beneath sectors.yaml.
BASE_AGENTS: tuple[str, ...] = ()


def load_base_layer() -> BaseLayer:
    """The converted PETRARCH2/Phoenix files shipped in the package (those present), in fixed order."""
    folder = resources.files("overtures") / "data" / "actors"
    base = BaseLayer()
    with no_cyclic_gc():  # tens of thousands of name tuples, none cyclic: collecting them doubles the time
        _add_base_files(base, folder)
    return base


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (if on) while a block builds many acyclic objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _add_base_files(base: BaseLayer, folder: Traversable) -> None:
    """Add the converted files present in ``folder`` to ``base``, in fixed order."""
    for name in BASE_FILES:
        if (folder / name).is_file():
            base.add_actors((folder / name).read_text(encoding="utf-8"), f"overtures/data/actors/{name}")
    for name in BASE_AGENTS:
        base.add_agents((folder / name).read_text(encoding="utf-8"), f"overtures/data/actors/{name}")
