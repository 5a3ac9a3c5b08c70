"""write_events: every export format through one function, to a path or an open stream; FORMATS, the
registry of formats that the CLI, the API and docs/exports.md read.

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
from overtures.export import csvfile, gdelt, geojson, jsonl, network, parquet
from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.summary import ArticleLookup, ExportSummary
from overtures.model import Event

# In the order the CLI's help and errors list them; each module declares its own format.
FORMATS: dict[str, ExportFormat] = {
    module.FORMAT.name: module.FORMAT for module in (csvfile, jsonl, parquet, geojson, network, gdelt)
}

Output = str | os.PathLike[str] | IO[str] | IO[bytes]


def find_format(fmt: str) -> ExportFormat:
    """The format of this name, in any case; InputError naming the formats when there is none."""
    found = FORMATS.get(fmt.strip().lower())
    if found is None:
        raise InputError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return found


def write_events(
    events: Iterable[Event],
    fmt: str,
    out: Output,
    *,
    articles: ArticleLookup | None = None,
    header: bool = False,
) -> ExportSummary:
    """Write events in ``fmt`` (a name in FORMATS) to a path or a stream.

    ``articles`` gives the gdelt format each event's article (source URL, publication date, lead
    paragraph); ``header`` adds the column names to the gdelt format, which has none by default.
    """
    export_format = find_format(fmt)
    options = ExportOptions(articles=articles, header=header)
    if export_format.binary:
        with binary_output(out, export_format.name) as handle:
            return export_format.write(events, handle, options)
    with text_output(out) as stream:
        return export_format.write(events, stream, options)


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
