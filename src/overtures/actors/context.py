"""What the actor resolver remembers while reading one article: people named with their roles,
recent actors and subjects, so that later mentions ("Saidov", "it", "its army") resolve."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from overtures.model import Actor, Location

if TYPE_CHECKING:
    from spacy.tokens import Token

    from overtures.coding.story import StoryDate

PERSONAL = frozenset({"he", "she", "him", "her", "his"})
PLURAL = frozenset({"they", "them", "their"})
NEUTER = frozenset({"it", "its"})


@dataclass
class ArticleContext:
    """What the resolver remembers while reading one article: dated roles and people named so far."""

    when: date | None
    people: dict[str, Actor] = field(default_factory=dict)
    recent: list[tuple[Actor, bool]] = field(default_factory=list)
    subjects: list[tuple[Actor, bool, int]] = field(default_factory=list)  # (actor, person, token index)
    story_date: StoryDate | None = None  # the date the lead sets (coding/story.py), read once per article
    story_place: Location | None = None  # the dateline's place, else the first place an event was tied to

    def remember(self, actor: Actor, *, person: bool) -> None:
        """Note an actor (and whether it is a person) as the most recent one mentioned."""
        self.recent.append((actor, person))
        del self.recent[:-12]


def remembered(phrase: list[Token], ctx: ArticleContext) -> Actor | None:
    """A person named earlier in the article, by full name or surname."""
    names = [t.text for t in phrase if t.pos_ == "PROPN"]
    for key in (" ".join(names), names[-1] if names else ""):
        if key and key in ctx.people:
            return ctx.people[key]
    return None


def antecedent(pronoun: str, ctx: ArticleContext, *, subject: bool, at: int | None = None) -> Actor | None:
    """The most recent actor a pronoun can refer to: people for he/she, states and groups for it/they.
    A subject pronoun looks first at the last subjects before it (token index ``at``); an object
    pronoun at the latest mentions."""
    before = [(a, p) for a, p, i in ctx.subjects if at is None or i < at]
    subjects, recent = list(reversed(before[-3:])), list(reversed(ctx.recent))
    for actor, is_person in subjects + recent if subject else recent + subjects:
        if (pronoun in PERSONAL) == is_person or pronoun in PLURAL:
            return actor
    return None
