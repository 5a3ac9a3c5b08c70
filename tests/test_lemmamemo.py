"""The lemmatizer's answers remembered (overtures.lemmamemo) are spaCy's lemmatizer's answers, token by
token, whatever came before; the sample corpus is compared in tests/test_tagrules.py."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from overtures.lemmamemo import LemmaMemo
from overtures.nlp import MODEL_PACKAGE

WORDS = [
    "ran", "running", "states", "better", "was", "met", "meetings", "Taliban", "children", "went", "visited",
    "leaves", "talks", "ties", "best", "said", "is", "has", "envoys", "recognised", "Kabul", "data", "'s",
]  # fmt: skip
POS = ["NOUN", "VERB", "ADJ", "AUX", "PROPN", "ADV", "PRON", "X", "NUM"]
MORPHS = [
    "", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Tense=Pres|VerbForm=Fin",
    "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "Degree=Pos", "Degree=Cmp", "Degree=Sup",
    "VerbForm=Ger", "Tense=Past|VerbForm=Part", "VerbForm=None",
]  # fmt: skip
TOKENS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(POS), st.sampled_from(MORPHS), st.booleans()),
    min_size=1,
    max_size=8,
)


@pytest.fixture(scope="module")
def lemmatizer() -> Lemmatizer:
    """spaCy's own lemmatizer as the model package ships it."""
    pipe = importlib.import_module(MODEL_PACKAGE).load().get_pipe("lemmatizer")
    assert isinstance(pipe, Lemmatizer)
    return pipe


@pytest.fixture(scope="module")
def memo(lemmatizer: Lemmatizer) -> LemmaMemo:
    return LemmaMemo(lemmatizer)


def make_doc(lemmatizer: Lemmatizer, tokens: list[tuple[str, str, str, bool]]) -> Doc:
    """A Doc of the tokens, with a lemma already set ("kept") where the last field says so."""
    return Doc(
        lemmatizer.vocab,
        words=[word for word, *_ in tokens],
        pos=[pos for _, pos, _, _ in tokens],
        morphs=[morph for _, _, morph, _ in tokens],
        lemmas=["kept" if preset else "" for *_, preset in tokens],
    )


@given(TOKENS)
@settings(max_examples=300, deadline=None)
def test_every_lemma_is_the_one_spacys_lemmatizer_gives(
    lemmatizer: Lemmatizer, memo: LemmaMemo, tokens: list[tuple[str, str, str, bool]]
) -> None:
    theirs = lemmatizer(make_doc(lemmatizer, tokens))
    ours = memo(make_doc(lemmatizer, tokens))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_a_base_form_and_an_inflected_form_of_one_word_keep_their_own_lemmas(
    lemmatizer: Lemmatizer, memo: LemmaMemo
) -> None:
    """The memo's key holds the morphology: "leaves" as a plural noun is "leaf", as a verb "leave"."""
    verb = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    tokens = [("leaves", "NOUN", "Number=Plur", False), ("leaves", "VERB", verb, False)]
    tokens += [("meetings", "NOUN", "Number=Plur", False), ("meetings", "NOUN", "Number=Sing", False)]
    for _ in range(2):  # the second time from the memo
        lemmas = [t.lemma_ for t in memo(make_doc(lemmatizer, tokens))]
        assert lemmas == ["leaf", "leave", "meeting", "meetings"]


def test_the_pipeline_remembers_its_lemmatizers_answers(nlp) -> None:  # type: ignore[no-untyped-def]
    pipe = nlp.get_pipe("lemmatizer")
    assert isinstance(pipe, LemmaMemo)
    assert pipe.lookups.has_table("lemma_rules")  # what overtures.selective and headlines read


def test_the_memo_stays_bounded(lemmatizer: Lemmatizer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("overtures.lemmamemo.MEMO_LIMIT", 3)
    memo = LemmaMemo(lemmatizer)
    tokens = [(word, "NOUN", "Number=Plur", False) for word in WORDS]
    ours = memo(make_doc(lemmatizer, tokens))
    assert 0 < len(memo.memo) <= 3
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in lemmatizer(make_doc(lemmatizer, tokens))]
