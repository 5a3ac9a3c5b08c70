"""The write key: POST /articles needs the X-API-Key header to equal the server's key
(OVERTURES_API_KEY), compared in constant time. Without a key configured, writing is switched off (503)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Security
from fastapi.security import APIKeyHeader

from overtures.errors import OverturesError
from overtures.server.state import StateDep
from overtures.settings import API_KEY_ENV

KEY_HEADER = "X-API-Key"

api_key_header = APIKeyHeader(
    name=KEY_HEADER, auto_error=False, description=f"the server's key, from ${API_KEY_ENV}"
)


class KeyRefused(OverturesError):
    """The request has no key, or the wrong one."""

    code = "O601"
    http_status = 401


class WritingDisabled(OverturesError):
    """The server was started without a key, so nothing may be written through it."""

    code = "O602"
    http_status = 503


def check_key(expected: str | None, given: str | None) -> None:
    """Raise unless ``given`` is the server's key; without a key configured, writing is off."""
    if not expected:
        raise WritingDisabled(
            "ingest through the API is switched off: the server has no API key",
            hint=f"restart the server with {API_KEY_ENV} set",
        )
    if given is None or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise KeyRefused(
            f"missing or wrong {KEY_HEADER} header", hint=f"send the key of {API_KEY_ENV} in {KEY_HEADER}"
        )


def require_key(state: StateDep, given: Annotated[str | None, Security(api_key_header)]) -> None:
    """Let the request through only with the right key (the route's declaration of it, for the docs; the
    GateWrites middleware has already checked it before the body was read)."""
    check_key(state.api_key, given)
