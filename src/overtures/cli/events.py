"""The events command: stored events with filters, or one row per event cluster."""

from __future__ import annotations

from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, format_events, user_errors, write_lines
from overtures.cli.filters import NO_FILTERS, EventFilters, event_filters
from overtures.errors import OverturesError
from overtures.export import cluster_lines
from overtures.model import Event, EventCluster


@app.command()
@event_filters
def events(
    db: DbOption = None,
    filters: EventFilters = NO_FILTERS,
    text: Annotated[str | None, typer.Option(help="Words the evidence sentence contains.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    by_cluster: Annotated[
        bool, typer.Option("--by-cluster", help="One row per event cluster, with its number of reports.")
    ] = False,
) -> None:
    """List stored events with filters, or with --by-cluster one row per event cluster.

    Example: overtures events --dyad RUS,AFG --format table --by-cluster
    """
    with user_errors():
        query = filters.query(limit=limit, text=text)
        store = api.open_store(db_url(db))
        try:
            if by_cluster:
                _list_clusters(store.clusters(query), fmt)
                return
            found = store.events(query)
        finally:
            store.close()
        if fmt == "table":
            _event_table(found)
        else:
            write_lines(format_events(found, fmt), None)


def _event_table(found: list[Event]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("date", "source", "cameo", "target", "modality", "evidence")
    for e in found:
        table.add_row(
            e.date.date.isoformat() if e.date.date else "",
            e.source.code if e.source else "",
            e.cameo,
            e.target.code if e.target else "",
            e.modality.value,
            e.evidence[0].sentence[:90],
        )
    Console().print(table)


def _list_clusters(found: list[EventCluster], fmt: str) -> None:
    if fmt not in ("table", "jsonl", "csv"):
        raise OverturesError(f"Unknown format '{fmt}'", hint="use --format table, jsonl or csv")
    if fmt != "table":
        write_lines(cluster_lines(found, fmt), None)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("cluster", "reports", "articles", "date", "source", "cameo", "target", "evidence")
    for c in found:
        e = c.event
        day = e.date.date.isoformat() if e.date.date else ""
        source, target = (e.source.code if e.source else ""), (e.target.code if e.target else "")
        table.add_row(
            c.cluster_id,
            str(c.reports),
            str(c.articles),
            day,
            source,
            e.cameo,
            target,
            e.evidence[0].sentence[:70],
        )
    Console().print(table)
