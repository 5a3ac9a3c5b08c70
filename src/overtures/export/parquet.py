"""Parquet: one row an event, typed columns under an explicit schema, written a batch of rows at a time.

Dates are date32, Goldstein float64, the QuadClass int8, offsets int32, coordinates float64. The evidence
is a list of structs (article_id, sentence, start, end, trigger), one per sentence that supports the
event, so it stays queryable in pyarrow, pandas, DuckDB or Spark without parsing JSON; ``sentence``,
``start`` and ``end`` repeat the first of them as flat columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.records import ACTOR_RECORD_FIELDS
from overtures.export.summary import ExportSummary
from overtures.model import Event
from overtures.store.schema import EVIDENCE_FIELDS, event_row

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ROWS = 5000


@lru_cache(maxsize=1)
def parquet_schema() -> pa.Schema:
    """The file's schema. (pyarrow is imported here: it is slow to import, and the format registry
    imports this module.)"""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("event_id", pa.string(), nullable=False),
            pa.field("date", pa.date32()),
            pa.field("date_precision", pa.string(), nullable=False),
            pa.field("date_start", pa.date32()),
            pa.field("date_end", pa.date32()),
            *_actor_fields("source"),
            pa.field("cameo", pa.string(), nullable=False),
            pa.field("root", pa.string(), nullable=False),
            pa.field("quad_class", pa.int8(), nullable=False),
            pa.field("goldstein", pa.float64()),
            pa.field("plover", pa.string()),
            *_actor_fields("target"),
            pa.field("modality", pa.string(), nullable=False),
            pa.field("location_name", pa.string()),
            pa.field("location_country", pa.string()),
            pa.field("location_lat", pa.float64()),
            pa.field("location_lon", pa.float64()),
            pa.field("sentence", pa.string(), nullable=False),
            pa.field("start", pa.int32(), nullable=False),
            pa.field("end", pa.int32(), nullable=False),
            pa.field(
                "evidence", pa.list_(pa.field("item", _evidence_type(), nullable=False)), nullable=False
            ),
            pa.field("rule", pa.string(), nullable=False),
            pa.field("coder_version", pa.string(), nullable=False),
        ],
        metadata={"source": "overtures", "evidence": "list of {article_id, sentence, start, end, trigger}"},
    )


def _evidence_type() -> pa.DataType:
    import pyarrow as pa

    return pa.struct(
        [
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("sentence", pa.string(), nullable=False),
            pa.field("start", pa.int32(), nullable=False),
            pa.field("end", pa.int32(), nullable=False),
            pa.field("trigger", pa.string(), nullable=False),
        ]
    )


def _actor_fields(role: str) -> list[pa.Field]:
    import pyarrow as pa

    return [pa.field(f"{role}_{name}", pa.string()) for name in ACTOR_RECORD_FIELDS]


def parquet_row(event: Event) -> dict[str, Any]:
    """The typed row of one event, keyed by the schema's column names: the events-table columns (those
    the schema lacks, such as date_text and actor offsets, are dropped by pyarrow), then the first
    evidence flat and all of it as a list."""
    first = event.evidence[0]
    evidence = [{name: getattr(item, name) for name in EVIDENCE_FIELDS} for item in event.evidence]
    return {
        **event_row(event),
        "sentence": first.sentence,
        "start": first.start,
        "end": first.end,
        "evidence": evidence,
    }


def write_parquet(events: Iterable[Event], handle: IO[bytes], options: ExportOptions) -> ExportSummary:
    """Write events as Parquet, BATCH_ROWS rows at a time; an empty query gives an empty, typed file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    written = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(handle, schema) as writer:
        for event in events:
            batch.append(parquet_row(event))
            if len(batch) == BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written, batch = written + len(batch), []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return ExportSummary(fmt=FORMAT.name, written=written)


FORMAT = ExportFormat(
    name="parquet",
    suffix="parquet",
    media_type="application/vnd.apache.parquet",
    binary=True,
    about="one row an event under an explicit typed schema, every evidence sentence as a list of structs",
    write=write_parquet,
)
