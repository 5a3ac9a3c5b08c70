"""Roles: which actors play source and target of a matched predicate.

The predicate finder (coding/predicates.py) names the head tokens of the argument phrases; here they are
resolved to actors (actors/resolve.py), with the fallbacks that news language needs: a phrase with no
actor passes to its complements ("members of the Haqqani network"), a document to whoever issued it
("a report released in Kigali"), a violent act with no state as target to the state where it happened.
An alleged hostile act is also an accusation by whoever alleges it, or a claim of responsibility when
the one alleging is the doer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from overtures.actors.context import ArticleContext
from overtures.actors.resolve import NEGATIVE_HEADS, ActorResolver, SentenceMatches, bare_demonym, shared_noun
from overtures.model import Actor, Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A document speaks for whoever issued it.
DOCUMENTS = frozenset(
    {
        "report",
        "study",
        "statement",
        "document",
        "letter",
        "communique",
        "survey",
        "dossier",
        "memo",
        "memorandum",
        "resolution",
        "declaration",
    }
)
# Verbs by which a speaker alleges that an act happened ("claimed that ISIL had attacked Iraq").
ALLEGING = frozenset({"claim", "allege"})
# Verbs by which a party reports what happened to it.
REPORTING = frozenset({"say", "report", "claim", "allege", "tell", "announce", "confirm", "state"})
ACCUSE, CLAIM_RESPONSIBILITY = "112", "015"
MAX_STEPS = 4


def resolve_actors(
    tokens: tuple[Token, ...],
    resolver: ActorResolver,
    matches: SentenceMatches,
    ctx: ArticleContext,
    *,
    speaking: bool = False,
) -> list[Actor]:
    """Actors of the argument phrases; a phrase with no actor passes to its prepositional complements,
    a document to whoever issued it (and, when ``speaking`` as a source, to where it was issued)."""
    found: list[Actor] = []
    for token in tokens:
        if token.lower_ in NEGATIVE_HEADS:
            continue  # "None of Afghanistan's neighbours": nobody, not Afghanistan
        actors = resolver.actors(token, matches, ctx) or _inner_actors(token, resolver, matches, ctx)
        if not actors:
            actors = _issuer(token, resolver, matches, ctx, places=speaking)
        found.extend(a for a in actors if all(a.code != f.code for f in found))
    # "Chinese, Russian leaders": a nationality listed on its own shares the noun of the others
    return shared_noun(found, [t for t in tokens if t.pos_ == "ADJ" and bare_demonym(t, matches)])


def first_resolved(
    groups: tuple[tuple[Token, ...], ...],
    resolver: ActorResolver,
    matches: SentenceMatches,
    ctx: ArticleContext,
    *,
    exclude: list[Actor],
) -> list[Actor]:
    """The actors of the first candidate group that names a state or group other than the sources;
    failing that, of the first group that names any actor (a bare sector such as "rebels")."""
    resolved = []
    for group in groups:
        clause = group[0].dep_ in ("ccomp", "xcomp")
        tokens = _nominals(group) if clause else group
        found = [
            a
            for a in resolve_actors(tokens, resolver, matches, ctx)
            if not any(same_actor(a, s) for s in exclude)
        ]
        if clause:  # only the first actor of a clause, preferring one with a country
            found = sorted(found, key=lambda a: a.country is None)[:1]
        resolved.append(found)
    for found in resolved:
        if any(a.country for a in found):
            return [a for a in found if a.country]
    return next((found for found in resolved if found), [])


def _nominals(clauses: tuple[Token, ...]) -> tuple[Token, ...]:
    """Noun-phrase heads inside complement clauses ("agreed that ambassadors would be appointed in Kabul")."""
    return tuple(
        t for c in clauses for t in c.subtree if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound"
    )


# Quantities that stand for people harmed: "Three killed", "kills 7", "dozens wounded".
COUNT_WORDS = frozenset(
    {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands"}
)


def victims(
    groups: tuple[tuple[Token, ...], ...],
    *,
    told: frozenset[str] = frozenset(),
    sector_of: Callable[[str], str | None] = lambda word: None,
) -> list[Actor]:
    """Those harmed by a violent act when no actor can be named: people told by their number ("Three
    killed", "a bomb kills 7") are civilians; people told by a role ("a security guard", "the mayor")
    take the role's sector, people told by name none. Things and places ("ships", "a checkpoint") are
    nobody. Their country may come from the place of the act (``placed``)."""
    for group in groups:
        for token in group:
            if token.pos_ not in ("NUM", "NOUN", "PROPN") or token.lemma_.lower() in told:
                continue  # "exchange fire": the object the pattern names is no one harmed
            if token.dep_ == "pobj" and not token.like_num:
                continue  # "fire at the crossing": a place or thing, not someone harmed
            counted = token.like_num or token.lower_ in COUNT_WORDS
            sector = "CVL" if counted else sector_of(token.lemma_.lower()) or sector_of(token.lower_)
            if sector is None and token.ent_type_ != "PERSON":
                continue  # a thing or a place ("ships", "a checkpoint"), not someone harmed
            start, end = token.left_edge.idx, token.idx + len(token.text)
            name = "people" if counted else token.lemma_.lower()
            text = token.doc.text[start:end]
            return [
                Actor(
                    name=name,
                    text=text,
                    country=None,
                    sector=sector,
                    code=f"---{sector or ''}",
                    start=start,
                    end=end,
                )
            ]
    return []


def of_country(actor: Actor, country: str) -> Actor:
    """The actor as one of ``country``'s: its sector kept, its code rebuilt from both."""
    return replace(actor, country=country, code=f"{country}{actor.sector or ''}")


def localised(actors: list[Actor], location: Location | None) -> list[Actor]:
    """Forces, police or militants named by their sector alone take the country where they act:
    "security forces killed 15 militants in Pakistan's Orakzai" are Pakistan's."""
    country = location.country if location is not None else None
    if country is None:
        return actors
    return [of_country(a, country) if a.country is None and a.sector else a for a in actors]


def placed(targets: list[Actor], location: Location | None) -> list[Actor]:
    """Protests, shows of force and violence with no state as target are aimed at the place's state:
    "four children were killed in Gaza" -> Palestinian civilians; "an attack in Kashmir" -> India."""
    if location is None or location.country is None:
        return targets
    if not targets:
        return [
            Actor(name=location.name, text=location.name, country=location.country, code=location.country)
        ]
    return [of_country(t, location.country) for t in targets]


def _issuer(
    token: Token, resolver: ActorResolver, matches: SentenceMatches, ctx: ArticleContext, *, places: bool
) -> list[Actor]:
    """A document speaks for whoever issued it: "a memo sent by X"; with ``places`` also the place it was
    issued in ("a report released in the Rwandan capital")."""
    if token.lemma_.lower() not in DOCUMENTS:
        return []
    preps = ("by", "in", "from") if places else ("by",)
    for clause in token.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for prep in clause.children:
                if prep.dep_ in ("agent", "prep") and prep.lower_ in preps:
                    for obj in (o for o in prep.children if o.dep_ == "pobj"):
                        actors = resolver.actors(obj, matches, ctx)
                        if actors:
                            return actors
    return []


def _inner_actors(
    token: Token, resolver: ActorResolver, matches: SentenceMatches, ctx: ArticleContext
) -> list[Actor]:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "on", "against", "of", "for", "in"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    actors = resolver.actors(obj, matches, ctx)
                    if actors:
                        return actors
    return []


def pairs(
    sources: list[Actor], targets: list[Actor], *, symmetric: bool
) -> list[tuple[Actor | None, Actor | None]]:
    """The (source, target) pairs an event is coded for; mutual acts are coded in both directions.
    A source's own possession ("Britain closed its embassy") is not its target."""
    targets = [t for t in targets if not any(_own_possession(s, t) for s in sources)]
    if sources and targets:
        out: list[tuple[Actor | None, Actor | None]] = []
        for s in sources:
            for t in targets:
                if same_actor(s, t):
                    continue
                out.append((s, t))
                if symmetric:
                    out.append((t, s))
        return out or [(s, None) for s in sources]  # "X's strike in X": the act is X's, its target unknown
    if len(sources) > 1 and symmetric:
        return [(s, t) for s in sources for t in sources if not same_actor(s, t)]
    if sources:
        return [(s, None) for s in sources]
    return [(None, t) for t in targets]


def same_actor(a: Actor, b: Actor) -> bool:
    return a.country == b.country and a.code == b.code


OWN = frozenset({"its", "their", "his", "her"})


def _own_possession(source: Actor, target: Actor) -> bool:
    """ "Britain closed its embassy": the source's own embassy, army or ambassador is not a target."""
    words = target.text.lower().split()
    return bool(words) and words[0] in OWN and target.country == source.country


def reporting_verb(token: Token) -> Token | None:
    """The verb that reports the act of ``token`` ("Pakistan says Indian firing killed two", "Pakistan
    says four killed in shelling")."""
    node = token
    for _ in range(MAX_STEPS):
        if node.dep_ not in REPORTED_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in REPORTING and node.pos_ == "VERB":
            return node
    return None


REPORTED_DEPS = frozenset({"ccomp", "conj", "acl", "dobj", "xcomp", "nsubj"})
ATTRIBUTION_MARKS = frozenset({"-", "\u2013", "\u2014", ":"})


def attribution(sent: Span) -> list[Token]:
    """The source a headline names after a final dash or colon ("... killed in Indian firing - Pakistan",
    "...: Pakistani army"): the heads of that short tail, read inside the sentence or as the short
    sentence the tail was split into (nlp.ATTRIBUTION_TAIL)."""
    doc = sent.doc
    if sent.end < len(doc) and doc[sent.end].text in ATTRIBUTION_MARKS:
        line = doc[sent.end + 1 :]
        return _tail_heads(list(itertools.takewhile(lambda t: "\n" not in t.text, line)))
    marks = [t.i for t in sent if t.text in ATTRIBUTION_MARKS]
    if not marks or marks[-1] - sent.start < len(sent) // 2:
        return []
    return _tail_heads(list(doc[marks[-1] + 1 : sent.end]))


def _tail_heads(tokens: list[Token]) -> list[Token]:
    tail = [t for t in tokens if not t.is_punct]
    if not tail or len(tail) > 5:
        return []
    return [t for t in tail if t.pos_ in ("PROPN", "NOUN") and not (t.head in tail and t.head != t)]


def reported_side(
    sources: list[Actor], targets: list[Actor], reporters: list[Actor]
) -> tuple[list[Actor], list[Actor]]:
    """A state reporting violence between itself and another names only the other: "Pakistan says Indian
    firing killed two civilians" (the dead are Pakistan's), "India says it killed five Pakistani soldiers"
    is told with "it". The unnamed side of the act takes the reporting state's country, and so do forces
    it names without a country ("Pakistan police say security forces killed eight militants")."""
    reporter = next((r for r in reporters if r.country), None)
    named = {a.country for a in sources + targets if a.country}
    if reporter is not None and not named and sources and all(_own_forces(s) for s in sources):
        return _as_reporter(sources, reporter), targets
    if reporter is None or len(named) != 1 or reporter.country in named:
        return sources, targets
    if sources and all(t.country is None and t.sector for t in targets):
        return sources, _as_reporter(targets, reporter)
    if targets and not sources:
        return [_state_of(reporter)], targets
    return sources, targets


# Sectors a state reports as its own when it names no country: "Pakistan police say security forces
# killed eight militants" (Pakistan's forces).
SECURITY_SECTORS = frozenset({"MIL", "COP", "SPY"})


def _own_forces(actor: Actor) -> bool:
    return actor.country is None and actor.sector in SECURITY_SECTORS


def _as_reporter(targets: list[Actor], reporter: Actor) -> list[Actor]:
    if not targets:
        return [_state_of(reporter)]
    return [of_country(t, reporter.country or "") for t in targets]


def _state_of(actor: Actor) -> Actor:
    country = actor.country or ""
    return Actor(
        name=country, text=actor.text, country=country, code=country, start=actor.start, end=actor.end
    )


def alleging_verb(token: Token) -> Token | None:
    """The verb that alleges the act of ``token`` ("The US claimed that ISIL had attacked Iraq")."""
    node = token
    for _ in range(MAX_STEPS):
        if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in ALLEGING and node.pos_ == "VERB":
            return node
    return None


def allegations(
    speakers: list[Actor], sources: list[Actor], targets: list[Actor]
) -> list[tuple[Actor, Actor | None, str]]:
    """To allege a hostile act is to accuse its doer (112); to allege one's own is to claim it (015)."""
    out: list[tuple[Actor, Actor | None, str]] = []
    for speaker in speakers:
        if any(_same_state(speaker, doer) for doer in sources):
            claimed: list[Actor | None] = [*targets] or [None]
            out.extend((speaker, target, CLAIM_RESPONSIBILITY) for target in claimed)
        else:
            out.extend((speaker, doer, ACCUSE) for doer in sources)
    return out


def _same_state(a: Actor, b: Actor) -> bool:
    return a.code == b.code or (a.country is not None and a.country == b.country)
