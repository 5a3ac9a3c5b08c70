"""Readers: files, folders and stdin in, ``Article`` or ``RecordError`` out, one record at a time.

A bad record becomes a RecordError naming its file and line; it never raises and never stops the
batch. Folders are walked in sorted order so the same corpus always reads in the same order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from overtures.ingest.common import (
    content_hash,
    make_article,
    parse_published,
    record_error,
)
from overtures.ingest.feeds import read_feed
from overtures.ingest.html import read_html
from overtures.ingest.jsonl import read_jsonl, read_jsonl_stream
from overtures.ingest.text import read_text
from overtures.model import Article, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

Reader = Callable[..., Iterator[Article | RecordError]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
STDIN = "-"


def read_paths(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    detect_language: bool = True,
) -> Iterator[Article | RecordError]:
    """Read every article from files, folders (recursively, sorted) and ``-`` (JSON Lines on stdin)."""
    for given in paths:
        if str(given) == STDIN:
            stream = stdin if stdin is not None else sys.stdin
            yield from read_jsonl_stream(stream, max_chars=max_chars, detect_language=detect_language)
            continue
        path = Path(given)
        if path.is_dir():
            for found in walk_folder(path):
                yield from _read_file(found, max_chars, detect_language)
        else:
            yield from _read_file(path, max_chars, detect_language)


def walk_folder(folder: Path) -> Iterator[Path | RecordError]:
    """Supported files under a folder, depth first in name order; hidden entries and other types skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        cause = exc.strerror or type(exc).__name__
        yield record_error(str(folder), f"cannot read folder ({cause})", "check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(path)
        elif path.suffix.lower() in READERS:
            yield path


def _read_file(
    path: Path | RecordError, max_chars: int, detect_language: bool
) -> Iterator[Article | RecordError]:
    """Dispatch one file to the reader for its extension, or say why it cannot be read."""
    if isinstance(path, RecordError):
        yield path
        return
    if not path.exists():
        yield record_error(str(path), "no such file or folder", "check the path")
        return
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(READERS)
        message = f"unsupported file type {path.suffix or '(no extension)'!r}"
        yield record_error(str(path), message, f"supported extensions: {supported}")
        return
    yield from reader(path, max_chars=max_chars, detect_language=detect_language)


__all__ = [
    "READERS",
    "content_hash",
    "make_article",
    "parse_published",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_jsonl_stream",
    "read_paths",
    "read_text",
    "walk_folder",
]
