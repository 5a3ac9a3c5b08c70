"""plotly.js for the dashboard's charts, served from the installed ``plotly`` package's own files.

The script is never copied into this repository nor fetched from a CDN: ``/dashboard/plotly.min.js`` is
the file in the wheel (``plotly/package_data``). plotly.js adds inline ``<style>`` elements unless elements
with their ids are already in the page: its own rules (skipped when that element has the class
``no-inline-styles``; ``static/plotly.css`` holds the rules the dashboard needs) and MapLibre's (for map
tiles, which the dashboard does not draw). The Content-Security-Policy forbids inline styles, so the
dashboard's loader (``static/js/plot.js``) puts elements with those ids in the page first; the ids are
read from the script itself (``/dashboard/plotly.json``), so a new plotly.js cannot bring a new one
unnoticed.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

SCRIPT_ROUTE = "/dashboard/plotly.min.js"
_VERSION = re.compile(rb"plotly\.js v([0-9][0-9A-Za-z.+-]*)")
_STYLE_ID = re.compile(rb'getElementById\("([^"]+)"\)\)\{var [\w$]+=document\.createElement\("style"\)')


@functools.cache
def script_path() -> Path:
    """The plotly.min.js shipped in the installed plotly wheel (found without importing plotly, which is
    slow to import and not needed here)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the dashboard's charts need the plotly package: pip install plotly")
    return Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"


@functools.cache
def script_facts() -> dict[str, object]:
    """Where the script is, its version, and the ids of the inline styles it adds unless they exist."""
    text = script_path().read_bytes()
    version = _VERSION.search(text[:500])
    number = version.group(1).decode() if version else None
    return {
        "script": f"{SCRIPT_ROUTE}?v={number}" if number else SCRIPT_ROUTE,  # a new version, a new URL
        "version": number,
        "style_ids": sorted({found.decode() for found in _STYLE_ID.findall(text)}),
    }


def mount_plotly(app: FastAPI) -> None:
    """Serve the script and the facts the loader needs about it; neither is in the API schema."""
    app.add_api_route(SCRIPT_ROUTE, _script, methods=["GET"], include_in_schema=False)
    app.add_api_route("/dashboard/plotly.json", script_facts, methods=["GET"], include_in_schema=False)


# The script's URL names its version, so a browser may keep it: 4.8 MB are fetched once, not per page.
CACHE_FOR_A_YEAR = {"Cache-Control": "public, max-age=31536000, immutable"}


async def _script() -> FileResponse:
    return FileResponse(script_path(), media_type="text/javascript", headers=CACHE_FOR_A_YEAR)
