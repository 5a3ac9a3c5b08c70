"""Plain-text reader: an optional ``---`` front-matter block, then the article, title on its first line.

The stored text starts at the title line and is otherwise kept exactly as in the file, so character
offsets found later point into the file's own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from overtures.errors import InputError
from overtures.ingest.common import (
    decode_utf8,
    make_article,
    read_file_bytes,
    record_error,
)
from overtures.model import Article, Outcome, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

FENCE = "---"
KEY_ALIASES = {
    "id": "id",
    "title": "title",
    "url": "url",
    "source": "source",
    "outlet": "source",
    "published": "published",
    "date": "published",
    "language": "language",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class FrontMatter:
    """The fields of a front-matter block, the body after it, and warnings about lines it ignored."""

    fields: dict[str, str] = field(default_factory=dict)
    body: str = ""
    warnings: tuple[RecordError, ...] = ()


def read_text(
    path: Path, *, max_chars: int = MAX_ARTICLE_CHARS, detect_language: bool = True
) -> Iterator[Article | RecordError]:
    """Read one .txt article; a file that cannot be read or decoded gives one FAILED error."""
    name = str(path)
    try:
        content = decode_utf8(read_file_bytes(path))
        front = split_front_matter(content, name=name)
    except InputError as exc:
        yield record_error(name, exc.message, exc.hint)
        return
    yield from front.warnings
    text = front.body[len(front.body) - len(front.body.lstrip()) :]
    first_line = text.split("\n", 1)[0].strip()
    yield from make_article(
        where=name,
        text=text,
        id=front.fields.get("id"),
        title=front.fields.get("title") or first_line,
        url=front.fields.get("url"),
        source=front.fields.get("source"),
        published=front.fields.get("published"),
        language=front.fields.get("language"),
        max_chars=max_chars,
        detect_language=detect_language,
    )


def split_front_matter(content: str, *, name: str) -> FrontMatter:
    """Separate a leading ``---`` block of ``key: value`` lines from the body; raise if it is not closed."""
    lines = content.split("\n")
    if lines[0].strip() != FENCE:
        return FrontMatter(body=content)
    fields: dict[str, str] = {}
    warnings: list[RecordError] = []
    offset = len(lines[0]) + 1
    for number, line in enumerate(lines[1:], start=2):
        offset += len(line) + 1
        if line.strip() == FENCE:
            return FrontMatter(fields=fields, body=content[offset:], warnings=tuple(warnings))
        problem = _read_field(line, fields)
        if problem:
            warnings.append(record_error(f"{name}:{number}", problem, outcome=Outcome.WARNING))
    raise InputError(
        "front matter opened with '---' on line 1 is never closed",
        hint="add a '---' line after the key: value lines",
    )


def _read_field(line: str, fields: dict[str, str]) -> str:
    """Store one ``key: value`` line in fields; return why it was ignored, or '' when it was used."""
    if not line.strip():
        return ""
    key, colon, value = line.partition(":")
    if not colon:
        return f"front-matter line {line.strip()[:40]!r} is not 'key: value'; it was ignored"
    canonical = KEY_ALIASES.get(key.strip().casefold())
    if canonical is None:
        known = ", ".join(sorted(KEY_ALIASES))
        return f"unknown front-matter key {key.strip()[:40]!r} ignored; known keys: {known}"
    fields.setdefault(canonical, _unquoted(value.strip()))
    return ""


def _unquoted(value: str) -> str:
    """Drop one pair of matching surrounding quotes, as people write YAML-like values."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
