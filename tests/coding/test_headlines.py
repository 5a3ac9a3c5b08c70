"""Headline grammar: passives without auxiliaries, sufferers as subjects, doers named in circumstances,
verbs the tagger read as nouns, and events told "between" two parties. Hand-built parses first (they do
not depend on the statistical model), then whole sentences of our own through the coder."""

from __future__ import annotations

from overtures.actors.context import ArticleContext
from overtures.actors.resolve import ActorResolver
from overtures.coding.clauses import between, headline_passive, patients, ranked_frame, reciprocal
from overtures.coding.predicates import verb_sources
from tests.coding.conftest import VIOLENCE, dyads
from tests.conftest import parse_by_hand


def test_a_participle_with_a_subject_and_no_auxiliary_is_a_passive() -> None:
    doc = parse_by_hand(
        [
            ("Two", "two", "NUM", 1, "nummod"),
            ("guards", "guard", "NOUN", 2, "nsubj"),
            ("killed", "kill", "VERB", 2, "ROOT"),
            ("in", "in", "ADP", 2, "prep"),
            ("Turkish", "turkish", "ADJ", 5, "amod"),
            ("shelling", "shelling", "NOUN", 3, "pobj"),
        ],
        tags=["CD", "NNS", "VBN", "IN", "JJ", "NN"],
        ents=["O", "O", "O", "O", "B-NORP", "O"],
    )
    assert headline_passive(doc[2])
    assert [t.text for t in patients(doc[2])] == ["guards"]
    assert [t.text for t in verb_sources(doc[2])] == ["Turkish"]


def test_a_participle_with_an_auxiliary_or_an_object_is_active() -> None:
    doc = parse_by_hand(
        [
            ("Rebels", "rebel", "NOUN", 2, "nsubj"),
            ("have", "have", "AUX", 2, "aux"),
            ("killed", "kill", "VERB", 2, "ROOT"),
            ("two", "two", "NUM", 2, "dobj"),
        ],
        tags=["NNS", "VBP", "VBN", "CD"],
    )
    assert not headline_passive(doc[2])
    assert [t.text for t in verb_sources(doc[2])] == ["Rebels"]


def test_a_past_tense_of_harm_without_object_reads_as_a_headline_passive() -> None:
    doc = parse_by_hand(
        [
            ("Farmer", "farmer", "NOUN", 1, "nsubj"),
            ("shot", "shoot", "VERB", 1, "ROOT"),
            ("near", "near", "ADP", 1, "prep"),
            ("border", "border", "NOUN", 2, "pobj"),
        ],
        tags=["NN", "VBD", "IN", "NN"],
    )
    assert headline_passive(doc[1])


def test_the_subject_of_die_suffers_and_does_not_act() -> None:
    doc = parse_by_hand(
        [
            ("Three", "three", "NUM", 1, "nsubj"),
            ("die", "die", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("shelling", "shelling", "NOUN", 2, "pobj"),
        ],
        tags=["CD", "VBP", "IN", "NN"],
    )
    assert [t.text for t in patients(doc[1])] == ["Three"]


def test_both_parties_of_a_between_phrase_are_found() -> None:
    doc = parse_by_hand(
        [
            ("clashes", "clash", "NOUN", 0, "ROOT"),
            ("between", "between", "ADP", 0, "prep"),
            ("Chadian", "chadian", "ADJ", 3, "amod"),
            ("troops", "troop", "NOUN", 1, "pobj"),
            ("and", "and", "CCONJ", 3, "cc"),
            ("Libyan", "libyan", "ADJ", 6, "amod"),
            ("militias", "militia", "NOUN", 3, "conj"),
        ]
    )
    assert [t.text for t in between(doc[0])] == ["troops", "militias"]


def test_victims_told_by_number_still_make_an_event(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Six killed as gunmen storm a wedding party")
    assert any(e.root in ("18", "19") and e.target is not None for e in events)


def test_a_doer_named_as_an_adjective_of_the_circumstance_is_the_source(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Armenian soldier killed in Azerbaijani artillery fire")
    assert dyads(events, *VIOLENCE) == {("AZE", "ARM")}


def test_clashes_between_two_armies_go_both_ways(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Fresh clashes between Thai and Cambodian troops near the disputed temple.")
    assert {("THA", "KHM"), ("KHM", "THA")} <= dyads(events, *VIOLENCE)


def test_a_state_reporting_deaths_from_foreign_fire_is_the_side_harmed(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Thailand says Cambodian rockets killed two villagers.")
    assert ("KHM", "THA") in dyads(events, *VIOLENCE)


def test_forces_named_by_sector_alone_take_the_country_where_they_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Security forces killed four militants in Peshawar on Sunday.")
    assert any(e.source is not None and e.source.code == "PAKMIL" for e in events if e.root == "19")


def test_a_ranking_frame_gives_its_subject_and_its_modality_to_the_act() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 1, "nsubj"),
            ("became", "become", "VERB", 1, "ROOT"),
            ("the", "the", "DET", 4, "det"),
            ("first", "first", "ADJ", 4, "amod"),
            ("state", "state", "NOUN", 1, "attr"),
            ("to", "to", "PART", 6, "aux"),
            ("ratify", "ratify", "VERB", 1, "advcl"),
            ("the", "the", "DET", 8, "det"),
            ("treaty", "treaty", "NOUN", 6, "dobj"),
        ]
    )
    assert ranked_frame(doc[6]) == doc[1]
    assert [t.text for t in verb_sources(doc[6])] == ["Chile"]


def test_an_infinitive_without_a_ranking_is_no_frame() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 1, "nsubj"),
            ("wants", "want", "VERB", 1, "ROOT"),
            ("to", "to", "PART", 3, "aux"),
            ("ratify", "ratify", "VERB", 1, "xcomp"),
        ]
    )
    assert ranked_frame(doc[3]) is None


def test_a_shared_border_makes_conjoined_subjects_act_on_each_other() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 3, "nsubj"),
            ("and", "and", "CCONJ", 0, "cc"),
            ("Peru", "Peru", "PROPN", 0, "conj"),
            ("reopened", "reopen", "VERB", 3, "ROOT"),
            ("their", "their", "PRON", 6, "poss"),
            ("common", "common", "ADJ", 6, "amod"),
            ("border", "border", "NOUN", 3, "dobj"),
        ]
    )
    assert reciprocal(doc[3])
    assert not reciprocal(doc[0])


def test_names_listed_with_a_comma_before_the_subject_are_subjects() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 3, "dep"),
            (",", ",", "PUNCT", 3, "punct"),
            ("Peru", "Peru", "PROPN", 3, "nsubj"),
            ("sign", "sign", "VERB", 3, "ROOT"),
            ("accord", "accord", "NOUN", 3, "dobj"),
        ]
    )
    assert [t.text for t in verb_sources(doc[3])] == ["Chile", "Peru"]


def test_at_the_hands_of_names_the_doer() -> None:
    doc = parse_by_hand(
        [
            ("Prisoners", "prisoner", "NOUN", 1, "nsubj"),
            ("died", "die", "VERB", 1, "ROOT"),
            ("at", "at", "ADP", 1, "prep"),
            ("the", "the", "DET", 4, "det"),
            ("hands", "hand", "NOUN", 2, "pobj"),
            ("of", "of", "ADP", 4, "prep"),
            ("guards", "guard", "NOUN", 5, "pobj"),
        ],
        tags=["NNS", "VBD", "IN", "DT", "NNS", "IN", "NNS"],
    )
    assert [t.text for t in verb_sources(doc[1])] == ["guards"]
    assert [t.text for t in patients(doc[1])] == ["Prisoners"]


def test_an_envoy_speaks_for_whoever_appointed_them(code) -> None:  # type: ignore[no-untyped-def]
    events = code("A diplomat appointed by the Venezuelan government expelled two Colombian journalists.")
    assert any(e.source is not None and e.source.country == "VEN" for e in events)


def test_bare_nationalities_share_the_noun_they_are_conjoined_with(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Greek and Turkish coast guards exchanged fire in the Aegean.")
    codes = {e.source.code for e in events if e.source is not None and e.root == "19"}
    assert codes == {"GRCMIL", "TURMIL"}


def test_nationality_nouns_are_civilians_of_that_country(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Algeria expelled 300 Malians last week.")
    assert any(e.target is not None and e.target.code == "MLICVL" for e in events)


def test_the_object_of_a_warning_is_the_doer_of_what_it_warns_against() -> None:
    doc = parse_by_hand(
        [
            ("Chile", "Chile", "PROPN", 1, "nsubj"),
            ("warned", "warn", "VERB", 1, "ROOT"),
            ("Peru", "Peru", "PROPN", 1, "dobj"),
            ("against", "against", "ADP", 1, "prep"),
            ("closing", "close", "VERB", 3, "pcomp"),
            ("ports", "port", "NOUN", 4, "dobj"),
        ]
    )
    assert [t.text for t in verb_sources(doc[4])] == ["Peru"]


def test_police_acting_in_a_city_are_that_country_s_police(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Police detained 30 students in Dhaka on Monday.")
    assert any(e.source is not None and e.source.code == "BGDCOP" for e in events)


def test_a_surname_alone_is_the_person_named_earlier(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "Kenyan President William Ruto arrived in Addis Ababa. Ruto later met the Ethiopian premier."
    )
    meetings = {
        (e.source.country, e.target.country) for e in events if e.cameo == "040" and e.source and e.target
    }
    assert ("KEN", "ETH") in meetings


def test_nationalities_listed_with_commas_share_the_noun_and_act_together(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Indonesian, Malaysian ministers hold talks in Jakarta")
    pairs = {(e.source.code, e.target.code) for e in events if e.source and e.target and e.root == "04"}
    assert {("IDNGOV", "MYSGOV"), ("MYSGOV", "IDNGOV")} <= pairs


def test_an_event_noun_named_as_a_verb_s_object_is_not_a_second_event(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Canada imposed sanctions on Haitian gang leaders on Friday.")
    assert [e.cameo[:3] for e in events if e.root == "16"] == ["163"]


def test_an_intransitive_past_keeps_its_subject_as_the_doer() -> None:
    doc = parse_by_hand(
        [
            ("Farmers", "farmer", "NOUN", 1, "nsubj"),
            ("protested", "protest", "VERB", 1, "ROOT"),
            ("outside", "outside", "ADP", 1, "prep"),
            ("parliament", "parliament", "NOUN", 2, "pobj"),
        ],
        tags=["NNS", "VBN", "IN", "NN"],
    )
    assert not headline_passive(doc[1])
    assert [t.text for t in verb_sources(doc[1])] == ["Farmers"]


def test_victims_are_people_told_by_number_or_role_never_things() -> None:
    from overtures.coding.roles import victims

    sectors = {"guard": "MIL"}.get
    doc = parse_by_hand(
        [
            ("Gunmen", "gunman", "NOUN", 1, "nsubj"),
            ("attacked", "attack", "VERB", 1, "ROOT"),
            ("ships", "ship", "NOUN", 1, "dobj"),
            ("and", "and", "CCONJ", 2, "cc"),
            ("guards", "guard", "NOUN", 2, "conj"),
        ]
    )
    assert victims(((doc[2],),), sector_of=sectors) == []
    assert [v.code for v in victims(((doc[4],),), sector_of=sectors)] == ["---MIL"]
    counted = parse_by_hand([("Three", "three", "NUM", 1, "nsubj"), ("died", "die", "VERB", 1, "ROOT")])
    assert [v.code for v in victims(((counted[0],),), sector_of=sectors)] == ["---CVL"]


def test_a_headline_names_its_source_after_a_final_dash() -> None:
    from overtures.coding.roles import attribution

    doc = parse_by_hand(
        [
            ("Two", "two", "NUM", 1, "nsubj"),
            ("killed", "kill", "VERB", 1, "ROOT"),
            ("in", "in", "ADP", 1, "prep"),
            ("shelling", "shelling", "NOUN", 2, "pobj"),
            ("-", "-", "PUNCT", 1, "punct"),
            ("Armenian", "armenian", "ADJ", 6, "amod"),
            ("army", "army", "NOUN", 1, "dep"),
        ]
    )
    assert [t.text for t in attribution(doc[:])] == ["army"]
    assert [t.text for t in attribution(doc[:4])] == ["army"]  # the tail split off as its own sentence
    assert attribution(doc[:3]) == []  # no dash after this span


def test_a_state_named_after_the_dash_is_the_side_harmed(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Two farmers killed in Azerbaijani shelling - Armenia")
    assert ("AZE", "ARM") in dyads(events, *VIOLENCE)


def test_a_speaker_saying_another_state_must_act_demands_it(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Chile said on Monday that Bolivia must withdraw its troops from the border.")
    assert any(
        e.root == "10" and e.source and e.target and (e.source.country, e.target.country) == ("CHL", "BOL")
        for e in events
    )


def test_readiness_to_act_is_a_stated_intent(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Norway is ready to provide aid to Malawi, its foreign minister said.")
    assert any(e.root == "03" and e.source and e.source.country == "NOR" for e in events)


def test_what_is_received_from_someone_is_given_by_them() -> None:
    from overtures.coding.dictionary import parse_pattern
    from overtures.coding.predicates import arguments

    doc = parse_by_hand(
        [
            ("Rebels", "rebel", "NOUN", 1, "nsubj"),
            ("received", "receive", "VERB", 1, "ROOT"),
            ("rifles", "rifle", "NOUN", 1, "dobj"),
            ("from", "from", "ADP", 1, "prep"),
            ("Chad", "Chad", "PROPN", 3, "pobj"),
        ]
    )
    pattern = parse_pattern("receive =rifle", code="072", pos="verb")
    sources, targets = arguments(doc[1], pattern)
    assert [t.text for t in sources] == ["Chad"]
    assert [[t.text for t in group] for group in targets] == [["Rebels"]]


def test_nationalities_listed_with_a_comma_on_one_noun_are_both_parties(services) -> None:  # type: ignore[no-untyped-def]
    doc = parse_by_hand(
        [
            ("Armenian", "armenian", "ADJ", 3, "amod"),
            (",", ",", "PUNCT", 0, "punct"),
            ("Azerbaijani", "azerbaijani", "ADJ", 3, "amod"),
            ("troops", "troop", "NOUN", 4, "nsubj"),
            ("clashed", "clash", "VERB", 4, "ROOT"),
        ],
        ents=["B-NORP", "O", "B-NORP", "O", "O"],
    )
    resolver = ActorResolver(services.coder.kb)
    matches = resolver.prepare(doc[:])
    actors = resolver.actors(doc[3], matches, ArticleContext(when=None))
    assert {a.code for a in actors} == {"ARMMIL", "AZEMIL"}
