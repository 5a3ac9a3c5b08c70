"""Exports of the sample corpus, read back with the tools analysts use: csv, json, pandas, pyarrow,
networkx. Each test compares what comes back with the stored events themselves."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from overtures import api
from overtures.cli import app
from overtures.errors import InputError
from overtures.export import ExportSummary, event_record, write_events
from overtures.export.gdelt import GDELT_COLUMNS, fraction_date, global_event_id
from overtures.export.network import actor_key
from overtures.model import Event
from overtures.store import EventQuery

EVERY_EVENT = EventQuery(modality=None, limit=None)


@pytest.fixture(scope="module")
def events(corpus_db: str) -> list[Event]:
    store = api.open_store(corpus_db)
    try:
        return store.events(EVERY_EVENT)
    finally:
        store.close()


def _export(corpus_db: str, fmt: str, path: Path, **options: object) -> ExportSummary:
    return api.export(db=corpus_db, fmt=fmt, out=path, query=EVERY_EVENT, **options)  # type: ignore[arg-type]


def test_csv_export_has_a_row_per_event_with_its_codes(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    summary = _export(corpus_db, "csv", tmp_path / "e.csv")
    frame = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str, "root": str})
    assert summary.written == len(frame) == len(events)
    by_id = frame.set_index("event_id")
    for event in events[::25]:
        row = by_id.loc[event.event_id]
        assert (row["cameo"], row["root"], row["quad_class"]) == (
            event.cameo,
            event.root,
            int(event.quad_class),
        )
        assert row["sentence"] == event.evidence[0].sentence


def test_jsonl_export_gives_back_each_event_record(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    _export(corpus_db, "jsonl", tmp_path / "e.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == [json.loads(json.dumps(event_record(e))) for e in events]


def test_parquet_columns_are_typed(corpus_db: str, events: list[Event], tmp_path: Path) -> None:
    _export(corpus_db, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    schema = table.schema
    assert table.num_rows == len(events)
    assert schema.field("date").type == pa.date32()
    assert schema.field("goldstein").type == pa.float64()
    assert schema.field("quad_class").type == pa.int8()
    assert pa.types.is_struct(schema.field("evidence").type.value_type)
    rows = {row["event_id"]: row for row in table.to_pylist()}
    for event in events[::20]:
        row = rows[event.event_id]
        assert row["date"] == event.date.date and isinstance(row["date"], date | None)
        assert (row["goldstein"], row["quad_class"]) == (event.goldstein, int(event.quad_class))
        assert [e["sentence"] for e in row["evidence"]] == [e.sentence for e in event.evidence]


def test_parquet_reads_into_pandas_with_dates_and_small_ints(corpus_db: str, tmp_path: Path) -> None:
    _export(corpus_db, "parquet", tmp_path / "e.parquet")
    frame = pd.read_parquet(tmp_path / "e.parquet", dtype_backend="pyarrow")
    assert str(frame["quad_class"].dtype) == "int8[pyarrow]"
    assert str(frame["date"].dtype) == "date32[day][pyarrow]"
    assert set(frame["quad_class"]) <= {1, 2, 3, 4}


def test_an_empty_query_still_writes_a_typed_parquet_file(corpus_db: str, tmp_path: Path) -> None:
    query = EventQuery(cameo="99", limit=None)
    summary = api.export(db=corpus_db, fmt="parquet", out=tmp_path / "none.parquet", query=query)
    table = pq.read_table(tmp_path / "none.parquet")
    assert summary.written == table.num_rows == 0
    assert table.schema.field("date").type == pa.date32()


def test_geojson_points_are_longitude_then_latitude(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    summary = _export(corpus_db, "geojson", tmp_path / "e.geojson")
    collection = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    placed = {e.event_id: e for e in events if e.location and e.location.lat is not None}
    assert collection["type"] == "FeatureCollection"
    assert summary.written == len(collection["features"]) == len(placed) > 0
    assert summary.left_out == len(events) - len(placed) > 0
    for feature in collection["features"]:
        location = placed[feature["id"]].location
        assert location is not None
        assert feature["geometry"] == {"type": "Point", "coordinates": [location.lon, location.lat]}
        assert feature["properties"]["location_name"] == location.name
    kabul = next(f for f in collection["features"] if f["properties"]["location_name"] == "Kabul")
    lon, lat = kabul["geometry"]["coordinates"]
    assert 69 < lon < 70 and 34 < lat < 35


def test_gexf_edge_weights_count_the_events_of_each_dyad(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    summary = _export(corpus_db, "gexf", tmp_path / "e.gexf")
    graph = nx.read_gexf(tmp_path / "e.gexf")
    counts: Counter[tuple[str, str]] = Counter()
    scores: defaultdict[tuple[str, str], list[float]] = defaultdict(list)
    for e in events:
        if e.source and e.target:
            pair = actor_key(e.source), actor_key(e.target)
            counts[pair] += 1
            scores[pair].extend([e.goldstein] if e.goldstein is not None else [])
    assert graph.is_directed() and graph.number_of_edges() == len(counts) == summary.edges
    assert summary.written == sum(counts.values())
    for (source, target), count in counts.items():
        edge = graph.edges[source, target]
        assert edge["weight"] == count
        quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
        assert sum(edge[q] for q in quads) == count
        assert edge["goldstein_sum"] == pytest.approx(sum(scores[source, target]))
        assert edge["sign"] == (1 if sum(scores[source, target]) >= 0 else -1)


def test_gexf_nodes_carry_label_country_and_sector(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    _export(corpus_db, "gexf", tmp_path / "e.gexf")
    graph = nx.read_gexf(tmp_path / "e.gexf")
    assert graph.nodes["PAKMIL"]["country"] == "PAK" and graph.nodes["PAKMIL"]["sector"] == "MIL"
    names = {e.source.name for e in events if e.source and e.source.code == "AFGGOV"}
    assert graph.nodes["AFGGOV"]["label"] in names


def _gdelt_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_gdelt_rows_have_the_61_codebook_columns_with_our_codes(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    _export(corpus_db, "gdelt", tmp_path / "e.tsv")
    rows = _gdelt_rows(tmp_path / "e.tsv")
    assert len(rows) == len(events)
    assert {len(row) for row in rows} == {61}
    field = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for event, row in zip(events, rows, strict=True):
        assert row[0] == str(global_event_id(event.event_id))
        assert row[field["EventCode"]] == event.cameo and row[field["EventRootCode"]] == event.root
        assert event.cameo.startswith(row[field["EventBaseCode"]]) and len(row[field["EventBaseCode"]]) <= 3
        assert row[field["QuadClass"]] == str(int(event.quad_class))
        assert row[field["Day"]] == (f"{event.date.date:%Y%m%d}" if event.date.date else "")
        assert row[field["Actor1Code"]] == (event.source.code if event.source else "")
        assert row[field["Actor2CountryCode"]] == (event.target.country or "" if event.target else "")
        assert row[field["IsRootEvent"]] in {"0", "1"}
        assert row[field["SOURCEURL"]].startswith("https://")
    assert len({row[0] for row in rows}) == len(rows)


def test_gdelt_columns_follow_the_codebook_order(corpus_db: str, tmp_path: Path) -> None:
    _export(corpus_db, "gdelt", tmp_path / "h.tsv", header=True)
    header = _gdelt_rows(tmp_path / "h.tsv")[0]
    assert len(header) == 61
    positions = {"GlobalEventID": 0, "Day": 1, "Actor1Code": 5, "Actor2Code": 15, "IsRootEvent": 25}
    positions |= {"EventCode": 26, "GoldsteinScale": 30, "AvgTone": 34, "Actor1Geo_Type": 35}
    positions |= {"Actor2Geo_Type": 43, "ActionGeo_Type": 51, "ActionGeo_Lat": 56, "DATEADDED": 59}
    assert {name: header.index(name) for name in positions} == positions
    assert header[-1] == "SOURCEURL"


def test_gdelt_places_use_fips_country_codes(corpus_db: str, events: list[Event], tmp_path: Path) -> None:
    _export(corpus_db, "gdelt", tmp_path / "e.tsv")
    field = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    places = {
        (row[field["ActionGeo_FullName"]], row[field["ActionGeo_CountryCode"]], row[field["ActionGeo_Type"]])
        for row in _gdelt_rows(tmp_path / "e.tsv")
    }
    assert ("Kabul, Afghanistan", "AF", "4") in places
    assert ("Beijing, China", "CH", "4") in places  # FIPS CH is China; ISO CH would be Switzerland
    assert ("Afghanistan", "AF", "1") in places


def test_gdelt_root_events_are_read_in_the_headline_or_lead(
    corpus_db: str, events: list[Event], tmp_path: Path
) -> None:
    _export(corpus_db, "gdelt", tmp_path / "e.tsv")
    store = api.open_store(corpus_db)
    leads = {}
    for article in store.articles():
        paragraphs = [p.strip() for p in article.text.split("\n\n") if p.strip()]
        body = [p for p in paragraphs if p != article.title]
        leads[article.id] = [p for p in paragraphs if p == article.title] + body[:1]
    store.close()
    root = GDELT_COLUMNS.index("IsRootEvent")
    flags = [row[root] for row in _gdelt_rows(tmp_path / "e.tsv")]
    for event, flag in zip(events, flags, strict=True):
        in_lead = any(event.evidence[0].sentence in paragraph for paragraph in leads[event.article_id])
        assert flag == ("1" if in_lead else "0"), event.evidence[0].sentence
    assert set(flags) == {"0", "1"}


def test_fraction_date_is_the_share_of_the_year_gone() -> None:
    assert fraction_date(date(2019, 1, 25)) == "2019.0685"  # as in GDELT's own rows
    assert fraction_date(date(2024, 7, 1)) == "2024.5014"
    assert fraction_date(date(2024, 12, 31)) == "2024.9999"


def test_text_formats_stream_to_text_and_binary_streams_alike(corpus_db: str, tmp_path: Path) -> None:
    store = api.open_store(corpus_db)
    events = store.events(EventQuery(limit=40))
    store.close()
    for fmt in ("csv", "jsonl", "geojson", "gdelt"):
        write_events(events, fmt, tmp_path / f"e.{fmt}")
        text, binary = io.StringIO(), io.BytesIO()
        write_events(events, fmt, text)
        write_events(events, fmt, binary)
        on_disk = (tmp_path / f"e.{fmt}").read_bytes()
        assert text.getvalue().encode("utf-8") == binary.getvalue() == on_disk
        assert not binary.closed


def test_a_binary_format_refuses_a_text_stream(events: list[Event]) -> None:
    with pytest.raises(InputError, match="binary format"):
        write_events(events, "parquet", io.StringIO())
    with pytest.raises(InputError, match="unknown export format 'xlsx'"):
        write_events(events, "xlsx", io.StringIO())


def test_the_same_query_exports_the_same_bytes(corpus_db: str, tmp_path: Path) -> None:
    for fmt in ("gexf", "gdelt", "geojson", "parquet"):
        _export(corpus_db, fmt, tmp_path / f"a.{fmt}")
        _export(corpus_db, fmt, tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt


def test_paged_events_read_the_same_events_as_one_query(corpus_db: str, events: list[Event]) -> None:
    store = api.open_store(corpus_db)
    try:
        paged = [e.event_id for e in api.paged_events(store, EVERY_EVENT, page=7)]
        limited = list(api.paged_events(store, EventQuery(modality=None, limit=10, offset=5), page=3))
    finally:
        store.close()
    assert paged == [e.event_id for e in events]
    assert [e.event_id for e in limited] == [e.event_id for e in events[5:15]]


RUNNER = CliRunner()


def test_export_command_writes_the_filtered_events_and_says_so(corpus_db: str, tmp_path: Path) -> None:
    out = tmp_path / "pak-afg.parquet"
    result = RUNNER.invoke(
        app, ["--db", corpus_db, "export", "--format", "parquet", "--dyad", "PAK,AFG", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert result.stderr.strip() == f"wrote {table.num_rows} events to {out}"
    pairs = set(zip(table["source_country"].to_pylist(), table["target_country"].to_pylist(), strict=True))
    assert pairs and pairs <= {("PAK", "AFG"), ("AFG", "PAK")}
    assert set(table["modality"].to_pylist()) == {"asserted"}


def test_export_command_writes_text_formats_to_stdout(corpus_db: str) -> None:
    args = ["--db", corpus_db, "export", "-f", "gdelt", "--header", "--cameo", "04", "--limit", "5"]
    result = RUNNER.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS) and len(lines) == 6
    assert all(line.split("\t")[GDELT_COLUMNS.index("EventRootCode")] == "04" for line in lines[1:])
    assert result.stderr.strip() == "wrote 5 events to stdout"


def test_export_command_says_how_many_events_had_no_place(corpus_db: str, tmp_path: Path) -> None:
    result = RUNNER.invoke(
        app, ["--db", corpus_db, "export", "-f", "geojson", "-o", str(tmp_path / "m.geojson")]
    )
    assert result.exit_code == 0
    assert "without coordinates" in result.stderr and "left out" in result.stderr


def test_a_binary_format_without_an_output_file_is_a_one_line_error(corpus_db: str) -> None:
    result = RUNNER.invoke(app, ["--db", corpus_db, "export", "--format", "gexf"])
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "error: [O100] --format gexf writes a binary file; add -o FILE, e.g. -o events.gexf"
    )


def test_export_help_has_an_example() -> None:
    result = RUNNER.invoke(app, ["export", "--help"])
    assert result.exit_code == 0 and "Example: overtures export" in result.stdout
