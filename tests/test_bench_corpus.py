"""The benchmark's corpus: variants of the sample corpus, all different, with names swapped consistently."""

from __future__ import annotations

import re
from datetime import timedelta

from bench.corpus import COUNTRIES, build_corpus, names_for, sample_articles, vary


def _count(word: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def test_a_corpus_of_any_size_has_distinct_ids_and_texts() -> None:
    articles = list(build_corpus(3 * len(sample_articles()) + 5))
    assert len({a.id for a in articles}) == len(articles)
    assert len({a.text for a in articles}) == len(articles)


def test_variant_zero_is_the_sample_article_under_a_new_id() -> None:
    original = sample_articles()[0]
    copy = vary(original, 0)
    assert copy.text == original.text and copy.published == original.published
    assert copy.id != original.id


def test_a_country_its_demonym_and_its_capital_move_together() -> None:
    mapping = names_for(1)
    pakistan, iran = COUNTRIES[0], COUNTRIES[1]
    assert [mapping[name] for name in pakistan] == list(iran)


def test_every_mention_is_swapped_and_the_date_shifted() -> None:
    original = next(a for a in sample_articles() if "Islamabad" in a.text and "Pakistani" in a.text)
    variant = vary(original, 1)  # Pakistan becomes Iran, Iran becomes India
    assert _count("Tehran", variant.text) == _count("Islamabad", original.text)
    assert _count("Iranian", variant.text) == _count("Pakistani", original.text)
    assert _count("Islamabad", variant.text) == _count("London", original.text)  # Britain became Pakistan
    assert original.published is not None
    assert variant.published == original.published + timedelta(weeks=1)
    dateline = f"{variant.published:%B} {variant.published.day} ("
    assert dateline in variant.text


def test_people_swap_within_their_ring_with_their_surnames() -> None:
    original = next(a for a in sample_articles() if "Hina Malik" in a.text)
    variant = vary(original, len(COUNTRIES))  # people move one place
    replacement = names_for(len(COUNTRIES))["Hina Malik"]
    assert replacement != "Hina Malik" and replacement in variant.text
    assert "Hina Malik" not in variant.text
