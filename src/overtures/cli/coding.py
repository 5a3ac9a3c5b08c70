"""Commands that read and code articles and list what was coded: ingest, extract, events, eval, codes,
stats, quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from overtures import api
from overtures.cli.base import (
    STATE,
    ActorOption,
    AllModalitiesOption,
    CameoOption,
    DbOption,
    DyadOption,
    FormatOption,
    SinceOption,
    UntilOption,
    app,
    db_url,
    err,
    event_query,
    format_events,
    progress,
    report_error,
    user_errors,
    write_lines,
)
from overtures.errors import OverturesError
from overtures.export import cluster_lines, quote_record
from overtures.model import Event, EventCluster, IngestSummary, Outcome, RecordError
from overtures.settings import BATCH_SIZE, MAX_ARTICLE_CHARS


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
        int,
        typer.Option(
            min=1, help="Articles parsed, coded and committed together (fewer: less lost to a crash)."
        ),
    ] = BATCH_SIZE,
    code_duplicates: Annotated[
        bool,
        typer.Option("--code-duplicates", help="Code near-duplicates too, not just link them."),
    ] = False,
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
        services = load_services(actors=actors, dictionary=dictionary)
        events = api.extract(input, services=services, all_modalities=all_modalities, report=report)
        write_lines(format_events(events, fmt), output)
    if failed:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = None,
    actor: ActorOption = None,
    dyad: DyadOption = None,
    cameo: CameoOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[str | None, typer.Option(help="Words the evidence sentence contains.")] = None,
    all_modalities: AllModalitiesOption = False,
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
        query = event_query(
            actor=actor,
            dyad=dyad,
            cameo=cameo,
            since=since,
            until=until,
            all_modalities=all_modalities,
            limit=limit,
            text=text,
        )
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


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file: seed gold JSON, PETRARCH or PLOVER JSON Lines.")],
    predictions: Annotated[
        Path | None, typer.Argument(help="Predicted events (extract's JSON Lines).")
    ] = None,
    run: Annotated[Path | None, typer.Option(help="Code this input first and score what comes out.")] = None,
    suite: Annotated[
        str | None, typer.Option(help="Score only records of this suite, e.g. petr2_gsr.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
) -> None:
    """Score events against gold data, with the same figures as shared/eval/score.py.

    Example: overtures eval ../shared/eval/seed/gold.json --run ../shared/eval/inputs/seed.jsonl
    """
    with user_errors():
        result = api.score(gold, _predictions(predictions, run), suite=suite)
    _print_result(result, as_json=as_json)


def _predictions(predictions: Path | None, run: Path | None) -> Path | list[Event]:
    if run is not None:
        return list(api.extract(run, report=report_error))
    if predictions is None:
        raise OverturesError(
            "eval needs PREDICTIONS or --run INPUT",
            hint="e.g. overtures eval GOLD --run ../shared/eval/inputs/seed.jsonl",
        )
    return predictions


def _print_result(result: dict[str, Any], *, as_json: bool) -> None:
    from overtures.evaluation import summary_line

    if as_json or "type_accuracy" in result:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for label, key in (
        ("miss", "misses"),
        ("false positive", "false_positive_events"),
        ("FORBIDDEN", "forbidden_events"),
    ):
        for item in result[key]:
            typer.echo(f"{label} {json.dumps(item, ensure_ascii=False)}")
    typer.echo(summary_line(result))


@app.command()
def codes(
    root: Annotated[str | None, typer.Argument(help="Only codes under this root, e.g. 04.")] = None,
) -> None:
    """List CAMEO codes with name, Goldstein score, QuadClass and PLOVER type.

    Example: overtures codes 17
    """
    from overtures.coding.codebook import all_codes

    for c in all_codes():
        if root is None or c.root == root.zfill(2):
            typer.echo(f"{c.code}\t{c.goldstein}\t{int(c.quad_class)}\t{c.plover or '-'}\t{c.name}")


@app.command()
def stats(db: DbOption = None) -> None:
    """Count what the database holds.

    Example: overtures stats
    """
    with user_errors():
        store = api.open_store(db_url(db))
        try:
            for name, count in (store.counts() | store.dedup_counts()).items():
                typer.echo(f"{name}\t{count}")
        finally:
            store.close()


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    mentions: Annotated[str | None, typer.Option(help="A country the quote mentions, e.g. AFG.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many quotes.")] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List stored quotes with their speakers.

    Example: overtures quotes --speaker Kukhdomani --format json
    """
    with user_errors():
        found = api.quotes(db=db_url(db), speaker=speaker, mentions=mentions, limit=limit)
    if fmt == "json":
        typer.echo(json.dumps([quote_record(q) for q in found], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("speaker", "role", "quote", "article")
    for q in found:
        name, role = (q.speaker.name, q.speaker.role) if q.speaker else (None, None)
        table.add_row(name or "", role or "", q.text[:90], q.article_id)
    Console().print(table)
