"""Throughput and memory of ``overtures ingest`` against bare spaCy on the same texts.

    python bench/run.py --articles 200 [--processes 1 2] [--memory-check] [--full-parse] [--repeat 3]

Builds a corpus of N articles by varying the sample corpus (bench/corpus.py), writes it as JSON Lines,
then times, each in a fresh process: (a) bare spaCy ``nlp.pipe`` over the texts with the model package's
pipeline as it ships (same model and batch size as overtures; overtures' own pipeline adds paragraph
breaks and answers the attribute ruler by lookups, overtures.tagrules), and (b) the whole ``overtures ingest``
into a fresh SQLite database, with 1 and 2 processes (spaCy n_process; --workers), and with
``--full-parse`` (every line parsed, not only those overtures.selective keeps) when asked. Wall time
counts from process start to exit (imports and model loading included, for both); CPU time is that of the
whole process tree (getrusage of the children, or the sum psutil last saw for every process of the tree where
that is more: the local pool's workers are forked by a server process the command does not wait for; CPU
time holds on a busy machine, where wall time does not). Peak memory is the largest sum of the RSS of the
process and its children, sampled every 50 ms with psutil (without psutil: the largest single child so
far, from getrusage). Rows marked "-start" subtract a run
of 34 articles (start-up: imports, model, gazetteer, cluster) to give the steady-state throughput. The
``start-up`` line is the CPU time of ``overtures ingest`` of an empty file into a new database (imports,
model, knowledge base, dictionary, schema), beside bare spaCy's loading its pipeline.
``--repeat N`` runs every step N times, in turn, and keeps each step's run of median wall time. Ends
with one ``ratio`` line per process count, articles/s of (b) over (a); the last line is the largest
process count (2 by default).
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from corpus import build_corpus

from overtures.nlp import MODEL_PACKAGE

SAMPLE_SECONDS = 0.05
STARTUP_ARTICLES = 34  # the start-up run (imports, model, gazetteer, cluster): one sample corpus


@dataclass(frozen=True, kw_only=True)
class Measure:
    """One timed run."""

    mode: str
    processes: int
    articles: int
    words: int
    seconds: float
    cpu_seconds: float  # user + system time of the process and all its children
    peak_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def write_corpus(count: int, path: Path) -> int:
    """Write ``count`` varied articles as JSON Lines; return their number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in build_corpus(count):
            words += len(article.text.split())
            record = {
                "id": article.id,
                "title": article.title,
                "source": article.source,
                "text": article.text,
            }
            record["published"] = article.published.isoformat() if article.published else None
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Run a command; return its wall seconds, CPU seconds and the peak RSS of its process tree in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command)
    try:
        import psutil
    except ImportError:
        psutil = None
    peak, tree_cpu = _sample_tree(process, psutil) if psutil else (0, 0.0)
    process.wait()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"benchmark step failed (exit {process.returncode}): {' '.join(command)}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, max(waited, tree_cpu), peak / 2**20 if peak else after.ru_maxrss / 1024


def _sample_tree(process: subprocess.Popen[bytes], psutil: object) -> tuple[int, float]:
    """The largest total RSS of the process and all its descendants while it runs, in bytes, and the CPU
    seconds they used as last seen (this counts processes the command does not wait for itself, such as
    a fork server's workers, which getrusage misses)."""
    root = psutil.Process(process.pid)  # type: ignore[attr-defined]
    peak, cpu = 0, {}
    while process.poll() is None:
        total = 0
        try:
            for member in [root, *root.children(recursive=True)]:
                total += member.memory_info().rss
                times = member.cpu_times()
                cpu[member.pid] = times.user + times.system
        except psutil.Error:  # type: ignore[attr-defined]  # a child ended while being read
            pass
        peak = max(peak, total)
        time.sleep(SAMPLE_SECONDS)
    return peak, sum(cpu.values())


def bare_spacy(corpus: Path, processes: int) -> None:
    """The (a) step, run in its own process: parse every text with the model package's pipeline as it
    ships (overtures.nlp.load_nlp changes it), keep nothing."""
    from overtures.settings import PARSE_BATCH  # the batch size process_batch gives nlp.pipe

    nlp = importlib.import_module(MODEL_PACKAGE).load()
    with corpus.open(encoding="utf-8") as handle:
        texts = (json.loads(line)["text"] for line in handle)
        for _doc in nlp.pipe(texts, batch_size=PARSE_BATCH, n_process=processes):
            pass


def measure_spacy(corpus: Path, processes: int, articles: int, words: int) -> Measure:
    command = [sys.executable, __file__, "--bare-spacy", str(corpus), "--processes", str(processes)]
    seconds, cpu, peak = run_measured(command)
    sizes = {"processes": processes, "articles": articles, "words": words}
    return Measure(mode="spacy nlp.pipe", **sizes, seconds=seconds, cpu_seconds=cpu, peak_mb=peak)


def measure_ingest(
    corpus: Path, processes: int, articles: int, words: int, folder: Path, *, full_parse: bool = False
) -> Measure:
    database = folder / f"ingest-{articles}-{processes}{'-full' if full_parse else ''}.db"
    for stale in folder.glob(f"{database.name}*"):  # a repeated run starts from a new database too
        stale.unlink()
    overtures = Path(sys.executable).with_name("overtures")
    command = [
        str(overtures),
        "--db",
        f"sqlite:///{database}",
        "-q",
        "ingest",
        str(corpus),
        "--code-duplicates",  # the varied articles are near-duplicates; spaCy parses each, so code each
    ]
    extra = ["--full-parse"] if full_parse else []
    seconds, cpu, peak = run_measured([*command, *extra, "--workers", str(processes)])
    sizes = {"processes": processes, "articles": articles, "words": words}
    mode = "ingest --full-parse" if full_parse else "overtures ingest"
    return Measure(mode=mode, **sizes, seconds=seconds, cpu_seconds=cpu, peak_mb=peak)


def measure_startup(folder: Path) -> tuple[float, float]:
    """CPU seconds of (a) bare spaCy loading its pipeline and (b) ``overtures ingest`` of an empty file
    into a new database, one process each: imports, model, knowledge base, dictionary (and, for (b), the
    new database's schema)."""
    empty = folder / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    overtures = Path(sys.executable).with_name("overtures")
    command = [str(overtures), "--db", f"sqlite:///{folder / 'startup.db'}", "-q", "ingest", str(empty)]
    spacy = [sys.executable, "-c", f"import {MODEL_PACKAGE}; {MODEL_PACKAGE}.load()"]
    return run_measured(spacy)[1], run_measured(command)[1]


def run_size(
    articles: int,
    processes: list[int],
    folder: Path,
    *,
    spacy: bool = True,
    full_parse: bool = False,
    repeat: int = 1,
) -> list[Measure]:
    """Build a corpus of ``articles`` and measure (a) then (b) at each process count, and (b) with
    ``--full-parse`` too when asked; each step ``repeat`` times in turn, keeping its median run."""
    corpus = folder / f"corpus-{articles}.jsonl"
    words = write_corpus(articles, corpus)
    steps: list[Callable[[], Measure]] = []
    for count in processes:
        if spacy:
            steps.append(partial(measure_spacy, corpus, count, articles, words))
        steps.append(partial(measure_ingest, corpus, count, articles, words, folder))
        if full_parse:
            steps.append(partial(measure_ingest, corpus, count, articles, words, folder, full_parse=True))
    runs = [[step() for step in steps] for _ in range(repeat)]  # in turn: a slow spell hits every step
    return [median_run([turn[i] for turn in runs]) for i in range(len(steps))]


def median_run(runs: list[Measure]) -> Measure:
    """The run of median wall time (the slower middle one of an even number)."""
    return sorted(runs, key=lambda m: m.seconds)[len(runs) // 2]


def steady(measures: list[Measure], startups: list[Measure]) -> list[Measure]:
    """Each measure less the start-up run of its mode and process count: the steady-state throughput."""
    first = {(m.mode, m.processes): m for m in startups}
    return [_less(m, first[m.mode, m.processes]) for m in measures]


def _less(run: Measure, startup: Measure) -> Measure:
    return Measure(
        mode=f"{run.mode} -start",
        processes=run.processes,
        articles=run.articles - startup.articles,
        words=run.words - startup.words,
        seconds=run.seconds - startup.seconds,
        cpu_seconds=run.cpu_seconds - startup.cpu_seconds,
        peak_mb=float("nan"),
    )


COLUMNS = (
    "mode",
    "proc",
    "articles",
    "words",
    "seconds",
    "art/s",
    "words/s",
    "cpu s",
    "art/cpu s",
    "peak MB",
)
ROW = "{:<24}{:>5}{:>9}{:>9}{:>9}{:>8}{:>9}{:>8}{:>10}{:>9}"


def print_table(measures: list[Measure]) -> None:
    print(ROW.format(*COLUMNS))
    for m in measures:
        rates = (f"{m.seconds:.1f}", f"{m.articles_per_s:.2f}", f"{m.words_per_s:.0f}")
        cpu = (f"{m.cpu_seconds:.1f}", f"{m.articles / m.cpu_seconds:.2f}", f"{m.peak_mb:.0f}")
        print(ROW.format(m.mode, m.processes, m.articles, m.words, *rates, *cpu))


def print_memory_growth(small: list[Measure], large: list[Measure]) -> None:
    for before, after in zip(small, large, strict=True):
        growth = 100 * (after.peak_mb / before.peak_mb - 1)
        small_run = f"{before.peak_mb:.0f} MB at {before.articles} articles"
        large_run = f"{after.peak_mb:.0f} MB at {after.articles}"
        print(
            f"memory {after.mode}, {after.processes} process(es): {small_run}, {large_run} ({growth:+.1f}%)"
        )


def print_ratios(
    measures: list[Measure], *, label: str = "ratio", suffix: str = "", cpu: bool = False
) -> None:
    """One ``ratio`` line per process count, the largest count last: articles per second of (b) over (a),
    or per CPU second with ``cpu``."""
    for count in sorted({m.processes for m in measures}):
        pair = {m.mode.removesuffix(suffix): m for m in measures if m.processes == count}
        ingest, spacy = pair["overtures ingest"], pair["spacy nlp.pipe"]
        full = pair.get("ingest --full-parse")
        if cpu:
            ratio = (ingest.articles / ingest.cpu_seconds) / (spacy.articles / spacy.cpu_seconds)
        else:
            ratio = ingest.articles_per_s / spacy.articles_per_s
        processes = f"{count} process{'es' if count > 1 else ''}"
        print(f"{label} {ratio:.2f} ({processes})")
        if full is not None and cpu:
            full_ratio = (full.articles / full.cpu_seconds) / (spacy.articles / spacy.cpu_seconds)
            print(f"{label} {full_ratio:.2f} ({processes}, --full-parse)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200, help="corpus size (default 200)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts (1 2)")
    parser.add_argument("--memory-check", action="store_true", help="also ingest 10x the articles")
    parser.add_argument("--full-parse", action="store_true", help="also time ingest --full-parse")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step; the median is kept")
    parser.add_argument("--bare-spacy", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_spacy:
        bare_spacy(args.bare_spacy, args.processes[0])
        return
    with tempfile.TemporaryDirectory(prefix="overtures-bench-") as tmp:
        sizes = {"full_parse": args.full_parse, "repeat": max(1, args.repeat)}
        measures = run_size(args.articles, args.processes, Path(tmp), **sizes)
        startups = run_size(STARTUP_ARTICLES, args.processes, Path(tmp), **sizes)
        print_table([*measures, *startups, *steady(measures, startups)])
        spacy_start, ingest_start = measure_startup(Path(tmp))
        print(f"start-up {ingest_start:.2f} s CPU per process (bare spaCy's {spacy_start:.2f} s)")
        if args.memory_check:
            large = run_size(10 * args.articles, args.processes, Path(tmp), spacy=False)
            print_table(large)
            print_memory_growth([m for m in measures if m.mode == "overtures ingest"], large)
        print_ratios(measures, label="ratio per CPU second:", cpu=True)
        print_ratios(steady(measures, startups), label="ratio without start-up:", suffix=" -start")
        print_ratios(measures)


if __name__ == "__main__":
    main()
