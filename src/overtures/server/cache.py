"""``CacheReads``: ASGI middleware that answers a repeated GET from memory while the store is unchanged.

The key is the path, the query string and the store's write counter (``Store.write_marker``), read before
the route runs: any write, from this process or another, changes the counter, so an answer is never
served after a write it predates. A route that runs while a write commits may see the new rows under the
old counter, which is newer data, never stale. Only 200 JSON answers are kept, at most ``size`` of them
(least recently used go first) and none larger than ``max_body`` bytes; the dashboard's files are left to
their own caching. The counter is read on the event loop: one indexed row, cheaper than a hop to a
worker thread. It sits inside ``SecureResponses``, so cached answers get the security headers too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Key = tuple[str, bytes, int]
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
SKIPPED_PREFIXES = ("/static", "/docs")


class CacheReads:
    """Keep recent 200 JSON answers to GETs, keyed on path, query and the store's write counter."""

    def __init__(
        self, app: ASGIApp, *, marker: Callable[[], int], size: int = 1024, max_body: int = 2_000_000
    ) -> None:
        self.app = app
        self.marker = marker
        self.size = size
        self.max_body = max_body
        self.answers: OrderedDict[Key, Answer] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        key: Key = (scope["path"], scope.get("query_string", b""), self.marker())
        found = self.answers.get(key)
        if found is not None:
            self.answers.move_to_end(key)
            await _replay(found, send)
            return
        await self.app(scope, receive, self._recorder(key, send))

    def _recorder(self, key: Key, send: Send) -> Send:
        """``send``, keeping a copy of a whole 200 JSON answer to store under ``key``."""
        start: Message = {}
        chunks: list[bytes] = []

        async def record(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and _is_json_ok(start):
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, (start["status"], list(start.get("headers", [])), b"".join(chunks)))
            await send(message)

        return record

    def _keep(self, key: Key, answer: Answer) -> None:
        if len(answer[2]) > self.max_body:
            return
        self.answers[key] = answer
        while len(self.answers) > self.size:
            self.answers.popitem(last=False)


def _cacheable(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and scope["path"] != "/"
        and not scope["path"].startswith(SKIPPED_PREFIXES)
    )


def _is_json_ok(start: Message) -> bool:
    if start.get("status") != 200:
        return False
    types = [value for name, value in start.get("headers", []) if name.lower() == b"content-type"]
    return bool(types) and types[0].startswith(b"application/json")


async def _replay(answer: Answer, send: Send) -> None:
    status, headers, body = answer
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
