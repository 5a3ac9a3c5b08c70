"""Read throughput of the HTTP API under concurrent clients.

    python bench/api.py [--requests 2000] [--clients 32] [--db URL] [--workers 1]

Ingests the sample corpus (examples/corpus) into a temporary SQLite store (or reads the --db given),
starts ``overtures serve`` on a free loopback port as a subprocess, waits until it answers, then sends
N GET requests from C analysts, each an httpx.AsyncClient with one connection (C requests in flight),
cycling through a fixed mix: event pages, facets, actors, network, relations, a dyad series, quotes and
an article search, after a warm-up round that opens every connection and asks every route. Prints
``reads/s X``, ``p50 Y ms`` and ``p99 Z ms`` (each request's latency as the client saw it, queueing
included), and on stderr the CPU time client and server spent per request (the client shares the cores).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import httpx

ROOT = Path(__file__).resolve().parent.parent
MIX = (
    "/events?limit=50",
    "/events?country=AFG&sort=-date&limit=20",
    "/events/facets",
    "/events/facets?country=PAK",
    "/actors?limit=50",
    "/network",
    "/relations?target=AFG",
    "/dyads/AFG/PAK/series?by=month",
    "/quotes?limit=50",
    "/articles?q=Taliban",
)


class Run(NamedTuple):
    """What the timed requests took: wall seconds, each latency, and CPU seconds of client and server."""

    seconds: float
    latencies: list[float]
    client_cpu: float
    server_cpu: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def ingest_corpus(folder: Path) -> str:
    """The sample corpus ingested into a new SQLite store in ``folder``; its URL."""
    import overtures

    url = f"sqlite:///{folder / 'api-bench.db'}"
    summary = overtures.ingest([ROOT / "examples" / "corpus"], db=url)
    print(f"ingested {summary.ingested} articles", file=sys.stderr)
    return url


def cpu_seconds(pid: int) -> float:
    """CPU time a process and its children (the server's workers) used so far: with psutil where it is
    installed, else the process alone from Linux /proc (0 elsewhere)."""
    try:
        import psutil
    except ImportError:
        return _own_cpu_seconds(pid)
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
        return sum(sum(process.cpu_times()[:2]) for process in tree)
    except psutil.Error:
        return 0.0


def _own_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from overtures.cli import app; app()",
        "serve",
        "--db",
        url,
        "--port",
        str(port),
    ]
    if workers > 1:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/stats", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


async def send(analysts: list[httpx.AsyncClient], requests: int) -> list[float]:
    """Send ``requests`` GETs of the mix, each analyst's next one as soon as its last is answered; each
    request's latency."""
    latencies: list[float] = []
    queue = iter(range(requests))

    async def worker(client: httpx.AsyncClient) -> None:
        for index in queue:
            started = time.perf_counter()
            response = await client.get(MIX[index % len(MIX)])
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{response.request.url}: {response.status_code} {response.text}")

    await asyncio.gather(*(worker(client) for client in analysts))
    return latencies


async def load(base: str, requests: int, clients: int, server: int) -> Run:
    """A warm-up round (every connection opened, every route asked), then the timed requests. Each of
    the ``clients`` analysts is its own client with one kept-alive connection, as a browser tab is (one
    client sharing a pool of C connections costs httpx more CPU per request as C grows)."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with contextlib.AsyncExitStack() as stack:
        analysts = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0, trust_env=False)
            )
            for _ in range(clients)
        ]
        await send(analysts, max(clients, len(MIX)))
        cpu, server_cpu, started = time.process_time(), cpu_seconds(server), time.perf_counter()
        latencies = await send(analysts, requests)
        return Run(
            time.perf_counter() - started,
            latencies,
            time.process_time() - cpu,
            cpu_seconds(server) - server_cpu,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--db", help="read this store instead of ingesting the corpus")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or ingest_corpus(Path(folder))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(url, port, args.workers)
        try:
            wait_until_up(base, server)
            run = asyncio.run(load(base, args.requests, args.clients, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
    seconds, latencies = run.seconds, run.latencies
    cuts = statistics.quantiles(latencies, n=100)
    for who, cpu in (("client", run.client_cpu), ("server", run.server_cpu)):
        print(f"{who} CPU {cpu / len(latencies) * 1000:.2f} ms a request", file=sys.stderr)
    print(f"reads/s {len(latencies) / seconds:.0f}")
    print(f"p50 {cuts[49] * 1000:.0f} ms")
    print(f"p99 {cuts[98] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
