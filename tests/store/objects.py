"""Hand-built data-model objects for the store tests (no spaCy): real sentences, exact offsets."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from overtures.dedup import fingerprint
from overtures.model import (
    Actor,
    AnalysedArticle,
    Article,
    DatePrecision,
    EntityMention,
    Event,
    EventDate,
    Evidence,
    Location,
    Modality,
    ProcessedArticle,
    QuadClass,
    Sentence,
    Token,
)

TEXT = (
    "Russia accused Ukraine of shelling the Zaporizhzhia nuclear plant on Tuesday. "
    "Turkey offered to mediate between Moscow and Kyiv."
)
PLACES = {"Russia": "GPE", "Ukraine": "GPE", "Zaporizhzhia": "GPE", "Turkey": "GPE", "Moscow": "GPE"}


def make_article(article_id: str = "a1", *, text: str = TEXT, **fields: object) -> Article:
    """An article with every optional field filled in, unless overridden."""
    defaults: dict[str, object] = {
        "title": "Russia accuses Ukraine over nuclear plant",
        "url": f"https://news.example.org/{article_id}",
        "source": "Example Wire",
        "published": date(2024, 4, 25),
        "language": "en",
        "origin": "corpus.jsonl:3",
    }
    return Article(id=article_id, text=text, **(defaults | fields))  # type: ignore[arg-type]


def make_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences split after each full stop, tokens at each run of non-space, offsets into ``text``."""
    sentences: list[Sentence] = []
    first_token = 0
    for index, match in enumerate(re.finditer(r"[^.]+\.?", text)):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        words = list(re.finditer(r"\S+", text[start : match.end()]))
        tokens = tuple(
            Token(
                i=first_token + n,
                start=start + word.start(),
                end=start + word.end(),
                text=word.group(),
                lemma=word.group().lower(),
                pos="PROPN" if word.group() in PLACES else "X",
                tag="NNP" if word.group() in PLACES else "XX",
                dep="ROOT" if n == 1 else "dep",
                head=first_token + 1,
                ent_type=PLACES.get(word.group(), ""),
            )
            for n, word in enumerate(words)
        )
        sentences.append(
            Sentence(index=index, start=start, end=match.end(), text=text[start : match.end()], tokens=tokens)
        )
        first_token += len(tokens)
    return tuple(sentences)


def make_entities(text: str, sentences: tuple[Sentence, ...]) -> tuple[EntityMention, ...]:
    """A mention for every known place name in the text, in text order."""
    found = []
    for name, label in PLACES.items():
        for match in re.finditer(re.escape(name), text):
            sentence = next(s.index for s in sentences if s.start <= match.start() < s.end)
            found.append(
                EntityMention(start=match.start(), end=match.end(), label=label, text=name, sentence=sentence)
            )
    return tuple(sorted(found, key=lambda mention: mention.start))


def country_actor(name: str, country: str, text: str, *, sector: str | None = "GOV") -> Actor:
    """A state actor as the resolver would give it, found at the first occurrence of ``text``."""
    start = TEXT.find(text)
    code = country + (sector or "")
    return Actor(
        name=name, text=text, country=country, sector=sector, code=code, start=start, end=start + len(text)
    )


def make_event(event_id: str = "a1-e1", article_id: str = "a1", **fields: object) -> Event:
    """Russia accusing Ukraine on Tuesday at Zaporizhzhia, with two pieces of evidence; override any field."""
    sentence = TEXT[: TEXT.index(".") + 1]
    event = Event(
        event_id=event_id,
        article_id=article_id,
        source=country_actor("Russia", "RUS", "Russia"),
        target=country_actor("Ukraine", "UKR", "Ukraine", sector=None),
        cameo="1123",
        root="11",
        quad_class=QuadClass.VERBAL_CONFLICT,
        goldstein=-2.0,
        plover="ACCUSE",
        modality=Modality.ASSERTED,
        date=EventDate(
            date=date(2024, 4, 23),
            precision=DatePrecision.DAY,
            window=(date(2024, 4, 23), date(2024, 4, 23)),
            text="on Tuesday",
        ),
        location=Location(name="Zaporizhzhia", country="UKR", lat=47.5119, lon=34.5853),
        evidence=(
            Evidence(article_id=article_id, sentence=sentence, start=0, end=len(sentence), trigger="accused"),
            Evidence(article_id=article_id, sentence=sentence, start=26, end=34, trigger="shelling"),
        ),
        rule="verb:accuse+of",
        coder_version="0.1.0",
    )
    return replace(event, **fields)  # type: ignore[arg-type]


def make_processed(
    article_id: str = "a1", *, text: str = TEXT, events: tuple[Event, ...] | None = None
) -> ProcessedArticle:
    """A processed article: sentences with tokens, entities, its fingerprint (as the pipeline gives it),
    and by default the accusation event."""
    sentences = make_sentences(text)
    analysed = AnalysedArticle(
        article=make_article(article_id, text=text),
        sentences=sentences,
        entities=make_entities(text, sentences),
    )
    if events is None:
        events = (make_event(f"{article_id}-e1", article_id),)
    return ProcessedArticle(analysed=analysed, events=events, fingerprint=fingerprint(text))
