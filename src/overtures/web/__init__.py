"""The web dashboard: static pages served by the API app at ``/`` with their assets under ``/static``.

Everything the browser loads is in ``static/`` (HTML, CSS and ES modules written for this project), except
plotly.js, which comes from the installed ``plotly`` package (``overtures.web.plotly``); there is no build
step and nothing comes from a CDN. The pages read the JSON API of ``overtures.server``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from overtures.web.land import populated_cells
from overtures.web.plotly import mount_plotly

STATIC = Path(__file__).resolve().parent / "static"
INDEX = STATIC / "index.html"


def mount_dashboard(app: FastAPI) -> None:
    """Serve the dashboard: ``index.html`` at ``/``, every asset at ``/static/...``, the map backdrop and
    plotly.js."""
    app.add_api_route("/", _index, methods=["GET"], include_in_schema=False)
    app.add_api_route("/dashboard/land.json", _land, methods=["GET"], include_in_schema=False)
    mount_plotly(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


async def _index() -> FileResponse:
    """The dashboard page; its routes are client-side hashes (``#/events``, ``#/map``, ...)."""
    return FileResponse(INDEX, media_type="text/html")


def _land() -> dict[str, object]:
    """The populated 1-degree cells the map draws behind the events."""
    return {"cell": 1, "cells": populated_cells()}


__all__ = ["STATIC", "mount_dashboard"]
