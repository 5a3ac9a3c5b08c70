"""Quotes and their speakers, on the seed article and on small constructions."""

from __future__ import annotations

import json
from datetime import date

import pytest

from overtures.actors.kb import load_kb
from overtures.ingest import read_paths
from overtures.model import Article, Quote
from overtures.quotes import find_quotes
from tests.conftest import SHARED_EVAL


@pytest.fixture(scope="module")
def quotes_of(nlp):  # type: ignore[no-untyped-def]
    def run(article: Article) -> tuple[Quote, ...]:
        return find_quotes(article, nlp(article.text), kb=load_kb())

    return run


def _article(text: str) -> Article:
    return Article(id="q", text=text, published=date(2025, 4, 30))


def test_all_twelve_seed_quotes_have_the_gold_speaker_and_role(quotes_of) -> None:  # type: ignore[no-untyped-def]
    article = next(a for a in read_paths([SHARED_EVAL / "inputs" / "seed.jsonl"]) if isinstance(a, Article))
    found = quotes_of(article)
    gold = json.loads((SHARED_EVAL / "seed" / "gold.json").read_text())["quotes"]
    for g in gold:
        quote = next(q for q in found if q.text.startswith(g["starts"]))
        assert quote.speaker is not None and quote.speaker.name == g["speaker"], g
        if g.get("role"):
            assert (quote.speaker.role or "").lower() == g["role"].lower(), g
        assert article.text[quote.start : quote.end] == quote.text


def test_a_title_before_the_name_is_the_role_and_told_names_the_outlet(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“Kabul will not bow to pressure from anyone,” "
        "Pakistani analyst Ayesha Raza told Steppe Wire on Monday."
    )
    (quote,) = quotes_of(_article(text))
    assert (quote.speaker.name, quote.speaker.role) == ("Ayesha Raza", "Pakistani analyst")
    assert quote.outlet == "Steppe Wire"
    assert quote.date is not None and quote.date.date == date(2025, 4, 28)
    assert quote.mentions == ("AFG",)


def test_he_added_continues_the_previous_speaker(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"The border must reopen soon," said trade official Omar Haidari.\n\n'
        '"Every day it stays closed costs farmers dearly," he added.'
    )
    first, second = quotes_of(_article(text))
    assert first.speaker == second.speaker
    assert second.speaker is not None and second.speaker.name == "Omar Haidari"


def test_an_attribution_before_the_quote(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "A senior diplomat, Karim Nazari, told reporters on Tuesday “the talks will resume next month.”"
    (quote,) = quotes_of(_article(text))
    assert quote.speaker is not None and quote.speaker.name == "Karim Nazari"


def test_an_unattributed_paragraph_keeps_the_speaker_of_the_quote_before(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We want trade, not war,” said Uzbek envoy Ismatulla Ergashev.\n\n"
        "“Our railway will carry goods to the sea within five years.”"
    )
    first, second = quotes_of(_article(text))
    assert second.speaker == first.speaker


def test_scare_quotes_are_not_quotes(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "Britain pursues “limited and pragmatic” engagement with the Taliban."
    assert quotes_of(_article(text)) == ()


def test_ingested_quotes_are_stored_and_listed_as_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from overtures.cli import app

    url = f"sqlite:///{tmp_path / 'quotes.db'}"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["--db", url, "ingest", str(SHARED_EVAL / "inputs" / "seed.jsonl")]).exit_code == 0
    )
    result = runner.invoke(app, ["--db", url, "quotes", "--speaker", "kukhdomani", "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 3
    assert {row["speaker"]["name"] for row in rows} == {"Fakhim Kukhdomani"}
    assert rows[0]["outlet"] == "RFE/RL’s Current Time"
    assert {"text", "speaker", "article_id", "start", "end"} <= set(rows[0])
    mentions = runner.invoke(app, ["--db", url, "quotes", "--mentions", "IND", "--format", "json"])
    assert [row["speaker"]["name"] for row in json.loads(mentions.stdout)] == ["Najib Azar"]
