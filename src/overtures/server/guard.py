"""ASGI middleware that stands in front of every route: security headers, the Host check, the write key
and the body size cap, and a JSON 500 for anything a route did not expect.

Order, outermost first: ``SecureResponses`` (headers on every answer, crashes as JSON), ``CheckHost``
(DNS rebinding: a page elsewhere cannot reach the store through a hostname it points at us),
``GateWrites`` (a write needs the key before its body is read, and a body over the cap is refused unread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from overtures.errors import OverturesError
from overtures.server.errors import error_response

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")
READ_ONLY = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger("overtures.server")


class SecureResponses:
    """Add the security headers to every response; an unexpected exception becomes a logged JSON 500
    (instead of a plain-text page and a reset connection)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.decode() not in SECURITY_HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if not started:
                hint = "this is a bug in overtures: please report it with the URL; the server log has details"
                await error_response(500, "internal server error", hint)(scope, receive, send_secured)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def host_name(host: str) -> str:
    """The name part of a Host header, lower case: 'LocalHost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class CheckHost:
    """Refuse (400) a request whose Host header names a host this server was not told it serves."""

    def __init__(self, app: ASGIApp, *, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(name) for name in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = _header(scope, b"host") if scope["type"] == "http" else None
        if scope["type"] == "http" and (host is None or host_name(host) not in self.allowed):
            error = f"the Host header {host!r} is not a name this server answers to"
            hint = "use the address 'overtures serve' printed, or start it with --allowed-host NAME"
            await error_response(400, error, hint)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class GateWrites:
    """A write (any method but GET, HEAD, OPTIONS) must carry the key, checked before its body is read;
    a body over ``max_body`` bytes is a 413, refused from its Content-Length or once that many bytes came."""

    def __init__(self, app: ASGIApp, *, max_body: int, check_key: Callable[[str | None], None]) -> None:
        self.app = app
        self.max_body = max_body
        self.check_key = check_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            if scope["method"] not in READ_ONLY:
                self.check_key(_header(scope, b"x-api-key"))
            length = _header(scope, b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                raise BodyTooLarge(self._refusal(length), hint=self._hint())
            if length is None and scope["method"] not in READ_ONLY:
                receive = await self._buffered(receive)
        except OverturesError as exc:
            await error_response(exc.http_status, exc.message, exc.hint or "")(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, length: str) -> str:
        return (
            f"the request body ({length} bytes) is larger than this server's limit of {self.max_body} bytes"
        )

    def _hint(self) -> str:
        return "send fewer articles per request, or restart the server with a larger --max-body"

    async def _buffered(self, receive: Receive) -> Receive:
        """Read a body of unknown length, at most ``max_body`` bytes, and replay it to the app."""
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_body:
                raise BodyTooLarge(self._refusal(f"over {self.max_body}"), hint=self._hint())
        replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def receive_again() -> Message:
            return replay.pop() if replay else await receive()

        return receive_again


class BodyTooLarge(OverturesError):
    """The request body is over the server's cap."""

    code = "O603"
    http_status = 413
