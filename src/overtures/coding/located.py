"""Which place an event happened at, read from its sentence (setting.py reads the article around it).

An event takes, in this order:

1. the most specific place tied to its predicate in the parse, the nearest first: a place named as
   where something happened ("in Kabul", "north of Baghdad", "in Iraq's Anbar province") or as the
   modifier of a noun ("Mosul clashes", "the Kherson offensive", "Iraq bombings", "Philippine clash");
2. the most specific other place its sentence names as its setting ("Canadian premier visits Iraq as
   bombs kill 30");
3. a speaker's place ("officials in Kabul said"), then a place named aside ("talks on Afghanistan",
   "fire from Iran"), so that neither wins over where the act happened;
4. (in the coder, setting.py) the article's story place: its dateline ("KABUL, March 3 (Reuters) -"),
   its headline label ("Colombia: ...") or the first place an event of it was put at; else the
   country of the event's state actor.

Only places of 1 and 2 may stand for an event's target (roles.placed). "Most specific": a city,
province or region wins over a country ("in Kirkuk, northern Iraq"). Names are read in the country of
the event's actors, of the countries the sentence names or of the story where they have a reading
there (coding/gazetteer.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from overtures import places
from overtures.actors.kb import load_kb
from overtures.coding.gazetteer import ADMIN_WORDS, locate
from overtures.coding.setting import country_place
from overtures.model import Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

T = TypeVar("T")

# prepositions that name where something happened: "in Kabul", "along the border", "on Donetsk outskirts"
EVENT_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "from", "along", "around", "throughout", "within"}
)
# where an act came from, not where it happened ("cross-border fire from Iran"): a last resort, like a
# speaker's place
ORIGIN_PREPS = frozenset({"from"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# nouns of places a nationality adjective before them places ("an Iraqi oil field", "the Afghan north")
PLACE_NOUNS = frozenset(
    {"province", "region", "town", "city", "village", "area", "field", "oilfield", "territory", "countryside"}
    | {"north", "south", "east", "west", "capital", "district", "port", "island", "islands"}
)
# events between sides, which a nationality adjective places rather than attributes ("Philippine clash")
FIGHTING = frozenset({"fighting", "clash", "violence", "unrest", "conflict", "war", "battle", "encounter"})
# nouns of events a proper noun before them places ("Sulu clash", "Maguindanao offensive")
EVENT_NOUNS = frozenset(
    {
        "clash",
        "attack",
        "offensive",
        "fighting",
        "battle",
        "bombing",
        "blast",
        "explosion",
        "ambush",
        "raid",
        "shelling",
        "strike",
        "encounter",
        "violence",
        "firing",
        "operation",
        "unrest",
        "protest",
        "siege",
        "assault",
    }
)
# "southwest of Baghdad", "the outskirts of Aleppo": a place given relative to a named one
RELATIVE_PLACES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "outskirts",
        "suburb",
        "suburbs",
        "centre",
        "center",
        "heart",
        "parts",
        "part",
    }
)
SPEECH_VERBS = frozenset({"say", "tell", "report", "claim", "announce", "confirm", "add", "state", "quote"})
# nouns of one side's fire: a place modifying them names who fired ("Pakistan shelling"), not where
FIRE_NOUNS = frozenset({"fire", "firing", "shelling", "sniper", "mortar", "artillery", "drone", "jet"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# proper nouns the recogniser left out or took for an organisation; after a place preposition also
# those it took for a person or a product ("near Sialkot", "in Catanduanes"), not dates or numbers
_UNNAMED = frozenset({"", "ORG"})
_NOT_PLACES = frozenset(
    {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)


@dataclass(frozen=True)
class Mention:
    """A place named in a sentence: its text, whether it is named as where something happened,
    whether it sits in a speaker's phrase ("officials in Kabul said"), and whether it is named aside,
    as the counterpart or topic of an act or the subject of another ("spying for Israel", "talks on
    Afghanistan", "Iran condemned the strikes"): such a place can tell where an event is put, never
    stand for its target."""

    text: str
    tied: bool
    reported: bool
    aside: bool = False
    modifier: bool = False  # tied as a noun's modifier ("Uganda rebels"): after "in Congo" at one level
    origin: bool = False  # where the act came from ("fire from Iran"): never where it happened


def mentions(sent: Span, ents: Iterable[Span]) -> list[tuple[Token, Mention]]:
    """The places a sentence names, each anchored at its head token: place entities (with the proper
    nouns they are compounds of: "DR Congo"), and proper nouns the entity recogniser missed after a
    place preposition ("in Camarines Sur") or before an event noun ("Sulu clash")."""
    found: dict[int, tuple[Token, str]] = {}
    inside = [ent for ent in ents if sent.start <= ent.start and ent.end <= sent.end]
    for ent in inside:
        longer = _longer_name(ent)
        if longer is not None:
            found[longer[0].i] = longer
        elif ent.label_ in PLACE_LABELS and not ent.text.islower():
            found.setdefault(ent.root.i, (ent.root, ent.text))
        elif ent.label_ == "NORP" and _nationality_of_place(ent.root):
            entry = load_kb(None).demonym(ent.text)
            if entry is not None and entry.kind == "country":
                found.setdefault(ent.root.i, (ent.root, entry.name))
    for token in sent:
        unnamed = token.ent_type_ in _UNNAMED or (token.dep_ == "pobj" and token.ent_type_ not in _NOT_PLACES)
        if _proper(token) and unnamed and _place_position(token, sent):
            found.setdefault(token.i, (token, _proper_name(token)))
    anchored = (_with_admin_word(root, text) for root, text in found.values())
    return [(anchor, _mention(anchor, text)) for anchor, text in anchored]


def _proper(token: Token) -> bool:
    """A proper noun, or a name tagged as a noun that the curated places hold ("near LoC")."""
    if token.pos_ == "PROPN":
        return True
    if token.pos_ != "NOUN" or token.text.islower():
        return False
    return places.normalise_place_name(token.text) in places._curated_places()


def _longer_name(ent: Span) -> tuple[Token, str] | None:
    """A place entity read with the proper nouns it is a compound of, where that names a known place
    ("DR" + "Congo", "Dera" + "Ismail Khan")."""
    head = ent.root.head
    if ent.label_ not in PLACE_LABELS or ent.root.dep_ != "compound" or head.pos_ != "PROPN":
        return None
    if head.i < ent.end or head.i - ent.end > 2:
        return None
    text = ent.doc[ent.start : head.i + 1].text
    return (head, text) if locate(text) is not None else None


def _nationality_of_place(root: Token) -> bool:
    """A nationality adjective naming where fighting or a place is: "Philippine fighting", "an Iraqi
    oil field", "the Afghan north"; not "Iraqi forces" or "Indian shelling", which name who acted."""
    head = root.head.lemma_.lower()
    if root.dep_ == "pobj":  # "killed in Philippine", a headline's adjective for the country,
        return head in EVENT_PREPS and not _split_from_its_act(root)  # not "in Indian | shelling"
    return root.dep_ in ("amod", "compound") and (head in PLACE_NOUNS or head in FIGHTING)


def _split_from_its_act(root: Token) -> bool:
    """A nationality the parser cut off from the act it qualifies ("killed in Azerbaijani | shelling"):
    the word after it is a gerund or an act other than fighting, so the nationality names the doer."""
    if root.i + 1 >= len(root.doc):
        return False
    after = root.doc[root.i + 1]
    return after.tag_ == "VBG" or (
        after.lemma_.lower() in EVENT_NOUNS and after.lemma_.lower() not in FIGHTING
    )


def _place_position(token: Token, sent: Span) -> bool:
    """After a place preposition or before the noun after one; a country's name before a noun; or a
    name before an event noun but not opening the sentence, where a headline capitalises common words
    ("Grenade attack")."""
    if token.dep_ == "pobj":
        return token.head.lower_ in EVENT_PREPS
    if token.dep_ == "compound" and _country_named(token.text):
        return True  # a country's short name the recogniser missed: "Pak forces"
    head = token.head
    if token.dep_ == "compound" and head.dep_ == "pobj" and head.head.lower_ in EVENT_PREPS:
        return True  # "in Erbil police", "in Sulu town"
    compound = token.dep_ == "compound" and token.head.lemma_.lower() in EVENT_NOUNS
    return compound and token.i > sent.start


def _mention(anchor: Token, text: str) -> Mention:
    origin = anchor.dep_ == "pobj" and anchor.head.lower_ in ORIGIN_PREPS  # "fire from Iran"
    tied, reported = _tied(anchor) and not origin, _reported(anchor)
    modifier = anchor.dep_ in MODIFIER_DEPS
    aside = not (tied or reported or origin) and _aside(anchor)
    return Mention(text, tied, reported, aside=aside, modifier=modifier, origin=origin)


def _aside(anchor: Token) -> bool:
    """The object of a preposition that names no place, or the subject of a verb that is not one of
    speech: "for Israel", "on Afghanistan", "Iran condemned"."""
    root = anchor.head if anchor.dep_ == "poss" else anchor
    if root.dep_ in MODIFIER_DEPS and root.head.lemma_.lower() in FIRE_NOUNS:
        return True  # who fired: "Pakistan shelling"
    if root.dep_ == "pobj":
        return root.head.lower_ not in EVENT_PREPS
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() not in SPEECH_VERBS


def _proper_name(token: Token) -> str:
    """A proper noun with the proper-noun compounds right before it ("Camarines Sur"), or with the
    rest of the entity it ends ("Agusan del Sur" taken for an organisation)."""
    start = token.i
    if token.ent_iob_ == "I":
        while start > token.sent.start and token.doc[start].ent_iob_ == "I":
            start -= 1
        return token.doc[start : token.i + 1].text
    while start > token.sent.start:
        before = token.doc[start - 1]
        if before.dep_ != "compound" or before.head.i != token.i or before.pos_ != "PROPN":
            break
        start -= 1
    return token.doc[start : token.i + 1].text


def _with_admin_word(root: Token, text: str) -> tuple[Token, str]:
    """ "Helmand province": the place and its administrative word, anchored at the word."""
    head = root.head
    if root.dep_ == "compound" and head.lower_ in ADMIN_WORDS and head.i == root.i + 1:
        return head, f"{text} {head.text}"
    return root, text


def _tied(anchor: Token) -> bool:
    """Whether a place is named as where something happened, or as a noun's modifier."""
    root = anchor
    if root.dep_ == "poss":  # "in Iraq's Anbar": the place owns the place named
        root = root.head
    while root.dep_ == "conj" and root.head.i != root.i:  # "in southeast Turkey, northern Iraq"
        root = root.head
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ == "NOUN":
        return root.head.lemma_.lower() not in FIRE_NOUNS  # "India border fire" names who fired
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in EVENT_PREPS or (prep.lower_ == "of" and prep.head.lower_ in RELATIVE_PLACES)


def _reported(anchor: Token) -> bool:
    """Whether a place sits in the subject of a speech verb: "officials in Kabul said"."""
    for token in (anchor, *anchor.ancestors):
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def event_place(
    token: Token, anchored: list[tuple[Token, Mention]], prefer: frozenset[str], *, told_only: bool = False
) -> tuple[Location | None, bool]:
    """The place of the event whose predicate is ``token``, and whether it may stand for the event's
    target: the most specific tied place nearest to it, else the most specific other place of its
    sentence; a speaker's place next and a place named aside last, neither standing for the target; never
    the place an act came from ("fire from Iran").
    With ``told_only`` (statements, diplomacy: acts that are not done at a place) only a place tied to
    the predicate in its own clause counts."""
    tied = [(anchor, m) for anchor, m in anchored if m.tied and not m.reported]
    if told_only:
        tied = [(anchor, m) for anchor, m in tied if _same_clause(anchor, token)]
    for level in _levels(token, tied):
        found = most_specific(level, prefer)
        if found is not None:
            return found, True
    if told_only:
        return None, False
    others = [m for _, m in anchored if not (m.tied or m.reported or m.aside or m.origin)]
    standing = most_specific(others, prefer)
    if standing is not None:
        return standing, True
    reported = [m for _, m in anchored if m.reported and not m.origin]
    return most_specific(reported, prefer) or most_specific(
        (m for _, m in anchored if m.aside), prefer
    ), False


def _levels(token: Token, anchored: list[tuple[Token, Mention]]) -> Iterable[list[Mention]]:
    """The mentions below the predicate, nearest first, then below each of its governors in turn."""
    for below in governor_levels(token, anchored):
        yield [m for _, m in sorted(below, key=lambda pair: (pair[1].modifier, pair[0]))]


def governor_levels(token: Token, anchored: list[tuple[Token, T]]) -> Iterator[list[tuple[int, T]]]:
    """The items anchored below the predicate, with their depth under it; then those below each of its
    governors in turn (each level without the ones already given). Levels with nothing are skipped."""
    node, previous = token, None
    while True:
        below = [
            (_depth(anchor, node), value)
            for anchor, value in anchored
            if _under(anchor, node) and (previous is None or not _under(anchor, previous))
        ]
        if below:
            yield below
        if node.head.i == node.i:
            return
        node, previous = node.head, node


CLAUSES = frozenset({"advcl", "ccomp", "relcl", "parataxis", "csubj"})


def _same_clause(anchor: Token, predicate: Token) -> bool:
    """Whether a place hangs in the predicate's own clause, not in a clause of another verb ("expelled
    two diplomats, saying they had spied for Kabul": Kabul is not where they were expelled)."""
    node = anchor
    while node != predicate and node.head.i != node.i:
        if node.dep_ in CLAUSES and node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return node == predicate


def _under(token: Token, node: Token) -> bool:
    """Whether ``token`` is ``node`` or hangs below it in the parse."""
    return token == node or node.is_ancestor(token)


def _depth(token: Token, node: Token) -> int:
    """How many steps up the parse lead from ``token`` to ``node``."""
    steps = 0
    while token != node and token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def most_specific(found: Iterable[Mention], prefer: frozenset[str]) -> Location | None:
    """The first place of a city, province or region, else the first country, among known places."""
    located = [place for place in (_locate(m.text, prefer) for m in found) if place is not None]
    return next((p for p in located if not _is_country(p)), located[0] if located else None)


@lru_cache(maxsize=8192)
def _locate(text: str, prefer: frozenset[str]) -> Location | None:
    return locate(text, prefer)


def _is_country(place: Location) -> bool:
    return place.country is not None and country_place(place.country) == place


def named_countries(anchored: list[tuple[Token, Mention]]) -> frozenset[str]:
    """The countries a sentence names as places: "Pakistan's Punjab" is read in Pakistan."""
    found = (_country_named(m.text) for _, m in anchored)
    return frozenset(place.country for place in found if place is not None and place.country)


def without_doer(anchored: list[tuple[Token, Mention]], doers: set[int]) -> list[tuple[Token, Mention]]:
    """The places without a country that modifies the event as its doer ("US strikes IS targets in
    Iraq": the strikes are in Iraq), when the sentence names another place tied to an event; a country
    alone ("Pakistan blast") stays the place."""
    doer = [(a, m) for a, m in anchored if m.modifier and a.i in doers and _names_country(m)]
    rest = [(a, m) for a, m in anchored if (a, m) not in doer]
    return rest if doer and any(m.tied for _, m in rest) else anchored


def _names_country(mention: Mention) -> bool:
    return _country_named(mention.text) is not None


def _country_named(text: str) -> Location | None:
    """The country a text names by its name ("Pakistan", "Pak"), else None."""
    return places._countries().get(places.normalise_place_name(text))
