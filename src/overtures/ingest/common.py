"""What every reader shares: stable ids, publication dates, and the checks that turn fields into an Article.

A reader parses its format into plain fields and hands them to :func:`make_article`, which returns the
outcomes for that record in order: warnings first, then the Article; or a single FAILED/SKIPPED error.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

from overtures.errors import InputError
from overtures.ingest.urls import checked_url
from overtures.model import Article, Outcome, RecordError
from overtures.settings import MAX_ARTICLE_CHARS

ENGLISH_NAMES = frozenset({"en", "eng", "english"})
MIN_WORDS_TO_DETECT = 20
DETECT_CONFIDENCE = 0.9
DETECT_SAMPLE = 2_000  # characters of the opening that language detection reads
# Words that make up a fifth of running English text and are rare as words of other languages written in
# Latin script (under 3% of a French, German or Dutch text). When they are at least ENGLISH_SHARE of the
# opening's words the text is English and the slow statistical detector is not asked; any text below the
# share (a foreign text, or a terse English one) still goes to the detector.
ENGLISH_MARKERS = frozenset(
    [
        "the",
        "and",
        "of",
        "that",
        "with",
        "said",
        "which",
        "were",
        "would",
        "been",
        "this",
        "their",
        "they",
        "from",
        "have",
        "has",
        "its",
        "after",
        "who",
        "not",
    ]
)
ENGLISH_SHARE = 0.10
_WORD = re.compile(r"[^\W\d_]+")

Outcomes = Iterator[Article | RecordError]


def content_hash(text: str) -> str:
    """Return the sha256 hex digest of the text, so identical articles get identical ids."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def record_error(
    where: str, message: str, hint: str = "", *, outcome: Outcome = Outcome.FAILED
) -> RecordError:
    """Build a one-line RecordError: what failed and, after a semicolon, what to do about it."""
    reason = f"{message}; {hint}" if hint else message
    return RecordError(where=where, reason=reason, outcome=outcome)


def read_file_bytes(path: Path) -> bytes:
    """Read a whole file, turning OS errors (permissions, folders) into an InputError naming the cause."""
    try:
        return path.read_bytes()
    except OSError as exc:
        cause = exc.strerror or type(exc).__name__
        raise InputError(f"cannot read file ({cause})", hint="check that it exists and is readable") from exc


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (dropping a leading byte-order mark), raising an InputError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", hint="re-encode the file as UTF-8"
        ) from exc


def parse_published(value: object) -> date | None:
    """Parse an ISO date, ISO datetime (with 'Z') or RFC 822 feed date; None when absent, raise if garbled.

    A datetime keeps the calendar day of its own time zone, the day the outlet printed.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(
            f"publication date {value!r} is not a string", hint="use an ISO date like 2025-04-30"
        )
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise InputError(f"unreadable publication date {text!r}", hint="use an ISO date like 2025-04-30")


def _optional_field(name: str, value: object) -> str | None:
    """Normalise an optional text field: strip it, map empty to None, refuse non-strings."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field '{name}' is {type(value).__name__}, not a string", hint="it was ignored")
    text = str(value).strip()
    if not _encodable(text):
        raise InputError(f"field '{name}' contains unpaired surrogates", hint="it was ignored")
    return text or None


def _article_id(value: object, text: str) -> str:
    """Use the record's own id (strings stripped, integers as strings), else a hash of the text."""
    if isinstance(value, bool) or not isinstance(value, str | int | None):
        raise InputError(f"id is {type(value).__name__}, not a string or integer", hint="give a string id")
    given = "" if value is None else str(value).strip()
    if given and not _encodable(given):
        raise InputError("id contains unpaired surrogates", hint="give a plain string id")
    if given in (".", ".."):  # a URL path cannot hold these as a segment: the article could not be opened
        raise InputError(f"id {given!r} cannot be part of a URL", hint="give the article another id")
    return given or "sha-" + content_hash(text)[:16]


def _encodable(text: str) -> bool:
    """Whether the text can be written as UTF-8 (no lone surrogates from JSON escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def cap_text(text: str, max_chars: int) -> str:
    """Cut an over-long text at the last whitespace before max_chars, so no word is split."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = max((head.rfind(space) for space in (" ", "\n", "\t", "\r")), default=-1)
    capped = head[:cut].rstrip() if cut > 0 else head
    return capped or head


def is_english_name(language: str) -> bool:
    """Whether a declared language names English ('en', 'eng', 'English', 'en-GB', any case)."""
    primary = language.strip().replace("_", "-").split("-")[0]
    return primary.casefold() in ENGLISH_NAMES


@lru_cache(maxsize=1)
def _seeded_langdetect() -> None:
    """Fix langdetect's random seed once, so the same text always gets the same verdict."""
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def detected_foreign_language(text: str) -> str | None:
    """Name the language langdetect is sure of (p >= 0.9) when it is not English; None otherwise."""
    if len(text.split()) < MIN_WORDS_TO_DETECT or plainly_english(text):
        return None
    _seeded_langdetect()
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    try:
        ranked = detect_langs(text[:DETECT_SAMPLE])  # the opening is enough; the cost grows with length
    except LangDetectException:
        return None
    top = ranked[0] if ranked else None
    if top is None or top.lang == "en" or top.prob < DETECT_CONFIDENCE:
        return None
    return str(top.lang)


def plainly_english(text: str) -> bool:
    """Whether English marker words are at least ENGLISH_SHARE of the words of the text's opening."""
    words = _WORD.findall(text[:DETECT_SAMPLE].lower())
    return bool(words) and sum(word in ENGLISH_MARKERS for word in words) >= ENGLISH_SHARE * len(words)


def make_article(
    *,
    where: str,
    text: object,
    id: object = None,
    title: object = None,
    url: object = None,
    source: object = None,
    published: object = None,
    language: object = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    detect_language: bool = True,
) -> list[Article | RecordError]:
    """Check and normalise one record's fields; return its warnings then its Article, or one error."""
    checked = _checked_text(where, text, language)
    if isinstance(checked, RecordError):
        return [checked]
    stored = cap_text(checked, max_chars)
    if not stored.strip():
        return [record_error(where, f"no text within the first {max_chars} characters", "raise max_chars")]
    foreign = detected_foreign_language(stored) if detect_language else None
    if foreign is not None:
        return [_skipped(where, f"detected language {foreign!r} is not English")]
    try:
        article_id = _article_id(id, stored)
    except InputError as exc:
        return [record_error(where, exc.message, exc.hint)]
    warnings: list[Article | RecordError] = []
    if stored != checked:
        message = f"text has {len(checked)} characters; kept the first {len(stored)}"
        warnings.append(_warning(where, message, f"raise max_chars (now {max_chars}) to keep more"))
    fields = {
        name: _field_or_warn(where, name, value, warnings)
        for name, value in (("title", title), ("url", url), ("source", source))
    }
    article = Article(
        id=article_id,
        text=stored,
        title=fields["title"],
        url=_url_or_warn(where, fields["url"], warnings),
        source=fields["source"],
        published=_published_or_warn(where, published, warnings),
        language="en",
        origin=where,
    )
    return [*warnings, article]


def _checked_text(where: str, text: object, language: object) -> str | RecordError:
    """Return the text when it is usable English, else the FAILED or SKIPPED error saying why not."""
    if text is None:
        return record_error(where, "missing 'text' field", "add the article text under 'text'")
    if not isinstance(text, str):
        return record_error(
            where, f"'text' is {type(text).__name__}, not a string", "give the text as a string"
        )
    if not text.strip():
        return record_error(where, "empty text", "remove the record or add its text")
    if not _encodable(text):
        return record_error(where, "text contains unpaired surrogates", "fix the escapes in the text")
    if isinstance(language, str) and language.strip() and not is_english_name(language):
        return _skipped(where, f"declared language {language.strip()!r} is not English")
    return text


def _field_or_warn(where: str, name: str, value: object, warnings: list[Article | RecordError]) -> str | None:
    """Normalise an optional field; an unusable value is dropped with a WARNING rather than failing."""
    try:
        return _optional_field(name, value)
    except InputError as exc:
        warnings.append(_warning(where, exc.message, exc.hint))
        return None


def _url_or_warn(where: str, value: str | None, warnings: list[Article | RecordError]) -> str | None:
    """Keep an http(s) link; any other scheme (``javascript:``, ``data:``) is dropped with a WARNING."""
    try:
        return checked_url(value)
    except InputError as exc:
        warnings.append(_warning(where, exc.message, exc.hint))
        return None


def _published_or_warn(where: str, value: object, warnings: list[Article | RecordError]) -> date | None:
    """Parse the publication date; a garbled one becomes None plus a WARNING, keeping the article."""
    try:
        return parse_published(value)
    except InputError as exc:
        warnings.append(_warning(where, exc.message, "the article is kept without a date"))
        return None


def _warning(where: str, message: str, hint: str) -> RecordError:
    """A WARNING outcome: the record was read, with a caveat."""
    return record_error(where, message, hint, outcome=Outcome.WARNING)


def _skipped(where: str, message: str) -> RecordError:
    """A SKIPPED outcome: readable but out of scope."""
    return record_error(where, message, "overtures codes English articles only", outcome=Outcome.SKIPPED)
