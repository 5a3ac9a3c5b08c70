"""Commands over time: ``dyad`` (a pair of countries' events per period) and ``shifts`` (dyads whose
latest period departs from their own history)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, err, parse_date, user_errors
from overtures.errors import InputError
from overtures.relations.departure import ShiftRule
from overtures.relations.series import PeriodRow, period_record, series_frame
from overtures.relations.shifts import ShiftsReport, report_record

PeriodOption = Annotated[str, typer.Option("--by", help="Period length: month, week (ISO) or year.")]


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="A country, ISO alpha-3, e.g. RUS.")],
    b: Annotated[str, typer.Argument(help="The other country, e.g. AFG.")],
    db: DbOption = None,
    by: PeriodOption = "month",
    directed: Annotated[
        bool, typer.Option("--directed", help="Only events from the first country to the second.")
    ] = False,
    since: Annotated[str | None, typer.Option(help="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Two countries' asserted events per month, week or year.

    Each period: events per QuadClass, Goldstein sum and mean, the top CAMEO codes, and the articles
    published in it (the coverage denominator) with events per article.

    Example: overtures dyad RUS AFG --by month --format table
    """
    with user_errors():
        _check_format(fmt, ("table", "csv", "json"))
        url = db_url(db)
        rows = api.dyad_series(
            a, b, db=url, by=by, directed=directed, date_from=parse_date(since), date_to=parse_date(until)
        )
        undated = api.undated_events(a, b, db=url, directed=directed)
    if undated:
        err(f"{undated} undated events left out")
    if not any(row.events for row in rows):
        err(f"no asserted events between {a.upper()} and {b.upper()} in these dates")
    if fmt == "json":
        typer.echo(json.dumps([period_record(row) for row in rows], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        typer.echo(series_frame(rows).to_csv(lineterminator="\n"), nl=False)
    else:
        _series_table(rows)


def _check_format(fmt: str, known: tuple[str, ...]) -> None:
    if fmt not in known:
        raise InputError(f"unknown format {fmt!r}", hint=f"use --format {' or '.join(known)}")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _series_table(rows: list[PeriodRow]) -> None:
    """The rows as a table narrow enough for 80 columns: sum and mean are Goldstein scores (CSV and JSON
    have every field)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, padding=(0, 1), pad_edge=False)
    table.add_column("period", no_wrap=True)
    for column in ("q1/q2/q3/q4", "events", "sum", "mean", "top codes", "articles", "rate"):
        table.add_column(column, justify="left" if column == "top codes" else "right", no_wrap=True)
    for row in rows:
        quads = "/".join(str(n) for n in (row.q1, row.q2, row.q3, row.q4))
        codes = ",".join(f"{code}:{count}" for code, count in row.top_codes)
        numbers = [_number(row.goldstein_sum), _number(row.goldstein_mean), codes]
        table.add_row(row.period, quads, str(row.events), *numbers, str(row.articles), _number(row.rate))
    Console().print(table)


@app.command()
def shifts(
    db: DbOption = None,
    period: Annotated[str, typer.Option(help="Period length: month, week (ISO) or year.")] = "month",
    as_of: Annotated[
        str | None, typer.Option(help="Date in the latest period, YYYY-MM-DD (default: latest event).")
    ] = None,
    z: Annotated[float, typer.Option("--z", help="Flag when |z| reaches this.")] = 2.0,
    min_events: Annotated[int, typer.Option(help="Events the latest period needs.")] = 3,
    min_history: Annotated[int, typer.Option(help="Earlier periods the history needs.")] = 2,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Country dyads whose latest period departs from their own history.

    A dyad's mean Goldstein or event count in the latest period, at |z| >= 2 against its earlier periods
    (README, "Shifts"); each shift lists the period's strongest events as evidence.

    Example: overtures shifts --period month --as-of 2025-10-31 --format json
    """
    with user_errors():
        _check_format(fmt, ("table", "json"))
        report = api.shifts(
            db=db_url(db),
            period=period,
            as_of=parse_date(as_of),
            rule=ShiftRule(z=z, min_events=min_events, min_history=min_history),
        )
    if fmt == "json":
        typer.echo(json.dumps(report_record(report), indent=2, ensure_ascii=False))
    else:
        _shifts_table(report)


def _shifts_table(report: ShiftsReport) -> None:
    """One line per shift, then its evidence indented: sentences are too long for table cells."""
    found = len(report.dyad_shifts)
    as_of = report.as_of.isoformat()
    typer.echo(f"{report.period.label} (as of {as_of}): {found} dyad shift{'' if found == 1 else 's'}")
    for shift in report.dyad_shifts:
        typer.echo(
            f"{'-'.join(shift.dyad)}  {shift.measure.value}  {_number(shift.value)} against "
            f"{_number(shift.history_mean)} +- {_number(shift.history_stdev)} over {shift.history_periods} "
            f"periods  z {_number(shift.z)}  ({shift.events} events)"
        )
        for item in shift.evidence:
            where = f"{item.article_id}:{item.start}-{item.end}"
            typer.echo(f"    {item.cameo} {_number(item.goldstein):>6}  {where}  {item.sentence}")
    changes = len(report.state_changes)
    typer.echo(f"{changes} relation state change{'' if changes == 1 else 's'}")
    for row in report.state_changes:
        since = row.labels()[0] or "undated"
        typer.echo(f"{row.actor}->{row.target}  {row.relation} = {row.value}  from {since}")
        for evidence in row.evidence:
            typer.echo(f"    {evidence.article_id}:{evidence.start}-{evidence.end}  {evidence.sentence}")
