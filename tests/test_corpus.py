"""The sample corpus: every CAMEO root is coded from it, its coded events match the reviewed golden file,
and once ingested every article is stored with its derived rows at offsets into the stored text.

Regenerate the golden file after a reviewed coder change with
    OVERTURES_UPDATE_GOLDEN=1 pytest tests/test_corpus.py
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os

import pytest

from overtures.api import extract
from overtures.store import open_store
from tests.conftest import CORPUS, CORPUS_ARTICLES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "corpus_events.jsonl"


@pytest.fixture(scope="module")
def corpus_events(services):  # type: ignore[no-untyped-def]
    return list(extract(CORPUS, services=services, all_modalities=True))


def _row(event) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "article": event.article_id,
        "at": event.evidence[0].start,
        "source": event.source.code if event.source else None,
        "cameo": event.cameo,
        "target": event.target.code if event.target else None,
        "modality": event.modality.value,
        "date": event.date.date.isoformat() if event.date.date else None,
        "sentence": event.evidence[0].sentence[:120],
    }


@pytest.mark.parametrize("root", [f"{n:02d}" for n in range(1, 21)])
def test_the_corpus_codes_every_cameo_root_as_an_asserted_event(root: str, corpus_events) -> None:  # type: ignore[no-untyped-def]
    assert any(e.root == root and e.modality.value == "asserted" for e in corpus_events)


def test_corpus_events_match_the_golden_file(corpus_events) -> None:  # type: ignore[no-untyped-def]
    rows = [json.dumps(_row(e), sort_keys=True, ensure_ascii=False) for e in corpus_events]
    if os.environ.get("OVERTURES_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(rows) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert rows == expected


def test_coding_is_deterministic(services) -> None:  # type: ignore[no-untyped-def]
    first = [_row(e) for e in extract(CORPUS / "wires.jsonl", services=services)]
    second = [_row(e) for e in extract(CORPUS / "wires.jsonl", services=services)]
    assert first == second


def test_ingest_stores_every_sample_article_with_its_derived_rows(corpus_db: str) -> None:
    store = open_store(corpus_db)
    counts = store.counts()
    assert counts["articles"] == CORPUS_ARTICLES
    assert counts["sentences"] > 10 * CORPUS_ARTICLES
    assert counts["events"] > 5 * CORPUS_ARTICLES
    store.close()


def test_stored_offsets_point_into_the_stored_text(corpus_db: str) -> None:
    store = open_store(corpus_db)
    for article in store.articles():
        for sentence in store.sentences(article.id):
            assert article.text[sentence.start : sentence.end] == sentence.text
        for mention in store.entities(article.id):
            assert article.text[mention.start : mention.end] == mention.text
    for event in store.events():
        text = store.get_article(event.article_id).text
        assert all(text[e.start : e.end] == e.sentence for e in event.evidence)
    store.close()
