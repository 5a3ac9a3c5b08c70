"""Which place an event happened at, read from its sentence and its article.

An event takes, in this order:

1. the most specific place tied to its predicate in the parse, the nearest first: a place named as
   where something happened ("in Kabul", "north of Baghdad", "in Iraq's Anbar province") or as the
   modifier of a noun ("Mosul clashes", "the Kherson offensive", "Iraq bombings");
2. the most specific other place its sentence names, a speaker's place ("officials in Kabul said")
   last, so that it never wins over where the act happened;
3. the place the article has set for its story: its dateline ("KABUL, March 3 (Reuters) -") or the
   first place an event of the article was tied to;
4. (in the coder) the country of the event's state actor.

"Most specific": a city, province or region wins over a country ("in Kirkuk, northern Iraq").
Names are read in the country of the event's actors or story where they have a reading there
(coding/gazetteer.py), and a divided area takes the side an act by one claimant lands on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from overtures.actors.kb import load_kb
from overtures.coding import places
from overtures.coding.gazetteer import ADMIN_WORDS, locate
from overtures.model import Actor, Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# "KABUL, March 3 (Reuters) -", "BAGHDAD (AP) —", "KABUL -": a place in capitals opening the article
FIRE_WORDS = frozenset(
    {"fire", "firing", "shelling", "shell", "sniper", "troops", "forces", "army", "strike"}
)
# a state's fire: "Indian shelling", "India firing", "India's retaliatory fire", "an Indian sniper"
FIRE_WORDS = frozenset({"fire", "firing", "shelling", "shell", "sniper", "mortar", "artillery"})
_LABEL = re.compile(r"\s*([A-Z][\w.'’ -]{2,25}):\s")  # "Colombia: ...", "Pakistan: ..."
_NAMED = frozenset({"PERSON", "GPE", "LOC", "FAC"})  # a person, or a place entity found already
_DATELINE = re.compile(r"\s*([A-Z][A-Z.'’ ]{2,30}[A-Z])(?:,[^\n]{0,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]")


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


def mentions(sent: Span, ents: Iterable[Span]) -> list[tuple[Token, Mention]]:
    """The places a sentence names, each anchored at its head token: place entities ("DR" and "Congo"
    read together), and proper nouns the entity recogniser missed after a place preposition ("in
    Camarines Sur") or before an event noun ("Sulu clash")."""
    found: dict[int, tuple[Token, str]] = {}
    inside = [ent for ent in ents if sent.start <= ent.start and ent.end <= sent.end]
    following: list[Span | None] = [*inside[1:], None] if inside else []
    for ent, after in zip(inside, following, strict=True):
        if (
            after is not None
            and after.start == ent.end
            and ent.root.head == after.root
            and _placed(ent, after)
        ):
            found[after.root.i] = (after.root, f"{ent.text} {after.text}")
        elif ent.label_ in PLACE_LABELS and not ent.text.islower():
            found.setdefault(ent.root.i, (ent.root, ent.text))
        elif ent.label_ == "NORP" and _nationality_of_place(ent.root):
            entry = load_kb().demonym(ent.text)
            if entry is not None and entry.kind == "country":
                found.setdefault(ent.root.i, (ent.root, entry.name))
    for token in sent:
        if token.pos_ == "PROPN" and token.ent_type_ not in _NAMED and _place_position(token, sent):
            found.setdefault(token.i, (token, _proper_name(token)))
    anchored = (_with_admin_word(root, text) for root, text in found.values())
    return [(anchor, _mention(anchor, text)) for anchor, text in anchored]


def _placed(*ents: Span) -> bool:
    return all(ent.label_ in PLACE_LABELS for ent in ents)


def _nationality_of_place(root: Token) -> bool:
    """A nationality adjective naming where fighting or a place is: "Philippine fighting", "an Iraqi
    oil field", "the Afghan north"; not "Iraqi forces" or "Indian shelling", which name who acted."""
    head = root.head.lemma_.lower()
    if root.dep_ == "pobj":  # "killed in Philippine", a headline's adjective for the country
        return head in EVENT_PREPS
    return root.dep_ in ("amod", "compound") and (head in PLACE_NOUNS or head in FIGHTING)


def _place_position(token: Token, sent: Span) -> bool:
    """After a place preposition; a country's name before a noun; or a name before an event noun
    but not opening the sentence, where a headline capitalises common words ("Grenade attack")."""
    if token.dep_ == "pobj":
        return token.head.lower_ in EVENT_PREPS
    if token.dep_ == "compound" and places._countries().get(places.normalise_place_name(token.text)):
        return True  # a country's short name the recogniser missed: "Pak forces"
    compound = token.dep_ == "compound" and token.head.lemma_.lower() in EVENT_NOUNS
    return compound and token.i > sent.start


def _mention(anchor: Token, text: str) -> Mention:
    origin = anchor.dep_ == "pobj" and anchor.head.lower_ in ORIGIN_PREPS  # "fire from Iran"
    tied, reported = _tied(anchor) and not origin, origin or _reported(anchor)
    return Mention(text, tied, reported, aside=not (tied or reported) and _aside(anchor))


def _aside(anchor: Token) -> bool:
    """The object of a preposition that names no place, or the subject of a verb that is not one of
    speech: "for Israel", "on Afghanistan", "Iran condemned"."""
    root = anchor.head if anchor.dep_ == "poss" else anchor
    if root.dep_ == "pobj":
        return root.head.lower_ not in EVENT_PREPS
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() not in SPEECH_VERBS


def _proper_name(token: Token) -> str:
    """A proper noun with the proper-noun compounds right before it ("Camarines Sur")."""
    start = token.i
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
        return True
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
    token: Token, anchored: list[tuple[Token, Mention]], prefer: frozenset[str]
) -> tuple[Location | None, bool]:
    """The place of the event whose predicate is ``token``, and whether it may stand for the event's
    target: the most specific tied place nearest to it, else the most specific other place of its
    sentence; a speaker's place next and a place named aside last, neither standing for the target."""
    tied = [(anchor, m) for anchor, m in anchored if m.tied and not m.reported]
    for level in _levels(token, tied):
        found = most_specific(level, prefer)
        if found is not None:
            return found, True
    others = [m for _, m in anchored if not m.tied and not m.reported and not m.aside]
    standing = most_specific(others, prefer)
    if standing is not None:
        return standing, True
    reported = [m for _, m in anchored if m.reported]
    return most_specific(reported, prefer) or most_specific(
        (m for _, m in anchored if m.aside), prefer
    ), False


def _levels(token: Token, anchored: list[tuple[Token, Mention]]) -> Iterable[list[Mention]]:
    """The mentions below the predicate, nearest first, then below each of its governors in turn."""
    node, previous = token, None
    while True:
        below = [
            (_depth(anchor, node), m)
            for anchor, m in anchored
            if _under(anchor, node) and (previous is None or not _under(anchor, previous))
        ]
        if below:
            yield [m for _, m in sorted(below, key=lambda pair: pair[0])]
        if node.head.i == node.i:
            return
        node, previous = node.head, node


def _under(token: Token, node: Token) -> bool:
    return token == node or node.is_ancestor(token)


def _depth(token: Token, node: Token) -> int:
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


@lru_cache(maxsize=512)
def country_place(code: str) -> Location | None:
    """A country as a place (no coordinates: the gazetteer has no centroids)."""
    return next((p for p in places._countries().values() if p.country == code), None)


def named_countries(anchored: list[tuple[Token, Mention]]) -> frozenset[str]:
    """The countries a sentence names as places: "Pakistan's Punjab" is read in Pakistan."""
    found = (places._countries().get(places.normalise_place_name(m.text)) for _, m in anchored)
    return frozenset(place.country for place in found if place is not None and place.country)


def dateline(doc: Doc) -> Location | None:
    """The place an article opens with: its dateline ("KABUL, March 3 (Reuters) -", "BAGHDAD (AP) -")
    or its headline's label ("Colombia: Rebels kill two soldiers")."""
    found = _DATELINE.match(doc.text[:60]) or _LABEL.match(doc.text[:40])
    return locate(found.group(1).title() if found.group(1).isupper() else found.group(1)) if found else None


def actors_country(targets: list[Actor], sources: list[Actor]) -> Location | None:
    """The country of the event's first state actor, the target's first: where a violent act's
    victims are is where it happened more often than where its perpetrator comes from."""
    for actor in (*targets, *sources):
        if actor.country:
            return country_place(actor.country)
    return None


def other_side(place: Location, sent: Span, actors: list[Actor]) -> Location:
    """In a divided area (places.yaml's ``divided_areas``), fire by one claimant's forces lands on the
    other's side ("Indian shelling kills two in Kashmir": Pakistani Kashmir); failing that the event
    is on the side of the one claimant among its actors ("Pakistani civilian killed in Kashmir")."""
    sides = places.divided_areas().get(place.name)
    if not sides:
        return place
    firing = _firing(sent) & sides.keys()
    involved = {a.country for a in actors if a.country in sides}
    if len(firing) == 1 and len(sides) == 2:
        claimant = next(iter(sides.keys() - firing))
    elif len(involved) == 1:
        claimant = next(iter(involved))
    else:
        return place
    return locate(sides[claimant]) or place


def _firing(sent: Span) -> set[str]:
    """The countries whose fire a sentence names: "Indian shelling", "India firing", "India's fire"."""
    found: set[str] = set()
    for token in sent:
        if token.lemma_.lower() in FIRE_WORDS:
            named = (c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nsubj"))
            found.update(code for code in map(places.country_of_name, (c.text for c in named)) if code)
    return found
