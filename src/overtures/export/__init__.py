"""Events out of overtures: records (JSON, CSV) and files in the standard formats.

``write_events(events, fmt, out)`` writes csv, jsonl, parquet, geojson, gexf (the actor network) or gdelt
(the GDELT 2.0 event table); docs/exports.md describes each format column by column.

    records.py   event_record, csv_row, jsonl_lines, csv_lines, quote_record
    summary.py   ExportSummary: what was written, what was left out and why
    writer.py    write_events, FORMATS, output paths and streams; csv and jsonl files
    parquet.py   typed columns under an explicit pyarrow schema
    geojson.py   a FeatureCollection of the events with coordinates
    network.py   the actor network as GEXF 1.2
    gdelt.py     the 61 GDELT 2.0 event-table columns, tab-separated
"""

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
from overtures.export.writer import BINARY_FORMATS, FORMATS, Output, check_format, write_events

__all__ = [
    "BINARY_FORMATS",
    "CSV_COLUMNS",
    "FORMATS",
    "ArticleLookup",
    "ExportSummary",
    "Output",
    "actor_record",
    "cluster_lines",
    "cluster_record",
    "check_format",
    "csv_lines",
    "csv_row",
    "event_record",
    "jsonl_lines",
    "location_record",
    "quote_record",
    "write_events",
]
