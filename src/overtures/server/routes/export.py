"""/export: the filtered events as a file in a standard format (the formats of ``overtures export``)."""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from overtures import api
from overtures.export import FORMATS
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import event_query
from overtures.server.state import ServerState, server_state
from overtures.store import EventQuery

router = APIRouter(tags=["export"], responses=ERROR_RESPONSES)
if TYPE_CHECKING:
    FormatName = str
else:  # the registry's names, so the spec lists them and FastAPI refuses any other
    FormatName = Literal[tuple(FORMATS)]
_CONTENT: dict[str, dict[str, object]] = {export_format.media_type: {} for export_format in FORMATS.values()}


class ExportFormatOut(BaseModel):
    name: str = Field(description="the value of /export's format parameter")
    suffix: str
    media_type: str
    about: str


@router.get("/export/formats")
def export_formats() -> list[ExportFormatOut]:
    """The formats /export writes, in the registry's order: a client offers these, not a list of its own."""
    return [
        ExportFormatOut(name=f.name, suffix=f.suffix, media_type=f.media_type, about=f.about)
        for f in FORMATS.values()
    ]


@router.get(
    "/export",
    response_class=FileResponse,
    responses={200: {"content": _CONTENT, "description": "the file"}},
)
def export_events(
    state: Annotated[ServerState, Depends(server_state)],
    query: Annotated[EventQuery, Depends(event_query)],
    format: Annotated[FormatName, Query(description="file format; docs/exports.md describes each")] = "csv",
    header: Annotated[bool, Query(description="column names in the gdelt format")] = False,
) -> FileResponse:
    """Every event matching the filters, written to a file and sent as a download."""
    export_format = FORMATS[format]
    suffix = export_format.suffix
    handle, path = tempfile.mkstemp(prefix="overtures-export-", suffix=f".{suffix}")
    os.close(handle)
    try:
        api.export(db=state.db_url, fmt=format, out=path, query=query, header=header)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=export_format.media_type,
        filename=f"events.{suffix}",
        background=BackgroundTask(os.unlink, path),
    )
