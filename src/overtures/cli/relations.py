"""The relations ledger command: who holds which state towards a target, since when, on what evidence."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, db_url, parse_date, user_errors
from overtures.cli.base import app as cli_app
from overtures.errors import OverturesError
from overtures.relations import LedgerRow, relation_record


@cli_app.command()
def relations(
    target: Annotated[
        str | None,
        typer.Option(help="Target country or organisation, e.g. AFG or IGOUNO (default: every target)."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only this actor country or organisation, e.g. RUS or IGOEUREEC.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="States in force on this date, YYYY-MM-DD (default: latest)."),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every state over time, with valid_from and valid_to.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    db: DbOption = None,
) -> None:
    """Relation states (recognition, terrorist designation, embassy, ambassador, sanctions, engagement,
    hostility) towards a target, each with its evidence.

    Example: overtures relations --target AFG --as-of 2025-05-01
    """
    with user_errors():
        if fmt not in ("table", "json"):
            raise OverturesError(f"unknown format '{fmt}'", hint="use --format table or --format json")
        rows = api.relations(
            db=db_url(db), target=target, actor=actor, as_of=parse_date(as_of), history=history
        )
    if fmt == "json":
        typer.echo(json.dumps([relation_record(r) for r in rows], indent=2, ensure_ascii=False))
    else:
        _table(rows)


@cli_app.command()
def rebuild(db: DbOption = None) -> None:
    """Compute the stored relations ledger and dyad tallies again from every stored event (saving keeps
    them up to date; rebuild after writing events into the database by other means).

    Example: overtures rebuild --db sqlite:///overtures.db
    """
    with user_errors():
        api.rebuild(db=db_url(db))
    typer.echo("rebuilt the relations ledger and the dyad tallies")


def _table(rows: list[LedgerRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("actor", "target", "relation", "value", "from", "to", "evidence")
    for r in rows:
        first = r.evidence[0].sentence[:80] if r.evidence else ""
        more = f" (+{len(r.evidence) - 1})" if len(r.evidence) > 1 else ""
        table.add_row(
            r.actor,
            r.target,
            r.relation,
            r.value,
            *r.labels(),
            first + more,
        )
    Console(width=200).print(table)
