"""The ledger over the sample corpus: a hand-checked golden history, --as-of boundaries, and real
sentences that deny or only expect an act changing nothing."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from overtures import api
from overtures.model import Article
from overtures.relations import build_ledger, relation_record

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "corpus_ledger_afg.json"


def _golden_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ledger rows with evidence reduced to article ids and offsets (the golden file stays readable)."""
    for row in rows:
        row["evidence"] = [f"{e['article_id']}:{e['start']}-{e['end']}" for e in row["evidence"]]
    return rows


def test_afg_ledger_history_matches_the_golden_file(corpus_db: str) -> None:
    found = _golden_rows(
        [relation_record(r) for r in api.relations(db=corpus_db, target="AFG", history=True)]
    )
    if os.environ.get("OVERTURES_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_russian_recognition_changes_on_the_day_it_was_announced(corpus_db: str) -> None:
    rows = [
        r
        for r in api.relations(db=corpus_db, target="AFG", actor="RUS", history=True)
        if r.relation == "recognition"
    ]
    change = next(r for r in rows if r.value == "formal")
    assert change.valid_from is not None
    day_before = api.relations(
        db=corpus_db, target="AFG", actor="RUS", as_of=change.valid_from - timedelta(days=1)
    )
    on_the_day = api.relations(db=corpus_db, target="AFG", actor="RUS", as_of=change.valid_from)
    assert {r.relation: r.value for r in day_before}["recognition"] == "none"
    assert {r.relation: r.value for r in on_the_day}["recognition"] == "formal"
    assert "recogni" in change.evidence[0].sentence


def test_the_latest_state_is_the_default(corpus_db: str) -> None:
    latest = api.relations(db=corpus_db, target="AFG")
    assert {(r.actor, r.relation): r.value for r in latest}[("RUS", "recognition")] == "formal"
    assert all(r.valid_from is None or r.valid_from <= date(2025, 12, 31) for r in latest)


def test_an_as_of_date_before_any_news_gives_no_state(corpus_db: str) -> None:
    assert api.relations(db=corpus_db, target="AFG", as_of=date(2000, 1, 1)) == []


def test_denied_and_expected_acts_in_real_sentences_change_nothing(services: Any) -> None:
    text = (
        "Russia did not remove the Taliban from its list of terrorist organisations on Monday. "
        "Moscow is expected to recognise the Taliban government next month. "
        "China may close its embassy in Kabul if the talks fail."
    )
    article = Article(id="denials", text=text, published=date(2025, 5, 7))
    events = list(api.extract([article], services=services, all_modalities=True))
    assert {e.modality.value for e in events} >= {"negated", "expected"}
    point = [r for r in build_ledger(events) if r.relation not in ("engagement", "hostility")]
    assert point == []


def test_shifts_list_the_relation_states_that_changed_in_the_period(corpus_db: str) -> None:
    july = api.shifts(db=corpus_db, period="month", as_of=date(2025, 7, 31))
    changes = {(r.actor, r.target, r.relation, r.value) for r in july.state_changes}
    assert ("RUS", "AFG", "recognition", "formal") in changes
    assert all(r.valid_from is not None and date(2025, 7, 1) <= r.valid_from for r in july.state_changes)
    assert all(r.evidence for r in july.state_changes)
    june = api.shifts(db=corpus_db, period="month", as_of=date(2025, 6, 30))
    assert ("RUS", "AFG", "recognition", "formal") not in {
        (r.actor, r.target, r.relation, r.value) for r in june.state_changes
    }


def test_the_cli_writes_state_dates_only_as_precisely_as_they_are_known(corpus_db: str) -> None:
    from typer.testing import CliRunner

    from overtures.cli import app

    turkmen = api.relations(db=corpus_db, target="AFG", actor="TKM", history=True)
    embassy = next(r for r in turkmen if r.relation == "embassy")
    assert embassy.valid_from is not None and embassy.valid_from_precision.value == "year"
    found = CliRunner().invoke(
        app, ["relations", "--db", corpus_db, "--target", "AFG", "--actor", "TKM", "--history"]
    )
    assert found.exit_code == 0, found.output
    row = next(line for line in found.output.splitlines() if "embassy" in line)
    assert " 2021 " in row and embassy.valid_from.isoformat() not in found.output
