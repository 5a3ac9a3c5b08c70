"""The quotes command: stored quotes with their speakers."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, user_errors
from overtures.export import quote_record


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
