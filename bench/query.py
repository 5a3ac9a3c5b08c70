"""Query latency on a large synthetic store, through the Python API.

    python bench/query.py [--events 1000000] [--db PATH] [--repeat 30]

Generates an SQLite database of N events (bulk inserts through SQLAlchemy Core straight into the
store's schema: articles, events and one evidence row per event; dyads drawn with a heavy head, as in
news, dates over 2015-2025 with a few undated, CAMEO codes weighted towards the common roots, four
events in five asserted), then times repeated calls of (a) the busiest dyad's monthly series
(overtures.relations.dyad_series, as the CLI, the web API and the dashboard ask for it), (b) an
event-search page (Store.events with a country filter, 50 events, deep into the results), and what the
dashboard's other views count over all asserted events: (c) the facets of /events/facets, (d) the first
page of /actors and (e) the graph of /network, and what the relations views read: (f) the relations
ledger towards AFG in force on its latest date (/relations?target=AFG) and (g) the monthly shifts
(/shifts); it prints ``NAME: median X ms, p95 Y ms`` for each (names: series, search, facets, actors,
network, relations, shifts). The bulk inserts bypass Store.save, so the stored ledger and dyad tallies
are rebuilt once after them (the time is printed). An existing --db is reused as it is (brought to the
latest schema first).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from overtures import api
from overtures.coding.codebook import all_codes
from overtures.relations import dyad_series, find_shifts
from overtures.store import EventQuery, Store, open_store, schema
from overtures.store.aggregate import ActorCount
from overtures.store.engine import create_store_engine, writer

COUNTRIES = ("AFG", "PAK", "IRN", "USA", "RUS", "CHN", "IND", "QAT", "UZB", "TKM", "TJK", "KAZ", "GBR")
COUNTRY_WEIGHTS = [1 / (rank + 1) for rank in range(len(COUNTRIES))]  # Zipf: AFG and PAK dominate
ROOTS = [f"{root:02d}" for root in range(1, 21)]
ROOT_WEIGHTS = (
    8,
    6,
    5,
    12,
    4,
    2,
    2,
    2,
    1,
    2,
    5,
    3,
    3,
    2,
    1,
    2,
    4,
    3,
    6,
    1,
)  # statements and consultations lead
MODALITIES = ("asserted", "negated", "expected", "speculation", "hypothetical")
MODALITY_WEIGHTS = (80, 7, 8, 3, 2)
FIRST_DAY, DAYS = date(2015, 1, 1), 11 * 365
EVENTS_PER_ARTICLE = 15
CHUNK = 20_000
SEARCH_OFFSET = 5_000  # page 101 of 50
SERIES_DYAD = ("AFG", "PAK")  # the busiest dyad, about 10% of the events
LEDGER_TARGET = "AFG"
NETWORK_EDGES = 300  # /network's default


UNSET = (
    "date_start",
    "date_end",
    "date_text",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
)


def _event_row(number: int, rng: random.Random, codes: dict[str, list[Any]]) -> dict[str, Any]:
    """One synthetic event row: a dyad, a code of a weighted root, a date, a modality."""
    source, target = rng.choices(COUNTRIES, COUNTRY_WEIGHTS, k=2)
    code = rng.choice(codes[rng.choices(ROOTS, ROOT_WEIGHTS)[0]])
    day = None if rng.random() < 0.02 else FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    row = {f"{role}_{name}": None for role in ("source", "target") for name in schema.ACTOR_FIELDS}
    row |= {
        "source_name": source,
        "source_text": source,
        "source_country": source,
        "source_code": f"{source}GOV",
    }
    if source != target:
        row |= {"target_name": target, "target_text": target, "target_country": target, "target_code": target}
    row |= dict.fromkeys(UNSET)
    row |= {"event_id": hashlib.sha1(str(number).encode()).hexdigest()[:16], "rule": "synthetic"}
    row |= {"article_id": f"a{number // EVENTS_PER_ARTICLE:07d}", "coder_version": "bench"}
    row |= {"cameo": code.code, "root": code.root, "quad_class": int(code.quad_class)}
    row |= {
        "goldstein": code.goldstein,
        "plover": code.plover,
        "modality": rng.choices(MODALITIES, MODALITY_WEIGHTS)[0],
    }
    return row | {"date": day, "date_precision": "day" if day else "publication"}


def _evidence_row(event: dict[str, Any]) -> dict[str, Any]:
    sentence = f"{event['source_name']} and {event['target_name'] or 'others'} ({event['cameo']})."
    return {"event_id": event["event_id"], "ordinal": 0, "article_id": event["article_id"],
            "sentence": sentence, "start": 0, "end": len(sentence), "trigger": event["cameo"]}  # fmt: skip


def _article_rows(count: int) -> Iterator[dict[str, Any]]:
    now = datetime.now(UTC)
    for number in range(count):
        yield {"id": f"a{number:07d}", "text": f"Synthetic article {number}.", "title": None, "url": None,
               "source": "bench", "published": None, "language": "en", "origin": None,
               "content_hash": str(number), "coder_version": "bench", "ingested_at": now}  # fmt: skip


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def generate(url: str, events: int, *, seed: int = 6) -> None:
    """Fill a fresh store with ``events`` synthetic events, their articles and evidence."""
    open_store(url).close()  # creates the schema through the migrations
    engine = writer(create_store_engine(url))
    rng = random.Random(seed)
    codes: dict[str, list[Any]] = {}
    for code in all_codes():
        codes.setdefault(code.root, []).append(code)
    with engine.begin() as conn:
        for chunk in _chunks(_article_rows(-(-events // EVENTS_PER_ARTICLE))):
            conn.execute(sa.insert(schema.articles), chunk)
        for chunk in _chunks(_event_row(n, rng, codes) for n in range(events)):
            conn.execute(sa.insert(schema.events), chunk)
            conn.execute(sa.insert(schema.event_evidence), [_evidence_row(row) for row in chunk])
    engine.dispose()
    start = time.perf_counter()
    with open_store(url) as store:
        store.rebuild_derived()
    print(f"rebuilt the stored ledger and dyad tallies in {time.perf_counter() - start:.0f} s")


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile of the call's latency in milliseconds (after one warm-up call)."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def network(store: Store, query: EventQuery) -> list[ActorCount]:
    """What /network reads: the heaviest links, then the actors at their ends."""
    links = store.links(query, limit=NETWORK_EDGES)
    ends = {link.source for link in links} | {link.target for link in links}
    return store.actors(query, codes=sorted(ends))


def measure(url: str, repeat: int) -> None:
    store = open_store(url)
    try:
        everything = EventQuery()
        page_query = EventQuery(country="IRN", limit=50, offset=SEARCH_OFFSET)
        months = dyad_series(store, *SERIES_DYAD)
        page = store.events(page_query)
        print(f"events stored: {store.counts()['events']:,}")
        counted = sum(month.events for month in months)
        ledger = api.relations_in(store, target=LEDGER_TARGET)
        shifts = find_shifts(store)
        print(f"series: dyad {'-'.join(SERIES_DYAD)}, {len(months)} months, {counted:,} events")
        print(f"search: country=IRN, {len(page)} events at offset {SEARCH_OFFSET:,}")
        print(f"facets, actors (page of 50), network ({NETWORK_EDGES} links): of all asserted events")
        print(f"relations: {len(ledger)} states towards {LEDGER_TARGET} in force on its latest date")
        print(f"shifts: {len(shifts.dyad_shifts)} dyad shifts in {shifts.period.label}, "
              f"{len(shifts.state_changes)} state changes")  # fmt: skip
        cases: tuple[tuple[str, Callable[[], object]], ...] = (
            ("series", lambda: dyad_series(store, *SERIES_DYAD)),
            ("search", lambda: store.events(page_query)),
            ("facets", lambda: store.facets(everything)),
            ("actors", lambda: store.actors(everything, limit=51)),
            ("network", lambda: network(store, everything)),
            ("relations", lambda: api.relations_in(store, target=LEDGER_TARGET)),
            ("shifts", lambda: find_shifts(store)),
        )
        for name, call in cases:
            median, p95 = timed(call, repeat)
            print(f"{name}: median {median:.1f} ms, p95 {p95:.1f} ms", flush=True)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate (1,000,000)")
    parser.add_argument("--db", type=Path, help="keep the database here (reused if it exists)")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per query (30)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="overtures-query-") as tmp:
        path = args.db or Path(tmp) / "events.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            start = time.perf_counter()
            generate(url, args.events)
            print(f"generated {args.events:,} events in {time.perf_counter() - start:.0f} s")
        measure(url, args.repeat)


if __name__ == "__main__":
    main()
