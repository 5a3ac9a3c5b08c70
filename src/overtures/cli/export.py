"""The export command: stored events as csv, jsonl, parquet, geojson, gexf or gdelt files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import STATE, DbOption, app, db_url, err, parse_date, parse_dyad, user_errors
from overtures.errors import InputError
from overtures.export import BINARY_FORMATS, FORMATS, check_format
from overtures.model import Modality
from overtures.store import EventQuery


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (required for parquet and gexf); else stdout."),
    ] = None,
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Source or target: country, code or name.")] = None,
    dyad: Annotated[str | None, typer.Option(help="Two countries, e.g. RUS,AFG (either direction).")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code or prefix, e.g. 04 or 042.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, YYYY-MM-DD.")] = None,
    all_modalities: Annotated[
        bool, typer.Option("--all-modalities", help="Include non-asserted events.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many events (default: all).")] = None,
    header: Annotated[
        bool, typer.Option("--header", help="gdelt: start with a line of column names.")
    ] = False,
) -> None:
    """Export stored events: csv, jsonl, parquet, geojson, gexf (actor network) or gdelt (GDELT 2.0 table).

    Example: overtures export --format parquet --dyad PAK,AFG -o pak-afg.parquet
    """
    with user_errors():
        name = check_format(fmt)
        if output is None and name in BINARY_FORMATS:
            raise InputError(
                f"--format {name} writes a binary file", hint=f"add -o FILE, e.g. -o events.{name}"
            )
        query = EventQuery(
            actor=actor,
            dyad=parse_dyad(dyad),
            cameo=cameo,
            date_from=parse_date(since),
            date_to=parse_date(until),
            limit=limit,
            modality=None if all_modalities else Modality.ASSERTED,
        )
        summary = api.export(db=db_url(db), fmt=name, out=output or sys.stdout, query=query, header=header)
    if not STATE["quiet"]:
        err(summary.describe(str(output) if output else "stdout"))
