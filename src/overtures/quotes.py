"""Direct quotes and who said them.

A quote is text between quotation marks (straight or curly); a paragraph that opens a quote without
closing it continues into the next paragraph that opens one (the news convention). The speaker comes from
the attribution after the quote ("...," said Kukhdomani / Afghan political analyst Fakhim Kukhdomani told
RFE/RL / he added) or before it (Juergen Hardt told RFE/RL in February "..."). A pronoun, a bare "said" or
an unattributed paragraph takes the previous quote's speaker when it directly precedes, else the last person
named in the article. The role is what the attribution says besides the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from overtures.coding.dates import find_time_expressions, publication_date, resolve_time
from overtures.model import Article, EventDate, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from overtures.actors.kb import KnowledgeBase

OPEN, CLOSE = '“"', '”"'
VERBS = r"(?:said|says|added|adds|told|tells|wrote|writes|stated|noted|explained|argued|warned)"
AFTER_VERB_FIRST = re.compile(rf"^[,\s]*{VERBS}\s+(?P<speaker>[^.;]*)")
AFTER_SPEAKER_FIRST = re.compile(rf"^[,\s]*(?P<speaker>[^.;“\"]*?)\s*,?\s+{VERBS}\b(?P<rest>[^.;]*)")
BEFORE = re.compile(rf"(?P<speaker>[A-Z][^.;“”\"]*?)\s*,?\s+{VERBS}\b(?P<rest>[^.;“”\"]*?)[:,]?\s*$")
OUTLET = re.compile(r"\btold\s+(?P<outlet>.+?)(?=\s+(?:on|in|last|this|earlier)\b|,|$)")
PRONOUNS = frozenset({"he", "she", "they", ""})
MIN_WORDS = 4


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def find_quotes(article: Article, doc: Doc, *, kb: KnowledgeBase) -> tuple[Quote, ...]:
    """Every direct quote of the article with its speaker, outlet, date and the countries it mentions."""
    text = article.text
    quotes: list[Quote] = []
    known: dict[str, Speaker] = {}
    for span in _quote_spans(text):
        previous = quotes[-1] if quotes and _adjacent(text, quotes[-1].end, span.start) else None
        phrase, attribution = _attribution(text, span)
        speaker = _known(_resolve_speaker(phrase, previous, doc, span.start), known)
        quotes.append(
            Quote(
                article_id=article.id,
                text=text[span.start : span.end],
                start=span.start,
                end=span.end,
                speaker=speaker,
                outlet=_outlet(attribution),
                date=_date(attribution, article),
                mentions=_mentions(text[span.start : span.end], kb),
            )
        )
    return tuple(quotes)


def _quote_spans(text: str) -> Iterator[_Span]:
    """Quoted text, without its marks; an unclosed quote runs to the end of its paragraph."""
    i = 0
    while i < len(text):
        if text[i] in OPEN and (i == 0 or not text[i - 1].isalnum()):
            close = _closing(text, i)
            inner_start, inner_end = i + 1, close
            if len(text[inner_start:inner_end].split()) >= MIN_WORDS:  # shorter: scare quotes, titles
                yield _Span(inner_start, inner_end)
            i = close + 1
        else:
            i += 1


def _closing(text: str, start: int) -> int:
    paragraph_end = text.find("\n\n", start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for j in range(start + 1, paragraph_end):
        if text[j] in CLOSE and (j + 1 == len(text) or not text[j + 1].isalnum()):
            return j
    return paragraph_end


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """The quote follows the previous one in the same or the next paragraph."""
    return text.count("\n\n", previous_end, start) <= 1


def _attribution(text: str, span: _Span) -> tuple[str | None, str]:
    """The speaker phrase and the attribution clause, after the quote or else before it."""
    after = text[span.end + 1 : _sentence_end(text, span.end + 1)]
    for pattern in (AFTER_VERB_FIRST, AFTER_SPEAKER_FIRST):
        match = pattern.match(after)
        if match and len(match.group("speaker")) < 120:
            return match.group("speaker").strip(" ,"), after
    line_start = max(text.rfind("\n", 0, span.start), text.rfind(". ", 0, span.start - 1) + 1, 0)
    before = text[line_start : span.start - 1]
    match = BEFORE.search(before)
    if match:
        return match.group("speaker").strip(" ,"), before
    return None, after


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return min(ends) if ends else len(text)


def _resolve_speaker(phrase: str | None, previous: Quote | None, doc: Doc, at: int) -> Speaker | None:
    """Name and role from the attribution; pronouns and bare attributions take the previous speaker."""
    if phrase is None or phrase.lower() in PRONOUNS:
        if previous is not None and previous.speaker is not None:
            return previous.speaker
        return _last_person(doc, at)
    phrase = re.split(r",\s*who\b|\s+who\b", phrase)[0]
    name = _person_in(doc, phrase)
    if name is None:
        return Speaker(name=phrase or None)
    role = phrase.replace(name, " ").strip(" ,")
    return Speaker(name=name, role=role or None)


def _known(speaker: Speaker | None, known: dict[str, Speaker]) -> Speaker | None:
    """A surname alone ("said Kukhdomani") is the person named in full before, with the role given then."""
    if speaker is None or not speaker.name:
        return speaker
    surname = speaker.name.split()[-1]
    earlier = known.get(surname)
    if earlier is not None and (speaker.name == surname or speaker.role is None):
        return earlier
    known[surname] = speaker
    return speaker


def _person_in(doc: Doc, phrase: str) -> str | None:
    names = [ent.text for ent in doc.ents if ent.label_ == "PERSON" and ent.text in phrase]
    if names:
        return max(names, key=len)
    capitals = re.findall(r"(?:[A-Z][a-z’'-]+\s?){2,3}$", phrase.split(",")[0])
    return capitals[0].strip() if capitals else None


def _last_person(doc: Doc, at: int) -> Speaker | None:
    """The last person named before the quote, with the title words just before the name ("Former
    spokesman Najib Azad says ...")."""
    people = [ent for ent in doc.ents if ent.label_ == "PERSON" and ent.end_char <= at]
    if not people:
        return None
    person = people[-1]
    lead = doc[person.sent.start : person.start].text.strip(" ,")
    role = lead if lead and len(lead.split()) <= 4 and re.fullmatch(r"[A-Za-z ’'-]+", lead) else None
    return Speaker(name=person.text, role=role)


def _outlet(attribution: str) -> str | None:
    match = OUTLET.search(attribution)
    return match.group("outlet").strip(" .,;") if match else None


def _date(attribution: str, article: Article) -> EventDate:
    for expression in find_time_expressions(attribution):
        resolved = resolve_time(expression.text, article.published)
        if resolved is not None:
            return resolved
    return publication_date(article.published)


def _mentions(quote: str, kb: KnowledgeBase) -> tuple[str, ...]:
    words = re.findall(r"[\w’'-]+|[^\w\s]", quote)
    found = []
    for match in kb.match_words(words):
        country = match.entry.role_on(None).country
        if country and country not in found:
            found.append(country)
    return tuple(found)
