"""Where an event is put from outside its sentence's parse: the article's dateline or headline label,
the country of its state actor, and the side of a divided area an act happened on (see located.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from overtures import places
from overtures.coding.clauses import by_objects
from overtures.coding.gazetteer import locate
from overtures.model import Actor, Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# a state's fire: "Indian shelling", "India firing", "India's retaliatory fire", "an Indian sniper"
FIRE_WORDS = frozenset({"fire", "firing", "shelling", "shell", "sniper", "mortar", "artillery"})
# "KABUL, March 3 (Reuters) -", "BAGHDAD (AP) —", "KABUL -": a place in capitals opening the article
_DATELINE = re.compile(r"\s*([A-Z][A-Z.'’ ]{2,30}[A-Z])(?:,[^\n]{0,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]")
_LABEL = re.compile(r"\s*([A-Z][\w.'’ -]{2,25}):\s")  # "Colombia: ...", "Pakistan: ..."


@lru_cache(maxsize=512)
def country_place(code: str) -> Location | None:
    """A country as a place (no coordinates: the gazetteer has no centroids)."""
    return next((p for p in places._countries().values() if p.country == code), None)


def dateline(text: str) -> Location | None:
    """The place an article's text opens with: its dateline ("KABUL, March 3 (Reuters) -", "BAGHDAD
    (AP) -") or its headline's label ("Colombia: Rebels kill two soldiers")."""
    found = _DATELINE.match(text[:60]) or _LABEL.match(text[:40])
    return locate(found.group(1).title() if found.group(1).isupper() else found.group(1)) if found else None


def actors_country(targets: list[Actor], sources: list[Actor]) -> Location | None:
    """The country of the event's first state actor, the target's first: where a violent act's
    victims are is where it happened more often than where its perpetrator comes from."""
    for actor in (*targets, *sources):
        if actor.country:
            return country_place(actor.country)
    return None


def other_side(place: Location, sent: Span, actors: list[Actor], named: frozenset[str]) -> Location:
    """In a divided area (places.yaml's ``divided_areas``), fire by one claimant's forces lands on the
    other's side ("Indian shelling kills two in Kashmir": Pakistani Kashmir); failing that the event
    is on the side of the one claimant among its actors ("Pakistani civilian killed in Kashmir"), or
    else among the countries its sentence names ("Pakistan says two killed in Kashmir")."""
    sides = places.divided_areas().get(place.name)
    if not sides:
        return place
    firing = _firing(sent) & sides.keys()
    involved = {a.country for a in actors if a.country in sides}
    if len(firing) == 1 and len(sides) == 2:
        claimant = next(iter(sides.keys() - firing))
    elif len(involved) == 1 or len(named & sides.keys()) == 1:
        claimant = next(iter(involved if len(involved) == 1 else named & sides.keys()))
    else:
        return place
    return locate(sides[claimant]) or place


def _firing(sent: Span) -> set[str]:
    """The countries whose fire a sentence names: "Indian shelling", "India firing", "India's fire",
    "firing by Indian troops", and a nationality right before the fire word however it was parsed
    ("killed in Indian | shelling")."""
    found: set[str] = set()
    for token in sent:
        if token.lemma_.lower() in FIRE_WORDS:
            found.update(code for code in map(places.country_of_name, _firers(token)) if code)
    return found


def _firers(fire: Token) -> list[str]:
    """The words that may name who fired: the fire word's modifiers, its subject, its ``by`` agent
    and that agent's modifiers, and the word right before it."""
    named = [c for c in fire.children if c.dep_ in ("amod", "compound", "poss", "nsubj")]
    agents = by_objects(fire)
    named += agents + [m for a in agents for m in a.children if m.dep_ in ("amod", "compound")]
    before = fire.doc[fire.i - 1] if fire.i > fire.sent.start else None
    if before is not None and before.pos_ in ("PROPN", "ADJ"):
        named.append(before)
    return [t.text for t in named]
