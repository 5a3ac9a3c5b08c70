"""Events as records: the JSON form, the flat CSV row, and the JSON Lines and CSV that ``overtures extract``,
``overtures events`` and ``overtures export`` write.

One event a line, keys sorted, so the same input and version give byte-identical output.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import Any

from overtures.model import Actor, Event, EventCluster, Location, Quote

CSV_COLUMNS = (
    "article_id",
    "event_id",
    "date",
    "date_precision",
    "source_name",
    "source_country",
    "source_sector",
    "source_code",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "target_name",
    "target_country",
    "target_sector",
    "target_code",
    "modality",
    "location_name",
    "location_country",
    "sentence",
    "start",
    "end",
    "rule",
    "coder_version",
    "cluster_id",
)
CLUSTER_CSV_COLUMNS = ("reports", "articles", *CSV_COLUMNS)
# An actor's offsets are where the article names it: the store keeps them, the records leave them out.
ACTOR_RECORD_FIELDS = tuple(field.name for field in fields(Actor) if field.name not in ("start", "end"))
LOCATION_FIELDS = tuple(field.name for field in fields(Location))


def event_record(event: Event) -> dict[str, Any]:
    """The JSON form of an event, with the first evidence sentence and its offsets."""
    first = event.evidence[0]
    window = event.date.window
    return {
        "article_id": event.article_id,
        "event_id": event.event_id,
        "source": actor_record(event.source),
        "target": actor_record(event.target),
        **event.code_values(),
        "date": event.date.date.isoformat() if event.date.date else None,
        "date_precision": event.date.precision.value,
        "date_window": [window[0].isoformat(), window[1].isoformat()] if window else None,
        "location": location_record(event.location),
        "sentence": first.sentence,
        "start": first.start,
        "end": first.end,
        "evidence": [{"sentence": e.sentence, "start": e.start, "end": e.end} for e in event.evidence],
        "rule": event.rule,
        "coder_version": event.coder_version,
        "cluster_id": event.cluster_id,
    }


def actor_record(actor: Actor | None) -> dict[str, Any] | None:
    """An actor as ``name``, ``text``, ``country``, ``sector``, ``code``: every field but the offsets."""
    if actor is None:
        return None
    return {name: getattr(actor, name) for name in ACTOR_RECORD_FIELDS}


def location_record(location: Location | None) -> dict[str, Any] | None:
    """A place as ``name``, ``country``, ``lat``, ``lon``: every field of Location."""
    if location is None:
        return None
    return {name: getattr(location, name) for name in LOCATION_FIELDS}


def jsonl_lines(events: Iterable[Event]) -> Iterator[str]:
    """One JSON object a line, keys sorted."""
    for event in events:
        yield json.dumps(event_record(event), sort_keys=True, ensure_ascii=False)


def csv_row(event: Event) -> dict[str, Any]:
    """The flat CSV form of an event."""
    record = event_record(event)
    row = {k: record[k] for k in CSV_COLUMNS if k in record}
    for side in ("source", "target"):
        actor = record[side] or {}
        for field in ("name", "country", "sector", "code"):
            row[f"{side}_{field}"] = actor.get(field)
    location = record["location"] or {}
    row["location_name"], row["location_country"] = location.get("name"), location.get("country")
    return row


def csv_lines(events: Iterable[Event]) -> Iterator[str]:
    """A header line, then one CSV line an event."""
    return _csv(CSV_COLUMNS, (csv_row(event) for event in events))


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A header line, then one CSV line a row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def cluster_record(cluster: EventCluster) -> dict[str, Any]:
    """A cluster as the JSON of its representative report plus ``reports`` and ``articles`` counts."""
    return event_record(cluster.event) | {"reports": cluster.reports, "articles": cluster.articles}


def cluster_lines(clusters: Iterable[EventCluster], fmt: str) -> Iterator[str]:
    """Clusters as JSON Lines (keys sorted) or CSV (a header, then the counts and the event's columns)."""
    if fmt == "csv":
        rows = (csv_row(c.event) | {"reports": c.reports, "articles": c.articles} for c in clusters)
        return _csv(CLUSTER_CSV_COLUMNS, rows)
    return (json.dumps(cluster_record(c), sort_keys=True, ensure_ascii=False) + "\n" for c in clusters)


def quote_record(quote: Quote) -> dict[str, Any]:
    """The JSON form of a quote: text, speaker {name, role}, article id, offsets, outlet, date (with its
    precision: "publication" when the attribution names no time), mentions."""
    speaker = quote.speaker
    return {
        "text": quote.text,
        "speaker": {"name": speaker.name, "role": speaker.role} if speaker else None,
        "article_id": quote.article_id,
        "start": quote.start,
        "end": quote.end,
        "outlet": quote.outlet,
        "date": quote.date.date.isoformat() if quote.date and quote.date.date else None,
        "date_precision": quote.date.precision.value if quote.date else None,
        "mentions": list(quote.mentions),
    }
