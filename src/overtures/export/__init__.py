"""Events out of overtures: records (JSON, CSV) and files in the standard formats.

``write_events(events, fmt, out)`` writes csv, jsonl, parquet, geojson, gexf (the actor network) or gdelt
(the GDELT 2.0 event table); docs/exports.md describes each format column by column.

    records.py   event_record, csv_row, jsonl_lines, csv_lines, quote_record
    summary.py   ExportSummary: what was written, what was left out and why
    format.py    ExportFormat: the name, suffix, media type and writer each format module declares
    writer.py    write_events, the FORMATS registry, output paths and streams
    csvfile.py   the flat columns, a header row first
    jsonl.py     one event record a line
    parquet.py   typed columns under an explicit pyarrow schema
    geojson.py   a FeatureCollection of the events with coordinates
    network.py   the actor network as GEXF 1.2
    gdelt.py     the 61 GDELT 2.0 event-table columns, tab-separated
"""

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.records import (
    CSV_COLUMNS,
    actor_record,
    cluster_lines,
    cluster_record,
    csv_lines,
    csv_row,
    event_record,
    jsonl_lines,
    location_record,
    quote_record,
)
from overtures.export.summary import ArticleLookup, ExportSummary
from overtures.export.writer import FORMATS, Output, find_format, write_events

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ArticleLookup",
    "ExportFormat",
    "ExportOptions",
    "ExportSummary",
    "Output",
    "actor_record",
    "cluster_lines",
    "cluster_record",
    "find_format",
    "csv_lines",
    "csv_row",
    "event_record",
    "jsonl_lines",
    "location_record",
    "quote_record",
    "write_events",
]
