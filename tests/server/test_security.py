"""What stands in front of every route: security headers, the Host check (DNS rebinding), the write key
before the body, the body cap, JSON for unexpected errors, and article links that are only http(s)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import anyio
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from starlette.types import Message

from overtures.server import create_app
from overtures.server.guard import host_name
from overtures.store import open_store
from tests.server.conftest import API_KEY, LOCAL

CSP_PARTS = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'empty.db'}"
    open_store(url).close()
    return url


@pytest.fixture(scope="module")
def client(empty_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(empty_url, api_key=API_KEY), base_url=LOCAL) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/static/js/app.js"),
        ("GET", "/stats"),
        ("GET", "/events?limit=0"),
        ("GET", "/no/such/route"),
        ("POST", "/articles"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    policy = response.headers["content-security-policy"]
    assert all(part in policy for part in CSP_PARTS), policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", "evil"])
def test_a_request_for_another_host_is_refused_with_400(client: TestClient, host: str) -> None:
    for path in ("/stats", "/", "/articles"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, (path, response.text)
        assert host in response.json()["error"] and "--allowed-host" in response.json()["hint"]
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"])
def test_loopback_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/stats", headers={"Host": host}).status_code == 200


def test_an_allowed_host_is_served_and_others_still_refused(empty_url: str) -> None:
    app = create_app(empty_url, allowed_hosts=["events.example.org"])
    with TestClient(app, base_url="http://events.example.org") as client:
        assert client.get("/stats").status_code == 200
        assert client.get("/stats", headers={"Host": "other.example.org"}).status_code == 400


@pytest.mark.parametrize(
    ("header", "name"),
    [("Example.ORG:8080", "example.org"), ("[::1]:80", "::1"), ("::1", "::1"), ("a.b", "a.b")],
)
def test_host_name_drops_the_port_and_brackets(header: str, name: str) -> None:
    assert host_name(header) == name


def test_a_write_without_the_key_is_refused_before_its_body_is_read(empty_url: str) -> None:
    read: list[int] = []

    def body() -> Iterator[bytes]:
        read.append(1)
        yield b'{"text": "never read"}'

    with TestClient(create_app(empty_url, api_key=API_KEY), base_url=LOCAL) as client:
        large = client.post("/articles", content=b"x" * 20_000_000)
        streamed = client.post("/articles", content=body(), headers={"Content-Type": "application/json"})
    assert (large.status_code, streamed.status_code) == (401, 401)
    assert read == []


def test_a_body_over_the_cap_is_413_from_its_length(client: TestClient) -> None:
    headers = {"X-API-Key": API_KEY, "Content-Type": "application/json"}
    response = client.post("/articles", content=b" " * 10_000_001, headers=headers)
    assert response.status_code == 413
    assert "10000000 bytes" in response.json()["error"] and "--max-body" in response.json()["hint"]


def test_a_streamed_body_over_the_cap_is_413_without_reading_all_of_it(empty_url: str) -> None:
    """Raw ASGI, as a server hands over a chunked body: the app stops asking once the cap is passed."""
    app = create_app(empty_url, api_key=API_KEY, max_body=10_000)
    asked: list[int] = []
    sent: list[Message] = []

    async def receive() -> Message:
        asked.append(1)
        return {"type": "http.request", "body": b" " * 1_000, "more_body": len(asked) < 100}

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [
        (b"host", b"127.0.0.1"),
        (b"x-api-key", API_KEY.encode()),
        (b"content-type", b"application/json"),
    ]
    scope = {"type": "http", "method": "POST", "path": "/articles", "headers": headers, "query_string": b""}
    # a thread of its own: a browser test's event loop may already run in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(anyio.run, app, scope, receive, send).result()
    assert sent[0]["status"] == 413
    assert len(asked) == 11


def test_a_body_under_the_cap_reaches_the_route(empty_url: str) -> None:
    app = create_app(empty_url, api_key=API_KEY, max_body=100)
    with TestClient(app, base_url=LOCAL) as client:
        response = client.post("/articles", json={"title": "no text"}, headers={"X-API-Key": API_KEY})
    assert response.status_code == 422 and "text" in response.json()["error"]


def test_an_unexpected_error_is_a_json_500_with_the_headers(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    open_store(f"sqlite:///{broken}").close()
    app = create_app(f"sqlite:///{broken}")
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        client.get("/stats")
        broken.write_bytes(b"this is no longer a database" * 100)
        app.state.overtures.close()
        response = client.get("/events")
    assert response.status_code >= 500
    assert set(response.json()) == {"error", "hint"}
    assert response.headers["x-content-type-options"] == "nosniff"


SCRIPT_URL = "javascript:alert(document.domain)"
POSTED = {
    "id": "https://wire.example/2025/11/japan-aid?ref=rss",
    "url": SCRIPT_URL,
    "title": "Japan sends aid to Afghanistan",
    "published": "2025-11-03",
    "text": "Japan sent humanitarian aid to Afghanistan on Monday. Pakistan closed the Torkham crossing.",
}


def test_a_posted_javascript_link_is_dropped_with_a_warning_and_the_article_kept(
    fresh_url: str,
    services,  # type: ignore[no-untyped-def]
) -> None:
    app = create_app(fresh_url, api_key=API_KEY, services=services)
    with TestClient(app, base_url=LOCAL) as client:
        body = client.post("/articles", json=POSTED, headers={"X-API-Key": API_KEY}).json()
        assert body["ingested"] == 1 and body["ids"] == [POSTED["id"]]
        (warning,) = body["errors"]
        assert warning.startswith("body[0]: warning:") and SCRIPT_URL in warning
        article = client.get("/articles/" + quote(POSTED["id"], safe="")).json()
    assert article["url"] is None and article["title"] == POSTED["title"]


def test_the_api_never_returns_a_link_that_is_not_http_even_from_an_old_store(fresh_url: str) -> None:
    store = open_store(fresh_url)
    with store._engine.begin() as connection:
        connection.execute(sa.text("UPDATE articles SET url = :url"), {"url": SCRIPT_URL})
    store.close()
    with TestClient(create_app(fresh_url), base_url=LOCAL) as client:
        listed = client.get("/articles", params={"limit": 500}).json()["items"]
        one = client.get(f"/articles/{quote(listed[0]['id'], safe='')}").json()
    assert listed and all(item["url"] is None for item in listed) and one["url"] is None
