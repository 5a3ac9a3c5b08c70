"""The JSON Lines reader: fields, aliases, and one bad line never stopping the file."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overtures.ingest import read_paths
from overtures.ingest.jsonl import read_jsonl
from overtures.model import Article, Outcome, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
EVAL_INPUTS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "inputs"
PAKISTAN = (
    '{"id": "p-1", "text": "Pakistan recalled its ambassador from Kabul on Saturday after cross-border '
    'shelling killed three soldiers near the Torkham crossing."}'
)
INDIA = (
    '{"id": "i-1", "text": "India said on Sunday it would send a technical team to its embassy in Kabul."}'
)


def write_lines(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def articles(outcomes: list[Article | RecordError]) -> list[Article]:
    return [item for item in outcomes if isinstance(item, Article)]


def errors(outcomes: list[Article | RecordError]) -> list[RecordError]:
    return [item for item in outcomes if isinstance(item, RecordError)]


def test_every_field_is_read_and_the_text_is_kept_exactly() -> None:
    path = FIXTURES / "wire.jsonl"
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    article = list(read_jsonl(path))[0]
    assert article == Article(
        id="wire-2025-0001",
        text=first["text"],
        title="Uzbekistan and Afghanistan sign rail deal",
        url="https://news.example.org/2025/05/02/rail-deal",
        source="Example Wire",
        published=date(2025, 5, 2),
        language="en",
        origin=f"{path}:1",
    )


def test_date_and_outlet_are_accepted_for_published_and_source() -> None:
    second = list(read_jsonl(FIXTURES / "wire.jsonl"))[1]
    assert isinstance(second, Article)
    assert (second.id, second.published, second.source) == ("20250503", date(2025, 5, 3), "Example Wire")


def test_blank_lines_are_ignored_and_line_numbers_still_count_them() -> None:
    outcomes = list(read_jsonl(FIXTURES / "wire.jsonl"))
    assert [item.origin for item in articles(outcomes)] == [
        f"{FIXTURES / 'wire.jsonl'}:{n}" for n in (1, 3, 4)
    ]
    assert errors(outcomes) == []


def test_null_published_gives_no_date_and_no_warning() -> None:
    third = list(read_jsonl(FIXTURES / "wire.jsonl"))[2]
    assert isinstance(third, Article) and third.published is None and third.id.startswith("sha-")


def test_invalid_json_line_fails_alone_with_its_position(tmp_path: Path) -> None:
    path = write_lines(tmp_path, PAKISTAN.encode(), b'{"id": "x" "text": "broken"}', INDIA.encode())
    outcomes = list(read_jsonl(path))
    assert [a.id for a in articles(outcomes)] == ["p-1", "i-1"]
    [error] = errors(outcomes)
    assert error.outcome is Outcome.FAILED
    assert str(error) == (
        f"{path}:2: failed: invalid JSON (Expecting ',' delimiter at column 12); fix the line or remove it"
    )


def test_a_json_line_that_is_not_an_object_fails_alone(tmp_path: Path) -> None:
    path = write_lines(tmp_path, b'["Kabul", "talks"]', INDIA.encode())
    outcomes = list(read_jsonl(path))
    [error] = errors(outcomes)
    assert (error.where, error.outcome) == (f"{path}:1", Outcome.FAILED) and "array" in error.reason
    assert [a.id for a in articles(outcomes)] == ["i-1"]


def test_a_record_without_text_fails_alone(tmp_path: Path) -> None:
    path = write_lines(tmp_path, PAKISTAN.encode(), b'{"id": "no-text", "title": "Headline only"}')
    outcomes = list(read_jsonl(path))
    [error] = errors(outcomes)
    assert (error.where, error.outcome) == (f"{path}:2", Outcome.FAILED) and "missing 'text'" in error.reason
    assert [a.id for a in articles(outcomes)] == ["p-1"]


def test_a_record_with_blank_text_fails_alone(tmp_path: Path) -> None:
    path = write_lines(tmp_path, b'{"id": "blank", "text": " \\n\\t "}', INDIA.encode())
    outcomes = list(read_jsonl(path))
    [error] = errors(outcomes)
    assert (error.where, error.outcome) == (f"{path}:1", Outcome.FAILED) and "empty text" in error.reason
    assert [a.id for a in articles(outcomes)] == ["i-1"]


def test_a_line_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    latin1 = '{"id": "l-1", "text": "Le ministre a rencontré son homologue."}'.encode("latin-1")
    path = write_lines(tmp_path, PAKISTAN.encode(), latin1, INDIA.encode())
    outcomes = list(read_jsonl(path))
    [error] = errors(outcomes)
    assert (error.where, error.outcome) == (f"{path}:2", Outcome.FAILED) and "UTF-8" in error.reason
    assert [a.id for a in articles(outcomes)] == ["p-1", "i-1"]


def test_a_declared_foreign_record_is_skipped_alone(tmp_path: Path) -> None:
    french = '{"id": "f-1", "language": "fr", "text": "Le ministre a rencontré son homologue."}'
    path = write_lines(tmp_path, french.encode(), INDIA.encode())
    outcomes = list(read_jsonl(path))
    [error] = errors(outcomes)
    assert (error.where, error.outcome) == (f"{path}:1", Outcome.SKIPPED) and "'fr'" in error.reason
    assert [a.id for a in articles(outcomes)] == ["i-1"]


def test_an_oversized_record_warns_then_yields_the_capped_article(tmp_path: Path) -> None:
    path = write_lines(tmp_path, PAKISTAN.encode(), INDIA.encode())
    outcomes = list(read_jsonl(path, max_chars=60))
    assert [type(item) for item in outcomes] == [RecordError, Article, RecordError, Article]
    warning, article = outcomes[0], outcomes[1]
    assert isinstance(warning, RecordError) and isinstance(article, Article)
    assert (warning.where, warning.outcome) == (f"{path}:1", Outcome.WARNING)
    assert article.text == "Pakistan recalled its ambassador from Kabul on Saturday"


def test_a_directory_in_place_of_the_file_fails_without_raising(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.jsonl"
    folder.mkdir()
    [error] = list(read_jsonl(folder))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(folder), Outcome.FAILED) and "cannot read" in error.reason


def test_the_shared_eval_inputs_all_read_as_english_articles() -> None:
    outcomes = list(read_paths(sorted(EVAL_INPUTS.glob("*.jsonl"))))
    assert errors(outcomes) == []
    expected = sum(1 for p in EVAL_INPUTS.glob("*.jsonl") for line in p.open() if line.strip())
    assert len(articles(outcomes)) == expected


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary() | st.text().map(lambda text: text.encode("utf-8")))
def test_arbitrary_bytes_never_raise_and_articles_have_text_and_string_ids(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(data)
        for item in read_jsonl(path, detect_language=False):
            if isinstance(item, Article):
                assert item.text.strip() and isinstance(item.id, str)


@settings(max_examples=50, deadline=None)
@given(text=st.text().filter(lambda text: bool(text.strip())), ascii_only=st.booleans())
def test_any_text_in_a_json_line_round_trips_exactly(text: str, ascii_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.jsonl"
        path.write_text(
            json.dumps({"id": "r", "text": text}, ensure_ascii=ascii_only) + "\n", encoding="utf-8"
        )
        [article] = list(read_jsonl(path, detect_language=False))
        assert isinstance(article, Article) and article.text == text
