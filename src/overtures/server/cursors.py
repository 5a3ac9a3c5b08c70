"""Opaque page cursors: URL-safe base64 of a small JSON object naming the list it belongs to.

Two kinds, both documented here because the cursor is opaque to clients:

* keyset (``/events``, ``/articles``): the date and id of the last item of the page, plus the sort; the
  next page is the rows strictly after it, so adding articles while paging skips or repeats nothing.
* offset (``/actors``, ``/quotes``): the number of items already served; these lists are ranked counts
  and short quote lists, where an offset is cheap.

A cursor from another list or another sort, or one that does not decode, is an InputError (422).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Any

from overtures.errors import InputError
from overtures.store.query import PageKey

CURSOR_HINT = "pass the 'next' value of the previous page unchanged, or leave cursor out for the first page"
MAX_OFFSET = 10_000_000


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(cursor: str, kind: str) -> dict[str, Any]:
    """The payload of a cursor of ``kind``; anything else is an InputError."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or payload.get("kind") != kind:
        raise InputError(f"cursor {cursor[:40]!r} is not a cursor of this list", hint=CURSOR_HINT)
    return payload


def key_cursor(kind: str, key: PageKey, sort: str) -> str:
    """The cursor after the row with this key, in this sort."""
    day = key.date.isoformat() if key.date else None
    return _encode({"kind": kind, "sort": sort, "date": day, "id": key.id})


def read_key_cursor(cursor: str, kind: str, sort: str) -> PageKey:
    """The key a keyset cursor holds; it must come from the same list and sort."""
    payload = _decode(cursor, kind)
    if payload.get("sort") != sort:
        raise InputError(
            f"the cursor was made for sort={payload.get('sort')!r}, not {sort!r}", hint=CURSOR_HINT
        )
    day, key = payload.get("date"), payload.get("id")
    if not isinstance(key, str) or not (day is None or isinstance(day, str)):
        raise InputError("the cursor is damaged", hint=CURSOR_HINT)
    try:
        return PageKey(date=date.fromisoformat(day) if day else None, id=key)
    except ValueError:
        raise InputError("the cursor is damaged", hint=CURSOR_HINT) from None


def offset_cursor(kind: str, offset: int) -> str:
    """The cursor of the page that starts at ``offset``."""
    return _encode({"kind": kind, "offset": offset})


def read_offset_cursor(cursor: str, kind: str) -> int:
    """The offset an offset cursor holds."""
    offset = _decode(cursor, kind).get("offset")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise InputError("the cursor is damaged", hint=CURSOR_HINT)
    return offset
