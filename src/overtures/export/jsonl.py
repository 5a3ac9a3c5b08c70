"""JSON Lines: one full event record a line, keys sorted (the form ``overtures events --format jsonl``
prints)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.records import jsonl_lines
from overtures.export.summary import ExportSummary
from overtures.model import Event


def write_jsonl(events: Iterable[Event], stream: IO[str], options: ExportOptions) -> ExportSummary:
    """One JSON object a line, keys sorted."""
    written = 0
    for line in jsonl_lines(events):
        stream.write(line + "\n")
        written += 1
    return ExportSummary(fmt=FORMAT.name, written=written)


FORMAT = ExportFormat(
    name="jsonl",
    suffix="jsonl",
    media_type="application/x-ndjson",
    binary=False,
    about="one full event record a line, keys sorted",
    write=write_jsonl,
)
