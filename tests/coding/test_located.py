"""Where an event happened: place mentions and their choice on hand-built parses, the widened
gazetteer (provinces, homonyms read in the actors' country), datelines and divided areas."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from overtures.coding.gazetteer import locate
from overtures.coding.located import event_place, mentions, without_doer
from overtures.coding.setting import actors_country, dateline, other_side
from overtures.model import Actor, Location
from tests.conftest import parse_by_hand

Row = tuple[str, str, str, int, str]


def with_places(rows: list[Row], *places: tuple[int, int]) -> Doc:
    doc = parse_by_hand(rows)
    doc.ents = [Span(doc, start, end, label="GPE") for start, end in places]
    return doc


def place_of(doc: Doc, predicate: int, prefer: frozenset[str] = frozenset()) -> Location | None:
    found, _ = event_place(doc[predicate], mentions(doc[:], doc.ents), prefer)
    return found


def test_a_place_modifying_an_event_noun_is_where_it_happened() -> None:
    doc = with_places(
        [
            ("Nine", "nine", "NUM", 1, "nsubjpass"),
            ("killed", "kill", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("Kirkuk", "Kirkuk", "PROPN", 4, "compound"),
            ("fighting", "fighting", "NOUN", 2, "pobj"),
        ],
        (3, 4),
    )
    found = place_of(doc, 1)
    assert found is not None and found.country == "IRQ" and found.lat is not None


def test_the_speakers_place_does_not_win_over_the_place_of_the_act() -> None:
    doc = with_places(
        [
            ("Officials", "official", "NOUN", 3, "nsubj"),
            ("in", "in", "ADP", 0, "prep"),
            ("Tehran", "Tehran", "PROPN", 1, "pobj"),
            ("said", "say", "VERB", 3, "ROOT"),
            ("gunmen", "gunman", "NOUN", 5, "nsubj"),
            ("shot", "shoot", "VERB", 3, "ccomp"),
            ("guards", "guard", "NOUN", 5, "dobj"),
            ("in", "in", "ADP", 5, "prep"),
            ("Zahedan", "Zahedan", "PROPN", 7, "pobj"),
        ],
        (2, 3),
        (8, 9),
    )
    found = place_of(doc, 5)
    assert found is not None and found.name == "Zahedan"


def test_a_province_of_a_named_country_wins_over_the_country() -> None:
    doc = with_places(
        [
            ("Police", "police", "NOUN", 1, "nsubjpass"),
            ("attacked", "attack", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("Afghanistan", "Afghanistan", "PROPN", 6, "poss"),
            ("'s", "'s", "PART", 3, "case"),
            ("Kunduz", "Kunduz", "PROPN", 6, "compound"),
            ("province", "province", "NOUN", 2, "pobj"),
        ],
        (3, 4),
        (5, 6),
    )
    found = place_of(doc, 1)
    assert found is not None and found.country == "AFG" and found.name != "Afghanistan"


def test_where_fire_came_from_is_not_where_it_landed() -> None:
    doc = with_places(
        [
            ("Guard", "guard", "NOUN", 1, "nsubjpass"),
            ("wounded", "wound", "VERB", 1, "ROOT"),
            ("by", "by", "ADP", 1, "agent"),
            ("fire", "fire", "NOUN", 2, "pobj"),
            ("from", "from", "ADP", 3, "prep"),
            ("Oman", "Oman", "PROPN", 4, "pobj"),
        ],
        (5, 6),
    )
    ((_, mention),) = mentions(doc[:], doc.ents)
    assert mention.origin and not mention.tied and not mention.reported
    assert place_of(doc, 1) is None  # the guard's own side is left to the actors' country


def test_a_proper_noun_after_a_place_preposition_is_a_place_without_an_entity() -> None:
    doc = parse_by_hand(
        [
            ("Two", "two", "NUM", 1, "nsubjpass"),
            ("killed", "kill", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("Camarines", "Camarines", "PROPN", 4, "compound"),
            ("Sur", "Sur", "PROPN", 2, "pobj"),
        ]
    )
    found = place_of(doc, 1)
    assert found is not None and found.country == "PHL"


def test_a_name_is_read_in_the_actors_country_where_it_has_a_reading_there() -> None:
    samar = locate("Samar", frozenset({"PHL"}))
    assert samar is not None and samar.country == "PHL"


def test_a_country_name_yields_only_to_a_province_of_a_preferred_country() -> None:
    assert (locate("Georgia", frozenset({"USA"})) or Location(name="", country=None)).country == "USA"
    assert (locate("Lebanon", frozenset({"USA"})) or Location(name="", country=None)).country == "LBN"


def test_compass_prefixes_and_administrative_words_are_read_through() -> None:
    for name, country in (("NW Pakistan", "PAK"), ("S. Philippines", "PHL"), ("Kunduz province", "AFG")):
        found = locate(name)
        assert found is not None and found.country == country, name


def test_provinces_named_by_a_common_word_are_not_read_bare() -> None:
    assert locate("East") is None


def test_the_dateline_sets_the_story_place() -> None:
    assert dateline("KABUL ,") is None
    found = dateline("KABUL, March 3 (Reuters) - Gunmen killed five people.")
    assert found is not None and found.country == "AFG"


def test_the_targets_state_is_where_an_unplaced_act_happened() -> None:
    soldiers = Actor(name="soldiers", text="soldiers", country="NGA", code="NGAMIL")
    rebels = Actor(name="rebels", text="rebels", country=None, code="---REB")
    found = actors_country([soldiers], [rebels])
    assert found is not None and found.country == "NGA" and found.lat is None


def test_fire_by_one_claimant_in_a_divided_area_lands_on_the_others_side() -> None:
    kashmir = locate("Kashmir")
    assert kashmir is not None
    doc = parse_by_hand(
        [
            ("Indian", "indian", "ADJ", 1, "amod"),
            ("shelling", "shelling", "NOUN", 2, "nsubj"),
            ("hurt", "hurt", "VERB", 2, "ROOT"),
            ("two", "two", "NUM", 2, "dobj"),
        ]
    )
    assert other_side(kashmir, doc[:], [], frozenset()).country == "PAK"


def test_fire_cut_off_from_its_nationality_or_told_by_an_agent_still_names_who_fired() -> None:
    kashmir = locate("Kashmir")
    assert kashmir is not None
    cut_off = parse_by_hand(
        [
            ("Two", "two", "NUM", 1, "nsubjpass"),
            ("killed", "kill", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("Indian", "Indian", "PROPN", 2, "pobj"),
            ("shelling", "shell", "VERB", 1, "advcl"),
        ]
    )
    by_agent = parse_by_hand(
        [
            ("firing", "firing", "NOUN", 0, "ROOT"),
            ("by", "by", "ADP", 0, "prep"),
            ("Indian", "indian", "ADJ", 3, "amod"),
            ("troops", "troop", "NOUN", 1, "pobj"),
        ]
    )
    for doc in (cut_off, by_agent):
        assert other_side(kashmir, doc[:], [], frozenset()).country == "PAK"


def test_a_country_modifying_the_act_as_its_doer_gives_way_to_the_place_named() -> None:
    doc = with_places(
        [
            ("Peru", "Peru", "PROPN", 1, "compound"),
            ("raids", "raid", "NOUN", 2, "nsubj"),
            ("hit", "hit", "VERB", 2, "ROOT"),
            ("camps", "camp", "NOUN", 2, "dobj"),
            ("in", "in", "ADP", 2, "prep"),
            ("Bolivia", "Bolivia", "PROPN", 4, "pobj"),
        ],
        (0, 1),
        (5, 6),
    )
    anchored = mentions(doc[:], doc.ents)
    found, _ = event_place(doc[1], without_doer(anchored, {0}), frozenset())
    assert found is not None and found.country == "BOL"
    alone = [(anchor, m) for anchor, m in anchored if anchor.i == 0]
    assert without_doer(alone, {0}) == alone  # "Peru raids" with no other place: Peru stays


def test_a_divided_area_takes_the_side_of_its_one_claimant_among_the_actors() -> None:
    kashmir = locate("Kashmir")
    assert kashmir is not None
    doc = parse_by_hand([("Shells", "shell", "NOUN", 1, "nsubj"), ("fell", "fall", "VERB", 1, "ROOT")])
    villagers = Actor(name="Pakistan", text="Pakistani villagers", country="PAK", code="PAKCVL")
    assert other_side(kashmir, doc[:], [villagers], frozenset()).country == "PAK"
    assert other_side(kashmir, doc[:], [], frozenset()) == kashmir
    assert other_side(kashmir, doc[:], [], frozenset({"PAK"})).country == "PAK"


def test_a_place_named_aside_puts_the_event_but_does_not_stand_for_its_target() -> None:
    doc = with_places(
        [
            ("Militants", "militant", "NOUN", 1, "nsubj"),
            ("attacked", "attack", "VERB", 1, "ROOT"),
            ("convoys", "convoy", "NOUN", 1, "dobj"),
            ("bound", "bind", "VERB", 2, "acl"),
            ("for", "for", "ADP", 3, "prep"),
            ("Jordan", "Jordan", "PROPN", 4, "pobj"),
        ],
        (5, 6),
    )
    found, standing = event_place(doc[1], mentions(doc[:], doc.ents), frozenset())
    assert found is not None and found.country == "JOR" and not standing


def test_spanish_halves_of_provinces_are_read_with_or_without_del() -> None:
    found = locate("Lanao Sur")
    assert found is not None and found.country == "PHL"


def test_a_headline_label_sets_the_story_place() -> None:
    found = dateline("Kenya: Bandits kill two herders")
    assert found is not None and found.country == "KEN"


def test_a_nationality_places_fighting_but_not_one_sides_fire() -> None:
    rows: list[Row] = [
        ("Two", "two", "NUM", 1, "nsubjpass"),
        ("killed", "kill", "VERB", 1, "ROOT"),
        ("in", "in", "ADP", 1, "prep"),
        ("Malaysian", "malaysian", "ADJ", 4, "amod"),
        ("clash", "clash", "NOUN", 2, "pobj"),
    ]
    doc = parse_by_hand(rows)
    doc.ents = [Span(doc, 3, 4, label="NORP")]
    found = place_of(doc, 1)
    assert found is not None and found.country == "MYS"
    fire = parse_by_hand([*rows[:4], ("shelling", "shelling", "NOUN", 2, "pobj")])
    fire.ents = [Span(fire, 3, 4, label="NORP")]
    assert place_of(fire, 1) is None


def test_a_countrys_short_name_before_a_noun_is_a_place() -> None:
    doc = parse_by_hand(
        [
            ("Pak", "Pak", "PROPN", 1, "compound"),
            ("jets", "jet", "NOUN", 2, "nsubj"),
            ("hit", "hit", "VERB", 2, "ROOT"),
            ("hideouts", "hideout", "NOUN", 2, "dobj"),
        ]
    )
    found = place_of(doc, 2)
    assert found is not None and found.country == "PAK"


def test_a_small_town_yields_its_name_to_a_province_of_another_country() -> None:
    found = locate("Laguna")
    assert found is not None and found.country == "PHL"


def test_where_an_act_happened_wins_over_a_modifier_naming_its_actors_origin() -> None:
    doc = with_places(
        [
            ("Chad", "Chad", "PROPN", 1, "compound"),
            ("rebels", "rebel", "NOUN", 2, "nsubj"),
            ("raid", "raid", "VERB", 2, "ROOT"),
            ("camps", "camp", "NOUN", 2, "dobj"),
            ("in", "in", "ADP", 3, "prep"),
            ("Sudan", "Sudan", "PROPN", 4, "pobj"),
        ],
        (0, 1),
        (5, 6),
    )
    found = place_of(doc, 2)
    assert found is not None and found.country == "SDN"


def test_a_month_is_not_a_place() -> None:
    doc = parse_by_hand(
        [
            ("Rebels", "rebel", "NOUN", 1, "nsubj"),
            ("struck", "strike", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("March", "March", "PROPN", 4, "compound"),
            ("2024", "2024", "NUM", 2, "pobj"),
        ]
    )
    doc.ents = [Span(doc, 3, 5, label="DATE")]
    assert place_of(doc, 1) is None


def test_a_city_taken_for_a_person_after_a_place_preposition_is_a_place() -> None:
    doc = parse_by_hand(
        [
            ("Guards", "guard", "NOUN", 1, "nsubjpass"),
            ("shot", "shoot", "VERB", 1, "ROOT"),
            ("near", "near", "ADP", 1, "prep"),
            ("Quetta", "Quetta", "PROPN", 2, "pobj"),
        ]
    )
    doc.ents = [Span(doc, 3, 4, label="PERSON")]
    found = place_of(doc, 1)
    assert found is not None and found.country == "PAK"


def test_a_country_modifying_fire_names_who_fired_not_where() -> None:
    doc = with_places(
        [
            ("Syria", "Syria", "PROPN", 1, "compound"),
            ("shelling", "shelling", "NOUN", 2, "nsubj"),
            ("killed", "kill", "VERB", 2, "ROOT"),
            ("two", "two", "NUM", 2, "dobj"),
        ],
        (0, 1),
    )
    ((_, mention),) = mentions(doc[:], doc.ents)
    assert not mention.tied and mention.aside
    found, standing = event_place(doc[2], mentions(doc[:], doc.ents), frozenset())
    assert found is not None and found.country == "SYR" and not standing
