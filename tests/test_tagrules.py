"""The attribute ruler answered by lookups (overtures.tagrules) gives every token what spaCy's own
AttributeRuler gives it: on the sample corpus with the model's rules, and on random rule sets."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from overtures.api import read_articles
from overtures.nlp import MODEL_PACKAGE
from overtures.tagrules import COMPONENT, TagLookups, conditions
from tests.conftest import CORPUS


def annotations(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_pipeline_answers_its_attribute_ruler_by_lookups(nlp) -> None:  # type: ignore[no-untyped-def]
    assert COMPONENT in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names


def test_every_token_of_the_sample_corpus_is_annotated_as_by_spacys_attribute_ruler(nlp) -> None:  # type: ignore[no-untyped-def]
    stock = importlib.import_module(MODEL_PACKAGE).load()  # with spaCy's attribute ruler
    stock.add_pipe("paragraph_breaks", before="parser")  # the sentences overtures.nlp makes
    texts = [article.text for article in read_articles([CORPUS])]
    ours = [annotations(doc) for doc in nlp.pipe(texts)]
    theirs = [annotations(doc) for doc in stock.pipe(texts)]
    assert sum(map(len, ours)) > 10_000
    assert ours == theirs


@pytest.mark.parametrize(
    ("pattern", "exact"),
    [
        ([{"TAG": "DT", "LOWER": "the"}], True),
        ([{"LOWER": {"IN": ["is", "'s"]}}, {"DEP": {"NOT_IN": ["det", ""]}}], True),
        ([{"LOWER": {"REGEX": "^n'?t$"}}], True),
        ([{"LENGTH": {">=": 3}}], False),  # an attribute the lookups do not read: left to the Matcher
        ([{"LOWER": "a", "OP": "+"}], False),  # an operator
        ([{"TAG": {"IN": ["DT", 3]}}], False),  # a set that is not all strings
        ([{}], False),  # any token
    ],
)
def test_which_patterns_are_read_as_conditions(pattern: list[dict[str, Any]], exact: bool) -> None:
    assert (conditions(pattern) is not None) is exact


SENTENCE = "It is not the case that those people ca n't do it , but y' all say there are ways ."
WORDS = ["it", "is", "not", "the", "that", "those", "do", "but", "there", "are", "all", "ways"]
CONDITIONS = [
    st.fixed_dictionaries({"LOWER": st.sampled_from(WORDS)}),
    st.fixed_dictionaries(
        {"LOWER": st.fixed_dictionaries({"IN": st.lists(st.sampled_from(WORDS), max_size=3)})}
    ),
    st.fixed_dictionaries({"TAG": st.sampled_from(["DT", "VBZ", "RB", "PRP", "NNS", "XX"])}),
    st.fixed_dictionaries({"TAG": st.fixed_dictionaries({"NOT_IN": st.just(["DT", ""])})}),
    st.fixed_dictionaries({"DEP": st.sampled_from(["nsubj", "det", "neg", "expl", "ROOT"])}),
    st.fixed_dictionaries(
        {"LOWER": st.fixed_dictionaries({"REGEX": st.sampled_from(["^t", "s$", "^n'?t$"])})}
    ),
    st.fixed_dictionaries({"IS_SPACE": st.booleans()}),
    st.fixed_dictionaries({"LENGTH": st.fixed_dictionaries({">=": st.integers(1, 5)})}),  # Matcher only
]
TOKEN = st.lists(st.one_of(CONDITIONS), min_size=1, max_size=2).map(
    lambda parts: {k: v for p in parts for k, v in p.items()}
)
ATTRS = st.one_of(
    st.fixed_dictionaries({"POS": st.sampled_from(["NOUN", "VERB", "AUX", "PART", "PRON"])}),
    st.fixed_dictionaries({"LEMMA": st.sampled_from(["be", "not", "you", "thing"])}),
    st.fixed_dictionaries({"MORPH": st.sampled_from(["Number=Sing", "Polarity=Neg", "PronType=Art"])}),
)
RULE = st.tuples(st.lists(TOKEN, min_size=1, max_size=2), ATTRS, st.sampled_from([0, -1]))


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(RULE, min_size=1, max_size=8))
def test_random_rules_set_what_spacys_ruler_sets(nlp, rules: list[Any]) -> None:  # type: ignore[no-untyped-def]
    parsed = nlp(SENTENCE)
    ruler = AttributeRuler(nlp.vocab)
    for pattern, attrs, index in rules:
        ruler.add([pattern], attrs, index=index)
    expected, found = parsed.copy(), parsed.copy()
    ruler(expected)
    TagLookups(ruler)(found)
    assert annotations(found) == annotations(expected)
