"""HTML reader: the main text by trafilatura, metadata from the page, ``<p>`` text as a fallback.

The stored text is the title, a blank line, then the main text with paragraphs separated by blank
lines, so sentence splitting never runs two paragraphs together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from overtures.errors import InputError
from overtures.ingest.common import (
    decode_utf8,
    make_article,
    read_file_bytes,
    record_error,
)
from overtures.model import Article, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

ID_META = "overtures:id"
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"),
        *("ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
    }
)
INVISIBLE_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
BREAK = "\x00"
SPACES = re.compile(r"\s+")


def read_html(
    path: Path, *, max_chars: int = MAX_ARTICLE_CHARS, detect_language: bool = True
) -> Iterator[Article | RecordError]:
    """Read one .html/.htm page as an article; a page with no main text gives a FAILED error."""
    name = str(path)
    try:
        data = read_file_bytes(path)
        markup = decode_utf8(data)
        root = parse_html(data)
        main = _main_text(markup, root)
    except InputError as exc:
        yield record_error(name, exc.message, exc.hint)
        return
    meta = _page_metadata(markup)
    title = _clean_line(meta.title or "")
    paragraphs = main.split("\n\n")
    if title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join([title, *paragraphs] if title else paragraphs)
    yield from make_article(
        where=name,
        text=text,
        id=_declared_id(root),
        title=title,
        url=meta.url,
        source=meta.sitename or meta.hostname,
        published=meta.date,
        language=_declared_language(root),
        max_chars=max_chars,
        detect_language=detect_language,
    )


def parse_html(data: bytes) -> lxml.html.HtmlElement:
    """Parse UTF-8 HTML bytes into an lxml tree; raise an InputError when there is no document."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"no HTML document ({exc})", hint="check that the file is a web page") from exc


def html_to_paragraphs(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, whitespace collapsed, blocks as blank-line paragraphs."""
    if not markup.strip():
        return ""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.fragment_fromstring(markup.encode("utf-8"), create_parent="div", parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return _clean_line(markup)
    return _paragraphs(_flatten(root))


def _main_text(markup: str, root: lxml.html.HtmlElement) -> str:
    """Main text by trafilatura, else the page's ``<p>`` text; raise when both are empty."""
    import trafilatura  # imported on first use: it takes a tenth of a second

    extracted = trafilatura.extract(
        markup, include_comments=False, include_tables=False, favor_precision=True
    )
    text = _paragraphs((extracted or "").replace("\n", BREAK))
    if not text:
        text = _paragraphs(BREAK.join(_flatten(p) for p in root.iter("p")))
    if not text:
        raise InputError("no main text", hint="check that the page has article paragraphs")
    return text


def _page_metadata(markup: str) -> Any:
    """Title, date, site name and canonical URL as trafilatura reads them from the page's markup."""
    import trafilatura

    return trafilatura.extract_metadata(markup, extensive=False)


def _flatten(element: etree._Element) -> str:
    """Visible text of an element, with a BREAK marker around every block-level element."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str]) -> None:
    """Depth-first text collection that skips scripts, styles and comments but keeps their tails."""
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in BLOCK_TAGS
    if block:
        parts.append(BREAK)
    if tag and tag.lower() not in INVISIBLE_TAGS:
        parts.append(element.text or "")
        for child in element:
            _collect(child, parts)
    if block:
        parts.append(BREAK)
    parts.append(element.tail or "")


def _paragraphs(flat: str) -> str:
    """Split on BREAK markers, collapse whitespace in each piece, and join the non-empty ones."""
    pieces = (_clean_line(piece) for piece in flat.split(BREAK))
    return "\n\n".join(piece for piece in pieces if piece)


def _clean_line(text: str) -> str:
    """Collapse runs of whitespace (and stray NULs) into single spaces and trim the ends."""
    return SPACES.sub(" ", text.replace(BREAK, " ")).strip()


def _meta_content(root: lxml.html.HtmlElement, name: str) -> str | None:
    """The content of the first ``<meta name=...>`` with this name, or None."""
    for meta in root.iter("meta"):
        if (meta.get("name") or "").strip().lower() == name:
            return (meta.get("content") or "").strip() or None
    return None


def _declared_id(root: lxml.html.HtmlElement) -> str | None:
    """The id a publisher or user pinned with ``<meta name="overtures:id">``."""
    return _meta_content(root, ID_META)


def _declared_language(root: lxml.html.HtmlElement) -> str | None:
    """The page's declared language (``<html lang>``), primary subtag only, e.g. 'en' from 'en-GB'."""
    lang = (root.get("lang") or "").strip()
    return lang.split("-")[0] if lang else None
