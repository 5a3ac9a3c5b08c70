"""RSS and Atom reader: every feed entry becomes an article, its HTML reduced to plain paragraphs.

The feed is parsed from the file's bytes (never a URL or path), so reading a feed never touches the
network.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from overtures.errors import InputError
from overtures.ingest.common import make_article, read_file_bytes, record_error
from overtures.ingest.html import html_to_paragraphs
from overtures.model import Article, Outcome, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed(
    path: Path, *, max_chars: int = MAX_ARTICLE_CHARS, detect_language: bool = True
) -> Iterator[Article | RecordError]:
    """Read a .xml/.rss/.atom feed; a broken feed with no entries gives one FAILED error."""
    name = str(path)
    try:
        data = read_file_bytes(path)
    except InputError as exc:
        yield record_error(name, exc.message, exc.hint)
        return
    import feedparser  # imported on first use, keeping `import overtures` fast

    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        yield _empty_feed_error(name, parsed)
        return
    feed = parsed.get("feed") or {}
    channel = _Channel(
        title=_plain(feed.get("title_detail"), feed.get("title")), language=feed.get("language")
    )
    for number, entry in enumerate(entries, start=1):
        yield from _entry_article(entry, f"{name}:entry {number}", channel, max_chars, detect_language)


@dataclass(frozen=True, kw_only=True, slots=True)
class _Channel:
    """What a feed says about all its entries: its title (the source) and its declared language."""

    title: str | None
    language: object


def _empty_feed_error(name: str, parsed: Any) -> RecordError:
    """FAILED with feedparser's reason when the feed is broken; a WARNING when it is valid but empty."""
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception") or "unknown parse error")
        return record_error(name, f"not a readable feed ({reason})", "check that the file is RSS or Atom")
    return record_error(name, "feed has no entries", "nothing to read", outcome=Outcome.WARNING)


def _entry_article(
    entry: Any, where: str, channel: _Channel, max_chars: int, detect_language: bool
) -> Iterator[Article | RecordError]:
    """Turn one feed entry into an article: title, blank line, then the body as plain paragraphs."""
    title = _plain(entry.get("title_detail"), entry.get("title"))
    body = _entry_body(entry)
    text = "\n\n".join(part for part in (title, body) if part)
    link = entry.get("link") or None
    yield from make_article(
        where=where,
        text=text,
        id=entry.get("id") or link,
        title=title,
        url=link,
        source=channel.title,
        published=entry.get("published") or entry.get("updated"),
        language=entry.get("language") or channel.language,
        max_chars=max_chars,
        detect_language=detect_language,
    )


def _entry_body(entry: Any) -> str:
    """Plain text of the entry's full content when present, else of its summary."""
    content = entry.get("content") or []
    if content and content[0].get("value"):
        return _plain(content[0], content[0].get("value"))
    return _plain(entry.get("summary_detail"), entry.get("summary"))


def _plain(detail: Any, value: object) -> str:
    """Plain text of a feed field: HTML reduced to paragraphs, plain text trimmed as it is."""
    if not isinstance(value, str):
        return ""
    kind = str((detail or {}).get("type") or "text/html")
    if kind in HTML_TYPES:
        return html_to_paragraphs(value)
    return value.strip()
