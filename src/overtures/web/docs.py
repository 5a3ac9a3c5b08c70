"""The API documentation at ``/docs``: Swagger UI served from the package, never from a CDN.

The Swagger UI files come from the ``fastapi-offline`` package; the page and the script that starts
Swagger UI are ours (``static/docs.html``, ``static/docs.js``), so the page runs under the same
Content-Security-Policy as the dashboard: no inline script, nothing from another host.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

SWAGGER_UI = Path(fastapi_offline.__file__).resolve().parent / "static"
DOCS_PAGE = Path(__file__).resolve().parent / "static" / "docs.html"


def mount_docs(app: FastAPI) -> None:
    """Serve the docs page at ``/docs`` and the Swagger UI files under ``/docs/assets``."""
    app.add_api_route("/docs", _docs, methods=["GET"], include_in_schema=False)
    app.mount("/docs/assets", StaticFiles(directory=SWAGGER_UI), name="swagger-ui")


async def _docs() -> FileResponse:
    return FileResponse(DOCS_PAGE, media_type="text/html")
