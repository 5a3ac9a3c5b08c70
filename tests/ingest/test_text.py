"""The plain-text reader: front matter, title line, and the body kept exactly as written."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.ingest.text import read_text
from overtures.model import Article, Outcome, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
BODY = (
    "Pakistan recalls envoy from Kabul\n"
    "\n"
    "ISLAMABAD - Pakistan recalled its ambassador from Kabul on Saturday after cross-border shelling\n"
    "killed three soldiers near the Torkham crossing, the foreign ministry said.\n"
)


def test_front_matter_fields_are_read_and_the_body_is_kept_from_the_title_line() -> None:
    path = FIXTURES / "dispatch.txt"
    content = path.read_text(encoding="utf-8")
    [article] = list(read_text(path))
    assert article == Article(
        id="txt-kabul-embassy",
        text=content[content.index("India to reopen Kabul embassy\n\nNEW DELHI") :],
        title="India to reopen Kabul embassy",
        url="https://dispatch.example.net/india-kabul",
        source="Example Dispatch",
        published=date(2025, 5, 4),
        language="en",
        origin=str(path),
    )


def test_without_front_matter_the_first_non_empty_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "envoy.txt"
    path.write_text("\n\n" + BODY, encoding="utf-8")
    [article] = list(read_text(path))
    assert isinstance(article, Article)
    assert (article.title, article.text, article.published) == (
        "Pakistan recalls envoy from Kabul",
        BODY,
        None,
    )
    assert article.id.startswith("sha-")


def test_windows_line_endings_are_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(("---\r\ndate: 2025-05-03\r\n---\r\n" + BODY.replace("\n", "\r\n")).encode())
    [article] = list(read_text(path))
    assert isinstance(article, Article)
    assert article.text == BODY.replace("\n", "\r\n") and article.published == date(2025, 5, 3)
    assert article.title == "Pakistan recalls envoy from Kabul"


def test_an_unclosed_front_matter_block_fails_the_file(tmp_path: Path) -> None:
    path = tmp_path / "open.txt"
    path.write_text("---\ntitle: Pakistan recalls envoy\n" + BODY, encoding="utf-8")
    [error] = list(read_text(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED) and "never closed" in error.reason


def test_an_unknown_front_matter_key_warns_and_the_article_still_comes(tmp_path: Path) -> None:
    path = tmp_path / "extra.txt"
    path.write_text("---\nauthor: A. Reporter\n---\n" + BODY, encoding="utf-8")
    warning, article = list(read_text(path))
    assert isinstance(warning, RecordError) and isinstance(article, Article)
    assert (warning.where, warning.outcome) == (f"{path}:2", Outcome.WARNING) and "'author'" in warning.reason
    assert article.text == BODY


def test_a_file_that_is_not_utf8_fails(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a rencontré son homologue à Kaboul.".encode("latin-1"))
    [error] = list(read_text(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED) and "UTF-8" in error.reason


def test_a_file_with_only_front_matter_fails_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("---\ntitle: Nothing here\n---\n\n  \n", encoding="utf-8")
    [error] = list(read_text(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED) and "empty text" in error.reason


def test_a_declared_foreign_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("---\nlanguage: French\n---\nLe ministre a rencontré son homologue.\n", encoding="utf-8")
    [error] = list(read_text(path))
    assert isinstance(error, RecordError) and error.outcome is Outcome.SKIPPED


def test_an_oversized_text_warns_then_yields_the_capped_article(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(BODY, encoding="utf-8")
    warning, article = list(read_text(path, max_chars=50))
    assert isinstance(warning, RecordError) and warning.outcome is Outcome.WARNING
    assert isinstance(article, Article) and article.text == "Pakistan recalls envoy from Kabul\n\nISLAMABAD -"


@settings(max_examples=50, deadline=None)
@given(data=st.binary() | st.text().map(lambda text: text.encode("utf-8")))
def test_arbitrary_bytes_never_raise_and_articles_have_text_and_string_ids(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.txt"
        path.write_bytes(data)
        for item in read_text(path, detect_language=False):
            if isinstance(item, Article):
                assert item.text.strip() and isinstance(item.id, str)
                assert item.text in data.decode("utf-8-sig")
