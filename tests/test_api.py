"""The Python API a notebook uses: ingest, extract, open_store, score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import overtures
from overtures.model import Event, Outcome
from tests.conftest import SHARED_EVAL


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_then_open_store_reads_back_articles_and_events(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    source = _write(
        tmp_path / "a.jsonl",
        [
            {
                "id": "k1",
                "published": "2024-06-04",
                "source": "Steppe Wire",
                "text": "Kazakhstan removed the Taliban from its list of banned organisations on Tuesday.",
            },
        ],
    )
    url = f"sqlite:///{tmp_path / 'api.db'}"
    summary = overtures.ingest([source], db=url, services=services)
    assert (summary.ingested, summary.failed, summary.ok) == (1, 0, True)
    store = overtures.open_store(url)
    assert store.get_article("k1").source == "Steppe Wire"
    events = store.events()
    assert [(e.source.country, e.cameo[:2], e.target.country) for e in events] == [("KAZ", "08", "AFG")]
    store.close()


def test_the_database_url_comes_from_overtures_db(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERTURES_DB", "sqlite:////tmp/elsewhere.db")
    assert overtures.default_db() == "sqlite:////tmp/elsewhere.db"
    monkeypatch.delenv("OVERTURES_DB")
    assert overtures.default_db() == "sqlite:///overtures.db"


def test_bad_records_are_reported_and_counted_while_the_rest_is_stored(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g1", "text": "Japan sent humanitarian aid to Afghanistan on Monday."})
    source.write_text(
        good + "\n{not json\n" + json.dumps({"id": "e1", "text": "  "}) + "\n", encoding="utf-8"
    )
    reported = []
    summary = overtures.ingest(
        [source], db=f"sqlite:///{tmp_path / 'm.db'}", services=services, report=reported.append
    )
    assert (summary.ingested, summary.failed) == (1, 2)
    assert [r.outcome for r in reported] == [Outcome.FAILED, Outcome.FAILED]
    assert reported[0].where.endswith("mixed.jsonl:2")


def test_extract_yields_events_from_a_path(services) -> None:  # type: ignore[no-untyped-def]
    events = list(overtures.extract(SHARED_EVAL / "inputs" / "seed.jsonl", services=services))
    assert events and all(isinstance(e, Event) for e in events)
    assert {e.article_id for e in events} == {"seed-courting-the-taliban"}


def test_score_takes_events_directly(services) -> None:  # type: ignore[no-untyped-def]
    events = overtures.extract(SHARED_EVAL / "inputs" / "seed.jsonl", services=services)
    result = overtures.score(SHARED_EVAL / "seed" / "gold.json", events)
    assert result["required"] == 13
