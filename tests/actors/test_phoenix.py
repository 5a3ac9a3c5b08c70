"""The PETRARCH2/Phoenix converter (scripts/petrarch2_actors.py) and the converted knowledge-base layer.

Samples are hand-written in the PETRARCH dictionary format with made-up names; the last test re-runs the
converter on the real dictionaries and checks the shipped files are byte for byte what it writes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overtures.actors.kb import KnowledgeBase, load_kb
from overtures.actors.kbbase import BaseLayer
from overtures.actors.kbfile import read_actor_file
from overtures.errors import DataFileError
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[2]
PHOENIX = ROOT.parent / "shared" / "dictionaries" / "petrarch2"


conv = load_script("petrarch2_actors")

SAMPLE = """\
# a sample in the PETRARCH actor format
MARIKA_OSTENBERG_  # CountryInfo.txt
+PRESIDENT_OSTENBERG_
+OSTENBERG_
\t[FINELI 19900101-050301]
\t[FINGOV >050302]
\t[FIN]
NORTHERN_VALE_DEFENCE_LEAGUE_(NVDL)_ [TMPREB] # made up
+VALE_LEAGUE_ +VALE_DEFENCE_FRONT_

TOMAS_KARVELLO_\t[KSVGOV 080101-121231] [KSVELI]
BROKEN_RECORD_ [KKLREB]
ANNA_VIRTA_
VIRTA_
\t[FINLEG >100101]
"""


# --- the line and record parser ----------------------------------------------------------------------


def test_records_gather_synonyms_and_restrictions() -> None:
    records = list(conv.read_actor_records(SAMPLE.splitlines()))
    assert [r.phrases[0] for r in records] == [
        "MARIKA_OSTENBERG_",
        "NORTHERN_VALE_DEFENCE_LEAGUE_(NVDL)_",
        "TOMAS_KARVELLO_",
        "BROKEN_RECORD_",
        "ANNA_VIRTA_",
    ]
    first = records[0]
    assert first.phrases[1:] == ["PRESIDENT_OSTENBERG_", "OSTENBERG_"]
    assert first.default == "FIN"
    assert first.dated == [("FINELI", date(1990, 1, 1), date(2005, 3, 1)), ("FINGOV", date(2005, 3, 2), None)]


def test_primary_lines_without_codes_share_the_codes_that_follow() -> None:
    virta = list(conv.read_actor_records(SAMPLE.splitlines()))[-1]
    assert virta.phrases == ["ANNA_VIRTA_", "VIRTA_"]
    assert virta.dated == [("FINLEG", date(2010, 1, 1), None)]


def test_plus_inside_a_synonym_line_starts_another_synonym() -> None:
    league = list(conv.read_actor_records(SAMPLE.splitlines()))[1]
    assert league.phrases == ["NORTHERN_VALE_DEFENCE_LEAGUE_(NVDL)_", "VALE_LEAGUE_", "VALE_DEFENCE_FRONT_"]
    assert league.default == "TMPREB"


def test_codes_on_the_phrase_line_are_restrictions_too() -> None:
    karvello = list(conv.read_actor_records(SAMPLE.splitlines()))[2]
    assert karvello.dated == [("KSVGOV", date(2008, 1, 1), date(2012, 12, 31))]
    assert karvello.default == "KSVELI"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AFGGOV", ("AFGGOV", None, None)),
        ("AFGGOV >011222", ("AFGGOV", date(2001, 12, 22), None)),
        ("USAGOV <19450412", ("USAGOV", None, date(1945, 4, 12))),
        ("USAELI 18970101-450703", ("USAELI", date(1897, 1, 1), date(1945, 7, 3))),
        (
            "KORGOV 2004017-20061201",
            None,
        ),  # a seven-digit date is a misprint: no role rather than a wrong one
        ("AFGGOV 050101-040101", None),  # ends before it starts
        ("", None),
    ],
)
def test_restrictions(text: str, expected: tuple[str, date | None, date | None] | None) -> None:
    assert conv.parse_restriction(text) == expected


@given(
    st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 12, 31)),
    st.dates(min_value=date(1000, 1, 1)),
    st.booleans(),
)
def test_restriction_dates_round_trip(start: date, end: date, short: bool) -> None:
    """Any date written as YYYYMMDD, or as YYMMDD within 1931-2030, reads back as itself."""
    first = start.strftime("%y%m%d" if short else "%Y%m%d")
    assert conv.parse_restriction(f"XYZGOV >{first}") == ("XYZGOV", start, None)
    assert conv.parse_restriction(f"XYZGOV <{end:%Y%m%d}") == ("XYZGOV", None, end)
    span = conv.parse_restriction(f"XYZGOV {first}-{end:%Y%m%d}")
    assert span == (("XYZGOV", start, end) if start <= end else None)


@given(st.text(alphabet="ABC019<>-_ +[]\t#", max_size=40))
def test_the_line_parser_never_fails_on_odd_lines(line: str) -> None:
    """Any line reads as records or nothing; restrictions are only kept when they parse."""
    for record in conv.read_actor_records([line, "+" + line, "\t" + line]):
        assert all(isinstance(code, str) for code, _, _ in record.dated)


# --- codes, roles and names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "country", "sector", "written"),
    [
        ("AFGGOVBUS", "AFG", "GOV", "AFGGOV"),
        ("TMPREB", "TLS", "REB", "TLSREB"),  # non-ISO CAMEO codes map to ISO
        ("KSVMIL", "XKX", "MIL", "XKXMIL"),
        ("USRGOV", "RUS", "GOV", "RUSGOV"),
        ("IGOUNOKID", None, "IGO", "IGOUNOKID"),  # organisations keep their code
        ("IMGMUSALQ", None, "IMG", "IMGMUSALQ"),
        ("MEAREB", None, "REB", "REB"),  # a region gives no country
        ("ELI", None, "ELI", "ELI"),
        ("IRNMUS", "IRN", "REL", "IRNREL"),  # religion codes are the religious sector
    ],
)
def test_codes_map_onto_country_and_sector(code: str, country: str | None, sector: str, written: str) -> None:
    role = conv.map_code(code)
    assert (role.country, role.sector, role.code) == (country, sector, written)


@pytest.mark.parametrize("code", ["KKLREB", "---", "", "XYZ"])
def test_unknown_codes_give_no_role(code: str) -> None:
    assert conv.map_code(code) is None


def test_time_around_dated_roles_is_filled_with_the_default() -> None:
    record = list(conv.read_actor_records(SAMPLE.splitlines()))[0]
    roles = [(r.code, r.start, r.end) for r in conv.dated_roles(record)]
    assert roles == [
        ("FIN", None, date(1989, 12, 31)),
        ("FINELI", date(1990, 1, 1), date(2005, 3, 1)),
        ("FINGOV", date(2005, 3, 2), None),
    ]


def test_without_a_default_the_gaps_get_the_country_alone() -> None:
    record = conv.Record(phrases=["X"], line=1, dated=[("NORGOV", date(2001, 1, 1), date(2004, 6, 30))])
    roles = [(r.code, r.sector, r.start, r.end) for r in conv.dated_roles(record)]
    assert roles == [
        ("NOR", None, None, date(2000, 12, 31)),
        ("NORGOV", "GOV", date(2001, 1, 1), date(2004, 6, 30)),
        ("NOR", None, date(2004, 7, 1), None),
    ]


def test_written_forms_title_case_names_and_keep_acronyms() -> None:
    forms = conv.written_forms(
        ["NORTHERN_VALE_DEFENCE_LEAGUE_(NVDL)_", "THE_VALE_LEAGUE", "NVL", "M23", "U.N."]
    )
    assert forms == ["NVDL", "Northern Vale Defence League", "Vale League", "NVL", "M23", "UN"]


def test_initials_of_a_leading_run_of_words_make_an_acronym() -> None:
    forms = conv.written_forms(["FUERZAS_ARMADAS_REVOLUCIONARIAS_DE_COLOMBIA_-_EJERCITO_DEL_PUEBLO", "FARC"])
    assert "FARC" in forms


# --- filtering rules ---------------------------------------------------------------------------------

WORDS = conv.Words(
    english=frozenset({"chad", "bush", "rice", "president", "league", "the"}),
    discards=frozenset({"world cup"}),
    given_names=frozenset({"marika", "tomas"}),
    agents=frozenset({"army", "party"}),
)


@pytest.mark.parametrize(
    ("form", "person", "kept"),
    [
        ("Chad", False, False),  # an English word alone
        ("Rice", True, False),
        ("Marika", True, False),  # a given name alone
        ("Marika", False, True),  # ... is only dropped for people
        ("Ostenberg", True, True),  # a surname that is no word
        ("Marika Ostenberg", True, True),
        ("President Ostenberg", True, True),
        ("World Cup", False, False),  # a Phoenix discard
        ("NVDL", False, True),
        ("IS", False, False),  # an acronym that is a function word
        ("Us Vi", False, False),  # nothing but short words
        ("Samoa, American", False, False),  # an inverted index form
        ("X", False, False),
    ],
)
def test_filtering_rules(form: str, person: bool, kept: bool) -> None:
    assert conv.keep_form(form, person, WORDS) is kept


def test_a_form_shared_by_records_with_different_roles_is_dropped() -> None:
    gov = [conv.RoleOut("FINGOV", "FIN", "GOV")]
    one = conv.Converted("person", "a", ["Marika Ostenberg", "Ostenberg"], gov)
    two = conv.Converted(
        "person", "b", ["Jon Ostenberg", "Ostenberg"], [conv.RoleOut("FINLEG", "FIN", "LEG")]
    )
    conv.drop_ambiguous([one, two])
    assert one.forms == ["Marika Ostenberg"] and two.forms == ["Jon Ostenberg"]


def test_a_dated_record_named_with_an_agent_noun_is_a_group_not_a_person() -> None:
    record = conv.Record(phrases=["VALE_PEOPLES_ARMY"], line=3, dated=[("FINREB", date(2001, 1, 1), None)])
    assert conv.convert_record(record, "sample", "countries", WORDS.agents).kind == "group"


def test_agents_expand_markers_and_list_irregular_plurals() -> None:
    lines = [
        "!PERSON! = MAN, WOMAN",
        "HERDS!PERSON! [~AGR]",
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]",
        "TRUCE_MONITOR [IGO~]",
        "IMAM [~MUS]",
        "SOMETHING [~XYZ]",
    ]
    assert list(conv.read_agents(lines)) == [
        ("herdsman", "AGR"),
        ("herdswoman", "AGR"),
        ("attorney general", "GOV"),
        ("attorneys general", "GOV"),
        ("truce monitor", "IGO"),
        ("imam", "REL"),
    ]


# --- the converted layer beneath own entries ---------------------------------------------------------

OWN = """\
people:
  - name: Marika Ostenberg
    country: FIN
    roles:
      - {sector: GOV, title: president, from: 2005-03-02, to: 2017-03-01}
groups:
  - key: vale
    name: Vale League
    roles:
      - {country: FIN, sector: OPP}
sectors:
  MIL: [troops]
"""
BASE = (
    "# converted sample\n"
    "person\ts:1\tMarika Ostenberg|Ostenberg|President Ostenberg\t"
    "FIN,FIN,,,20050301;FINGOV,FIN,GOV,20050302,\n"
    "group\ts:2\tNorthern Vale Defence League|NVDL\tTLSREB,TLS,REB,,\n"
    "person\ts:3\tTomas Karvello|Karvello\t"
    "XKX,XKX,,,20071231;XKXGOV,XKX,GOV,20080101,20121231;XKXELI,XKX,ELI,20130101,\n"
    "place\t-\tPort Karvello\t\n"
)
AGENTS = "border patrol\tCOP\ntroop\tCOP\n"


@pytest.fixture(scope="module")
def layered() -> KnowledgeBase:
    base = BaseLayer()
    base.add_actors(BASE, "sample.tsv")
    base.add_agents(AGENTS, "agents.tsv")
    return KnowledgeBase([read_actor_file(OWN, "own.yaml")], base)


def test_converted_names_are_found_where_own_files_lack_them(layered: KnowledgeBase) -> None:
    league = layered.lookup("Northern Vale Defence League")
    assert league is not None and league.role_on(None).code == "TLSREB"


def test_a_converted_record_sharing_a_name_with_an_own_entry_is_dropped_whole(layered: KnowledgeBase) -> None:
    own = layered.lookup("Marika Ostenberg")
    assert own is not None and own.role_on(date(2020, 1, 1)).sector is None  # own roles: she left in 2017
    assert layered.lookup("Ostenberg") is None  # the converted record's surname went with it
    assert layered.lookup("President Ostenberg") is None


def test_own_group_wins_over_a_converted_one(layered: KnowledgeBase) -> None:
    vale = layered.lookup("Vale League")
    assert vale is not None and vale.key == "vale"


def test_converted_dated_roles(layered: KnowledgeBase) -> None:
    karvello = layered.lookup("Karvello")
    assert karvello is not None and karvello.kind == "person"
    assert karvello.role_on(date(2007, 6, 1)).code == "XKX"
    assert karvello.role_on(date(2010, 6, 1)).code == "XKXGOV"
    assert karvello.role_on(date(2015, 6, 1)).code == "XKXELI"


def test_converted_names_need_a_capital_and_acronyms_exact_case(layered: KnowledgeBase) -> None:
    words = ["the", "karvello", "and", "nvdl", ",", "Karvello", "and", "NVDL"]
    assert [(m.start, m.entry.key) for m in layered.match_words(words)] == [(5, "s:3"), (7, "s:2")]


def test_a_city_named_after_a_person_names_no_actor(layered: KnowledgeBase) -> None:
    assert layered.match_words(["in", "Port", "Karvello", "Karvello", "spoke"])[0].start == 3


def test_cities_holding_a_converted_name_become_place_lines() -> None:
    item = conv.Converted("person", "s:3", ["Tomas Karvello", "Karvello"], [])
    assert conv.places_around([item], ["port karvello", "karvello", "new vale"]) == ["Port Karvello"]


def test_own_sector_words_win_over_converted_agents(layered: KnowledgeBase) -> None:
    assert layered.sector("troops") == "MIL"
    assert layered.sector("border patrols") == "COP"


def test_a_malformed_converted_line_names_its_file_and_line() -> None:
    base = BaseLayer()
    with pytest.raises(DataFileError, match=r"bad\.tsv, line 2"):
        base.add_actors("# header\nperson\tx\n", "bad.tsv")


# --- the shipped knowledge base ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "when", "code"),
    [
        ("Taliban", date(2025, 4, 30), "AFGGOV"),  # own entry, newer than the converted data
        ("Taliban", date(2015, 4, 30), "AFGREB"),
        ("Babrak Karmal", date(1985, 1, 1), "AFGGOV"),  # converted only
        ("Babrak Karmal", date(1990, 1, 1), "AFGELI"),
        ("Hamid Karzai", date(2020, 1, 1), "AFG"),  # own people.yaml (he left office in 2014) wins over the
        ("Karzai", date(2020, 1, 1), "AFG"),  # converted record, whose AFGGOV role has no end
    ],
)
def test_shipped_dated_roles(phrase: str, when: date, code: str) -> None:
    entry = load_kb().lookup(phrase)
    assert entry is not None and entry.role_on(when).code == code


@pytest.mark.parametrize(
    ("acronym", "code"),
    [
        ("IRGC", "IRNMIL"), ("TTP", "PAKREB"), ("ISKP", "AFGREB"), ("IS-K", "AFGREB"), ("PLA", "CHNMIL"),
        ("IDF", "ISRMIL"), ("RSF", "SDNREB"), ("SDF", "SYRREB"), ("YPG", "SYRREB"), ("PKK", "TURREB"),
        ("AQAP", "YEMREB"), ("JNIM", "MLIREB"), ("ISWAP", "NGAREB"), ("M23", "CODREB"), ("NPA", "PHLREB"),
        ("BIFF", "PHLREB"), ("MILF", "PHLREB"), ("LTTE", "LKAREB"), ("ADF", "CODREB"), ("ELN", "COLREB"),
        ("AQIM", "DZAREB"), ("ULFA", "INDREB"), ("KIA", "MMRREB"), ("OLA", "ETHREB"), ("FDLR", "RWAREB"),
        ("PMF", "IRQMIL"), ("ASG", "PHLREB"), ("HTS", "SYRGOV"),
    ],
)  # fmt: skip
def test_acronyms_of_forces_and_groups(acronym: str, code: str) -> None:
    entry = load_kb().lookup(acronym)
    assert entry is not None, acronym
    role = entry.role_on(date(2025, 4, 30))
    assert (role.country or "") + (role.sector or "") == code


def test_ordinary_words_do_not_become_converted_actors() -> None:
    kb = load_kb()
    for word in ("Chad", "Rice", "Bush", "Hope", "Grace", "Mohammad", "John", "Police", "Army", "Liberation"):
        entry = kb.lookup(word)
        assert entry is None or ":" not in entry.key, word  # converted records are keyed file:line
    assert kb.lookup("Mohammad") is None and kb.lookup("John") is None


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="the PETRARCH2 dictionaries are not in /work/shared")
def test_converted_files_are_what_the_script_writes(tmp_path: Path) -> None:
    assert conv.main(["--source", str(PHOENIX), "--out", str(tmp_path)]) == 0
    shipped = ROOT / "src" / "overtures" / "data" / "actors"
    for name in conv.SOURCES:
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
