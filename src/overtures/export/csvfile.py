"""CSV: a header line, then one line an event in the flat columns of ``records.CSV_COLUMNS``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.records import csv_lines
from overtures.export.summary import ExportSummary
from overtures.model import Event


def write_csv(events: Iterable[Event], stream: IO[str], options: ExportOptions) -> ExportSummary:
    """A header line, then one line an event."""
    lines = 0
    for line in csv_lines(events):
        stream.write(line)
        lines += 1
    return ExportSummary(fmt=FORMAT.name, written=lines - 1)


FORMAT = ExportFormat(
    name="csv",
    suffix="csv",
    media_type="text/csv",
    binary=False,
    about="one row an event in flat columns, with a header row",
    write=write_csv,
)
