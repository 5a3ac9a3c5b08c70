"""The spaCy stage: sentences, tokens and entities with offsets into the stored text."""

from __future__ import annotations

import pytest

from overtures.errors import ModelMissingError
from overtures.model import Article
from overtures.nlp import ATTRIBUTION_TAIL, analyse, load_nlp, parse

TEXT = (
    "Courting The Taliban, China, India, And Russia Make Overtures\n\n"
    "This week, Indian special envoy Anand Prakash was in Kabul for talks with senior Taliban leaders. "
    "Uzbek Foreign Minister Bakhtiyor Saidov hosted a Taliban delegation in Tashkent."
)


def _analysed(nlp):  # type: ignore[no-untyped-def]
    article = Article(id="a1", text=TEXT)
    ((_, doc),) = list(parse(nlp, [article]))
    return analyse(article, doc)


def test_a_blank_line_ends_the_headline_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    analysed = _analysed(nlp)
    assert analysed.sentences[0].text == "Courting The Taliban, China, India, And Russia Make Overtures"
    assert len(analysed.sentences) == 3


def test_sentence_and_token_offsets_point_into_the_article_text(nlp) -> None:  # type: ignore[no-untyped-def]
    analysed = _analysed(nlp)
    for sentence in analysed.sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert TEXT[token.start : token.end] == token.text


def test_entities_keep_offsets_and_their_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    analysed = _analysed(nlp)
    kabul = next(e for e in analysed.entities if e.text == "Kabul")
    assert kabul.label == "GPE"
    assert TEXT[kabul.start : kabul.end] == "Kabul"
    assert kabul.sentence == 1


def test_tokens_carry_lemma_and_dependency(nlp) -> None:  # type: ignore[no-untyped-def]
    analysed = _analysed(nlp)
    hosted = next(t for t in analysed.sentences[2].tokens if t.text == "hosted")
    assert hosted.lemma == "host"
    assert hosted.dep == "ROOT"


def test_a_missing_model_package_names_the_package_to_install() -> None:
    with pytest.raises(ModelMissingError) as info:
        load_nlp("no_such_spacy_model_package")
    assert "pip install" in str(info.value)


def test_a_dateline_is_its_own_sentence_so_the_city_is_no_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "TEHRAN, May 28 (Meridian Wire) - Iran put its border forces on high alert on Tuesday."
    article = Article(id="d1", text=text)
    ((_, doc),) = list(parse(nlp, [article]))
    sentences = [s.text for s in analyse(article, doc).sentences]
    assert sentences == [
        "TEHRAN, May 28 (Meridian Wire) -",
        "Iran put its border forces on high alert on Tuesday.",
    ]


def test_a_short_tail_after_a_spaced_dash_is_read_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Three herders killed in cross-border raid - Kenyan police")
    dash = next(t for t in doc if t.text == "-" and t.whitespace_)
    assert dash.is_sent_start
    assert not any(t.is_sent_start for t in doc if t.text == "border")


def test_a_long_clause_after_a_dash_is_no_attribution_tail() -> None:
    text = "Troops withdrew - and the talks resumed in the capital on Monday after a week"
    assert not ATTRIBUTION_TAIL.search(text)
    assert ATTRIBUTION_TAIL.search("Troops withdrew - state radio")
