"""The stats command: what the database holds."""

from __future__ import annotations

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, user_errors


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
