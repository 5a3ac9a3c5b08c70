"""Article links: only ``http`` and ``https`` URLs are kept, because the dashboard turns a stored link into
an anchor, and a ``javascript:`` or ``data:`` link there would run script in the dashboard's origin."""

from __future__ import annotations

from urllib.parse import urlsplit

from overtures.errors import InputError

WEB_SCHEMES = frozenset({"http", "https"})


def web_url(value: str | None) -> str | None:
    """The URL when it is an absolute http(s) address with a host, else None."""
    if not value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # an unbalanced IPv6 bracket
        return None
    ok = parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc) and value == value.strip()
    return value if ok and not any(ord(char) < 32 for char in value) else None


def checked_url(value: str | None) -> str | None:
    """The URL to store: None for none; an InputError naming the URL when it is not an http(s) address."""
    if value is None or web_url(value) is not None:
        return value
    shown = value if len(value) <= 60 else value[:57] + "..."
    raise InputError(f"url {shown!r} is not an http or https address", hint="the article is kept without it")
