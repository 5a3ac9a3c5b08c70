"""``overtures serve``: the HTTP API and the dashboard over a store, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, err, user_errors
from overtures.settings import API_KEY_ENV


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the HTTP API over the database; POST /articles needs $OVERTURES_API_KEY to be set.

    Example: overtures serve --db sqlite:///overtures.db --port 8000
    """
    import uvicorn

    from overtures.server import create_app

    url = db_url(db)
    with user_errors():
        api.open_store(url).close()  # fail here, in one line, on a bad URL or schema
    web_app = create_app(url)
    if not os.environ.get(API_KEY_ENV):
        err(f"POST /articles is off: set {API_KEY_ENV} to ingest through the API")
    typer.echo(f"serving {url} at http://{_url_host(host)}:{port}/ (API docs at /docs); Ctrl+C stops")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def _url_host(host: str) -> str:
    """The host as it goes in a URL: IPv6 addresses in brackets."""
    return f"[{host}]" if ":" in host else host
