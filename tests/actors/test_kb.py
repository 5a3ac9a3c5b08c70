"""The actor knowledge base: data coverage, seed-article actors, matching rules, overrides, validation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.actors.entries import phrase_pieces
from overtures.actors.kb import ActorEntry, KnowledgeBase, load_kb
from overtures.errors import DataFileError, NotFoundError

SEED_DAY = date(2025, 4, 30)  # publication date of the seed article


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _matched(kb: KnowledgeBase, text: str) -> list[tuple[str, str]]:
    """(matched words, entry key) for a whitespace-tokenised sentence."""
    words = text.split()
    return [(" ".join(words[m.start : m.end]), m.entry.key) for m in kb.match_words(words)]


def _found(kb: KnowledgeBase, phrase: str) -> ActorEntry:
    """The entry a phrase names; fails the test if it names none."""
    entry = kb.lookup(phrase)
    assert entry is not None, phrase
    return entry


# --- coverage of the data files ---------------------------------------------------------------------


def test_every_iso_country_has_an_entry_with_its_name_and_a_demonym(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        entry = kb.entry(country.alpha_3)
        assert entry.kind == "country" and entry.name, country.alpha_3
        assert kb.forms(country.alpha_3, "demonym"), f"{country.alpha_3} has no demonym"


def test_every_demonym_leads_back_to_its_own_country(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        for demonym in kb.forms(country.alpha_3, "demonym"):
            found = kb.demonym(demonym)
            assert found is not None and found.key == country.alpha_3, demonym


def test_iso_names_resolve_to_their_country_except_the_documented_congo_choice(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        found = kb.lookup(country.name)
        expected = "COD" if country.alpha_3 == "COG" else country.alpha_3  # bare "Congo" is the DRC
        assert found is not None and found.role_on(None).country == expected, country.name


def test_package_files_do_not_take_aliases_from_each_other(kb: KnowledgeBase) -> None:
    assert kb.conflicts == []


def test_territories_that_matter_for_news_have_their_codes(kb: KnowledgeBase) -> None:
    assert _found(kb, "Palestine").key == "PSE"
    assert _found(kb, "Kosovo").key == "XKX"
    assert _found(kb, "Taiwan").key == "TWN"


def test_load_kb_is_cached_per_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("not_actors: [Silk Road]\n", encoding="utf-8")
    assert load_kb() is load_kb()
    assert load_kb(extra) is load_kb(extra)
    assert load_kb(extra) is not load_kb()


# --- the seed article's actors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "alpha3"),
    [("Uzbek", "UZB"), ("Uzbeks", "UZB"), ("Indian", "IND"), ("Afghan", "AFG"), ("Afghans", "AFG")],
)
def test_seed_demonyms_give_their_country(kb: KnowledgeBase, word: str, alpha3: str) -> None:
    entry = kb.demonym(word)
    assert entry is not None and entry.key == alpha3


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("Moscow", "RUSGOV"), ("Kabul", "AFGGOV"), ("Islamabad", "PAKGOV"), ("Washington", "USAGOV")],
)
def test_seed_capitals_stand_for_their_government(kb: KnowledgeBase, phrase: str, code: str) -> None:
    entry = kb.lookup(phrase)
    assert entry is not None and entry.kind == "capital"
    assert entry.role_on(SEED_DAY).code == code


@pytest.mark.parametrize(
    ("phrase", "when", "code"),
    [
        ("the Taliban", SEED_DAY, "AFGGOV"),
        ("the Taliban", date(2010, 1, 1), "AFGREB"),
        ("Haqqani network", SEED_DAY, "AFGGOV"),
        ("Tehrik-e Taliban Pakistan", SEED_DAY, "PAKREB"),
        ("TTP", SEED_DAY, "PAKREB"),
        ("Islamic State–Khorasan", SEED_DAY, "AFGREB"),
        ("Lavrov", SEED_DAY, "RUSGOV"),
        ("Muttaqi", date(2024, 10, 1), "AFGGOV"),
    ],
)
def test_seed_groups_and_people_resolve_on_the_day(
    kb: KnowledgeBase, phrase: str, when: date, code: str
) -> None:
    entry = kb.lookup(phrase)
    assert entry is not None
    assert entry.role_on(when).code == code


def test_seed_sentence_finds_each_actor_once(kb: KnowledgeBase) -> None:
    text = "Uzbek Foreign Minister Bakhtiyor Saidov hosted a Taliban delegation in Tashkent"
    assert _matched(kb, text) == [
        ("Uzbek", "UZB"),
        ("Bakhtiyor Saidov", "Bakhtiyor Saidov"),
        ("Taliban", "taliban"),
        ("Tashkent", "UZB/capital"),
    ]


# --- lookup and normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Islamic State–Khorasan", "Islamic State-Khorasan"),
        ("U.S.", "US"),
        ("U.N.", "UN"),
        ("the  Islamic\tEmirate", "Islamic Emirate"),
        ("Türkiye", "Turkey"),
        ("Taliban’s", "Taliban"),
    ],
)
def test_spelling_variants_look_up_the_same_entry(kb: KnowledgeBase, variant: str, canonical: str) -> None:
    assert kb.lookup(variant) is not None
    assert kb.lookup(variant) == kb.lookup(canonical)


def test_lookup_of_an_unknown_phrase_is_none(kb: KnowledgeBase) -> None:
    assert kb.lookup("Ministry of Silly Walks") is None


def test_acronyms_are_case_sensitive_in_lookup(kb: KnowledgeBase) -> None:
    assert _found(kb, "US").key == "USA"
    assert kb.lookup("us") is None


def test_government_metonyms_carry_their_sector(kb: KnowledgeBase) -> None:
    assert _found(kb, "the Kremlin").role_on(None).code == "RUSGOV"
    assert _found(kb, "the Islamic Emirate").role_on(None).code == "AFGGOV"
    assert _found(kb, "Downing Street").role_on(None).code == "GBRGOV"


def test_igos_have_no_country_and_their_cameo_code(kb: KnowledgeBase) -> None:
    role = _found(kb, "NATO").role_on(None)
    assert (role.country, role.code) == (None, "IGONAT")
    assert _found(kb, "European Union").role_on(None).code == "IGOEUREEC"


def test_country_name_gives_the_canonical_name(kb: KnowledgeBase) -> None:
    assert kb.country_name("RUS") == "Russia"
    assert kb.country_name("IRN") == "Iran"


def test_country_name_of_an_unknown_code_raises(kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        kb.country_name("ZZZ")


# --- sectors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("foreign minister", "GOV"),
        ("Deputy Foreign Minister", "GOV"),
        ("special envoy", "GOV"),
        ("officials", "GOV"),
        ("troops", "MIL"),
        ("security forces", "MIL"),
        ("policemen", "COP"),
        ("militias", "UAF"),
        ("refugees", "REF"),
        ("lawmakers", "LEG"),
        ("intelligence services", "SPY"),
    ],
)
def test_sector_words_give_their_cameo_sector(kb: KnowledgeBase, words: str, sector: str) -> None:
    assert kb.sector(words) == sector


def test_analysts_give_no_sector_and_are_not_actors(kb: KnowledgeBase) -> None:
    assert kb.sector("political analyst") is None
    assert kb.non_actor("analysts")


def test_unknown_words_give_no_sector_but_are_not_marked_non_actors(kb: KnowledgeBase) -> None:
    assert kb.sector("banana") is None
    assert not kb.non_actor("banana")


# --- match_words --------------------------------------------------------------------------------------


def test_longest_match_wins(kb: KnowledgeBase) -> None:
    assert _matched(kb, "South Sudan and Sudan") == [("South Sudan", "SSD"), ("Sudan", "SDN")]
    assert _matched(kb, "Papua New Guinea and Guinea") == [("Papua New Guinea", "PNG"), ("Guinea", "GIN")]
    assert _matched(kb, "North Korean troops") == [("North Korean", "PRK")]


def test_lowercase_common_words_are_not_countries(kb: KnowledgeBase) -> None:
    assert _matched(kb, "they ate turkey in chad near the jordan river with china plates") == []


def test_capitalised_country_names_match_in_any_case_after_the_first_letter(kb: KnowledgeBase) -> None:
    assert _matched(kb, "TURKEY and Chad") == [("TURKEY", "TUR"), ("Chad", "TCD")]


def test_acronyms_match_only_in_their_own_case(kb: KnowledgeBase) -> None:
    assert _matched(kb, "US officials told us") == [("US", "USA")]
    assert _matched(kb, "IS-K claimed it ; it is late") == [("IS-K", "iskp")]


def test_possessive_token_is_not_part_of_a_name(kb: KnowledgeBase) -> None:
    words = ["Russia", "'s", "Foreign", "Ministry"]
    (match,) = kb.match_words(words)
    assert (match.start, match.end, match.entry.key) == (0, 1, "RUS")


def test_possessive_inside_a_token_ends_the_name(kb: KnowledgeBase) -> None:
    assert _matched(kb, "the Taliban’s Foreign Minister") == [("Taliban’s", "taliban")]


def test_leading_the_is_optional_and_left_out_of_the_span(kb: KnowledgeBase) -> None:
    assert _matched(kb, "the Kremlin said") == [("Kremlin", "RUS/Kremlin")]
    assert _matched(kb, "Kremlin said") == [("Kremlin", "RUS/Kremlin")]


def test_split_hyphens_and_dashes_match_like_joined_ones(kb: KnowledgeBase) -> None:
    assert _matched(kb, "Tehrik - e Taliban Pakistan") == [("Tehrik - e Taliban Pakistan", "ttp")]
    assert _matched(kb, "Islamic State – Khorasan") == [("Islamic State – Khorasan", "iskp")]


def test_region_names_containing_a_country_are_not_that_country(kb: KnowledgeBase) -> None:
    assert _matched(kb, "Latin America and the Persian Gulf") == []


def test_lowercase_written_names_match_either_way(kb: KnowledgeBase) -> None:
    assert _matched(kb, "linked to al-Qaeda") == [("al-Qaeda", "al-qaeda")]
    assert _matched(kb, "Al-Qaeda said") == [("Al-Qaeda", "al-qaeda")]


_VOCABULARY = [
    "the", "The", "'s", "’s", "-", "–", "of", "and", "said", "Taliban", "Pakistan", "Tehrik", "e", "US",
    "us", "U.S.", "South", "Sudan", "North", "Korea", "Islamic", "State", "Khorasan", "IS", "K", "Moscow",
    "Kremlin", "Russian", "Foreign", "Minister", "Sergey", "Lavrov", "Latin", "America", "turkey", "Turkey",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=14))
def test_matches_are_ordered_disjoint_and_spell_their_alias(words: list[str]) -> None:
    kb = load_kb()
    previous_end = 0
    for match in kb.match_words(words):
        assert previous_end <= match.start < match.end <= len(words)
        previous_end = match.end
        spelled = phrase_pieces(" ".join(words[match.start : match.end]))
        assert [p.lower() for p in spelled] == [p.lower() for p in phrase_pieces(match.alias)]


# --- role_on boundaries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "sector"),
    [(date(2021, 8, 14), "REB"), (date(2021, 8, 15), "GOV"), (date(2021, 8, 16), "GOV")],
)
def test_taliban_role_changes_on_the_fall_of_kabul(kb: KnowledgeBase, day: date, sector: str) -> None:
    assert _found(kb, "Taliban").role_on(day).sector == sector


@pytest.mark.parametrize(
    ("day", "sector"),
    [(date(2024, 12, 7), "REB"), (date(2024, 12, 8), "GOV"), (date(2024, 12, 9), "GOV")],
)
def test_hts_role_changes_on_the_fall_of_damascus(kb: KnowledgeBase, day: date, sector: str) -> None:
    assert _found(kb, "HTS").role_on(day).sector == sector


def test_role_on_none_is_the_latest_role(kb: KnowledgeBase) -> None:
    assert _found(kb, "Taliban").role_on(None).code == "AFGGOV"


def test_a_person_keeps_the_country_without_sector_after_office(kb: KnowledgeBase) -> None:
    role = _found(kb, "Obama").role_on(date(2018, 6, 1))
    assert (role.country, role.sector, role.code, role.title) == ("USA", None, "USA", "former president")


def test_a_person_has_no_sector_before_the_first_office(kb: KnowledgeBase) -> None:
    role = _found(kb, "Putin").role_on(date(1990, 1, 1))
    assert (role.country, role.sector) == ("RUS", None)


def test_shared_surname_resolves_by_date(kb: KnowledgeBase) -> None:
    bush = kb.lookup("Bush")
    assert bush is not None
    assert "George H. W. Bush" in (bush.role_on(date(1991, 1, 17)).title or "")
    assert "George W. Bush" in (bush.role_on(date(2003, 3, 20)).title or "")
    assert bush.role_on(date(1997, 1, 1)).sector is None


# --- a user's extra file --------------------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_a_group(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "groups:\n"
        "  - key: jamaat-ul-ahrar\n"
        "    name: Jamaat-ul-Ahrar\n"
        "    aliases: [JuA]\n"
        "    roles:\n"
        "      - {country: PAK, sector: REB}\n",
    )
    kb = load_kb(extra)
    assert _found(kb, "JuA").role_on(SEED_DAY).code == "PAKREB"
    assert load_kb().lookup("JuA") is None


def test_user_file_takes_over_an_alias_and_says_so(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "groups:\n"
        "  - key: africa-corps\n"
        "    name: Africa Corps\n"
        "    aliases: [Wagner]\n"
        "    roles:\n"
        "      - {country: RUS, sector: MIL, from: 2023-11-01}\n",
    )
    kb = load_kb(extra)
    assert _found(kb, "Wagner").key == "africa-corps"
    assert _found(kb, "Wagner Group").key == "wagner"
    assert any("'Wagner' moves from 'wagner' to 'africa-corps'" in c for c in kb.conflicts)


def test_user_file_overrides_an_entry_by_key(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "groups:\n  - key: houthis\n    name: Ansar Allah\n    roles:\n      - {country: YEM, sector: GOV}\n",
    )
    kb = load_kb(extra)
    assert _found(kb, "Ansar Allah").role_on(SEED_DAY).code == "YEMGOV"
    assert kb.lookup("Houthis") is None


def test_missing_user_file_raises_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_kb(tmp_path / "absent.yaml")


# --- validation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("groups:\n  - name: X\n    roles: [\n", 4, "invalid YAML"),
        ("groups:\n  - name: X\n    colour: red\n    roles: [{sector: REB}]\n", 3, "unknown key 'colour'"),
        ("countries:\n  - name: Narnia\n", 2, "missing 'alpha3'"),
        ("countries:\n  - alpha3: narnia\n    name: Narnia\n", 2, "not an ISO alpha-3 code"),
        ("groups:\n  - name: X\n    roles:\n      - {sector: REB, from: 2021-02-30}\n", 4, "bad date"),
        (
            "groups:\n  - name: X\n    roles:\n      - {sector: REB, from: 2022-01-01, to: 2021-01-01}\n",
            4,
            "starts (2022-01-01) after it ends",
        ),
        ("groups:\n  - name: X\n    roles:\n      - {sector: XYZ}\n", 4, "unknown sector 'XYZ'"),
        (
            "groups:\n  - name: Alpha\n    roles: [{sector: REB}]\n"
            "  - name: Beta\n    aliases: [the alpha]\n    roles: [{sector: REB}]\n",
            5,
            "alias 'the alpha' names both 'Alpha' (line 2) and 'Beta'",
        ),
        ("mountains:\n  - K2\n", 1, "unknown section 'mountains'"),
    ],
)
def test_invalid_files_name_the_file_and_line(tmp_path: Path, text: str, line: int, what: str) -> None:
    extra = _write(tmp_path, text, name="broken.yaml")
    with pytest.raises(DataFileError) as caught:
        load_kb(extra)
    message = str(caught.value)
    assert f"broken.yaml, line {line}:" in message
    assert what in message


def test_not_a_single_state_names_nobody(services) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from overtures.actors.context import ArticleContext
    from overtures.actors.resolve import ActorResolver

    doc = services.nlp("Not a single government has recognised the new authorities.")
    resolver = ActorResolver(services.coder.kb)
    sent = next(iter(doc.sents))
    matches = resolver.prepare(sent)
    subject = next(t for t in sent if t.dep_ == "nsubj")
    assert resolver.actors(subject, matches, ArticleContext(when=date(2024, 1, 1))) == []
