"""The HTTP API over the ingested sample corpus: every endpoint checked against the store it serves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overtures.coding.codebook import cameo
from overtures.model import Event, Modality, QuadClass
from overtures.server import create_app
from overtures.store import EventQuery, Store, open_store
from tests.conftest import CORPUS_ARTICLES
from tests.server.conftest import API_KEY, LOCAL

EVERY = EventQuery(modality=None, limit=None)


@pytest.fixture(scope="module")
def client(corpus_url: str, services) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(
        create_app(corpus_url, api_key=API_KEY, services=services), base_url=LOCAL
    ) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def store(corpus_url: str) -> Iterator[Store]:
    opened = open_store(corpus_url)
    yield opened
    opened.close()


def walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``next`` until it is null."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get(path, params=params | ({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= params.get("limit", 50)
        items.extend(page["items"])
        cursor = page["next"]
        if cursor is None:
            return items


def side(event: dict[str, Any], role: str) -> str | None:
    """The country of an event object's source or target, None without one."""
    actor = event[role]
    return None if actor is None else actor["country"]


def event_ids(events: list[Event]) -> list[str]:
    return [event.event_id for event in events]


def test_stats_are_the_store_counts(client: TestClient, store: Store) -> None:
    body = client.get("/stats").json()
    assert body == store.counts() | {"schema_version": store.schema_version()}
    assert body["articles"] == CORPUS_ARTICLES


def test_the_dyad_filter_returns_what_the_store_returns(client: TestClient, store: Store) -> None:
    served = walk(client, "/events", dyad="RUS,AFG", limit=4)
    expected = store.events(EventQuery(dyad=("RUS", "AFG"), limit=None, order="-date"))
    assert len(expected) > 4  # more than one page
    assert [item["event_id"] for item in served] == event_ids(expected)
    assert all({item["source"]["country"], item["target"]["country"]} == {"RUS", "AFG"} for item in served)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_pages_walk_every_event_exactly_once_in_store_order(
    client: TestClient, store: Store, sort: str
) -> None:
    served = [item["event_id"] for item in walk(client, "/events", modality="all", sort=sort, limit=37)]
    assert served == event_ids(store.events(EventQuery(modality=None, limit=None, order=sort)))  # type: ignore[arg-type]
    assert len(served) == len(set(served)) == store.counts()["events"]


def test_the_event_list_is_newest_first_unless_told_otherwise(client: TestClient) -> None:
    page = client.get("/events", params={"limit": 100}).json()["items"]
    assert page == client.get("/events", params={"sort": "-date", "limit": 100}).json()["items"]
    dated = [item["date"] for item in page if item["date"] is not None]
    assert dated == sorted(dated, reverse=True) and len(dated) > 50
    oldest = [item["date"] for item in client.get("/events", params={"sort": "date"}).json()["items"]]
    assert oldest == sorted(oldest) and oldest[0] < dated[-1]


@pytest.mark.parametrize(
    ("params", "query"),
    [
        ({"actor": "taliban"}, EventQuery(actor="taliban", limit=None)),
        ({"country": "pak"}, EventQuery(country="PAK", limit=None)),
        ({"cameo": "04"}, EventQuery(cameo="04", limit=None)),
        ({"root": "19"}, EventQuery(root="19", limit=None)),
        ({"quad_class": 4}, EventQuery(quad_class=QuadClass.MATERIAL_CONFLICT, limit=None)),
        ({"modality": "negated"}, EventQuery(modality=Modality.NEGATED, limit=None)),
        (
            {"since": "2025-01-01", "until": "2025-06-30"},
            EventQuery(date_from=date(2025, 1, 1), date_to=date(2025, 6, 30), limit=None),
        ),
        ({"location": "kabul"}, EventQuery(location="kabul", limit=None)),
        ({"q": "border", "modality": "all"}, EventQuery(text="border", modality=None, limit=None)),
    ],
)
def test_each_filter_selects_what_the_store_selects(
    client: TestClient, store: Store, params: dict[str, Any], query: EventQuery
) -> None:
    served = [item["event_id"] for item in walk(client, "/events", limit=500, **params)]
    expected = event_ids(store.events(replace(query, order="-date")))
    assert served == expected and expected


def test_facets_sum_to_the_number_of_matching_events(client: TestClient, store: Store) -> None:
    params = {"country": "AFG", "modality": "all"}
    facets = client.get("/events/facets", params=params).json()
    events = store.events(EventQuery(country="AFG", modality=None, limit=None))
    assert sum(facets["root"].values()) == sum(facets["modality"].values()) == len(events)
    assert sum(facets["month"].values()) == sum(1 for e in events if e.date.date is not None)
    assert facets["modality"] == dict(Counter(e.modality.value for e in events))
    assert facets["actor"]["AFG"] == len(events)
    pakistan = sum(1 for e in events if "PAK" in {a.country for a in (e.source, e.target) if a})
    assert facets["actor"]["PAK"] == pakistan


def test_the_month_facet_counts_events_by_calendar_month(client: TestClient, store: Store) -> None:
    facets = client.get("/events/facets").json()
    months = Counter(
        e.date.date.strftime("%Y-%m") for e in store.events(EventQuery(limit=None)) if e.date.date
    )
    assert facets["month"] == dict(months)
    assert len(facets["actor"]) == 20


def test_an_event_by_id_has_all_its_evidence_and_its_cameo_name(client: TestClient, store: Store) -> None:
    event = max(store.events(EVERY), key=lambda e: len(e.evidence))
    body = client.get(f"/events/{event.event_id}").json()
    assert [e["sentence"] for e in body["evidence"]] == [e.sentence for e in event.evidence]
    assert body["cameo_name"] == cameo(event.cameo).name
    assert (body["cameo"], body["modality"]) == (event.cameo, event.modality.value)


def test_an_article_comes_with_its_events_and_quotes_pointing_into_its_text(
    client: TestClient, store: Store
) -> None:
    article_id = "feed-20251029-istanbul-talks-stall"
    body = client.get(f"/articles/{article_id}").json()
    text = body["text"]
    assert text == store.get_article(article_id).text
    assert [e["event_id"] for e in body["events"]] == event_ids(
        store.events(EventQuery(article_id=article_id, modality=None, limit=None))
    )
    spans = [e for event in body["events"] for e in event["evidence"]]
    assert spans and all(text[e["start"] : e["end"]] == e["sentence"] for e in spans)
    assert body["quotes"] and all(text[q["start"] : q["end"]] == q["text"] for q in body["quotes"])


def test_every_article_event_span_points_into_its_text(client: TestClient) -> None:
    for summary in walk(client, "/articles", limit=10):
        body = client.get(f"/articles/{summary['id']}").json()
        assert len(body["events"]) == summary["events"]
        for event in body["events"]:
            assert body["text"][event["start"] : event["end"]] == event["sentence"]


def test_articles_are_listed_newest_first_once_each_with_their_event_counts(
    client: TestClient, store: Store
) -> None:
    served = walk(client, "/articles", limit=6)
    assert sorted(item["id"] for item in served) == sorted(a.id for a in store.articles())
    days = [item["published"] for item in served]
    assert days == sorted(days, reverse=True)
    counts = Counter(event.article_id for event in store.events(EVERY))
    assert {item["id"]: item["events"] for item in served} == {a.id: counts[a.id] for a in store.articles()}


def test_article_search_matches_title_or_text(client: TestClient, store: Store) -> None:
    served = {item["id"] for item in walk(client, "/articles", q="Kurram")}
    expected = {a.id for a in store.articles() if "kurram" in (a.title or "").lower() + a.text.lower()}
    assert served == expected and 0 < len(expected) < CORPUS_ARTICLES


def test_actors_are_ranked_by_the_events_they_take_part_in(client: TestClient, store: Store) -> None:
    served = walk(client, "/actors", limit=25)
    codes = Counter(
        code for e in store.events() for code in {a.code for a in (e.source, e.target) if a and a.code}
    )
    assert {item["code"]: item["events"] for item in served} == dict(codes)
    ranks = [(-item["events"], item["code"]) for item in served]
    assert ranks == sorted(ranks)


def test_network_edges_count_the_events_between_actor_codes(client: TestClient, store: Store) -> None:
    body = client.get("/network", params={"country": "PAK"}).json()
    events = [
        e
        for e in store.events(EventQuery(country="PAK", limit=None))
        if e.source and e.target and e.source.code and e.target.code
    ]
    pairs = Counter((e.source.code, e.target.code) for e in events if e.source and e.target)
    assert {(edge["source"], edge["target"]): edge["weight"] for edge in body["edges"]} == dict(pairs)
    assert all(edge["q1"] + edge["q2"] + edge["q3"] + edge["q4"] == edge["weight"] for edge in body["edges"])
    ends = {edge["source"] for edge in body["edges"]} | {edge["target"] for edge in body["edges"]}
    assert {node["id"] for node in body["nodes"]} == ends


def test_network_keeps_only_the_heaviest_edges_when_asked(client: TestClient) -> None:
    all_edges = client.get("/network").json()["edges"]
    top = client.get("/network", params={"edges": 3}).json()
    assert top["edges"] == all_edges[:3]
    assert all_edges[0]["weight"] >= all_edges[-1]["weight"]


def test_locations_are_geojson_points_counting_located_events(client: TestClient, store: Store) -> None:
    body = client.get("/locations", params={"modality": "all"}).json()
    assert body["type"] == "FeatureCollection"
    located = [e for e in store.events(EVERY) if e.location and e.location.lat is not None]
    assert sum(f["properties"]["events"] for f in body["features"]) == len(located)
    kabul = next(f for f in body["features"] if f["properties"]["name"] == "Kabul")
    place = next(e.location for e in located if e.location and e.location.name == "Kabul")
    assert kabul["geometry"] == {"type": "Point", "coordinates": [place.lon, place.lat]}


def test_quotes_page_through_every_stored_quote(client: TestClient, store: Store) -> None:
    served = walk(client, "/quotes", limit=15)
    expected = store.quotes(limit=None)
    assert [(q["article_id"], q["start"]) for q in served] == [(q.article_id, q.start) for q in expected]


def test_quotes_filter_by_speaker_and_mentioned_country(client: TestClient) -> None:
    by_speaker = walk(client, "/quotes", speaker="saberi")
    assert by_speaker and all("saberi" in q["speaker"]["name"].lower() for q in by_speaker)
    mentioning = walk(client, "/quotes", mentions="pak")
    assert mentioning and all("PAK" in q["mentions"] for q in mentioning)


@pytest.mark.parametrize("path", ["/events/no-such-event", "/articles/no-such-article"])
def test_unknown_ids_are_404_with_a_json_error(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"error", "hint"} and "no-such" in response.json()["error"]


def test_an_unknown_route_is_a_json_404(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404 and set(response.json()) == {"error", "hint"}


BAD_PARAMETERS = [
    ("/events", {"limit": 0}, "limit"),
    ("/events", {"limit": 501}, "limit"),
    ("/events", {"limit": "ten"}, "limit"),
    ("/events", {"modality": "rumoured"}, "modality"),
    ("/events", {"sort": "cameo"}, "sort"),
    ("/events", {"since": "2025-13-01"}, "since"),
    ("/events", {"since": "yesterday"}, "since"),
    ("/events", {"until": "2025-02-30"}, "until"),
    ("/events", {"since": "2025-06-01", "until": "2025-01-01"}, "since"),
    ("/events", {"dyad": "RUS"}, "dyad"),
    ("/events", {"dyad": "RUS,AFG,PAK"}, "dyad"),
    ("/events", {"country": "Afghanistan"}, "country"),
    ("/events", {"cameo": "999"}, "cameo"),
    ("/events", {"cameo": "ab"}, "cameo"),
    ("/events", {"root": "21"}, "root"),
    ("/events", {"quad_class": 5}, "quad_class"),
    ("/events", {"cursor": "not-a-cursor"}, "cursor"),
    ("/events/facets", {"modality": "maybe"}, "modality"),
    ("/network", {"edges": 0}, "edges"),
    ("/locations", {"since": "May 2025"}, "since"),
    ("/actors", {"limit": 1000}, "limit"),
    ("/actors", {"cursor": "eyJ"}, "cursor"),
    ("/articles", {"limit": -5}, "limit"),
    ("/quotes", {"mentions": "Pakistan"}, "mentions"),
    ("/quotes", {"cursor": "%%%"}, "cursor"),
]


@pytest.mark.parametrize(("path", "params", "name"), BAD_PARAMETERS)
def test_every_bad_parameter_is_a_422_naming_it(
    client: TestClient, path: str, params: dict[str, Any], name: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"error", "hint"} and body["hint"]
    assert name in body["error"] or "cursor" in body["error"]


@pytest.mark.parametrize(
    "url", ["/events?q=a%00b", "/articles?q=%00", "/quotes?speaker=x%00", "/events/e%00"]
)
def test_a_nul_character_in_the_url_is_a_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422 and "NUL" in response.json()["error"]


def test_a_cursor_only_works_for_its_own_list_and_sort(client: TestClient) -> None:
    articles_cursor = client.get("/articles", params={"limit": 1}).json()["next"]
    events_cursor = client.get("/events", params={"limit": 1}).json()["next"]
    assert client.get("/events", params={"cursor": articles_cursor}).status_code == 422
    assert client.get("/events", params={"cursor": events_cursor, "sort": "date"}).status_code == 422
    assert client.get("/events", params={"cursor": events_cursor}).status_code == 200


ARTICLE = {
    "id": "api-post-1",
    "title": "Japan sends aid to Afghanistan",
    "published": "2025-11-03",
    "source": "Test Wire",
    "text": "Japan sent humanitarian aid to Afghanistan on Monday. Pakistan closed the Torkham crossing.",
}


def test_posting_without_the_right_key_is_401(fresh_url: str) -> None:
    with TestClient(create_app(fresh_url, api_key=API_KEY), base_url=LOCAL) as client:
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}):
            response = client.post("/articles", json=ARTICLE, headers=headers)
            assert response.status_code == 401 and set(response.json()) == {"error", "hint"}
        assert client.get("/articles/api-post-1").status_code == 404


def test_posting_to_a_server_without_a_key_is_503(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVERTURES_API_KEY", raising=False)
    with TestClient(create_app(fresh_url), base_url=LOCAL) as client:
        response = client.post("/articles", json=ARTICLE, headers={"X-API-Key": "anything"})
    assert response.status_code == 503 and "OVERTURES_API_KEY" in response.json()["hint"]


def test_the_key_comes_from_the_environment_by_default(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERTURES_API_KEY", "from-env")
    with TestClient(create_app(fresh_url), base_url=LOCAL) as client:
        response = client.post("/articles", json={"title": "no text"}, headers={"X-API-Key": "from-env"})
    assert response.status_code == 422  # past the key check, stopped by the body check
    assert "text" in response.json()["error"]


def test_a_posted_article_is_ingested_and_then_readable(fresh_url: str, services) -> None:  # type: ignore[no-untyped-def]
    headers = {"X-API-Key": API_KEY}
    with TestClient(create_app(fresh_url, api_key=API_KEY, services=services), base_url=LOCAL) as client:
        response = client.post("/articles", json=ARTICLE, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["ingested"], body["failed"], body["ids"]) == (1, 0, ["api-post-1"])
        article = client.get("/articles/api-post-1").json()
        assert article["title"] == ARTICLE["title"] and article["published"] == "2025-11-03"
        coded = {(side(e, "source"), e["root"], side(e, "target")) for e in article["events"]}
        assert ("JPN", "07", "AFG") in coded
        assert all(ARTICLE["text"][e["start"] : e["end"]] == e["sentence"] for e in article["events"])
        assert client.get("/stats").json()["articles"] == CORPUS_ARTICLES + 1
        again = client.post("/articles", json=[ARTICLE, {"text": "   "}], headers=headers).json()
    assert (again["ingested"], again["unchanged"], again["failed"]) == (0, 1, 1)
    assert again["errors"] == ["body[1]: failed: empty text; remove the record or add its text"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"title": "no text"}, "body.text: Field required"),
        ([ARTICLE, {"title": "no text"}], "body[1].text: Field required"),
        ([], "body: List should have at least 1 item"),
        ({"text": "x", "colour": "red"}, "body.colour: Extra inputs are not permitted"),
        ({"text": 42}, "body.text: Input should be a valid string"),
        ({"text": "Japan sent aid.\u0000"}, "body.text: Value error, contains a NUL character"),
        ("just a string", "body: Input should be a valid"),
    ],
)
def test_a_bad_body_is_a_422_naming_the_bad_field(fresh_url: str, body: object, error: str) -> None:
    with TestClient(create_app(fresh_url, api_key=API_KEY), base_url=LOCAL) as client:
        response = client.post("/articles", json=body, headers={"X-API-Key": API_KEY})
    assert response.status_code == 422 and set(response.json()) == {"error", "hint"}
    assert response.json()["error"].startswith(error)


def test_a_body_that_is_not_json_is_a_422(fresh_url: str) -> None:
    with TestClient(create_app(fresh_url, api_key=API_KEY), base_url=LOCAL) as client:
        response = client.post(
            "/articles", content=b"\x7f{", headers={"X-API-Key": API_KEY, "Content-Type": "application/json"}
        )
    assert response.status_code == 422 and response.json()["error"].startswith("body:")
