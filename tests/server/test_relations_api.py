"""/relations, /dyads/{a}/{b}/series, /shifts and /export against the Python API over the same store."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date

import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from overtures import api
from overtures.relations import relation_record
from overtures.server import create_app
from overtures.store import EventQuery
from tests.server.conftest import LOCAL


@pytest.fixture(scope="module")
def client(corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_url), base_url=LOCAL) as found:
        yield found


def test_relations_are_the_ledger_of_the_python_api(client: TestClient, corpus_url: str) -> None:
    body = client.get("/relations", params={"target": "AFG", "as_of": "2025-07-03"}).json()
    expected = api.relations(db=corpus_url, target="AFG", as_of=date(2025, 7, 3))
    assert body["as_of"] == "2025-07-03"
    names = {item["actor"]: item["actor_name"] for item in body["items"]}
    assert [{k: v for k, v in item.items() if not k.endswith("_name")} for item in body["items"]] == [
        relation_record(row) for row in expected
    ]
    assert names["RUS"] == "Russia" and names["TKM"] == "Turkmenistan"
    assert {item["target_name"] for item in body["items"]} == {"Afghanistan"}
    states = {(r["actor"], r["relation"]): r["value"] for r in body["items"]}
    assert states[("RUS", "recognition")] == "formal"


def test_a_state_dated_only_to_a_year_says_so(client: TestClient) -> None:
    body = client.get("/relations", params={"target": "AFG", "actor": "TKM", "history": "true"}).json()
    embassy = next(item for item in body["items"] if item["relation"] == "embassy")
    assert embassy["value"] == "open" and embassy["valid_from_precision"] == "year"
    assert "since 2021" in embassy["evidence"][0]["sentence"]
    precisions = {
        item["valid_from_precision"]
        for item in client.get("/relations", params={"history": "true"}).json()["items"]
    }
    assert {"day", "week", "month", "year"} <= precisions


def test_the_ledger_countries_are_every_target_and_actor_with_their_states(client: TestClient) -> None:
    every = client.get("/relations", params={"history": "true"}).json()["items"]
    countries = client.get("/relations/countries").json()["items"]
    assert {c["code"]: c["states_towards"] for c in countries if c["states_towards"]} == dict(
        Counter(item["target"] for item in every)
    )
    assert {c["code"]: c["states_held"] for c in countries if c["states_held"]} == dict(
        Counter(item["actor"] for item in every)
    )
    names = {c["code"]: c["name"] for c in countries}
    assert names["AFG"] == "Afghanistan" and names["PAK"] == "Pakistan" and names["IRN"] == "Iran"


def test_an_organisation_is_an_actor_of_the_ledger_named_as_its_events_name_it(
    client: TestClient, corpus_url: str
) -> None:
    body = client.get("/relations", params={"target": "AFG", "actor": "igouno", "history": "true"}).json()
    expected = api.relations(db=corpus_url, target="AFG", actor="IGOUNO", history=True)
    assert [{k: v for k, v in item.items() if not k.endswith("_name")} for item in body["items"]] == [
        relation_record(row) for row in expected
    ]
    assert "hostility" in {item["relation"] for item in body["items"]}
    assert {(item["actor_name"], item["target_name"]) for item in body["items"]} == {
        ("United Nations", "Afghanistan")
    }
    listed = {c["code"]: c for c in client.get("/relations/countries").json()["items"]}
    assert (listed["IGOUNO"]["name"], listed["IGOUNO"]["kind"]) == ("United Nations", "organisation")
    assert listed["IGOUNO"]["states_held"] == len(
        client.get("/relations", params={"actor": "IGOUNO", "history": "true"}).json()["items"]
    )
    assert listed["AFG"]["kind"] == "country"


def test_an_organisation_the_actor_files_know_but_no_event_names_has_no_states(client: TestClient) -> None:
    response = client.get("/relations", params={"target": "IGOCIS"})
    assert response.status_code == 200 and response.json()["items"] == []


def test_an_unknown_organisation_code_is_422_naming_it(client: TestClient) -> None:
    response = client.get("/relations", params={"actor": "IGOZZZ"})
    assert response.status_code == 422
    assert "'IGOZZZ'" in response.json()["error"] and "IGOUNO" in response.json()["hint"]


def test_relations_as_of_the_day_before_shows_the_old_state(client: TestClient) -> None:
    body = client.get("/relations", params={"target": "afg", "actor": "RUS", "as_of": "2025-07-02"}).json()
    assert {r["relation"]: r["value"] for r in body["items"]}["recognition"] == "none"


def test_dyad_series_rows_sum_to_the_dyad_events(client: TestClient, corpus_url: str) -> None:
    body = client.get("/dyads/PAK/AFG/series", params={"by": "year"}).json()
    assert body["dyad"] == ["PAK", "AFG"] and body["by"] == "year"
    with api.open_store(corpus_url) as store:
        dated = [e for e in store.events(EventQuery(dyad=("PAK", "AFG"), limit=None)) if e.date.date]
    assert sum(row["events"] for row in body["rows"]) == len(dated)
    assert {row["period"] for row in body["rows"]} >= {"2024", "2025"}


def test_shifts_report_the_october_border_crisis(client: TestClient) -> None:
    body = client.get("/shifts", params={"as_of": "2025-10-31"}).json()
    assert body["period"] == "2025-10"
    shift = next(s for s in body["dyad_shifts"] if sorted(s["dyad"]) == ["AFG", "PAK"])
    assert sorted(shift["dyad_names"]) == ["Afghanistan", "Pakistan"]
    assert all(
        e["date_precision"] in {"day", "week", "month", "year", "publication"} for e in shift["evidence"]
    )
    assert all(change["evidence"] and change["actor_name"] for change in body["state_changes"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "2025-13-01"}, "as_of"),
        ({"target": "Afghanistan"}, "target"),
        ({"history": "maybe"}, "history"),
    ],
)
def test_bad_relations_parameters_are_422_with_a_reason(
    client: TestClient, params: dict[str, str], field: str
) -> None:
    response = client.get("/relations", params=params)
    assert response.status_code == 422
    assert field in response.json()["error"]


def test_bad_series_and_shift_parameters_are_422(client: TestClient) -> None:
    assert client.get("/dyads/PAK/AFG/series", params={"by": "decade"}).status_code == 422
    assert client.get("/dyads/PAK/PAK/series").status_code == 422
    assert client.get("/shifts", params={"period": "day"}).status_code == 422


def test_export_csv_and_jsonl_hold_the_filtered_events(client: TestClient, corpus_url: str) -> None:
    with api.open_store(corpus_url) as store:
        expected = store.events(EventQuery(dyad=("RUS", "AFG"), limit=None))
    csv = client.get("/export", params={"format": "csv", "dyad": "RUS,AFG"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert len(pd.read_csv(io.StringIO(csv.text))) == len(expected)
    jsonl = client.get("/export", params={"format": "jsonl", "dyad": "RUS,AFG"}).text.splitlines()
    assert {json.loads(line)["event_id"] for line in jsonl} == {e.event_id for e in expected}


def test_export_parquet_and_gexf_read_back(client: TestClient) -> None:
    parquet = client.get("/export", params={"format": "parquet"})
    assert parquet.status_code == 200
    assert len(pd.read_parquet(io.BytesIO(parquet.content))) > 100
    gexf = client.get("/export", params={"format": "gexf"})
    graph = nx.read_gexf(io.BytesIO(gexf.content))
    assert graph.number_of_nodes() > 5


def test_export_refuses_an_unknown_format(client: TestClient) -> None:
    response = client.get("/export", params={"format": "xlsx"})
    assert response.status_code == 422 and "format" in response.json()["error"]


def test_export_formats_are_the_registry_in_its_order_and_each_one_downloads(client: TestClient) -> None:
    from overtures.export import FORMATS

    listed = client.get("/export/formats").json()
    assert [f["name"] for f in listed] == list(FORMATS)
    for found in listed:
        assert (found["suffix"], found["media_type"]) == (
            FORMATS[found["name"]].suffix,
            FORMATS[found["name"]].media_type,
        )
        download = client.get("/export", params={"format": found["name"], "root": "04"})
        assert download.status_code == 200, found["name"]
        assert f'filename="events.{found["suffix"]}"' in download.headers["content-disposition"]
