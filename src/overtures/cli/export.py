"""The export command: stored events as csv, jsonl, parquet, geojson, gexf or gdelt files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import STATE, DbOption, app, db_url, err, user_errors
from overtures.cli.filters import NO_FILTERS, EventFilters, event_filters
from overtures.errors import InputError
from overtures.export import FORMATS, find_format

_BINARY_NAMES = " and ".join(name for name, export_format in FORMATS.items() if export_format.binary)


@app.command()
@event_filters
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=f"File to write (required for {_BINARY_NAMES}); else stdout."),
    ] = None,
    db: DbOption = None,
    filters: EventFilters = NO_FILTERS,
    limit: Annotated[int | None, typer.Option(help="At most this many events (default: all).")] = None,
    header: Annotated[
        bool, typer.Option("--header", help="gdelt: start with a line of column names.")
    ] = False,
) -> None:
    """Export stored events: csv, jsonl, parquet, geojson, gexf (actor network) or gdelt (GDELT 2.0 table).

    Example: overtures export --format parquet --dyad PAK,AFG -o pak-afg.parquet
    """
    with user_errors():
        export_format = find_format(fmt)
        if output is None and export_format.binary:
            raise InputError(
                f"--format {export_format.name} writes a binary file",
                hint=f"add -o FILE, e.g. -o events.{export_format.suffix}",
            )
        query = filters.query(limit=limit)
        summary = api.export(
            db=db_url(db), fmt=export_format.name, out=output or sys.stdout, query=query, header=header
        )
    if not STATE["quiet"]:
        err(summary.describe(str(output) if output else "stdout"))
