"""The eval command: score events against gold data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from overtures import api
from overtures.cli.base import app, report_error, user_errors
from overtures.errors import OverturesError
from overtures.model import Event


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
