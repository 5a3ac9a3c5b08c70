"""The Dask path's throughput and efficiency per worker, and the writer's share.

    python bench/cluster.py --articles 2000 [--workers 1 2]

For each worker count N, starts a local Dask cluster of N single-threaded worker processes (started
before the clock, as the cluster an ``--scheduler`` ingest finds), then times ``overtures ingest
--scheduler ADDRESS`` of a benchmark corpus (bench/corpus.py) into a fresh SQLite database. Prints per N
the articles per second, the efficiency per worker (articles per second over N times those of one
worker) and the CPU seconds per article of the ingest process itself: the single writer, which reads,
screens near-duplicates and stores what the workers coded, and so bounds how many workers help (its
articles per CPU second is the ceiling of any cluster).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import run_measured, write_corpus


def measure(corpus: Path, workers: int, folder: Path) -> tuple[float, float]:
    """Wall seconds and the ingest process's CPU seconds for one cluster size."""
    from distributed import LocalCluster

    overtures = Path(sys.executable).with_name("overtures")
    database = folder / f"dask-{workers}.db"
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        command = [str(overtures), "--db", f"sqlite:///{database}", "-q", "ingest", str(corpus)]
        command += ["--code-duplicates", "--scheduler", cluster.scheduler_address]
        seconds, cpu, _ = run_measured(command)
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="overtures-cluster-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(args.articles, corpus)
        base = None
        for workers in args.workers:
            seconds, cpu = measure(corpus, workers, Path(tmp))
            rate = args.articles / seconds
            base = base or rate / workers
            print(
                f"dask {workers} worker(s): {rate:.2f} art/s, efficiency per worker "
                f"{rate / (workers * base):.2f}, writer {1000 * cpu / args.articles:.1f} ms CPU an article "
                f"(ceiling {args.articles / cpu:.0f} art/s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
