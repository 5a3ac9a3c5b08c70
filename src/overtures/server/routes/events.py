"""/events: filtered, keyset-paged event lists; /events/facets: counts for the filters; one event by id."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from overtures.server.cursors import key_cursor, read_key_cursor
from overtures.server.errors import ERROR_RESPONSES, NOT_FOUND
from overtures.server.params import Cursor, Limit, SortParam, event_query
from overtures.server.responses import event_out
from overtures.server.schemas import EventOut, EventPage, FacetsOut
from overtures.server.state import StoreDep
from overtures.store import EventQuery
from overtures.store.query import PageKey

router = APIRouter(tags=["events"], responses=ERROR_RESPONSES)
Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/events")
def list_events(
    store: StoreDep,
    query: Filters,
    sort: Annotated[
        SortParam, Query(description="-date: newest first (the default); date: oldest first")
    ] = "-date",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> EventPage:
    """Events matching the filters, newest first unless ``sort=date`` (undated last, then by id), a page
    at a time.

    The cursor is a keyset: the date and id of the last event served, so pages never skip or repeat an
    event while articles are being added.
    """
    after = read_key_cursor(cursor, "events", sort) if cursor else None
    found = store.events(replace(query, order=sort, after=after, limit=limit + 1))
    page = found[:limit]
    following = None
    if len(found) > limit:
        following = key_cursor("events", PageKey(date=page[-1].date.date, id=page[-1].event_id), sort)
    return EventPage(items=[event_out(event) for event in page], next=following)


@router.get("/events/facets")
def event_facets(store: StoreDep, query: Filters) -> FacetsOut:
    """How many of the matching events fall under each root, modality, country (top 20) and month."""
    facets = store.facets(query)
    return FacetsOut(root=facets.root, modality=facets.modality, actor=facets.actor, month=facets.month)


@router.get("/events/{event_id}", responses=NOT_FOUND)
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=200)]) -> EventOut:
    """One event, whatever its modality, with all its evidence."""
    return event_out(store.get_event(event_id))
