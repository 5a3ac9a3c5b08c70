"""Modality: did the event happen (asserted), or is it denied, conditional, expected or speculated?

The cues live in data/modality.yaml. A predicate's own auxiliaries, negators and markers decide first;
otherwise the words that govern it do ("expected to sign", "denied reports that it had agreed",
"called for talks"), walking up the parse until a reporting verb ("said that ...") or the root.
A future under a reporting verb ("Israel announced it would free prisoners") is a statement of intent:
``intent`` is set and the coder codes it as 03x, asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from overtures.errors import DataFileError
from overtures.model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

LINKS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "pobj",
        "dobj",
        "acl",
        "relcl",
        "advcl",
        "prep",
        "attr",
        "oprd",
        "conj",
        "nsubjpass",
        "nsubj",
        "appos",
        "amod",
        "compound",
        "agent",
        "dative",
    }
)
MAX_STEPS = 8
PURPOSE = "to (purpose)"
UNIVERSAL = "(universal)"  # marks the cue of a denial that holds for every actor (relations.yaml reads it)


@dataclass(frozen=True, kw_only=True, slots=True)
class Cues:
    """The modality cue lists, as sets of lowercase lemmas."""

    aux: dict[str, frozenset[str]]
    negators: frozenset[str]
    negative_subjects: frozenset[str]
    negative_determiners: frozenset[str]
    any_words: frozenset[str]
    conditional_markers: frozenset[str]
    governors: dict[str, frozenset[str]]
    intent: frozenset[str]
    reporting: frozenset[str]


@dataclass(frozen=True, kw_only=True, slots=True)
class ModalityReading:
    """The modality of one predicate, the cue that decided it, and whether it states an intent."""

    modality: Modality
    cue: str = ""
    intent: bool = False
    refusal: bool = False


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read data/modality.yaml from the package."""
    path = resources.files("overtures") / "data" / "modality.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Cues(
            aux={k: frozenset(v) for k, v in raw["aux"].items()},
            negators=frozenset(raw["negators"]),
            negative_subjects=frozenset(raw["negative_subjects"]),
            negative_determiners=frozenset(raw["negative_determiners"]),
            any_words=frozenset(raw["any_words"]),
            conditional_markers=frozenset(raw["conditional_markers"]),
            governors={k: frozenset(v) for k, v in raw["governors"].items()},
            intent=frozenset(raw["intent"]),
            reporting=frozenset(raw["reporting"]),
        )
    except (KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise DataFileError(
            f"modality.yaml is invalid: {exc}", hint="restore the file from the package"
        ) from exc


def modality_of(token: Token, cues: Cues | None = None) -> ModalityReading:
    """Read the modality of the event whose predicate is ``token``."""
    cues = cues or load_cues()
    own = _own_cues(token, cues, negation=True)
    if own is not None and own.cue == PURPOSE:
        return _purpose(token, own, cues)
    if own is not None:
        return _as_intent_if_reported(token, own, cues)
    return _governed(token, cues)


def _purpose(token: Token, own: ModalityReading, cues: Cues) -> ModalityReading:
    """The purpose of an act ("to help defend X") is only expected, unless the act it is the purpose of
    is itself a stated intent ("Norway is willing to send material to help defend X"): then it is part
    of what the subject states it will do."""
    governor = modality_of(token.head, cues)
    return replace(governor, cue=f"{governor.cue} ({PURPOSE})") if governor.intent else own


def _own_cues(token: Token, cues: Cues, *, negation: bool) -> ModalityReading | None:
    """Cues attached to the predicate itself: negators, negative subjects, auxiliaries, if-markers."""
    for child in token.children:
        word = child.lower_
        if negation and child.dep_ == "neg" and word in cues.negators | {"not", "n't", "never"}:
            agent = _any_agent(token, cues)
            cue = word if agent is None else universal_cue(f"{word} by {agent}")
            return ModalityReading(modality=Modality.NEGATED, cue=cue)
        if negation and child.dep_ in ("nsubj", "nsubjpass") and _negative_subject(child, cues):
            return ModalityReading(modality=Modality.NEGATED, cue=universal_cue(_head_phrase(child)))
        if negation and child.dep_ == "det" and word == "no":
            return ModalityReading(modality=Modality.NEGATED, cue=word)
        if child.dep_ == "mark" and word in cues.conditional_markers:
            return ModalityReading(modality=Modality.HYPOTHETICAL, cue=word)
    for child in token.children:
        if child.dep_ == "aux":
            for name, words in cues.aux.items():
                if child.lower_ in words:
                    return ModalityReading(modality=Modality(name), cue=child.lower_)
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return ModalityReading(modality=Modality.EXPECTED, cue=PURPOSE)
    return None


def universal_cue(phrase: str) -> str:
    """The cue of a universal denial ("No country has recognized X"): the phrase, marked UNIVERSAL."""
    return f"{phrase} {UNIVERSAL}"


def _negative_subject(subject: Token, cues: Cues) -> bool:
    """ "nobody", "none of the states", "no country", "neither government", "not a single state",
    "not one country" (but not "not all countries": some did)."""
    words = " ".join(t.lower_ for t in subject.subtree)
    if subject.lower_ in cues.negative_subjects or words in cues.negative_subjects:
        return True
    if any(c.dep_ == "det" and c.lower_ in cues.negative_determiners for c in subject.children):
        return True
    negated = any(c.dep_ in ("neg", "advmod", "preconj") and c.lower_ == "not" for c in subject.children)
    return negated and _any_of(subject, cues)


def _any_of(noun: Token, cues: Cues) -> bool:
    """A noun read as "any one of them": "any country", "a single state", "one government"."""
    return any(c.dep_ in ("det", "amod", "nummod") and c.lower_ in cues.any_words for c in noun.children)


def _any_agent(token: Token, cues: Cues) -> str | None:
    """The agent of a denied passive when it is "any X" ("not recognized by any country"), else None."""
    for agent in (c for c in token.children if c.dep_ == "agent"):
        for noun in (c for c in agent.children if c.dep_ == "pobj"):
            if _any_of(noun, cues):
                return _head_phrase(noun)
    return None


def _head_phrase(noun: Token) -> str:
    """A noun with the words before it ("No other country"), without what follows it ("of the states")."""
    return " ".join(t.text for t in noun.subtree if t.i <= noun.i)


def _governed(token: Token, cues: Cues) -> ModalityReading:
    """Walk up the governors of the predicate until a cue, a reporting verb or the root."""
    child = token
    for _ in range(MAX_STEPS):
        gov = child.head
        if gov.i == child.i or child.dep_ not in LINKS:
            break
        lemma = gov.lemma_.lower()
        if lemma in cues.reporting and child.dep_ in ("ccomp", "xcomp", "advcl"):
            break
        if lemma in cues.intent and child.dep_ == "xcomp":
            return _intent(gov, cues)
        if lemma in cues.intent and child.dep_ == "ccomp" and has_own_subject(child):
            # "Obama wants Putin to attack": an intention about someone else's act is only expected
            return ModalityReading(modality=Modality.EXPECTED, cue=gov.text)
        words = {lemma} | {f"{lemma} {c.lower_}" for c in gov.children if c.dep_ in ("prt", "advmod")}
        for name in ("negated", "expected", "speculation"):
            if words & cues.governors[name]:
                return ModalityReading(modality=Modality(name), cue=_governor_cue(name, gov, token, cues))
        own = _own_cues(gov, cues, negation=child.dep_ not in ("conj", "nsubj", "nsubjpass"))
        if own is not None:
            return own
        child = gov
    return ModalityReading(modality=Modality.ASSERTED)


def _governor_cue(name: str, gov: Token, token: Token, cues: Cues) -> str:
    """The governor as cue; a denial whose agent is "any X" ("has yet to be recognized by any state")
    is marked universal."""
    agent = _any_agent(token, cues) if name == "negated" else None
    return gov.text if agent is None else universal_cue(f"{gov.text} by {agent}")


def has_own_subject(clause: Token) -> bool:
    """Whether a complement clause names its own subject ("wants Putin to attack")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _intent(gov: Token, cues: Cues) -> ModalityReading:
    """An act under "wants to", "pledged to": the subject's own stated intent, unless someone else is to
    act ("wants Putin to attack") or the statement itself is negated or conditional."""
    if any(c.dep_ in ("dobj", "dative") for c in gov.children):
        return ModalityReading(modality=Modality.EXPECTED, cue=gov.text)
    for node in (gov, gov.head) if gov.dep_ == "acomp" else (gov,):  # "nobody is ready to recognize"
        own = _own_cues(node, cues, negation=True)
        if own is not None and own.modality is not Modality.ASSERTED:
            return own
    return ModalityReading(modality=Modality.ASSERTED, cue=gov.text, intent=True)


def _as_intent_if_reported(token: Token, reading: ModalityReading, cues: Cues) -> ModalityReading:
    """A future or conditional directly under a reporting verb is an asserted statement of intent;
    a negated one ("said he would not provide support") is an asserted refusal."""
    reported = (token.dep_ == "ccomp" and token.head.lemma_.lower() in cues.reporting) or _attributed(
        token, cues
    )
    future_aux = any(
        c.dep_ == "aux" and c.lower_ in cues.aux["expected"] | cues.aux["hypothetical"]
        for c in token.children
    )
    if reading.modality is Modality.NEGATED and reported and future_aux:
        return ModalityReading(modality=Modality.ASSERTED, cue=f"{reading.cue} (refusal)", refusal=True)
    future = reading.modality in (Modality.EXPECTED, Modality.HYPOTHETICAL) and reading.cue in (
        cues.aux["expected"] | cues.aux["hypothetical"]
    )
    has_if = any(c.dep_ == "mark" and c.lower_ in cues.conditional_markers for c in token.children)
    if future and not has_if and reported:
        return ModalityReading(modality=Modality.ASSERTED, cue=reading.cue, intent=True)
    return reading


def _attributed(token: Token, cues: Cues) -> bool:
    """A main clause whose reporting verb follows it ("X will send troops, the minister said"): the
    reporting verb hangs from the predicate as a clause of its own."""
    return token.dep_ == "ROOT" and any(
        c.dep_ in ("ccomp", "parataxis") and c.lemma_.lower() in cues.reporting and c.i > token.i
        for c in token.children
    )
