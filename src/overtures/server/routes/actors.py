"""Who takes part in the matching events: /actors ranked, /network of links, /locations as GeoJSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from overtures.server.cursors import offset_cursor, read_offset_cursor
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import Cursor, Limit, event_query
from overtures.server.responses import cameo_name
from overtures.server.schemas import (
    ActorCountOut,
    ActorPage,
    EdgeOut,
    FeatureCollectionOut,
    FeatureOut,
    NetworkOut,
    NodeOut,
    PlaceProperties,
    PointOut,
)
from overtures.server.state import StoreDep
from overtures.store import EventQuery

router = APIRouter(tags=["actors"], responses=ERROR_RESPONSES)
Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/actors")
def list_actors(store: StoreDep, query: Filters, limit: Limit = 50, cursor: Cursor = None) -> ActorPage:
    """Actor codes by the number of matching events they take part in, with their most frequent name.

    The cursor is an offset into the ranking.
    """
    offset = read_offset_cursor(cursor, "actors") if cursor else 0
    found = store.actors(query, limit=limit + 1, offset=offset)
    items = [
        ActorCountOut(code=a.code, country=a.country, name=a.name, events=a.events) for a in found[:limit]
    ]
    following = offset_cursor("actors", offset + limit) if len(found) > limit else None
    return ActorPage(items=items, next=following)


@router.get("/network")
def network(
    store: StoreDep,
    query: Filters,
    edges: Annotated[int, Query(ge=1, le=2_000, description="keep the heaviest edges")] = 300,
) -> NetworkOut:
    """Directed links between actor codes, weighted by event count with their Goldstein mean and quad
    class counts; nodes are the actors those links join."""
    links = store.links(query, limit=edges)
    codes = sorted({link.source for link in links} | {link.target for link in links})
    actors = store.actors(query, codes=codes) if codes else []
    nodes = [NodeOut(id=a.code, label=a.name, country=a.country, events=a.events) for a in actors]
    return NetworkOut(
        nodes=nodes,
        edges=[
            EdgeOut(
                source=link.source,
                target=link.target,
                weight=link.weight,
                goldstein_mean=link.goldstein_mean,
                q1=link.quad_counts[0],
                q2=link.quad_counts[1],
                q3=link.quad_counts[2],
                q4=link.quad_counts[3],
            )
            for link in links
        ],
    )


@router.get("/locations")
def locations(store: StoreDep, query: Filters) -> FeatureCollectionOut:
    """The places of the matching events as GeoJSON points, each with its event count and top CAMEO code."""
    features = [
        FeatureOut(
            geometry=PointOut(coordinates=[place.lon, place.lat]),
            properties=PlaceProperties(
                name=place.name,
                country=place.country,
                events=place.events,
                top_cameo=place.top_cameo,
                top_cameo_name=cameo_name(place.top_cameo),
            ),
        )
        for place in store.places(query)
    ]
    return FeatureCollectionOut(features=features)
