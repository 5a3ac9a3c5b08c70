"""The extract command: code events without a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import (
    FormatOption,
    FullParseOption,
    app,
    format_events,
    report_error,
    user_errors,
    write_lines,
)
from overtures.model import Outcome, RecordError


@app.command()
def extract(
    input: Annotated[str, typer.Argument(help="Articles to code: JSON Lines (or any ingest format).")],
    fmt: FormatOption = "jsonl",
    all_modalities: Annotated[
        bool,
        typer.Option(
            "--all-modalities", help="Also list negated, hypothetical, expected and speculative events."
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    actors: Annotated[Path | None, typer.Option(help="Extra actor YAML file.")] = None,
    dictionary: Annotated[Path | None, typer.Option(help="Extra CAMEO dictionary YAML file.")] = None,
    full_parse: FullParseOption = False,
) -> None:
    """Code events without a database, one event a line.

    Example: overtures extract ../shared/eval/inputs/seed.jsonl --format jsonl > events.jsonl
    """
    from overtures.pipeline import load_services

    failed: list[RecordError] = []

    def report(error: RecordError) -> None:
        report_error(error)
        if error.outcome is Outcome.FAILED:
            failed.append(error)

    with user_errors():
        services = load_services(actors=actors, dictionary=dictionary, full_parse=full_parse)
        events = api.extract(input, services=services, all_modalities=all_modalities, report=report)
        write_lines(format_events(events, fmt), output)
    if failed:
        raise typer.Exit(1)
