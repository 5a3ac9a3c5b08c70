"""Read and validate one actor data file (YAML), keeping line numbers so errors can name them.

A file has any of the sections ``countries``, ``igos``, ``groups``, ``people``, ``sectors`` and
``not_actors``; the package files each hold one, a user's extra file may hold all. Every mistake raises
DataFileError naming the file, the line and what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from overtures.actors.entries import ActorEntry, MatchHow, Role, is_acronym, is_case_sensitive, phrase_pieces
from overtures.actors.kbyaml import NodeReader, compose_file
from overtures.errors import DataFileError

SECTIONS = ("countries", "igos", "groups", "people", "sectors", "not_actors")


@dataclass(frozen=True, kw_only=True)
class AliasSpec:
    """One written form of an entry, how it relates to the entry, and the line it was read from."""

    text: str
    how: MatchHow
    line: int


@dataclass(frozen=True, kw_only=True)
class EntrySpec:
    """An entry as read from a file: ``record`` is the key a user file overrides it by."""

    section: str
    record: str
    entry: ActorEntry
    aliases: tuple[AliasSpec, ...]
    line: int


@dataclass(frozen=True, kw_only=True)
class ActorFile:
    """The validated contents of one actor data file."""

    source: str
    entries: tuple[EntrySpec, ...]
    sectors: dict[str, str | None]
    not_actors: tuple[str, ...]


def _alias_specs(reader: NodeReader, f: dict[str, Node], name: str, name_line: int) -> list[AliasSpec]:
    """The name and the aliases of a record, acronyms told apart by their spelling."""
    specs = [AliasSpec(text=name, how="name", line=name_line)]
    for text, line in reader.strings(f.get("aliases"), "an alias"):
        how: MatchHow = "acronym" if is_acronym(phrase_pieces(text)) else "alias"
        specs.append(AliasSpec(text=text, how=how, line=line))
    return specs


def _spec(section: str, record: str, entry: ActorEntry, aliases: list[AliasSpec], line: int) -> EntrySpec:
    return EntrySpec(section=section, record=record, entry=entry, aliases=tuple(aliases), line=line)


def _country(reader: NodeReader, node: Node) -> list[EntrySpec]:
    """A country record: the country itself, its capital and its metonyms, each an entry of its own."""
    f = reader.fields(node, "countries")
    a3 = reader.country(f["alpha3"])
    assert a3 is not None
    name, line = reader.text(f["name"], "name"), f["name"].start_mark.line + 1
    aliases = _alias_specs(reader, f, name, line)
    for field in ("demonyms", "plurals"):
        aliases += [AliasSpec(text=t, how="demonym", line=n) for t, n in reader.strings(f.get(field), field)]
    plain = Role(country=a3, sector=None, code=a3)
    specs = [
        _spec("countries", a3, ActorEntry(key=a3, name=name, kind="country", roles=(plain,)), aliases, line)
    ]
    capitals = reader.strings(f.get("capital"), "a capital")
    if capitals:
        gov = Role(country=a3, sector="GOV", code=a3 + "GOV")
        entry = ActorEntry(key=f"{a3}/capital", name=capitals[0][0], kind="capital", roles=(gov,))
        specs.append(
            _spec(
                "countries", a3, entry, [AliasSpec(text=t, how="capital", line=n) for t, n in capitals], line
            )
        )
    specs += _metonyms(reader, f.get("metonyms"), a3, line)
    return specs


def _metonyms(reader: NodeReader, node: Node | None, a3: str, line: int) -> list[EntrySpec]:
    """Metonyms by sector: {GOV: [Kremlin], MIL: [Pentagon]}; each phrase is an entry."""
    if node is None:
        return []
    if not isinstance(node, MappingNode):
        raise reader.fail(node, "metonyms must map sectors to phrases", "write {GOV: [Kremlin]}")
    specs = []
    for key_node, value_node in node.value:
        sector = reader.sector(key_node)
        role = Role(country=a3, sector=sector, code=a3 + (sector or ""))
        for text, n in reader.strings(value_node, "a metonym"):
            entry = ActorEntry(key=f"{a3}/{text}", name=text, kind="metonym", roles=(role,))
            specs.append(_spec("countries", a3, entry, [AliasSpec(text=text, how="metonym", line=n)], line))
    return specs


def _named(reader: NodeReader, node: Node, section: str) -> tuple[dict[str, Node], str, str, int]:
    """The fields, key, name and line shared by igo, group and person records."""
    f = reader.fields(node, section)
    name = reader.text(f["name"], "name")
    key = reader.text(f["key"], "key") if "key" in f else name
    return f, key, name, f["name"].start_mark.line + 1


def _igo(reader: NodeReader, node: Node) -> list[EntrySpec]:
    """An international organisation: no country, sector IGO (or NGO) and its CAMEO code."""
    f, key, name, line = _named(reader, node, "igos")
    sector = reader.sector(f["sector"]) if "sector" in f else "IGO"
    role = Role(country=reader.country(f.get("country")), sector=sector, code=reader.text(f["code"], "code"))
    entry = ActorEntry(key=key, name=name, kind="igo", roles=(role,))
    return [_spec("igos", key, entry, _alias_specs(reader, f, name, line), line)]


def _group(reader: NodeReader, node: Node) -> list[EntrySpec]:
    """A named non-state group with dated roles."""
    f, key, name, line = _named(reader, node, "groups")
    roles = tuple(reader.roles(f["roles"]))
    entry = ActorEntry(key=key, name=name, kind="group", roles=roles)
    return [_spec("groups", key, entry, _alias_specs(reader, f, name, line), line)]


def _person(reader: NodeReader, node: Node) -> list[EntrySpec]:
    """A person with dated offices; the time before, between and after them is filled with plain roles."""
    f, key, name, line = _named(reader, node, "people")
    home = reader.country(f["country"])
    roles = with_gaps_filled(reader.roles(f["roles"], home), home)
    entry = ActorEntry(key=key, name=name, kind="person", roles=tuple(roles))
    aliases = [AliasSpec(text=a.text, how="person", line=a.line) for a in _alias_specs(reader, f, name, line)]
    return [_spec("people", key, entry, aliases, line)]


def with_gaps_filled(offices: list[Role], home: str | None) -> list[Role]:
    """Offices plus sector-less roles of the home country before, between and after them ("ex-" roles)."""
    roles: list[Role] = []
    cursor: date | None = None
    first = True
    for office in offices:
        start = office.valid_from
        if start is not None and (first or (cursor is not None and cursor < start)):
            gap_end = start - timedelta(days=1)
            title = None if first else f"former {roles[-1].title}" if roles[-1].title else None
            roles.append(
                Role(
                    country=home,
                    sector=None,
                    code=home or "",
                    title=title,
                    valid_from=cursor,
                    valid_to=gap_end,
                )
            )
        roles.append(office)
        first = False
        if office.valid_to is None:
            return roles
        after = office.valid_to + timedelta(days=1)
        cursor = after if cursor is None else max(cursor, after)
    last = f"former {offices[-1].title}" if offices[-1].title else None
    roles.append(Role(country=home, sector=None, code=home or "", title=last, valid_from=cursor))
    return roles


def _sectors(reader: NodeReader, node: Node) -> dict[str, str | None]:
    """Words and titles by sector code; the code ``none`` lists words that name no actor."""
    if not isinstance(node, MappingNode):
        raise reader.fail(node, "sectors must map codes to word lists", "write GOV: [president, minister]")
    out: dict[str, str | None] = {}
    for key_node, value_node in node.value:
        code = None if reader.value(key_node) == "none" else reader.sector(key_node)
        for word, _ in reader.strings(value_node, "a sector word"):
            out[" ".join(word.lower().split())] = code
    return out


_READERS = {"countries": _country, "igos": _igo, "groups": _group, "people": _person}


def read_actor_file(text: str, source: str) -> ActorFile:
    """Parse and validate the text of one actor data file; ``source`` names it in error messages."""
    reader = NodeReader(source)
    root = compose_file(text, source)
    if root is None:
        return ActorFile(source=source, entries=(), sectors={}, not_actors=())
    if not isinstance(root, MappingNode):
        raise reader.fail(
            root, "the file must be a mapping of sections", f"use sections: {', '.join(SECTIONS)}"
        )
    entries: list[EntrySpec] = []
    sectors: dict[str, str | None] = {}
    not_actors: list[str] = []
    for key_node, value_node in root.value:
        section = str(reader.value(key_node))
        if section not in SECTIONS:
            raise reader.fail(key_node, f"unknown section '{section}'", f"use one of: {', '.join(SECTIONS)}")
        if section == "sectors":
            sectors |= _sectors(reader, value_node)
        elif section == "not_actors":
            not_actors += [t for t, _ in reader.strings(value_node, "a phrase")]
        else:
            entries += _section(reader, value_node, section)
    _check_duplicate_aliases(reader, entries)
    return ActorFile(source=source, entries=tuple(entries), sectors=sectors, not_actors=tuple(not_actors))


def _section(reader: NodeReader, node: Node, section: str) -> list[EntrySpec]:
    """All records of one entry section."""
    if isinstance(node, ScalarNode) and reader.value(node) is None:
        return []
    if not isinstance(node, SequenceNode):
        raise reader.fail(node, f"section '{section}' must be a list of records", "start each with '- '")
    return [spec for item in node.value for spec in _READERS[section](reader, item)]


def alias_index_key(text: str) -> tuple[bool, tuple[str, ...]]:
    """How an alias is indexed: (case-sensitive?, pieces); acronyms exactly, other names lower-cased."""
    pieces = phrase_pieces(text)
    if is_case_sensitive(pieces):
        return True, pieces
    return False, tuple(p.lower() for p in pieces)


def _check_duplicate_aliases(reader: NodeReader, entries: list[EntrySpec]) -> None:
    """Raise if one alias names two different entries within this file."""
    seen: dict[tuple[bool, tuple[str, ...]], tuple[str, int]] = {}
    for spec in entries:
        for alias in spec.aliases:
            index_key = alias_index_key(alias.text)
            first = seen.setdefault(index_key, (spec.entry.key, alias.line))
            if first[0] != spec.entry.key:
                raise DataFileError(
                    f"{reader.source}, line {alias.line}: alias '{alias.text}' names both "
                    f"'{first[0]}' (line {first[1]}) and '{spec.entry.key}'",
                    hint="remove it from one entry, or give a longer, unambiguous form",
                )


__all__ = ["ActorFile", "AliasSpec", "EntrySpec", "SECTIONS", "alias_index_key", "read_actor_file"]
