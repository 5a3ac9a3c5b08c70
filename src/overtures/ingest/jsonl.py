"""JSON Lines reader: one article object per line, read as bytes and decoded line by line.

Decoding per line means one badly encoded record fails alone instead of taking the file with it.
Fields: ``id``, ``text``, ``published`` (or ``date``), ``title``, ``url``, ``source`` (or ``outlet``),
``language``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from overtures.ingest.common import Outcomes, make_article, record_error
from overtures.model import Article, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

BOM = "\ufeff"
JSON_KINDS: dict[type, str] = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def read_jsonl(
    path: Path, *, max_chars: int = MAX_ARTICLE_CHARS, detect_language: bool = True
) -> Iterator[Article | RecordError]:
    """Read a .jsonl/.ndjson file; an unreadable file gives one FAILED error, a bad line fails alone."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            yield from _read_lines(_numbered_bytes(stream), name, max_chars, detect_language)
    except OSError as exc:
        cause = exc.strerror or type(exc).__name__
        yield record_error(name, f"cannot read file ({cause})", "check that it exists and is readable")


def read_jsonl_stream(
    stream: TextIO, *, name: str = "<stdin>", max_chars: int = MAX_ARTICLE_CHARS, detect_language: bool = True
) -> Iterator[Article | RecordError]:
    """Read JSON Lines from an open text stream (stdin); its byte buffer is used when it has one."""
    buffer = getattr(stream, "buffer", None)
    lines: Iterable[tuple[int, str | bytes]]
    lines = _numbered_bytes(buffer) if buffer is not None else enumerate(stream, start=1)
    try:
        yield from _read_lines(lines, name, max_chars, detect_language)
    except OSError as exc:
        yield record_error(name, f"cannot read input ({exc.strerror or type(exc).__name__})")


def _numbered_bytes(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Number the lines of a binary stream from 1 (split on LF only, as JSON Lines defines)."""
    yield from enumerate(stream, start=1)


def _read_lines(
    lines: Iterable[tuple[int, str | bytes]], name: str, max_chars: int, detect_language: bool
) -> Outcomes:
    """Turn numbered raw lines into outcomes, skipping blank lines."""
    for number, raw in lines:
        where = f"{name}:{number}"
        line = _decoded(raw, where)
        if isinstance(line, RecordError):
            yield line
            continue
        if number == 1:
            line = line.removeprefix(BOM)
        if not line.strip():
            continue
        yield from _parse_record(line, where, max_chars, detect_language)


def _decoded(raw: str | bytes, where: str) -> str | RecordError:
    """Decode one line as UTF-8, or say which byte is wrong."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        message = f"not valid UTF-8 (byte 0x{bad} at column {exc.start + 1})"
        return record_error(where, message, "re-encode the line as UTF-8 or remove it")


def _parse_record(line: str, where: str, max_chars: int, detect_language: bool) -> Outcomes:
    """Parse one JSON object line and hand its fields to the shared checks."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON ({exc.msg} at column {exc.colno})"
        yield record_error(where, message, "fix the line or remove it")
        return
    except (ValueError, RecursionError) as exc:
        yield record_error(where, f"invalid JSON ({exc})", "fix the line or remove it")
        return
    if not isinstance(record, dict):
        kind = JSON_KINDS.get(type(record), type(record).__name__)
        yield record_error(
            where, f"line is a JSON {kind}, not an object", "write one article object per line"
        )
        return
    yield from make_article(
        where=where,
        text=record.get("text"),
        id=record.get("id"),
        title=record.get("title"),
        url=record.get("url"),
        source=_first_present(record, "source", "outlet"),
        published=_first_present(record, "published", "date"),
        language=record.get("language"),
        max_chars=max_chars,
        detect_language=detect_language,
    )


def _first_present(record: dict[str, object], *keys: str) -> object:
    """The value of the first key that is present and not null, so aliases fill gaps."""
    for key in keys:
        value = record.get(key)
        if value is not None:
            return value
    return None
