"""The ingest command: read, parse, code and store articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import (
    STATE,
    DbOption,
    FullParseOption,
    app,
    db_url,
    err,
    progress,
    report_error,
    user_errors,
)
from overtures.model import IngestSummary
from overtures.settings import BATCH_SIZE, MAX_ARTICLE_CHARS, ONE_PROCESS_BATCH


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for JSON Lines on stdin.")],
    db: DbOption = None,
    max_chars: Annotated[
        int, typer.Option(help="Cap each article at this many characters.")
    ] = MAX_ARTICLE_CHARS,
    actors: Annotated[
        Path | None, typer.Option(help="Extra actor YAML file (extends the knowledge base).")
    ] = None,
    dictionary: Annotated[Path | None, typer.Option(help="Extra CAMEO dictionary YAML file.")] = None,
    workers: Annotated[
        int, typer.Option(help="Parse and code on this many local worker processes (1: in this one).")
    ] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Code on an existing Dask cluster, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            help=f"Articles parsed, coded and committed together (fewer: less lost to a crash); default "
            f"{ONE_PROCESS_BATCH} on one process; with workers {BATCH_SIZE} a batch, finished batches "
            f"committed {ONE_PROCESS_BATCH} articles at a time.",
            show_default=False,
        ),
    ] = None,
    code_duplicates: Annotated[
        bool,
        typer.Option("--code-duplicates", help="Code near-duplicates too, not just link them."),
    ] = False,
    full_parse: FullParseOption = False,
) -> None:
    """Read, parse, code and store articles (JSON Lines, .txt, .html, RSS/Atom, folders, stdin).

    Example: overtures ingest examples/corpus --workers 2
    """
    with user_errors(), progress() as tick:
        summary = api.ingest(
            paths,
            db=db_url(db),
            actors=actors,
            dictionary=dictionary,
            workers=workers,
            scheduler=scheduler,
            max_chars=max_chars,
            report=report_error,
            progress=tick,
            link_duplicates=not code_duplicates,
            batch_size=batch_size,
            full_parse=full_parse,
        )
    _print_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


def _print_summary(summary: IngestSummary) -> None:
    if STATE["quiet"] and summary.ok:
        return
    err(
        f"ingested {summary.ingested}, unchanged {summary.unchanged}, skipped {summary.skipped}, "
        f"failed {summary.failed}; {summary.events} events coded"
        + (f"; {summary.duplicates} near-duplicates linked, not coded" if summary.duplicates else "")
    )
