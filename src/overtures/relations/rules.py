"""State rules: which coded events set a relation state, read from data/relations.yaml.

A rule turns one event into a dated fact "actor -> target: relation = value". Rules look only at what
the coder stored: the CAMEO code, the modality and its cue, the predicate word and the evidence
sentence, so the ledger can be rebuilt from any database without parsing again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from overtures.errors import DataFileError
from overtures.model import DatePrecision, Event, Evidence, Modality
from overtures.relations.parties import ledger_party

EVERY_ACTOR = "*"
POINT_RELATIONS = ("recognition", "terrorist_designation", "embassy", "ambassador", "sanctions")
DEFAULT_MODALITIES = frozenset({Modality.ASSERTED, Modality.STATIVE})
_CUE = re.compile(r"\[([^\]]+)\]\s*$")


@dataclass(frozen=True, kw_only=True, slots=True)
class StateRule:
    """One rule of data/relations.yaml."""

    id: str
    relation: str
    value: str
    codes: tuple[str, ...]
    modalities: frozenset[Modality] = DEFAULT_MODALITIES
    words: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    cues: frozenset[str] = frozenset()
    every_actor: bool = False
    also: tuple[str, ...] = ()
    reverse: bool = False

    def matches(self, event: Event) -> bool:
        """Whether this rule reads a state from ``event``."""
        if event.modality not in self.modalities or not event.cameo.startswith(self.codes):
            return False
        if not event.evidence:  # nothing to read the words from
            return False
        first = event.evidence[0]
        sentence = first.sentence.lower()
        if self.words and not any(word in sentence for word in self.words):
            return False
        if self.also and not any(word in sentence for word in self.also):
            return False
        if self.triggers and not first.trigger.lower().startswith(self.triggers):
            return False
        cue = modality_cue(event)
        return not self.cues or any(part in cue for part in self.cues)


@dataclass(frozen=True, kw_only=True, slots=True)
class StateFact:
    """A dated fact read from one event: ``actor`` (a ledger party, or "*" for every actor) towards ``target``
    (overtures.relations.parties)."""

    actor: str
    target: str
    relation: str
    value: str
    on: date | None
    evidence: tuple[Evidence, ...]
    rule: str
    event_id: str
    precision: DatePrecision = DatePrecision.PUBLICATION
    window: tuple[date, date] | None = None


def modality_cue(event: Event) -> str:
    """The cue the coder recorded for the event's modality ("Nobody" in "... [Nobody]"), lowercased."""
    found = _CUE.search(event.rule)
    return found.group(1).strip().lower() if found else ""


def facts_from_event(event: Event, rules: tuple[StateRule, ...] | None = None) -> list[StateFact]:
    """The facts one event states: at most one per relation, from the first rule that matches."""
    target, source = ledger_party(event.target), ledger_party(event.source)
    if target is None:
        return []
    facts: list[StateFact] = []
    for rule in rules if rules is not None else load_rules():
        if rule.relation in {f.relation for f in facts} or not rule.matches(event):
            continue
        actor, towards = (target, source) if rule.reverse else (source, target)
        if rule.every_actor:  # the subject names no one ("None of Afghanistan's neighbours")
            actor, towards = EVERY_ACTOR, target
        if actor is None or towards is None or actor == towards:
            continue
        facts.append(
            StateFact(
                actor=actor,
                target=towards,
                relation=rule.relation,
                value=rule.value,
                on=event.date.date,
                evidence=event.evidence,
                rule=rule.id,
                event_id=event.event_id,
                precision=event.date.precision,
                window=event.date.window,
            )
        )
    return facts


@lru_cache(maxsize=1)
def load_rules() -> tuple[StateRule, ...]:
    """The bundled rules, in file order."""
    path = resources.files("overtures") / "data" / "relations.yaml"
    return parse_rules(path.read_text(encoding="utf-8"), name="relations.yaml")


def parse_rules(text: str, *, name: str) -> tuple[StateRule, ...]:
    """Parse a rules file; a malformed rule raises DataFileError naming the file and the rule."""
    entries = yaml.safe_load(text)
    if not isinstance(entries, list):
        raise DataFileError(
            f"{name}: expected a list of rules", hint="see the comment at the top of the file"
        )
    return tuple(_rule(entry, name=name, index=i) for i, entry in enumerate(entries, 1))


def _rule(entry: Any, *, name: str, index: int) -> StateRule:
    where = f"{name}: rule {index}"
    if not isinstance(entry, dict) or not {"id", "relation", "value", "codes"} <= entry.keys():
        raise DataFileError(f"{where} needs id, relation, value and codes", hint="copy an existing rule")
    if entry["relation"] not in POINT_RELATIONS:
        raise DataFileError(f"{where}: unknown relation {entry['relation']!r}", hint=f"use {POINT_RELATIONS}")
    try:
        modalities = frozenset(Modality(m) for m in entry.get("modalities", [])) or DEFAULT_MODALITIES
    except ValueError as exc:
        raise DataFileError(f"{where}: {exc}", hint=f"use {[m.value for m in Modality]}") from None
    return StateRule(
        id=str(entry["id"]),
        relation=entry["relation"],
        value=str(entry["value"]),
        codes=tuple(str(c) for c in entry["codes"]),
        modalities=modalities,
        words=tuple(str(w).lower() for w in entry.get("words", [])),
        triggers=tuple(str(t).lower() for t in entry.get("triggers", [])),
        cues=frozenset(str(c).lower() for c in entry.get("cues", [])),
        every_actor=entry.get("actor") == EVERY_ACTOR,
        also=tuple(str(w).lower() for w in entry.get("also", [])),
        reverse=bool(entry.get("reverse", False)),
    )
