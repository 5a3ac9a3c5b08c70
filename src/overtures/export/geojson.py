"""GeoJSON: a FeatureCollection with one Point an event that has a location with coordinates.

Coordinates are [longitude, latitude] (RFC 7946); the properties are the flat event record (the CSV
columns). Events whose place is unknown, or known only as a country (countries carry no centroid), are
left out and counted. Features are written one at a time, so the collection is never held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.records import csv_row
from overtures.export.summary import ExportSummary
from overtures.model import Event


def geojson_feature(event: Event) -> dict[str, Any] | None:
    """The event as a GeoJSON Point feature, or None when it has no coordinates."""
    place = event.location
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": csv_row(event),
    }


def write_geojson(events: Iterable[Event], stream: IO[str], options: ExportOptions) -> ExportSummary:
    """Write a FeatureCollection of the events with coordinates; count the others."""
    written = left_out = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        feature = geojson_feature(event)
        if feature is None:
            left_out += 1
            continue
        stream.write(",\n" if written else "\n")
        stream.write(json.dumps(feature, sort_keys=True, ensure_ascii=False))
        written += 1
    stream.write("\n]}\n")
    return ExportSummary(
        fmt=FORMAT.name, written=written, left_out=left_out, left_out_reason="without coordinates"
    )


FORMAT = ExportFormat(
    name="geojson",
    suffix="geojson",
    media_type="application/geo+json",
    binary=False,
    about="a FeatureCollection of the events with coordinates",
    write=write_geojson,
)
