"""``overtures serve``: the HTTP API and the dashboard over a store, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from overtures import api
from overtures.cli.base import DbOption, app, db_url, err, user_errors
from overtures.settings import API_KEY_ENV, DB_ENV, DEFAULT_MAX_BODY, HOSTS_ENV, MAX_BODY_ENV


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another host name the server answers to (repeatable); --host and loopback are in."
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option(help="Largest request body accepted, in bytes.", min=1)
    ] = DEFAULT_MAX_BODY,
    workers: Annotated[
        int, typer.Option(help="Server processes answering requests (one per core is a good start).", min=1)
    ] = 1,
) -> None:
    """Serve the HTTP API over the database; POST /articles needs $OVERTURES_API_KEY to be set.

    Requests naming another Host are refused (DNS rebinding); add names with --allowed-host.

    Example: overtures serve --db sqlite:///overtures.db --port 8000 --allowed-host events.example.org
    """
    import uvicorn

    from overtures.server import create_app

    url = db_url(db)
    with user_errors():
        api.open_store(url).close()  # fail here, in one line, on a bad URL or schema
    hosts = [host, *(allowed_host or [])]
    if not os.environ.get(API_KEY_ENV):
        err(f"POST /articles is off: set {API_KEY_ENV} to ingest through the API")
    typer.echo(f"serving {url} at http://{_url_host(host)}:{port}/ (API docs at /docs); Ctrl+C stops")
    if workers == 1:
        web_app = create_app(url, allowed_hosts=hosts, max_body=max_body)
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
        return
    os.environ.update({DB_ENV: url, HOSTS_ENV: ",".join(hosts), MAX_BODY_ENV: str(max_body)})
    uvicorn.run(
        "overtures.server.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


def _url_host(host: str) -> str:
    """The host as it goes in a URL: IPv6 addresses in brackets."""
    return f"[{host}]" if ":" in host else host
