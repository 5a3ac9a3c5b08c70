"""The ``overtures`` command's app, global options and helpers shared by every command module.

Every command prints one clean line per user error ("[O104] ...; what to do"), and a traceback only with -v.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from overtures import api
from overtures.errors import OverturesError
from overtures.export import csv_lines, jsonl_lines
from overtures.model import Event, RecordError
from overtures.settings import DB_ENV, DEFAULT_DB_URL, VERSION

app = typer.Typer(
    help="Turn news articles into political event data and track relations between states and armed groups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")
STATE: dict[str, Any] = {"db": None, "verbose": False, "quiet": False}

DbOption = Annotated[
    str | None, typer.Option("--db", help=f"Database URL (default: ${DB_ENV} or {DEFAULT_DB_URL}).")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: jsonl or csv.")]
FullParseOption = Annotated[
    bool,
    typer.Option(
        "--full-parse", help="Parse every line, not only those that can hold an event (for comparison)."
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"overtures {VERSION}")
        raise typer.Exit()


@app.callback()
def main(
    db: DbOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show details and full tracebacks.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn news articles into political event data.

    Example: overtures --db sqlite:///news.db ingest examples/corpus
    """
    STATE.update(db=db, verbose=verbose, quiet=quiet)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


def db_url(local: str | None) -> str:
    return local or STATE["db"] or api.default_db()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn OverturesError into one line on stderr and exit code 1."""
    try:
        yield
    except OverturesError as exc:
        if STATE["verbose"]:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except (OSError, ValueError, RuntimeError) as exc:
        if STATE["verbose"]:
            raise
        typer.echo(f"error: {type(exc).__name__}: {exc}; run with -v for the full traceback", err=True)
        raise typer.Exit(2) from None


def err(line: str) -> None:
    typer.echo(line, err=True)


def report_error(error: RecordError) -> None:
    err(str(error))


@contextmanager
def progress() -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; silent in pipes, CI and with --quiet."""
    if STATE["quiet"] or not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        transient=True,
        auto_refresh=False,  # redrawn at each batch: no refresh thread, so worker processes can fork
    ) as bar:
        task = bar.add_task("ingesting", total=None)
        yield lambda done: bar.update(task, advance=done, refresh=True)


def format_events(events: Iterable[Event], fmt: str) -> Iterator[str]:
    if fmt == "jsonl":
        return (line + "\n" for line in jsonl_lines(events))
    if fmt == "csv":
        return csv_lines(events)
    raise OverturesError(f"Unknown format '{fmt}'", hint="use --format jsonl or --format csv")


def write_lines(lines: Iterable[str], output: Path | None) -> None:
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for line in lines:
            handle.write(line)
    finally:
        if output:
            handle.close()


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip().upper() for p in value.replace("-", ",").split(",") if p.strip()]
    if len(parts) != 2:
        raise OverturesError(f"--dyad needs two countries, got '{value}'", hint="write it as RUS,AFG")
    return parts[0], parts[1]


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OverturesError(f"'{value}' is not a date", hint="write dates as YYYY-MM-DD") from None
