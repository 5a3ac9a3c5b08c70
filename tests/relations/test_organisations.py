"""International organisations in the relations ledger: keyed on their actor code (IGOUNO, IGOEUREEC), read
from real sentences, stored as the events build it, and kept right when their article is replaced."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from overtures import api
from overtures.model import Actor, Article
from overtures.relations import build_ledger
from overtures.relations.parties import ledger_party
from overtures.store import EventQuery

SANCTIONS = "The UN Security Council removed two Taliban ministers from its sanctions list on Monday."
MEETING = "EU envoy Tomas Niklasson met the Taliban foreign minister in Kabul on Tuesday."
CRITICISM = (
    "The United Nations condemned the Taliban on Wednesday. The UN criticised the Taliban again on Friday."
)


def _ingest(folder: Path, text: str, services: Any) -> str:
    """The article (published on Saturday 10 May 2025) ingested into the database in ``folder``."""
    path = folder / "article.jsonl"
    path.write_text(json.dumps({"id": "un-eu", "text": text, "published": "2025-05-10"}) + "\n")
    url = f"sqlite:///{folder / 'overtures.db'}"
    assert api.ingest([path], db=url, services=services).ingested == 1
    return url


def _states(url: str) -> dict[tuple[str, str, str], list[str]]:
    """Each pair's values per relation, over time, from the stored ledger."""
    found: dict[tuple[str, str, str], list[str]] = {}
    for row in api.relations(db=url, history=True):
        found.setdefault((row.actor, row.target, row.relation), []).append(row.value)
    return found


def test_the_ledger_keys_a_country_else_an_organisations_code() -> None:
    taliban = Actor(name="Taliban", text="the Taliban", country="AFG", sector="GOV", code="AFGGOV")
    un = Actor(name="United Nations", text="the UN", country=None, sector="IGO", code="IGOUNO")
    amnesty = Actor(name="Amnesty International", text="Amnesty", country=None, code="NGOHRIAMN")
    civilians = Actor(name="civilians", text="civilians", country=None, code="---CVL")
    assert [ledger_party(a) for a in (taliban, un, amnesty, civilians, None)] == [
        "AFG",
        "IGOUNO",
        None,
        None,
        None,
    ]


def test_organisations_hold_states_read_from_real_sentences(tmp_path: Path, services: Any) -> None:
    url = _ingest(tmp_path, f"{SANCTIONS} {MEETING} {CRITICISM}", services)
    states = _states(url)
    assert states[("IGOUNO", "AFG", "sanctions")] == ["lifted"]
    assert states[("IGOUNO", "AFG", "hostility")] == ["hostile", "none"]
    assert states[("IGOEUREEC", "AFG", "engagement")] == ["envoy", "none"]
    assert states[("AFG", "IGOEUREEC", "engagement")] == ["ministerial", "none"]
    lifted = api.relations(db=url, target="AFG", actor="IGOUNO")
    assert {r.relation: r.value for r in lifted}["sanctions"] == "lifted"
    assert "sanctions list" in next(r for r in lifted if r.relation == "sanctions").evidence[0].sentence
    with api.open_store(url) as store:
        assert store.ledger() == build_ledger(store.events(EventQuery(modality=None, limit=None)))


def test_a_denial_for_every_actor_is_spread_to_countries_not_to_organisations(services: Any) -> None:
    text = (
        "Nobody has recognized the Taliban government. "
        "The UN Security Council imposed sanctions on the Taliban on Monday. "
        "Russian Foreign Minister Sergey Lavrov met Taliban officials in Kabul on Tuesday."
    )
    article = Article(id="nobody", text=text, published=date(2025, 5, 10))
    rows = build_ledger(api.extract([article], services=services, all_modalities=True))
    assert {(r.actor, r.relation, r.value) for r in rows if r.actor in ("RUS", "IGOUNO")} >= {
        ("RUS", "recognition", "none"),
        ("IGOUNO", "sanctions", "imposed"),
    }
    assert [r for r in rows if r.actor == "IGOUNO" and r.relation == "recognition"] == []


def test_an_organisation_as_target_is_in_force_on_its_latest_event(tmp_path: Path, services: Any) -> None:
    url = _ingest(tmp_path, MEETING, services)
    assert {(r.relation, r.value) for r in api.relations(db=url, target="IGOEUREEC")} == {
        ("engagement", "ministerial")
    }


def test_replacing_an_article_drops_the_organisation_states_it_no_longer_supports(
    tmp_path: Path, services: Any
) -> None:
    url = _ingest(tmp_path, f"{SANCTIONS} {MEETING} {CRITICISM}", services)
    _ingest(tmp_path, CRITICISM, services)
    assert set(_states(url)) == {("IGOUNO", "AFG", "hostility")}
    with api.open_store(url) as store:
        assert store.ledger() == build_ledger(store.events(EventQuery(modality=None, limit=None)))
