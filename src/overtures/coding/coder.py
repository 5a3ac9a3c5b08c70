"""The event coder: from a parsed article to CAMEO events with actors, modality, date, place and evidence.

Per sentence: find predicates (coding/predicates.py), resolve their source and target phrases to actors
(actors/resolve.py), read the modality (coding/modality.py), attach the nearest time expression and place
in the parse, and build one event per (source, target) pair. Expected acts are coded as the intent (03x),
never as the act. The same event told twice in one article is kept once, with both evidence sentences.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from overtures.actors.kb import KnowledgeBase, load_kb
from overtures.actors.resolve import ActorResolver, ArticleContext, SentenceMatches
from overtures.coding import codebook
from overtures.coding.dates import find_time_expressions, publication_date, resolve_time
from overtures.coding.dictionary import Dictionary, load_dictionary
from overtures.coding.modality import ModalityReading, modality_of
from overtures.coding.places import geocode
from overtures.coding.predicates import PredicateMatch, find_predicates
from overtures.model import Actor, Article, EventDate, Event, Evidence, Location, Modality
from overtures.nlp import content_sentences, sentence_offsets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CODER_VERSION = "0.1.0"
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "from"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_TARGET_ROOTS = frozenset({"14", "15", "18", "19", "20"})  # protests, shows of force, violence
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Coder:
    """The services the coder needs, passed in (nothing is loaded in the constructor)."""

    kb: KnowledgeBase
    dictionary: Dictionary

    def code(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """Code every sentence of a parsed article; events come in text order, duplicates merged."""
        resolver = ActorResolver(self.kb)
        ctx = ArticleContext(when=article.published)
        events: list[Event] = []
        for sent in content_sentences(doc):
            matches = resolver.prepare(sent)
            resolver.note_subjects(sent, matches, ctx)
            for match in find_predicates(sent, self.dictionary):
                events.extend(self._events(article, sent, match, resolver, matches, ctx))
        return merge_duplicates(events)

    def _events(
        self, article: Article, sent: Span, match: PredicateMatch, resolver: ActorResolver,
        matches: SentenceMatches, ctx: ArticleContext,
    ) -> list[Event]:
        if _stative(match.token):
            return []
        sources = _resolve(match.sources, resolver, matches, ctx)
        targets = _first_resolved(match.targets, resolver, matches, ctx, exclude=sources)
        if match.pattern.lemma == "be" and not targets:
            return []
        code, reading = _code_for(match.pattern.code, modality_of(match.token))
        location = _location(sent, match.token)
        symmetric = match.pattern.symmetric
        if code[:2] in PLACE_TARGET_ROOTS and not any(t.country for t in targets):
            targets, symmetric = _placed(targets, location), symmetric and bool(targets)
        when = _event_date(sent, match.token, article.published)
        evidence = _evidence(article, sent, match.token)
        rule = f"{match.pattern.origin} '{match.pattern.text}'" + (f" [{reading.cue}]" if reading.cue else "")
        return [
            _event(article.id, source, target, code, reading, when, location, evidence, rule)
            for source, target in pairs(sources, targets, symmetric=symmetric)
        ]


def load_coder(*, actors: Path | None = None, dictionary: Path | None = None) -> Coder:
    """A coder over the bundled knowledge base and dictionary, each optionally extended by a user file."""
    return Coder(kb=load_kb(actors), dictionary=load_dictionary(dictionary))


def _resolve(
    tokens: tuple[Token, ...], resolver: ActorResolver, matches: SentenceMatches, ctx: ArticleContext
) -> list[Actor]:
    """Actors of the argument phrases; a phrase with no actor passes to its prepositional complements."""
    found: list[Actor] = []
    for token in tokens:
        actors = resolver.actors(token, matches, ctx) or _inner_actors(token, resolver, matches, ctx)
        found.extend(a for a in actors if all(a.code != f.code for f in found))
    return found


def _first_resolved(
    groups: tuple[tuple[Token, ...], ...], resolver: ActorResolver, matches: SentenceMatches,
    ctx: ArticleContext, *, exclude: list[Actor],
) -> list[Actor]:
    """The actors of the first candidate group that names a state or group other than the sources;
    failing that, of the first group that names any actor (a bare sector such as "rebels")."""
    resolved = []
    for group in groups:
        clause = group[0].dep_ in ("ccomp", "xcomp")
        tokens = _nominals(group) if clause else group
        found = [a for a in _resolve(tokens, resolver, matches, ctx) if not any(_same(a, s) for s in exclude)]
        if clause:  # only the first actor of a clause, preferring one with a country
            found = sorted(found, key=lambda a: a.country is None)[:1]
        resolved.append(found)
    for found in resolved:
        if any(a.country for a in found):
            return [a for a in found if a.country]
    return next((found for found in resolved if found), [])


def _nominals(clauses: tuple[Token, ...]) -> tuple[Token, ...]:
    """Noun-phrase heads inside complement clauses ("agreed that ambassadors would be appointed in Kabul")."""
    return tuple(t for c in clauses for t in c.subtree if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound")


def _placed(targets: list[Actor], location: Location | None) -> list[Actor]:
    """Protests, shows of force and violence with no state as target are aimed at the place's state:
    "four children were killed in Gaza" -> Palestinian civilians; "an attack in Kashmir" -> India."""
    if location is None or location.country is None:
        return targets
    if not targets:
        return [Actor(name=location.name, text=location.name, country=location.country, code=location.country)]
    return [replace(t, country=location.country, code=f"{location.country}{t.sector or ''}") for t in targets]


def _stative(token: Token) -> bool:
    """"still designates", "continues to hold": an ongoing state, not a new event."""
    return any(c.dep_ == "advmod" and c.lower_ == "still" for c in token.children)


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


def pairs(sources: list[Actor], targets: list[Actor], *, symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    """The (source, target) pairs an event is coded for; mutual acts are coded in both directions."""
    if sources and targets:
        out: list[tuple[Actor | None, Actor | None]] = []
        for s in sources:
            for t in targets:
                if _same(s, t):
                    continue
                out.append((s, t))
                if symmetric:
                    out.append((t, s))
        return out
    if len(sources) > 1 and symmetric:
        return [(s, t) for s in sources for t in sources if not _same(s, t)]
    if sources:
        return [(s, None) for s in sources]
    return [(None, t) for t in targets]


def _same(a: Actor, b: Actor) -> bool:
    return a.country == b.country and a.code == b.code


def _code_for(code: str, reading: ModalityReading) -> tuple[str, ModalityReading]:
    """Expected acts and stated intentions are coded as the intent (03x), never as the act; a stated
    refusal of a cooperative act as a rejection (12x); a refusal of anything else stays negated."""
    if reading.refusal:
        refused = codebook.refusal_code_for(code)
        if refused is None:
            return code, replace(reading, modality=Modality.NEGATED, refusal=False)
        return refused, reading
    if reading.intent or reading.modality is Modality.EXPECTED:
        return codebook.intent_code_for(code), reading
    return code, reading


def _event(
    article_id: str, source: Actor | None, target: Actor | None, code: str, reading: ModalityReading,
    when: EventDate, location: Location | None, evidence: Evidence, rule: str,
) -> Event:
    info = codebook.cameo(code)
    key = "|".join([article_id, str(evidence.start), evidence.trigger, code,
                    source.code if source else "", target.code if target else ""])
    return Event(
        event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        article_id=article_id,
        source=source,
        target=target,
        cameo=code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=info.plover,
        modality=reading.modality,
        date=when,
        location=location,
        evidence=(evidence,),
        rule=rule,
        coder_version=CODER_VERSION,
    )


def _evidence(article: Article, sent: Span, token: Token) -> Evidence:
    start, end = sentence_offsets(sent)
    return Evidence(article_id=article.id, sentence=article.text[start:end], start=start, end=end,
                    trigger=f"{token.text}@{token.idx}")


def _event_date(sent: Span, token: Token, published: date | None) -> EventDate:
    """The time expression attached nearest to the predicate in the parse, else the publication date."""
    base = sent.start_char
    anchored = []
    for expr in find_time_expressions(sent.text):
        head = _head_of(sent.doc, base + expr.start, base + expr.end)
        if head is not None:
            anchored.append((head, expr.text))
    text = nearest(token, anchored)
    resolved = resolve_time(text, published) if text else None
    return resolved or publication_date(published)


def _location(sent: Span, token: Token) -> Location | None:
    """The place named in the predicate's clause ("in Kabul"), geocoded offline."""
    anchored = []
    for ent in sent.ents:
        root = ent.root
        if ent.label_ in PLACE_LABELS and root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS:
            anchored.append((root, ent.text))
    name = nearest(token, anchored)
    return geocode(name) if name else None


def _head_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def nearest(token: Token, anchored: list[tuple[Token, T]]) -> T | None:
    """The item anchored closest below the predicate, else below each of its governors in turn."""
    node, previous = token, None
    while True:
        below = [(_depth(anchor, node), value) for anchor, value in anchored
                 if _under(anchor, node) and (previous is None or not _under(anchor, previous))]
        if below:
            return min(below, key=lambda pair: pair[0])[1]
        if node.head.i == node.i:
            return None
        node, previous = node.head, node


def _under(token: Token, node: Token) -> bool:
    return token == node or node.is_ancestor(token)


def _depth(token: Token, node: Token) -> int:
    steps = 0
    while token != node and token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def merge_duplicates(events: list[Event]) -> tuple[Event, ...]:
    """Keep one event per (source, target, code, modality) and overlapping dates; merge the evidence."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_event(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        merged = _merge(twin, event)
        kept[kept.index(twin)] = merged
    return tuple(kept)


def _same_event(a: Event, b: Event) -> bool:
    def key(e: Event) -> tuple[str, str, str, str]:
        return (e.source.code if e.source else "", e.target.code if e.target else "", e.cameo, e.modality.value)

    return key(a) == key(b) and _windows_overlap(a.date, b.date)


def _windows_overlap(a: EventDate, b: EventDate) -> bool:
    if a.window is None or b.window is None:
        return True
    return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def _merge(kept: Event, other: Event) -> Event:
    evidence = kept.evidence + tuple(e for e in other.evidence if e.start not in {k.start for k in kept.evidence})
    precise = kept.date if _rank(kept.date) <= _rank(other.date) else other.date
    return replace(kept, evidence=evidence, date=precise)


def _rank(when: EventDate) -> int:
    order = ["day", "week", "month", "year", "publication"]
    return order.index(when.precision.value)
