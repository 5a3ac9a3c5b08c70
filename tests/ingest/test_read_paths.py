"""read_paths: folders, explicit files, missing paths and stdin, in a stable order."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from overtures.ingest import read_paths
from overtures.model import Article, Outcome, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
INDIA = (
    '{"id": "i-1", "text": "India said on Sunday it would send a technical team to its embassy in Kabul."}'
)


def test_a_folder_is_read_recursively_in_sorted_order_across_formats(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "wire.jsonl", tmp_path / "b.jsonl")
    (tmp_path / "a").mkdir()
    shutil.copy(FIXTURES / "report.html", tmp_path / "a" / "page.HTML")
    shutil.copy(FIXTURES / "world.rss", tmp_path / "a" / "feed.rss")
    shutil.copy(FIXTURES / "dispatch.txt", tmp_path / "c.txt")
    origins = [item.origin for item in read_paths([tmp_path]) if isinstance(item, Article)]
    assert origins == [
        f"{tmp_path}/a/feed.rss:entry 1",
        f"{tmp_path}/a/feed.rss:entry 2",
        f"{tmp_path}/a/page.HTML",
        f"{tmp_path}/b.jsonl:1",
        f"{tmp_path}/b.jsonl:3",
        f"{tmp_path}/b.jsonl:4",
        f"{tmp_path}/c.txt",
    ]


def test_hidden_files_and_unknown_extensions_in_folders_are_ignored(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "dispatch.txt", tmp_path / "kept.txt")
    shutil.copy(FIXTURES / "dispatch.txt", tmp_path / ".draft.txt")
    (tmp_path / ".cache").mkdir()
    shutil.copy(FIXTURES / "wire.jsonl", tmp_path / ".cache" / "old.jsonl")
    (tmp_path / "notes.csv").write_text("id,text\n1,Kabul\n", encoding="utf-8")
    outcomes = list(read_paths([tmp_path]))
    assert [item.origin for item in outcomes if isinstance(item, Article)] == [str(tmp_path / "kept.txt")]
    assert [item for item in outcomes if isinstance(item, RecordError)] == []


def test_an_explicit_file_with_an_unknown_extension_fails_listing_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("id,text\n1,Kabul\n", encoding="utf-8")
    [error] = list(read_paths([path, FIXTURES / "dispatch.txt"]))[:1]
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (str(path), Outcome.FAILED)
    assert "'.csv'" in error.reason and ".jsonl" in error.reason and ".atom" in error.reason


def test_a_missing_path_fails_by_name_and_the_rest_still_come(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    error, article = list(read_paths([missing, FIXTURES / "dispatch.txt"]))
    assert isinstance(error, RecordError) and isinstance(article, Article)
    assert (error.where, error.outcome) == (str(missing), Outcome.FAILED) and "no such file" in error.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_fails_and_the_rest_still_come(tmp_path: Path) -> None:
    locked = tmp_path / "a.jsonl"
    locked.write_text(INDIA + "\n", encoding="utf-8")
    locked.chmod(0)
    shutil.copy(FIXTURES / "dispatch.txt", tmp_path / "b.txt")
    error, article = list(read_paths([tmp_path]))
    assert isinstance(error, RecordError) and isinstance(article, Article)
    assert (error.where, error.outcome) == (str(locked), Outcome.FAILED) and "cannot read" in error.reason


def test_a_dash_reads_json_lines_from_the_given_stdin() -> None:
    stdin = io.StringIO(INDIA + "\n\n" + '{"text": ""}\n')
    article, error = list(read_paths(["-"], stdin=stdin))
    assert isinstance(article, Article) and article.id == "i-1" and article.origin == "<stdin>:1"
    assert isinstance(error, RecordError) and error.where == "<stdin>:3"


def test_stdin_bytes_are_decoded_line_by_line() -> None:
    raw = INDIA.encode() + b"\n" + '{"text": "Kaboul et Téhéran"}'.encode("latin-1") + b"\n"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    article, error = list(read_paths(["-"], stdin=stdin))
    assert isinstance(article, Article) and article.id == "i-1"
    assert isinstance(error, RecordError) and error.where == "<stdin>:2" and "UTF-8" in error.reason


def test_a_file_the_system_refuses_to_read_fails_and_the_rest_still_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "a.txt"
    locked.write_text("Kabul talks resume\n", encoding="utf-8")
    shutil.copy(FIXTURES / "dispatch.txt", tmp_path / "b.txt")
    real_read_bytes = Path.read_bytes

    def refuse_a_txt(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_a_txt)
    error, article = list(read_paths([tmp_path]))
    assert isinstance(error, RecordError) and isinstance(article, Article)
    assert (error.where, error.outcome) == (str(locked), Outcome.FAILED)
    assert error.reason == "cannot read file (Permission denied); check that it exists and is readable"
