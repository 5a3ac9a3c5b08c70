"""Which events mark the window states of the ledger, and as what.

- contact (CAMEO 04: meetings, visits, talks, asserted or stative) between two parties marks
  ``engagement`` from each side, at the level of that side's own representative by its titles:
  ``head of state`` > ``ministerial`` > ``envoy``; a call for talks (026, 036, asserted) marks ``proposed``
  from the caller only;
- every asserted event from one party to another marks ``hostility`` from the source: ``conflict``
  (QuadClass 3 or 4) or ``cooperation``.

A party is a country or an international organisation, as the ledger keys them (overtures.relations.parties).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from overtures.model import DatePrecision, Event, Modality, QuadClass
from overtures.relations.parties import ledger_party
from overtures.relations.windows import CONFLICT, COOPERATION, WindowMark

HEAD_OF_STATE_WORDS = (
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "emir",
    "amir",
    "crown prince",
    "head of state",
    "supreme leader",
    "sultan",
)
MINISTER_WORDS = ("minister", "secretary of state", "foreign secretary", "home secretary")
CONTACT_CODES = ("04",)
PROPOSAL_CODES = ("026", "036")
ACTIVE = frozenset({Modality.ASSERTED, Modality.STATIVE})


@dataclass(frozen=True, kw_only=True, slots=True)
class Marked:
    """One mark of an event on the window state ``relation`` from ``actor`` to ``target``."""

    actor: str
    target: str
    relation: str
    kind: str  # a level of engagement, or conflict / cooperation
    day: date
    precision: DatePrecision  # how precisely the event's day is known
    mark: WindowMark


def event_marks(event: Event) -> list[Marked]:
    """Every window mark the event makes: contact from each side, proposal, conflict or cooperation."""
    return [*contact_marks(event), *hostility_marks(event)]


def _parties(event: Event) -> tuple[str, str, date] | None:
    """The event's source and target parties and its date, when both differ and it is dated."""
    source, target = ledger_party(event.source), ledger_party(event.target)
    if source is None or target is None or source == target or event.date.date is None:
        return None
    return source, target, event.date.date


def _mark(event: Event) -> WindowMark:
    first = event.evidence[0] if event.evidence else None
    return WindowMark(event_id=event.event_id, cameo=event.cameo, evidence=first, day=event.date.date)


def contact_marks(event: Event) -> list[Marked]:
    """An event of contact between two parties, once from each side with each side's level; a call for
    talks, from the caller."""
    found = _parties(event)
    if event.modality not in ACTIVE or found is None or event.source is None or event.target is None:
        return []
    one, two, day = found
    mark, precision = _mark(event), event.date.precision
    if event.cameo.startswith(CONTACT_CODES):
        return [
            Marked(actor=one, target=two, relation="engagement", kind=level(event.source.text,
                   event.source.name), day=day, precision=precision, mark=mark),
            Marked(actor=two, target=one, relation="engagement", kind=level(event.target.text,
                   event.target.name), day=day, precision=precision, mark=mark),
        ]  # fmt: skip
    if event.cameo.startswith(PROPOSAL_CODES) and event.modality is Modality.ASSERTED:
        return [Marked(actor=one, target=two, relation="engagement", kind="proposed", day=day,
                       precision=precision, mark=mark)]  # fmt: skip
    return []


def hostility_marks(event: Event) -> list[Marked]:
    """An asserted event from one party to another, marked as conflict or cooperation."""
    found = _parties(event)
    if event.modality is not Modality.ASSERTED or found is None:
        return []
    source, target, day = found
    kind = CONFLICT if is_conflict(event.quad_class) else COOPERATION
    return [
        Marked(actor=source, target=target, relation="hostility", kind=kind, day=day,
               precision=event.date.precision, mark=_mark(event))
    ]  # fmt: skip


def is_conflict(quad_class: int) -> bool:
    """Whether a QuadClass is verbal or material conflict."""
    return quad_class in (QuadClass.VERBAL_CONFLICT, QuadClass.MATERIAL_CONFLICT)


def level(*texts: str | None) -> str:
    """The level of a representative by the titles in its text ("Foreign Minister Sergey Lavrov")."""
    words = " ".join(text for text in texts if text).lower()
    if _has_title(words, HEAD_OF_STATE_WORDS):
        return "head of state"
    return "ministerial" if _has_title(words, MINISTER_WORDS) else "envoy"


def _has_title(text: str, titles: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(t)}s?\b", text) for t in titles)
