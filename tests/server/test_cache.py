"""The read cache: repeated GETs are answered from memory, and never after a write they predate, whoever
wrote (this server or another process)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

import overtures
from overtures.server import create_app
from overtures.server.cache import CacheReads
from overtures.server.guard import SECURITY_HEADERS
from tests.conftest import CORPUS_ARTICLES
from tests.server.conftest import API_KEY, LOCAL
from tests.server.test_api import ARTICLE


def test_a_read_after_a_post_sees_the_posted_article(fresh_url: str, services) -> None:  # type: ignore[no-untyped-def]
    app = create_app(fresh_url, api_key=API_KEY, services=services)
    with TestClient(app, base_url=LOCAL) as client:
        for _ in range(2):  # the second answer comes from the cache
            assert client.get("/stats").json()["articles"] == CORPUS_ARTICLES
            found = client.get("/articles", params={"q": "Japan"}).json()["items"]
            assert "api-post-1" not in {item["id"] for item in found}
        posted = client.post("/articles", json=ARTICLE, headers={"X-API-Key": API_KEY})
        assert posted.status_code == 200, posted.text
        assert client.get("/stats").json()["articles"] == CORPUS_ARTICLES + 1
        found = client.get("/articles", params={"q": "Japan"}).json()["items"]
        assert "api-post-1" in {item["id"] for item in found}


def test_a_write_from_another_process_is_seen_at_once(fresh_url: str, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(fresh_url), base_url=LOCAL) as client:
        before = client.get("/stats").json()
        assert client.get("/stats").json() == before
        path = tmp_path / "one.jsonl"
        path.write_text(json.dumps({"id": "x-1", "title": "t", "text": ARTICLE["text"]}) + "\n")
        summary = overtures.ingest([path], db=fresh_url, services=services)  # its own store, as a CLI would
        assert summary.ingested == 1
        assert client.get("/stats").json()["articles"] == before["articles"] + 1


def test_a_cached_answer_keeps_the_security_headers_and_body(corpus_url: str) -> None:
    with TestClient(create_app(corpus_url), base_url=LOCAL) as client:
        first, second = (client.get("/events/facets") for _ in range(2))
    assert second.content == first.content
    for name, value in SECURITY_HEADERS.items():
        assert second.headers[name] == value


def counting_app() -> tuple[Starlette, list[str]]:
    """A small app that records each request it really answers."""
    calls: list[str] = []

    def answer(request: Request) -> Response:
        calls.append(request.url.path + "?" + request.url.query)
        if request.url.path == "/text":
            return PlainTextResponse("plain")
        status = 404 if request.url.path == "/missing" else 200
        return JSONResponse({"n": len(calls)}, status_code=status)

    return Starlette(routes=[Route("/{name}", answer)]), calls


def test_only_200_json_gets_are_kept_per_write_marker_and_at_most_size_of_them() -> None:
    inner, calls = counting_app()
    marker = [0]
    client = TestClient(CacheReads(inner, marker=lambda: marker[0], size=2))
    assert client.get("/a").json() == client.get("/a").json() == {"n": 1}
    assert client.get("/a?x=1").json() == {"n": 2}  # another query is another answer
    marker[0] += 1  # a write
    assert client.get("/a").json() == {"n": 3}
    for path in ("/text", "/text", "/missing", "/missing"):
        client.get(path)
    assert len(calls) == 7  # neither plain text nor a 404 was kept
    client.get("/b")
    client.get("/c")  # pushes out /a, the least recently used
    client.get("/a")
    assert calls[-3:] == ["/b?", "/c?", "/a?"]
