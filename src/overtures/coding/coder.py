"""The event coder: from a parsed article to CAMEO events with actors, modality, date, place and evidence.

Per sentence: find predicates (coding/predicates.py), resolve their source and target phrases to actors
(actors/resolve.py), read the modality (coding/modality.py), attach the nearest time expression and place
in the parse, and build one event per (source, target) pair. Expected acts are coded as the intent (03x),
never as the act. The same event told twice in one article is kept once, with both evidence sentences.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from overtures.actors.context import ArticleContext
from overtures.actors.kb import KnowledgeBase, load_kb
from overtures.actors.resolve import ActorResolver, SentenceMatches
from overtures.coding import codebook
from overtures.coding.clauses import ranked_frame
from overtures.coding.dates import find_time_expressions, resolve_time, state_since
from overtures.coding.dictionary import Dictionary, load_dictionary
from overtures.coding.located import (
    Mention,
    event_place,
    governor_levels,
    mentions,
    named_countries,
    without_doer,
)
from overtures.coding.modality import ModalityReading, has_own_subject, modality_of
from overtures.coding.predicates import PredicateMatch, find_predicates, verb_sources
from overtures.coding.roles import (
    allegations,
    alleging_verb,
    attribution,
    first_resolved,
    localised,
    pairs,
    placed,
    reported_side,
    reporting_verb,
    resolve_actors,
    same_actor,
    victims,
)
from overtures.coding.setting import actors_country, dateline, other_side
from overtures.coding.story import read_story
from overtures.coding.version import coder_version
from overtures.headlines import word_forms
from overtures.model import Actor, Article, Event, EventDate, Evidence, Location, Modality
from overtures.nlp import content_sentences, sentence_offsets
from overtures.places import geocode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# entities that can name where an event happened; NORP for "Philippine fighting" (coding/located.py)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
PLACE_TARGET_ROOTS = frozenset({"14", "15", "18", "19", "20"})  # protests, shows of force, violence
# Acts done where the doer is ("police arrested", "the government imposed a curfew"): forces named by sector
# alone take the place's country. Meetings and statements are left out: their venue is often abroad.
LOCAL_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})  # alleging one of these is an accusation (roles.allegations)
CLAIM_RESPONSIBILITY = "015"  # aimed, like the attack it claims, at the state where that took place
# CAMEO codes a visit from both sides: "X visited Y" is also "Y hosted X", and the other way round.
RECIPROCAL = {"042": "043", "043": "042"}
T = TypeVar("T")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English function words, imported when first read: commands that only read the store never
    load spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass(frozen=True, kw_only=True)
class Coder:
    """The services the coder needs, passed in (nothing is loaded in the constructor)."""

    kb: KnowledgeBase
    dictionary: Dictionary
    version: str  # stored with each article and event (coding/version.py)

    def common_word(self, word: str, lexicon: frozenset[str] = frozenset()) -> bool:
        """A lower-case word that is not a name: a function word, a trigger or sector word the coder
        knows in any inflection, or a word of the English ``lexicon`` that names no actor or place
        (headlines.recase keeps the capitals of every other word)."""
        if word in _stop_words():
            return True
        forms = word_forms(word)
        if any(self.kb.sector(form) for form in forms) or any(
            self.dictionary.candidates(f, "verb") or self.dictionary.candidates(f, "noun") for f in forms
        ):
            return True
        return word in lexicon and not self._names(forms)

    def _names(self, forms: list[str]) -> bool:
        """Whether a lower-case word, in any of its ``forms``, can name an actor, a nationality or a place
        ("turkey", "chad", "afghans")."""
        return any(
            self.kb.lookup(form) is not None or self.kb.demonym(form) is not None or geocode(form) is not None
            for form in forms
        )

    def _demands(
        self,
        match: PredicateMatch,
        sources: list[Actor],
        resolver: ActorResolver,
        matches: SentenceMatches,
        ctx: ArticleContext,
    ) -> list[tuple[Actor | None, Actor | None, str, ModalityReading]]:
        """A speaker who says that someone else must act demands it (10x): "Russia said Sudan must
        return the helicopter" is Russia demanding of Sudan. The act itself stays unasserted."""
        reporter = reporting_verb(match.token) if _obliged(match.token) else None
        if reporter is None:
            return []
        speakers = resolve_actors(verb_sources(reporter), resolver, matches, ctx, speaking=True)
        demand = codebook.demand_code_for(match.pattern.code)
        told = ModalityReading(modality=Modality.ASSERTED, cue=f"{reporter.text} (demand)")
        return [(s, t, demand, told) for s in speakers for t in sources if not same_actor(s, t)]

    def code(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """Code every sentence of a parsed article; events come in text order, duplicates merged."""
        resolver = ActorResolver(self.kb)
        sentences = content_sentences(doc)
        ctx = ArticleContext(
            when=article.published,
            story_place=dateline(article.text),
            story_date=read_story(doc, article.published, sentences=sentences),
        )
        events: list[Event] = []
        places = [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]
        for sent in sentences:
            matches = resolver.prepare(sent)
            resolver.note_subjects(sent, matches, ctx)
            anchors = Anchors(sent, places)
            for match in find_predicates(sent, self.dictionary):
                events.extend(self._events(article, anchors, match, resolver, matches, ctx))
        return tuple(replace(event, coder_version=self.version) for event in merge_duplicates(events))

    def _events(
        self,
        article: Article,
        anchors: Anchors,
        match: PredicateMatch,
        resolver: ActorResolver,
        matches: SentenceMatches,
        ctx: ArticleContext,
    ) -> list[Event]:
        sources, targets = _parties(match, resolver, matches, ctx)
        if match.pattern.lemma == "be" and not targets:
            return []
        code, reading = _code_for(_demand_if_obliged(match), _reading(match))
        location, where = _location(anchors, match, ctx, sources, targets, local=code[:2] in LOCAL_ROOTS)
        symmetric = match.pattern.symmetric or match.mutual
        sources, targets, symmetric = _roles(code, symmetric, sources, targets, location)
        symmetric = symmetric and not (reading.intent and targets)  # an intent is its speaker's alone
        when = _event_date(anchors, match.token, ctx, stative=reading.modality is Modality.STATIVE)
        evidence = _evidence(article, anchors, match.token)
        rule = f"{match.pattern.origin} '{match.pattern.text}'"
        coded = [(s, t, code, reading) for s, t in pairs(sources, targets, symmetric=symmetric)]
        if code in RECIPROCAL:
            coded += [
                (t, s, RECIPROCAL[code], r) for s, t, _, r in list(coded) if s is not None and t is not None
            ]
        coded += self._demands(match, sources, resolver, matches, ctx)
        alleging = alleging_verb(match.token) if code[:2] in VIOLENT_ROOTS else None
        if alleging is not None and reading.modality is Modality.SPECULATION:
            speakers = resolve_actors(verb_sources(alleging), resolver, matches, ctx, speaking=True)
            told = ModalityReading(modality=Modality.ASSERTED, cue=f"{alleging.text} (allegation)")
            coded += [(s, t, c, told) for s, t, c in allegations(speakers, sources, targets)]
        return [
            _event(article.id, s, t, c, r, when, where, evidence, rule + (f" [{r.cue}]" if r.cue else ""))
            for s, t, c, r in coded
        ]


OBLIGATIONS = frozenset({"must", "should"})


def _demand_if_obliged(match: PredicateMatch) -> str:
    """A statement that someone must act is a demand (100) even when the act is not one the dictionary
    codes ("declared that China must drop barriers"); a coded act gets its own 10x from ``_demands``."""
    code = match.pattern.code
    if code[:2] != "01":
        return code
    obliged = any(c.dep_ == "ccomp" and _obliged(c) and has_own_subject(c) for c in match.token.children)
    return "100" if obliged else code


def _obliged(token: Token) -> bool:
    """An act told as an obligation: "must return", "should withdraw", "has to pay"."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATIONS for c in token.children):
        return True
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_.lower() == "have"
        and any(c.lower_ == "to" for c in token.children)
    )


def _parties(
    match: PredicateMatch, resolver: ActorResolver, matches: SentenceMatches, ctx: ArticleContext
) -> tuple[list[Actor], list[Actor]]:
    """The actors of the predicate's source and target phrases. For violence: unnamed victims when no
    target is named, and the reporting state as the side the report leaves unnamed."""
    sources = resolve_actors(match.sources, resolver, matches, ctx, speaking=True)
    targets = first_resolved(match.targets, resolver, matches, ctx, exclude=sources)
    if match.pattern.code[:2] not in VIOLENT_ROOTS:
        return sources, targets
    targets = targets or victims(match.targets, told=match.pattern.objects, sector_of=resolver.kb.sector)
    reporter = reporting_verb(match.token)
    told_pronoun = any(t.pos_ == "PRON" for group in match.targets for t in group)
    if told_pronoun:
        return sources, targets
    if reporter is not None:
        reporters = resolve_actors(verb_sources(reporter), resolver, matches, ctx, speaking=True)
    else:  # a headline's tail, which may have been read as a sentence of its own
        sent = match.token.sent
        reporters = [
            actor
            for head in attribution(sent)
            for actor in resolve_actors(
                (head,),
                resolver,
                matches if head.sent == sent else resolver.prepare(head.sent),
                ctx,
                speaking=True,
            )
        ]
    return reported_side(sources, targets, reporters)


def _roles(
    code: str, symmetric: bool, sources: list[Actor], targets: list[Actor], location: Location | None
) -> tuple[list[Actor], list[Actor], bool]:
    """Sources and targets given what the place tells: the venue of a meeting is not a party, unnamed
    forces acting somewhere are that place's, and violence with no state as target is aimed at the place."""
    if symmetric and location is not None:
        targets = [t for t in targets if t.name != location.name]
    if symmetric and len(sources) > 1:  # "Islamabad and Kabul held talks on ... Afghan goods": parties known
        targets = [t for t in targets if t.country not in {s.country for s in sources}]
    mutual = symmetric and len(sources) > 1 and not targets  # "Pakistani and Afghan forces clashed"
    if code[:2] in LOCAL_ROOTS:
        sources = localised(sources, location)
    if _aimed_at_place(code) and not any(t.country for t in targets) and not mutual:
        targets, symmetric = placed(targets, location), symmetric and bool(targets)
    return sources, targets, symmetric


def load_coder(*, actors: Path | None = None, dictionary: Path | None = None) -> Coder:
    """A coder over the bundled knowledge base and dictionary, each optionally extended by a user file."""
    kb, patterns = load_kb(actors), load_dictionary(dictionary)
    return Coder(kb=kb, dictionary=patterns, version=coder_version(actors=actors, dictionary=dictionary))


def _aimed_at_place(code: str) -> bool:
    """Violent and protest acts, and claims of responsibility for them, with no state named as target."""
    return code[:2] in PLACE_TARGET_ROOTS or code == CLAIM_RESPONSIBILITY


def _reading(match: PredicateMatch) -> ModalityReading:
    """The predicate's modality; an asserted ongoing state ("still designates", a stative pattern such as
    "keep its embassy open") is STATIVE: it describes how things stand, it is not a new act."""
    frame = ranked_frame(match.token)
    reading = modality_of(frame if frame is not None else match.token)
    attempt = _attempt(match.token) if match.pattern.code[:2] in HOSTILE_ACTS else None
    if attempt is not None and reading.modality is Modality.EXPECTED and reading.cue == attempt.text:
        return ModalityReading(modality=Modality.ASSERTED, cue=f"{attempt.text} (attempt)")
    if reading.modality is not Modality.ASSERTED or reading.intent or reading.refusal:
        return reading
    still = next((c for c in match.token.children if c.dep_ == "advmod" and c.lower_ == "still"), None)
    if still is not None:
        return ModalityReading(modality=Modality.STATIVE, cue=still.text)
    if match.pattern.stative:
        return ModalityReading(modality=Modality.STATIVE, cue=f"{match.token.text} (stative)")
    return reading


# Coercion and violence: an attempt at one is an act done to its target, whether or not it succeeded
# ("tried to hack the ministry's servers", "attempted to kill the governor").
HOSTILE_ACTS = frozenset({"17", "18", "19", "20"})
ATTEMPTS = frozenset({"try", "attempt"})


def _attempt(token: Token) -> Token | None:
    """The verb of which the act is the attempt ("tried to hack" -> tried), if any."""
    head = token.head
    return head if token.dep_ == "xcomp" and head.lemma_.lower() in ATTEMPTS else None


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
    article_id: str,
    source: Actor | None,
    target: Actor | None,
    code: str,
    reading: ModalityReading,
    when: EventDate,
    location: Location | None,
    evidence: Evidence,
    rule: str,
) -> Event:
    info = codebook.cameo(code)
    key = "|".join(
        [
            article_id,
            str(evidence.start),
            evidence.trigger,
            code,
            source.code if source else "",
            target.code if target else "",
        ]
    )
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
    )


def _evidence(article: Article, anchors: Anchors, token: Token) -> Evidence:
    start, end = anchors.offsets
    return Evidence(
        article_id=article.id,
        sentence=article.text[start:end],
        start=start,
        end=end,
        trigger=f"{token.text}@{token.idx}",
    )


class Anchors:
    """What every predicate of one sentence shares, found once per sentence (lazily): its offsets without
    surrounding whitespace, its time expressions and the places named as where something happened, each
    anchored at its head token in the parse. ``places`` are the document's place entities (GPE, LOC,
    FAC), read once per document: a sentence's own ``ents`` would walk all of them again."""

    def __init__(self, sent: Span, places: list[Span]) -> None:
        self.sent = sent
        self._places = places

    @cached_property
    def offsets(self) -> tuple[int, int]:
        return sentence_offsets(self.sent)

    @cached_property
    def times(self) -> list[tuple[Token, str]]:
        base, doc = self.sent.start_char, self.sent.doc
        anchored = []
        for expr in find_time_expressions(self.sent.text):
            head = _head_of(doc, base + expr.start, base + expr.end)
            if head is not None:
                anchored.append((head, expr.text))
        return anchored

    @cached_property
    def places(self) -> list[tuple[Token, Mention]]:
        """The places the sentence names, anchored at their head tokens (coding/located.py)."""
        return mentions(self.sent, self._places)


def _event_date(anchors: Anchors, token: Token, ctx: ArticleContext, *, stative: bool) -> EventDate:
    """The date expression attached nearest to the predicate in the parse; durations ("since 2021", "for
    decades") date nothing and are passed over, except that a state told with "since" ("has kept its
    embassy open since 2021") holds from then. Else the date the article set for its story (story.py)."""

    def read(text: str) -> EventDate | None:
        return resolve_time(text, ctx.when) or (state_since(text, ctx.when) if stative else None)

    dated = [(anchor, when) for anchor, text in anchors.times if (when := read(text)) is not None]
    resolved = nearest(token, dated)
    if resolved is not None:
        return resolved
    if ctx.story_date is None:
        ctx.story_date = read_story(anchors.sent.doc, ctx.when)
    return ctx.story_date.undated(anchors.offsets[0])


def _location(
    anchors: Anchors,
    match: PredicateMatch,
    ctx: ArticleContext,
    sources: list[Actor],
    targets: list[Actor],
    *,
    local: bool = True,
) -> tuple[Location | None, Location | None]:
    """The place that can stand for the event's target (roles.placed), and where the event happened
    (coding/located.py), names read in its actors' and story's countries. The first is a place its
    sentence names as where it happened or as the sentence's setting (in a divided area, the side it
    happened on); the second is that place, else a place named aside, the article's story place or
    its state actor's country. Acts that are not ``local`` (statements, diplomacy) are placed only where
    their own clause says. The first standing place becomes the story place when there is no
    dateline. A country that modifies the event noun as its doer ("US strikes") is not its place."""
    named = named_countries(anchors.places)
    prefer = frozenset(a.country for a in (*sources, *targets) if a.country) | named
    if ctx.story_place is not None and ctx.story_place.country:
        prefer |= {ctx.story_place.country}
    doers = {t.i for t in match.sources} if sources else set()
    anchored = without_doer(anchors.places, doers)
    place, standing = event_place(match.token, anchored, prefer, told_only=not local)
    if place is None:  # acts done at a place (not statements or diplomacy) fall back to the story's
        return None, (ctx.story_place or actors_country(targets, sources)) if local else None
    where = other_side(place, anchors.sent, [*sources, *targets], named)
    if not standing:
        return None, where
    if ctx.story_place is None:
        ctx.story_place = where
    return where, where


def _head_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def nearest(token: Token, anchored: list[tuple[Token, T]]) -> T | None:
    """The item anchored closest below the predicate, else below each of its governors in turn."""
    level = next(governor_levels(token, anchored), None)
    return min(level, key=lambda pair: pair[0])[1] if level else None


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
        return (
            e.source.code if e.source else "",
            e.target.code if e.target else "",
            e.cameo,
            e.modality.value,
        )

    return key(a) == key(b) and _windows_overlap(a.date, b.date)


def _windows_overlap(a: EventDate, b: EventDate) -> bool:
    if a.window is None or b.window is None:
        return True
    return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def _merge(kept: Event, other: Event) -> Event:
    evidence = kept.evidence + tuple(
        e for e in other.evidence if e.start not in {k.start for k in kept.evidence}
    )
    precise = kept.date if _rank(kept.date) <= _rank(other.date) else other.date
    return replace(kept, evidence=evidence, date=precise)


def _rank(when: EventDate) -> int:
    order = ["day", "week", "month", "year", "publication"]
    return order.index(when.precision.value)
