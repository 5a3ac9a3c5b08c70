"""Parameters at their edges: ids holding '/', every facet value usable as a filter, dates at the ends of
the calendar, and unknown country codes, each answered in the JSON error shape rather than a 5xx or an
empty 200."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from overtures.model import DatePrecision, Modality
from overtures.server import create_app
from overtures.server.params import ModalityParam, PrecisionParam
from overtures.store import EventQuery, open_store
from tests.server.conftest import API_KEY, LOCAL

URL_ID = "https://wire.example/2025/11/japan-aid?ref=rss#top"
ARTICLE = {
    "id": URL_ID,
    "url": "https://wire.example/2025/11/japan-aid",
    "title": "Japan sends aid to Afghanistan",
    "published": "2025-11-03",
    "text": "Japan sent humanitarian aid to Afghanistan on Monday. Pakistan closed the Torkham crossing.",
}
EDGE_DAYS = ["0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"]


@pytest.fixture(scope="module")
def client(corpus_url: str, services) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    app = create_app(corpus_url, api_key=API_KEY, services=services)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def assert_error_shape(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    body: dict[str, str] = response.json()
    assert set(body) == {"error", "hint"} and body["hint"]
    return body


def test_an_article_whose_id_is_a_url_can_be_read_back(client: TestClient) -> None:
    dots = ARTICLE | {"id": "../."}
    posted = client.post("/articles", json=[ARTICLE, dots], headers={"X-API-Key": API_KEY}).json()
    assert posted["ids"] == [URL_ID, "../."]
    for article_id, path in [
        (URL_ID, quote(URL_ID, safe="")),
        (URL_ID, quote(URL_ID, safe="/:")),
        ("../.", quote("../.", safe="")),
    ]:
        response = client.get(f"/articles/{path}")
        assert response.status_code == 200, path
        assert response.json()["id"] == article_id and response.json()["events"]


def test_the_api_modality_list_is_every_modality_and_all() -> None:
    assert set(get_args(ModalityParam)) == {m.value for m in Modality} | {"all"}


def test_the_api_precision_list_is_every_date_precision() -> None:
    assert set(get_args(PrecisionParam)) == {p.value for p in DatePrecision}


def test_the_precision_filter_keeps_only_events_dated_that_precisely(
    client: TestClient, corpus_url: str
) -> None:
    store = open_store(corpus_url)
    every = store.events(EventQuery(modality=None, limit=None))
    store.close()
    precisions = {e.date.precision.value for e in every}
    assert len(precisions) > 1
    for precision in precisions:
        params = {"modality": "all", "limit": 500, "precision": precision, "sort": "date"}
        found = client.get("/events", params=params).json()
        expected = [e.event_id for e in every if e.date.precision.value == precision]
        assert [e["event_id"] for e in found["items"]] == expected[:500]


def test_an_unknown_precision_is_a_422_listing_the_valid_ones(client: TestClient) -> None:
    body = assert_error_shape(client.get("/events", params={"precision": "decade"}), 422)
    assert "precision" in body["error"]
    assert all(precision.value in body["hint"] for precision in DatePrecision)


def test_every_facet_value_is_a_filter_that_finds_its_events(client: TestClient) -> None:
    facets = client.get("/events/facets", params={"modality": "all"}).json()
    filters = {"root": "root", "modality": "modality", "actor": "country"}
    assert "stative" in facets["modality"]
    for facet, parameter in filters.items():
        for value, count in facets[facet].items():
            params = {"modality": "all", parameter: value}
            response = client.get("/events/facets", params=params)
            assert response.status_code == 200, (facet, value, response.text)
            assert sum(response.json()["root"].values()) == count, (facet, value)


def _date_parameters(client: TestClient) -> list[tuple[str, str]]:
    """(path, parameter) for every date query parameter of every GET operation in the spec."""
    spec = client.get("/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] == "query" and parameter["schema"].get("format") == "date":
                found.append((path.replace("{a}", "PAK").replace("{b}", "AFG"), parameter["name"]))
    return found


def test_dates_at_the_ends_of_the_calendar_are_answered_never_a_5xx(client: TestClient) -> None:
    checked = _date_parameters(client)
    assert {"/shifts", "/relations", "/events", "/dyads/PAK/AFG/series"} <= {path for path, _ in checked}
    for path, name in checked:
        for day in EDGE_DAYS:
            response = client.get(path, params={name: day})
            assert response.status_code < 500, (path, name, day, response.text)
            if response.status_code >= 400:
                assert_error_shape(response, response.status_code)


def test_shifts_as_of_the_last_day_of_the_calendar_is_an_answer(client: TestClient) -> None:
    response = client.get("/shifts", params={"as_of": "9999-12-31"})
    assert response.status_code == 200, response.text
    assert response.json()["period"] == "9999-12"


@pytest.mark.parametrize(("period", "label"), [("month", "0001-01"), ("year", "0001"), ("week", "0001-W02")])
def test_a_period_in_year_one_keeps_a_four_digit_year(client: TestClient, period: str, label: str) -> None:
    response = client.get("/shifts", params={"as_of": "0001-01-10", "period": period})
    assert response.status_code == 200, response.text
    assert response.json()["period"] == label


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("/events", {"country": "XXX"}, "XXX"),
        ("/events", {"dyad": "AFG,QQQ"}, "QQQ"),
        ("/events/facets", {"country": "zzz"}, "zzz"),
        ("/actors", {"dyad": "XXX,YYY"}, "XXX"),
        ("/dyads/XXX/YYY/series", {}, "XXX"),
        ("/dyads/PAK/YYY/series", {}, "YYY"),
        ("/relations", {"target": "XXX"}, "XXX"),
        ("/quotes", {"mentions": "XXX"}, "XXX"),
    ],
)
def test_an_unknown_country_code_is_a_422_naming_it(
    client: TestClient, path: str, params: dict[str, str], code: str
) -> None:
    body = assert_error_shape(client.get(path, params=params), 422)
    assert f"unknown country code '{code}'" in body["error"] and "AFG" in body["hint"]


def test_a_real_country_without_events_is_an_empty_answer(client: TestClient) -> None:
    assert client.get("/events", params={"country": "ISL"}).json()["items"] == []
    assert client.get("/dyads/ISL/NOR/series").status_code == 200


def test_an_event_row_written_without_its_actors_text_is_served_with_the_name(fresh_url: str) -> None:
    """Rows written by other means (bulk SQL, another tool) may leave the mention's text NULL: the events
    page answers 200 and shows the actor's name in its place, never a 500."""
    import sqlite3

    path = fresh_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        changed = conn.execute("UPDATE events SET source_text = NULL WHERE source_name IS NOT NULL").rowcount
    assert changed > 0
    with TestClient(create_app(fresh_url), base_url=LOCAL) as test_client:
        response = test_client.get("/events", params={"limit": 20})
    assert response.status_code == 200
    sources = [item["source"] for item in response.json()["items"] if item["source"]]
    assert sources and all(source["text"] == source["name"] for source in sources)
