"""The date an article sets for its story, for events whose own sentence names no date.

A news report puts the day of its news in the lead ("Russia on Thursday recognised ...", "Gunmen
killed ... on March 3") and does not repeat it: the later sentences that tell the same story without a
time expression happened then too. Conventions chosen here:

* The headline is the article's first line (the readers put the title there) when it is short (at most
  HEADLINE_WORDS words); a short one-line text is all headline (a wire headline, a UCDP row) unless it
  ends with a full stop, as a sentence does and a headline does not.
* The lead is the first LEAD_SENTENCES sentences after the headline. Its first expression that dates a
  clause (not a noun: "a July 6 deadline") and names a day or a week ("on Tuesday", "yesterday", "on
  March 3", "overnight", "this week") no more than STORY_DAYS days before publication P, and not after
  P, is the story date. A dateline's date ("KABUL, March 3
  (Reuters) -") is when the report was filed, not the news, and is skipped. Month and year expressions
  in a lead ("in October 2024") are background, never a story date.
* Without a story date, a headline's event is dated by its publication: a headline of violence or
  diplomacy published on day P nearly always reports the news of P or of the day before (wire copy
  filed overnight), so its window is [P-1, P], its best day P and its precision ``publication`` (the day
  comes from the publication, not from the text). Any other undated event gets the publication day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from overtures.coding.dates import find_time_expressions, publication_date, resolve_time
from overtures.model import DatePrecision, EventDate
from overtures.nlp import content_sentences, sentence_offsets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

HEADLINE_WORDS = 30
LEAD_SENTENCES = 2
STORY_DAYS = 14
NOUN_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod", "poss"})
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\))?\s*[-\u2013\u2014]")


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryDate:
    """What one article says about when its news happened: the lead's day, if any, and where the
    headline ends (a character offset into the article; 0 when there is no headline)."""

    published: date | None
    lead: EventDate | None
    headline_end: int

    def undated(self, start: int) -> EventDate:
        """The date of an event whose sentence (starting at ``start``) names none."""
        if self.lead is not None:
            return self.lead
        if start < self.headline_end and self.published is not None:
            return headline_date(self.published)
        return publication_date(self.published)


def headline_date(published: date) -> EventDate:
    """A headline's undated event: the news of the publication day or of the day before."""
    return EventDate(
        date=published,
        precision=DatePrecision.PUBLICATION,
        window=(published - timedelta(days=1), published),
    )


def read_story(doc: Doc, published: date | None, *, sentences: list[Span] | None = None) -> StoryDate:
    """The story date of a parsed article (its text is the article's text); ``sentences`` are its
    content sentences when the caller has them already."""
    text = doc.text  # built from the tokens on every access: read once
    end = headline_end(text)
    spans = [sentence_offsets(s) for s in (sentences if sentences is not None else content_sentences(doc))]
    # the parser may join the headline to the lead's first sentence: only the text after it counts
    body = [(max(start, end), stop) for start, stop in spans if stop > end][:LEAD_SENTENCES]
    for start, stop in body:
        attached = _on_a_verb(doc, start)
        lead = lead_date(text[start:stop], published, attached=attached)
        if lead is not None:
            return StoryDate(published=published, lead=lead, headline_end=end)
    return StoryDate(published=published, lead=None, headline_end=end)


def _on_a_verb(doc: Doc, base: int) -> Callable[[int, int], bool]:
    """Whether an expression (offsets from ``base``) dates a clause, not a noun it modifies ("a July 6
    deadline"); a prepositional phrase counts wherever the parser attached it. Without a parse, all do."""

    def attached(start: int, end: int) -> bool:
        if not doc.has_annotation("DEP"):
            return True
        span = doc.char_span(base + start, base + end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        return span.root.dep_ not in NOUN_MODIFIERS

    return attached


def headline_end(text: str) -> int:
    """Where the headline (a short first line) ends, or 0 when the first line is not one."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].rstrip()
    if not first or len(first.split()) > HEADLINE_WORDS:
        return 0
    if first == stripped.rstrip() and first.endswith("."):  # one sentence alone: a note, not a headline
        return 0
    return len(text) - len(stripped) + len(first)


def lead_date(
    sentence: str, published: date | None, *, attached: Callable[[int, int], bool] | None = None
) -> EventDate | None:
    """The first recent day or week a lead sentence gives its clause ("on Tuesday", "this week"),
    skipping a dateline and, with ``attached``, expressions that date a noun; None when there is none."""
    if published is None:
        return None
    for expression in find_time_expressions(sentence):
        if _DATELINE_AFTER.match(sentence, expression.end):
            continue
        if attached is not None and not attached(expression.start, expression.end):
            continue
        resolved = resolve_time(expression.text, published)
        if resolved is not None and _recent(resolved, published):
            return resolved
    return None


def _recent(when: EventDate, published: date) -> bool:
    """A day or a span of at most a week, within STORY_DAYS before publication."""
    if when.window is None or when.precision not in (DatePrecision.DAY, DatePrecision.WEEK):
        return False
    first, last = when.window
    return (last - first).days < 7 and published - timedelta(days=STORY_DAYS) <= first and last <= published
