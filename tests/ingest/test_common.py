"""The shared checks every reader relies on: ids, dates, size cap and language."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from langdetect import detect

from overtures.errors import InputError
from overtures.ingest.common import (
    MIN_WORDS_TO_DETECT,
    _seeded_langdetect,
    cap_text,
    content_hash,
    detected_foreign_language,
    make_article,
    parse_published,
    plainly_english,
)
from overtures.model import Article, Outcome, RecordError
from tests.conftest import ROOT, SHARED_EVAL

LAVROV = (
    "Russian Foreign Minister Sergey Lavrov met the Taliban's foreign minister, Amir Khan Muttaqi, "
    "in Moscow on Tuesday, the ministry said in a statement."
)
FRENCH = (
    "Le ministre russe des Affaires étrangères a rencontré mardi à Moscou son homologue taliban, "
    "selon un communiqué du ministère publié dans la soirée après de longues discussions sur la sécurité."
)


def only_article(outcomes: list[Article | RecordError]) -> Article:
    assert len(outcomes) == 1 and isinstance(outcomes[0], Article), outcomes
    return outcomes[0]


def only_error(outcomes: list[Article | RecordError]) -> RecordError:
    assert len(outcomes) == 1 and isinstance(outcomes[0], RecordError), outcomes
    return outcomes[0]


def test_content_hash_is_the_sha256_hex_of_the_utf8_text() -> None:
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_parse_published_reads_an_iso_date() -> None:
    assert parse_published("2025-04-30") == date(2025, 4, 30)


def test_parse_published_reads_an_iso_datetime_ending_in_z() -> None:
    assert parse_published("2025-04-30T23:15:00Z") == date(2025, 4, 30)


def test_parse_published_keeps_the_local_day_of_an_offset_datetime() -> None:
    assert parse_published("2025-04-30T01:00:00+04:30") == date(2025, 4, 30)


def test_parse_published_reads_an_rfc822_feed_date() -> None:
    assert parse_published("Tue, 29 Apr 2025 14:05:00 GMT") == date(2025, 4, 29)


@pytest.mark.parametrize("absent", [None, "", "   "])
def test_parse_published_treats_absent_values_as_no_date(absent: str | None) -> None:
    assert parse_published(absent) is None


@pytest.mark.parametrize("garbled", ["last Tuesday", "2025-13-45", 20250430])
def test_parse_published_raises_for_a_garbled_date(garbled: object) -> None:
    with pytest.raises(InputError, match="publication date"):
        parse_published(garbled)


def test_garbled_date_gives_a_warning_then_the_article_without_a_date() -> None:
    warning, article = make_article(where="a.jsonl:3", text=LAVROV, published="sometime in spring")
    assert isinstance(warning, RecordError) and warning.outcome is Outcome.WARNING
    assert warning.where == "a.jsonl:3" and "sometime in spring" in warning.reason
    assert isinstance(article, Article) and article.published is None


def test_integer_ids_become_strings_and_string_ids_are_stripped() -> None:
    assert only_article(make_article(where="w", text=LAVROV, id=42)).id == "42"
    assert only_article(make_article(where="w", text=LAVROV, id="  afp-7 ")).id == "afp-7"


@pytest.mark.parametrize("dots", [".", "..", " .. "])
def test_an_id_of_dots_alone_fails_because_no_url_could_open_it(dots: str) -> None:
    (error,) = make_article(where="w", text=LAVROV, id=dots)
    assert isinstance(error, RecordError) and error.outcome is Outcome.FAILED
    assert "cannot be part of a URL" in error.reason


def test_missing_id_is_derived_from_the_text_hash() -> None:
    article = only_article(make_article(where="w", text=LAVROV))
    assert article.id == "sha-" + content_hash(LAVROV)[:16]


def test_optional_fields_are_stripped_and_empty_ones_become_none() -> None:
    article = only_article(make_article(where="w", text=LAVROV, title="  Lavrov meets Muttaqi ", source=" "))
    assert article.title == "Lavrov meets Muttaqi"
    assert article.source is None


def test_a_non_string_title_is_dropped_with_a_warning() -> None:
    warning, article = make_article(where="w", text=LAVROV, title=["a", "list"])
    assert isinstance(warning, RecordError) and warning.outcome is Outcome.WARNING
    assert "title" in warning.reason
    assert isinstance(article, Article) and article.title is None


def test_oversized_text_is_capped_at_whitespace_after_a_warning() -> None:
    warning, article = make_article(where="big.txt", text=LAVROV, max_chars=40, detect_language=False)
    assert isinstance(warning, RecordError) and warning.outcome is Outcome.WARNING
    assert isinstance(article, Article)
    assert article.text == "Russian Foreign Minister Sergey Lavrov"
    assert LAVROV.startswith(article.text)


def test_text_that_is_blank_up_to_the_cap_fails() -> None:
    error = only_error(make_article(where="pad.txt", text=" " * 60 + LAVROV, max_chars=50))
    assert error.outcome is Outcome.FAILED and "first 50 characters" in error.reason


def test_cap_text_cuts_a_single_long_word_at_the_limit() -> None:
    assert cap_text("x" * 50, 10) == "x" * 10


@pytest.mark.parametrize("declared", ["fr", "Deutsch", "ps"])
def test_declared_non_english_language_is_skipped(declared: str) -> None:
    error = only_error(make_article(where="a.jsonl:2", text=LAVROV, language=declared))
    assert error.outcome is Outcome.SKIPPED and declared in error.reason


@pytest.mark.parametrize("declared", ["en", "ENG", "English", "en-GB"])
def test_declared_english_language_passes_as_en(declared: str) -> None:
    assert only_article(make_article(where="w", text=LAVROV, language=declared)).language == "en"


def test_detected_french_text_is_skipped_naming_the_language() -> None:
    error = only_error(make_article(where="a.jsonl:5", text=FRENCH))
    assert error.outcome is Outcome.SKIPPED and "'fr'" in error.reason


GERMAN = (
    "Der russische Außenminister traf am Dienstag in Moskau seinen Amtskollegen der Taliban, wie das "
    "Ministerium in einer Erklärung mitteilte. Was die Gespräche brachten, ist unklar."
)
DUTCH = (
    "De Russische minister van Buitenlandse Zaken heeft dinsdag in Moskou zijn Taliban-collega ontmoet, "
    "zo meldde het ministerie. Of de gesprekken iets opleverden is niet duidelijk."
)


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("text", [FRENCH, GERMAN, DUTCH])
def test_foreign_texts_are_not_taken_for_plain_english(text: str) -> None:
    assert not plainly_english(text)
    assert detected_foreign_language(text) is not None


def test_plain_english_agrees_with_the_statistical_detector() -> None:
    """The shortcut skips langdetect only where langdetect would have said English too: checked on the
    sample corpus and the shared eval inputs (real news), where most texts take the shortcut."""
    texts = _texts(ROOT / "examples" / "corpus" / "wires.jsonl")
    texts += _texts(SHARED_EVAL / "inputs" / "petr2_gsr.jsonl")
    checked = [text for text in texts if len(text.split()) >= MIN_WORDS_TO_DETECT]
    plain = [text for text in checked if plainly_english(text)]
    assert len(plain) >= 0.6 * len(checked)
    _seeded_langdetect()
    assert {text[:60]: detect(text[:2000]) for text in plain} == {text[:60]: "en" for text in plain}


def test_language_detection_can_be_turned_off() -> None:
    assert only_article(make_article(where="w", text=FRENCH, detect_language=False)).text == FRENCH


def test_short_texts_are_not_language_checked() -> None:
    short = "Le ministre a rencontré son homologue à Moscou."
    assert only_article(make_article(where="w", text=short)).text == short


@pytest.mark.parametrize("blank", ["", "  \n\t "])
def test_empty_text_fails(blank: str) -> None:
    error = only_error(make_article(where="a.txt", text=blank))
    assert error.outcome is Outcome.FAILED and "empty text" in error.reason


def test_a_lone_surrogate_in_the_text_fails() -> None:
    error = only_error(make_article(where="a.jsonl:1", text="Kabul \ud800 talks"))
    assert error.outcome is Outcome.FAILED and "surrogate" in error.reason
