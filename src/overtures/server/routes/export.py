"""/export: the filtered events as a file in a standard format (the formats of ``overtures export``)."""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from overtures import api
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import event_query
from overtures.server.state import ServerState, server_state
from overtures.store import EventQuery

router = APIRouter(tags=["export"], responses=ERROR_RESPONSES)
Format = Literal["csv", "parquet", "jsonl", "geojson", "gexf", "gdelt"]
MEDIA_TYPES = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "gexf": "application/xml",
    "gdelt": "text/tab-separated-values",
}
SUFFIXES = {"gdelt": "tsv"}


@router.get(
    "/export",
    response_class=FileResponse,
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "the file"}},
)
def export_events(
    state: Annotated[ServerState, Depends(server_state)],
    query: Annotated[EventQuery, Depends(event_query)],
    format: Annotated[Format, Query(description="file format; docs/exports.md describes each")] = "csv",
    header: Annotated[bool, Query(description="column names in the gdelt format")] = False,
) -> FileResponse:
    """Every event matching the filters, written to a file and sent as a download."""
    suffix = SUFFIXES.get(format, format)
    handle, path = tempfile.mkstemp(prefix="overtures-export-", suffix=f".{suffix}")
    os.close(handle)
    try:
        api.export(db=state.db_url, fmt=format, out=path, query=query, header=header)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[format],
        filename=f"events.{suffix}",
        background=BackgroundTask(os.unlink, path),
    )
