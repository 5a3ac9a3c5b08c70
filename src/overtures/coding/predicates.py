"""Predicates: find the words that name an event, match them to dictionary patterns, and find the
phrases that play source and target, from the dependency parse.

A verb's source is its subject (the ``by`` agent of a passive, the subject of the verb it is conjoined
with or controlled by, the noun a participle modifies); its target is the object of a target preposition
of the pattern, else the direct object (the passive subject), else the object of a generic target
preposition. An event noun ("talks", "visit", "deportation") takes its source from a possessor or
modifier ("Russia's", "Pakistani"), the ``by`` agent, or the subject of the verb it hangs from ("held
talks", "was in Kabul for talks"), and its target from its prepositions ("talks with", "attack on").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from overtures.coding.clauses import (
    SUBJECTS,
    UNACCUSATIVE,
    between,
    by_objects,
    circumstance_agents,
    doer_of_gerund,
    fired_from,
    hands_of,
    headline_passive,
    is_passive,
    listed_before,
    named,
    patients,
    ranked_frame,
    reciprocal,
    shared_circumstance,
)
from overtures.coding.dictionary import Dictionary, Pattern, Pos
from overtures.headlines import VERB_INFLECTIONS, word_forms

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
TARGET_PREPS = frozenset({"with", "against", "to", "on", "toward", "towards", "at", "into", "upon"})
NOUN_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "conduct",
        "launch",
        "carry",
        "stage",
        "make",
        "pay",
        "begin",
        "start",
        "resume",
        "continue",
        "open",
        "sign",
        "reach",
        "mount",
        "wage",
        "step",
        "give",
        "do",
        "undertake",
        "host",
        "attend",
        "join",
        "be",
    }
)
# Verbs whose object is an act done TO the subject: "X faced pressure from Y" is Y pressing X.
RECEIVER_VERBS = frozenset({"receive", "face", "get", "accept", "obtain", "win", "suffer"})


@dataclass(frozen=True, kw_only=True)
class PredicateMatch:
    """A predicate token matched to a dictionary pattern, with its source head tokens and its target
    candidates: groups of head tokens in order of preference (the first group with an actor wins)."""

    token: Token
    pattern: Pattern
    sources: tuple[Token, ...]
    targets: tuple[tuple[Token, ...], ...]
    mutual: bool = False


def find_predicates(sent: Span, dictionary: Dictionary) -> list[PredicateMatch]:
    """Every token of the sentence that matches a dictionary pattern, with its arguments; an event noun
    that a verb's pattern names as its object ("imposed sanctions", "lifted a ban") is that verb's event,
    not a second one (``_absorbed``)."""
    found = _matched(sent, dictionary)
    named = {
        obj.i: m.pattern.code[:3]
        for m in found
        if m.pattern.pos == "verb" and m.pattern.objects
        for obj in direct_objects(m.token)
        if _noun_forms(obj) & m.pattern.objects
    }
    return [
        m for m in found if not (m.pattern.pos == "noun" and _absorbed(m.pattern.code, named.get(m.token.i)))
    ]


def _absorbed(code: str, verb_code: str | None) -> bool:
    """An event noun is the verb's own event when the verb names it as its object ("imposed sanctions",
    "exchanged fire"; "lifted a ban" is no ban), unless the verb only gives its root and the noun says
    more ("launched an investigation" is an investigation)."""
    if verb_code is None or verb_code[:2] in ("01", "02"):
        return False  # "reported new clashes": a statement about an event does not replace it
    generic = len(verb_code) == 3 and verb_code.endswith("0") and code[:2] == verb_code[:2]
    return not (generic and code != verb_code)


def _matched(sent: Span, dictionary: Dictionary) -> list[PredicateMatch]:
    found = []
    for token in sent:
        pos = _pos(token)
        if pos is None:
            continue
        pattern = _first_pattern(token, pos, dictionary)
        if pattern is None or not pattern.event:  # a sense that is no event ends the search
            continue
        parties = between(token) if pos == "noun" else []
        if parties:  # "clashes between Ethiopian and Sudanese forces": each side acts on the other
            found.append(
                PredicateMatch(token=token, pattern=pattern, sources=tuple(parties), targets=(), mutual=True)
            )
            continue
        sources, targets = arguments(token, pattern)
        found.append(
            PredicateMatch(
                token=token, pattern=pattern, sources=sources, targets=targets, mutual=reciprocal(token)
            )
        )
    return found


def _first_pattern(token: Token, pos: Pos, dictionary: Dictionary) -> Pattern | None:
    for lemma in lemma_forms(token):
        pattern = best_pattern(token, dictionary.senses(lemma, pos))
        if pattern is not None:
            return pattern
    return None


def lemma_forms(token: Token) -> list[str]:
    """The lemma, then forms from the word itself in case the lemmatizer erred ("staged" -> "stag")."""
    return list(dict.fromkeys([token.lemma_.lower(), *word_forms(token.lower_, VERB_INFLECTIONS)[1:]]))


def _pos(token: Token) -> Pos | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        return "verb"
    if token.pos_ == "NOUN" and _used_as_verb(token):
        return "verb"
    if token.pos_ == "NOUN":
        return "noun"
    return None


def _used_as_verb(token: Token) -> bool:
    """A word the tagger took for a noun that has a subject and an object is a verb: headlines drop the
    words that tell them apart ("Attacks kill 19 pilgrims", "Rebels shell town")."""
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "dobj" in deps


def best_pattern(token: Token, candidates: tuple[Pattern, ...]) -> Pattern | None:
    """The most specific candidate pattern whose constraints hold on the token (candidates come sorted)."""
    if not candidates:
        return None
    around = Surroundings(token)
    return next((pattern for pattern in candidates if around.satisfies(pattern)), None)


class Surroundings:
    """What the constraints of a pattern read around one predicate, found once for all its candidate
    patterns (a lemma may have hundreds in the converted layer)."""

    def __init__(self, token: Token) -> None:
        self.token = token
        self.particles = {c.lemma_.lower() for c in token.children}
        self.objects = direct_objects(token)
        self.object_forms = set().union(*(_noun_forms(o) for o in self.objects))
        self._preps: dict[frozenset[str], set[str]] = {}

    def satisfies(self, pattern: Pattern) -> bool:
        """Whether every required constraint of the pattern holds here."""
        if pattern.particles and not pattern.particles <= self.particles:
            return False
        if pattern.no_object and self.objects:
            return False
        if pattern.objects and not self.object_forms & pattern.objects:
            return False
        return all(self._prep_lemmas(slot.preps) & slot.objects for slot in pattern.preps if slot.required)

    def _prep_lemmas(self, preps: frozenset[str]) -> set[str]:
        found = self._preps.get(preps)
        if found is None:
            candidates = _prep_objects(self.token, preps) + [
                inner for obj in self.objects for inner in _prep_objects(obj, preps)
            ]
            found = self._preps[preps] = {_lemma(o) for o in candidates}
        return found


def direct_objects(token: Token) -> list[Token]:
    """Direct objects, the subject of a passive, and for an event noun its ``of`` complement."""
    out = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not out and token.pos_ == "NOUN":
        out = _prep_objects(token, frozenset({"of"}))
    return out + [conj for o in out for conj in o.children if conj.dep_ == "conj"]


# Nouns that measure or divide what their "of" complement names: "tons of food", "part of the aid".
PARTITIVES = frozenset(
    {
        "ton",
        "tonne",
        "kilogram",
        "kg",
        "litre",
        "liter",
        "barrel",
        "truckload",
        "load",
        "batch",
        "shipment",
        "consignment",
        "part",
        "portion",
        "share",
        "some",
        "most",
        "all",
        "half",
        "rest",
        "bulk",
        "amount",
        "quantity",
        "number",
        "lot",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "worth",
    }
)
# Nouns too general to name an act without their modifier: "mediation efforts", "aid programme".
GENERIC_HEADS = frozenset(
    {
        "effort",
        "programme",
        "program",
        "process",
        "plan",
        "operation",
        "mission",
        "project",
        "scheme",
        "initiative",
        "campaign",
        "activity",
        "work",
    }
)


def content_noun(noun: Token) -> Token:
    """The noun a measure or part stands for ("tons of food" -> food), else the noun itself."""
    for _ in range(3):
        inner = _prep_objects(noun, frozenset({"of"})) if noun.lemma_.lower() in PARTITIVES else []
        if not inner:
            return noun
        noun = inner[0]
    return noun


def arguments(token: Token, pattern: Pattern) -> tuple[tuple[Token, ...], tuple[tuple[Token, ...], ...]]:
    """The source head tokens and the target candidate groups of a matched predicate."""
    if pattern.pos == "noun":
        receiver = _receiving_verb(token)
        if receiver is not None:
            return _received(token, receiver)
        return _noun_sources(token), _targets(token, pattern)
    givers = _prep_objects(token, frozenset({"from"})) if token.lemma_.lower() in GETTING_VERBS else []
    if givers:  # "Farmers received seeds from the government": the government gave them
        receivers = verb_sources(token)
        return tuple(givers), ((receivers,) if receivers else ())
    return verb_sources(token), _targets(token, pattern)


# Verbs that tell a giving from the receiver's side: "X received weapons from Y" is Y arming X.
GETTING_VERBS = frozenset({"receive", "get", "obtain"})


def _receiving_verb(token: Token) -> Token | None:
    """The verb of which an event noun is the thing received ("faces pressure", "received assurances")."""
    head = token.head
    if token.dep_ == "dobj" and set(lemma_forms(head)) & RECEIVER_VERBS:
        return head
    return None


def _received(token: Token, receiver: Token) -> tuple[tuple[Token, ...], tuple[tuple[Token, ...], ...]]:
    """A received act is done by the ``from``/``by`` object to the receiver: "X received assurances from Y"
    is Y assuring X."""
    givers = _prep_objects(token, frozenset({"from", "by"})) or _prep_objects(receiver, frozenset({"from"}))
    receivers = verb_sources(receiver)
    return tuple(givers), ((receivers,) if receivers else ())


# Nouns that carry an act as their "of" complement: "a policy of engagement" is engagement.
POLICY_NOUNS = frozenset({"policy", "strategy", "course"})


def verb_sources(token: Token) -> tuple[Token, ...]:
    """The head tokens of a verb's source: its ``by`` agent, subject, or the subject it inherits."""
    agents = [
        doer_of_gerund(o)
        for c in token.children
        if c.dep_ == "agent"
        for o in c.children
        if o.dep_ in ("pobj", "pcomp")
    ]
    agents = agents or hands_of(token) or (by_objects(token) if token.tag_ == "VBG" else [])
    if agents:
        return tuple(agents)
    if headline_passive(token) or (token.dep_ == "acl" and token.tag_ == "VBN"):
        # "Two killed in Indian shelling": the subject suffered it
        return tuple(circumstance_agents(token) or shared_circumstance(token))
    subjects = [c for c in token.children if c.dep_ in SUBJECTS] or _aux_subjects(token)
    subjects = [doer_of_gerund(s) for s in listed_before(token, subjects) + subjects]
    if subjects and token.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_PRONOUNS:
        return (token.head,)  # "IS-K, which claimed responsibility": the relative stands for its noun
    if subjects:
        return tuple(subjects)
    frame = ranked_frame(token)
    if frame is not None:
        return verb_sources(frame)
    if is_passive(token):
        return tuple(circumstance_agents(token))
    head = token.head
    if token.dep_ == "conj" and head.i != token.i:
        return verb_sources(head)
    if token.dep_ == "xcomp":
        # "urged the Taliban to reopen" (object control); "are expected to sign" (raised passive subject)
        controller = (
            [c for c in head.children if c.dep_ == "dobj"]
            or [c for c in head.children if c.dep_ == "nsubjpass"]
            or _prep_objects(head, frozenset({"on", "upon"}))  # "called on Iran to release"
        )
        return tuple(controller) or verb_sources(head)
    if token.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON") and token.tag_ != "VBN":
        return (head,)
    if token.dep_ == "pcomp" and head.pos_ == "ADP":
        # "warned Israel against attacking", "accused X of sheltering": the object of the verb does it
        governor = head.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if objects:
            return tuple(objects)
        return verb_sources(governor) if governor.pos_ in ("VERB", "AUX") else ()
    if token.dep_ == "acomp" and head.i != token.i:
        return verb_sources(head)  # "Norway is ready to provide": the adjective's subject is the verb's
    if token.dep_ in ("advcl", "pcomp") and head.i != token.i and head.pos_ in ("VERB", "AUX"):
        # "Aid worker dies in Indian | shelling": who suffered the act did not do it
        return tuple(circumstance_agents(head)) if patients(head) else verb_sources(head)
    if token.dep_ in ("advcl", "pcomp"):
        return ()
    return ()


def _aux_subjects(token: Token) -> list[Token]:
    """A subject the parser hung on an auxiliary ("It did, in fact, keep ...": "It" under "did")."""
    return [s for a in token.children if a.dep_ == "aux" for s in a.children if s.dep_ in SUBJECTS]


def _noun_sources(token: Token) -> tuple[Token, ...]:
    agents = by_objects(token) or fired_from(token)
    if agents:
        return tuple(agents)
    modifiers = [
        c
        for c in token.children
        if c.dep_ in NOUN_SOURCE_DEPS and (c.pos_ in ("PROPN", "ADJ", "NOUN") or c.lemma_.lower() == "lead")
    ]  # "Turkish drone strikes", "a Saudi-led coalition air strike"
    modifiers = [m for m in modifiers if named(m)] or modifiers  # "Azerbaijani artillery fire": one doer
    governor = _governing_verb(token)
    if governor is not None and patients(governor):
        return tuple(modifiers)  # "Three die in Indian shelling": the shelling is India's, not the dead's
    if governor is not None:
        return verb_sources(governor) or tuple(modifiers)
    if modifiers:
        return tuple(modifiers)
    return (token,) if token.dep_ == "ROOT" else ()


def _governing_verb(token: Token) -> Token | None:
    """The verb an event noun hangs from: "held talks", "was in Kabul for talks", "talks were held"."""
    if token.dep_ in ("dobj", "nsubjpass", "attr") and set(lemma_forms(token.head)) & LIGHT_VERBS:
        return token.head
    if (
        token.dep_ == "pobj"
        and token.head.head.pos_ in ("VERB", "AUX")
        and token.head.lower_ in ("for", "in", "during", "after", "at", "as")
    ):
        return token.head.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and _is_policy(token.head.head):
        return token.head.head.head  # "pursued a policy of engagement with X"
    return None


def _is_policy(token: Token) -> bool:
    return token.dep_ == "dobj" and token.lemma_.lower() in POLICY_NOUNS and token.head.pos_ == "VERB"


def _targets(token: Token, pattern: Pattern) -> tuple[tuple[Token, ...], ...]:
    """Target candidates: the pattern's target prepositions, the object (or what hangs from it), the
    objects of required prepositions, generic target prepositions, then the complement clause."""
    slots = frozenset(p for slot in pattern.preps if not slot.required for p in slot.preps)
    required = frozenset(p for slot in pattern.preps if slot.required for p in slot.preps)
    groups = [
        _prep_objects(token, slots),
        _object_agents(token) if pattern.pos == "verb" else [],
        _object_targets(token, pattern),
        _prep_objects(token, required),
        _prep_objects(token, TARGET_PREPS - required),
        [c for c in token.children if c.dep_ in ("ccomp", "xcomp")],
    ]
    return tuple(tuple(group) for group in groups if group)


def _object_agents(token: Token) -> list[Token]:
    """An act named as the object has its doer as the target: "condemned an attack by X" is aimed at X."""
    return [o for obj in token.children if obj.dep_ == "dobj" for o in _prep_objects(obj, frozenset({"by"}))]


def _object_targets(token: Token, pattern: Pattern) -> list[Token]:
    if pattern.pos == "noun":
        governor = _governing_verb(token)
        if governor is None:
            return []
        return [c for c in governor.children if c.dep_ == "dobj" and c.i != token.i] + patients(governor)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return [token.head]  # "soldiers killed in Ukraine": the noun is what the act was done to
    objects = [content_noun(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    if headline_passive(token) or token.lemma_.lower() in UNACCUSATIVE:
        objects += [
            c for c in token.children if c.dep_ == "nsubj"
        ]  # "Two killed", "Dozens died at the hands of"
    if token.dep_ == "xcomp" and is_passive(token) and not objects:
        objects = [
            c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")
        ]  # "has yet to be recognised"
    if token.tag_ == "VBN" and token.dep_ in ("xcomp", "oprd") and not objects:
        objects = [
            c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")
        ]  # "Three reported killed"
    if pattern.objects:
        # the object is often the thing acted on ("lift sanctions on X"): the target hangs from it
        inner = [
            o
            for obj in objects
            for o in _prep_objects(obj, TARGET_PREPS | {"of", "against", "for", "in", "from"})
        ]  # "lift sanctions on X", "recalled its ambassador from X"
        return inner + objects
    return objects


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions on the token (conjoined objects included)."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lemma_.lower() in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    out.append(obj)
                    out.extend(c for c in obj.children if c.dep_ == "conj")
    return out


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _noun_forms(token: Token) -> set[str]:
    """An object's lemma and, where the tagger read a noun as a verb form ("the crossing" -> "cross"),
    the word itself and its singular; a general head adds its compounds ("mediation efforts"), and a
    measure or part what it measures ("25,000 tonnes of wheat", "part of an aid programme")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word, word[:-1] if word.endswith("s") else word}
    if token.lemma_.lower() in GENERIC_HEADS:
        forms |= {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}
    content = content_noun(token)
    return forms if content.i == token.i else forms | _noun_forms(content)
