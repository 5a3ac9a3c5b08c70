"""The HTML reader: main text without boilerplate, page metadata, and the <p> fallback."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.ingest.html import html_to_paragraphs, read_html
from overtures.model import Article, Outcome, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
PARAGRAPHS = [
    "Russian Foreign Minister Sergey Lavrov met the Taliban's foreign minister, Amir Khan Muttaqi, in Moscow "
    "on Tuesday, the ministry said in a statement.",
    "The two sides discussed trade, security along Afghanistan's northern border and the fight against the "
    "Islamic State group, according to the statement.",
    "Moscow removed the Taliban from its list of banned terrorist organisations earlier this month, a step "
    "that opened the way for closer ties.",
]


def test_page_metadata_and_main_text_are_read_without_boilerplate() -> None:
    path = FIXTURES / "report.html"
    [article] = list(read_html(path))
    title = "Taliban Envoy Meets Lavrov In Moscow"
    assert article == Article(
        id="post-lavrov-muttaqi",
        text="\n\n".join([title, *PARAGRAPHS]),
        title=title,
        url="https://post.example.com/world/taliban-lavrov",
        source="Example Post",
        published=date(2025, 4, 30),
        language="en",
        origin=str(path),
    )


def test_paragraph_text_is_the_fallback_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    path = tmp_path / "bare.html"
    path.write_text(
        "<html><body><div>Menu</div>"
        "<p>Qatar said on Thursday it had mediated\n   an exchange of prisoners.</p>"
        "<p>The <b>United States</b> confirmed the release.</p></body></html>",
        encoding="utf-8",
    )
    [article] = list(read_html(path))
    assert isinstance(article, Article)
    assert article.text == (
        "Qatar said on Thursday it had mediated an exchange of prisoners.\n\n"
        "The United States confirmed the release."
    )


def test_a_page_without_main_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Loading</title></head><body><script>go()</script></body></html>")
    [error] = list(read_html(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED) and "no main text" in error.reason


def test_a_page_that_is_not_utf8_fails(tmp_path: Path) -> None:
    path = tmp_path / "latin1.html"
    path.write_bytes(
        "<html><body><p>Le ministre a rencontré son homologue.</p></body></html>".encode("latin-1")
    )
    [error] = list(read_html(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED) and "UTF-8" in error.reason


def test_a_page_declared_in_another_language_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "fr.html"
    path.write_text(
        '<html lang="fr"><body><p>Le ministre a rencontré son homologue à Kaboul.</p></body></html>'
    )
    [error] = list(read_html(path))
    assert isinstance(error, RecordError) and error.outcome is Outcome.SKIPPED and "'fr'" in error.reason


def test_html_to_paragraphs_drops_tags_and_scripts_and_keeps_blocks_apart() -> None:
    markup = "<p>First  <i>line</i></p><script>x()</script><div>Second<br>Third</div> tail"
    assert html_to_paragraphs(markup) == "First line\n\nSecond\n\nThird\n\ntail"


@settings(max_examples=50, deadline=None)
@given(data=st.binary() | st.text().map(lambda text: f"<html><body><p>{text}</p></body></html>".encode()))
def test_arbitrary_bytes_never_raise_and_articles_have_text_and_string_ids(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.html"
        path.write_bytes(data)
        for item in read_html(path, detect_language=False):
            if isinstance(item, Article):
                assert item.text.strip() and isinstance(item.id, str)
