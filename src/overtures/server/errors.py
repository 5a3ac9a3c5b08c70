"""One error shape for every failure: ``{"error": "<what is wrong>", "hint": "<what to do>"}``.

Bad parameters are 422 (FastAPI's own checks and overtures' InputError alike), unknown ids 404, a missing
or wrong key 401; other OverturesErrors keep their own HTTP status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, get_args

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from overtures.errors import InputError, OverturesError
from overtures.server.params import ModalityParam, PrecisionParam
from overtures.server.schemas import ErrorOut

HINTS = {
    "limit": "give limit between 1 and 500",
    "cursor": "pass the 'next' value of the previous page unchanged",
    "modality": f"use one of {', '.join(get_args(ModalityParam))}",
    "sort": "use date or -date",
    "precision": f"use one of {', '.join(get_args(PrecisionParam))}",
    "since": "write dates as YYYY-MM-DD",
    "until": "write dates as YYYY-MM-DD",
    "as_of": "write dates as YYYY-MM-DD",
    "dyad": "give two country codes, e.g. dyad=RUS,AFG",
    "country": "give an ISO alpha-3 country code, e.g. AFG",
    "cameo": "give a CAMEO code or prefix of 2 to 4 digits, e.g. 04 or 042",
    "root": "give a CAMEO root from 01 to 20",
    "quad_class": "give a quad class from 1 to 4",
    "body": 'send one article {"text": ...} or a list of them as JSON',
}
WRONG_BRANCH = {"list_type", "model_type", "model_attributes_type", "dict_type"}
DEFAULT_HINT = "see /docs for the accepted parameters"
STATUS_HINTS = {404: "see /docs for the endpoints", 405: "see /docs for the methods of this endpoint"}

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "the Host header is not a name this server answers to"},
    422: {"model": ErrorOut, "description": "a parameter or the body is invalid"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no such id"}}


def error_response(
    status: int, error: str, hint: str, *, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The JSON error body with its status."""
    body = ErrorOut(error=error, hint=hint).model_dump()
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def _where(location: Sequence[Any]) -> str:
    """The parameter an error is about: 'since', 'body.text', 'body[0].text' (union branch tags such as
    'ArticleIn' or 'list[ArticleIn]' left out)."""
    where = ""
    for part in location:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part not in ("query", "path", "header") and not (part[:1].isupper() or "[" in part):
            where += f".{part}" if where else part
    return where or "request"


def _location(error: Any) -> Sequence[Any]:
    """Where an error is; for a body that is not JSON, the body itself (not the character position)."""
    location: Sequence[Any] = error.get("loc", ())
    return location[:1] if error.get("type") == "json_invalid" else location


def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's parameter and body checks, as one line naming each bad parameter. When the body matched
    one branch of a union (an article, or a list of them), the other branch's type mismatch is dropped."""
    assert isinstance(exc, RequestValidationError)
    errors = [e for e in exc.errors() if e.get("type") not in WRONG_BRANCH] or list(exc.errors())
    problems = [(_where(_location(e)), str(e.get("msg", "is invalid"))) for e in errors]
    error = "; ".join(f"{where}: {message}" for where, message in problems) or "invalid request"
    first = problems[0][0].split(".")[0].split("[")[0] if problems else ""
    return error_response(422, error, HINTS.get(first, DEFAULT_HINT))


def overtures_error(_request: Request, exc: Exception) -> JSONResponse:
    """An OverturesError: an InputError is a bad parameter (422), the rest keep their status."""
    assert isinstance(exc, OverturesError)
    status = 422 if isinstance(exc, InputError) else exc.http_status
    return error_response(status, exc.message, exc.hint or DEFAULT_HINT)


def http_error(_request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own errors (unknown route, wrong method), in the same shape; a body that cannot be
    parsed (FastAPI's 400) is a bad parameter like any other (422)."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400:
        return error_response(422, f"body: {exc.detail}", HINTS["body"])
    hint = STATUS_HINTS.get(exc.status_code, DEFAULT_HINT)
    return error_response(exc.status_code, str(exc.detail), hint, headers=exc.headers)


class RefuseNul:
    """ASGI middleware: a URL holding a NUL character is a 422 before any route sees it (PostgreSQL cannot
    take NUL in a text parameter, so it would otherwise fail in the database)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _url_has_nul(scope):
            hint = "remove the NUL (%00) characters from the URL"
            await error_response(422, "the URL contains a NUL character", hint)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _url_has_nul(scope: Scope) -> bool:
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope.get("path", "") or b"\x00" in query or b"%00" in query


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to the JSON error shape."""
    app.add_middleware(RefuseNul)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(OverturesError, overtures_error)
    app.add_exception_handler(HTTPException, http_error)
