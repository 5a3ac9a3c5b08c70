"""The events command: stored events listed with filters."""

from __future__ import annotations

import json

from tests.cli.conftest import run


def test_events_lists_stored_events_as_json_lines(corpus_db: str) -> None:
    code, out, _ = run(
        "--db", corpus_db, "events", "--dyad", "PAK,AFG", "--format", "jsonl", "--limit", "500"
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    for row in rows:
        assert {row["source"]["country"], row["target"]["country"]} == {"PAK", "AFG"}
        assert row["modality"] == "asserted"
