"""/quotes: who said what, filtered by speaker or by a country mentioned."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from overtures.server.cursors import offset_cursor, read_offset_cursor
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import COUNTRY_PATTERN, Cursor, Limit, known_country
from overtures.server.responses import quote_out
from overtures.server.schemas import QuotePage
from overtures.server.state import StoreDep

router = APIRouter(tags=["quotes"], responses=ERROR_RESPONSES)


@router.get("/quotes")
def list_quotes(
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(min_length=1, max_length=200, description="part of the name")
    ] = None,
    mentions: Annotated[
        str | None, Query(pattern=COUNTRY_PATTERN, description="a country the quote mentions, e.g. AFG")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> QuotePage:
    """Stored quotes by article and position; the cursor is an offset."""
    offset = read_offset_cursor(cursor, "quotes") if cursor else 0
    mentions = known_country(store, "mentions", mentions)
    found = store.quotes(speaker=speaker, mentions=mentions, limit=limit + 1, offset=offset)
    following = offset_cursor("quotes", offset + limit) if len(found) > limit else None
    return QuotePage(items=[quote_out(quote) for quote in found[:limit]], next=following)
