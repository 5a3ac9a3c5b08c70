"""``overtures serve``: help with an example, a clean error for a bad database, and a real server (one
process or several workers) that prints its URL and answers there, to its own hosts only."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from overtures.cli import app

RUNNER = CliRunner()


def test_serve_has_help_with_an_example() -> None:
    result = RUNNER.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example: overtures serve" in result.stdout


def test_serve_refuses_a_database_it_cannot_open_in_one_line(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path}/missing/folder/x.db"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [O300] cannot open database")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_prints_its_url_and_answers_there_for_its_hosts_only(corpus_url: str, workers: str) -> None:
    command = Path(sys.executable).parent / "overtures"
    port = _free_port()
    server = subprocess.Popen(
        [
            str(command),
            "--db",
            corpus_url,
            "serve",
            "--port",
            str(port),
            "--allowed-host",
            "events.example.org",
            "--workers",
            workers,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = f"http://127.0.0.1:{port}/"
        assert url in line
        assert _get_when_up(url + "stats")["articles"] == 34
        allowed = httpx.get(url + "stats", headers={"Host": "events.example.org:8000"}, timeout=5)
        rebound = httpx.get(url + "stats", headers={"Host": "attacker.example"}, timeout=5)
        assert (allowed.status_code, rebound.status_code) == (200, 400)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get_when_up(url: str) -> dict[str, int]:
    """GET the URL as JSON, retrying for up to 20 s while the server starts."""
    deadline = time.monotonic() + 20
    while True:
        try:
            body: dict[str, int] = httpx.get(url, timeout=2).json()
            return body
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
