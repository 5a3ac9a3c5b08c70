"""The extract command: events of a file without a database, as JSON Lines or CSV, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import run
from tests.conftest import SHARED_EVAL


def test_extract_writes_every_documented_field(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    code, _, _ = run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--output", str(out))
    assert code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    fields = {
        "article_id",
        "event_id",
        "source",
        "target",
        "cameo",
        "root",
        "quad_class",
        "goldstein",
        "plover",
        "modality",
        "date",
        "date_precision",
        "date_window",
        "location",
        "sentence",
        "start",
        "end",
        "coder_version",
    }
    assert rows and all(fields <= set(row) for row in rows)
    assert all(row["modality"] == "asserted" for row in rows)


def test_extract_all_modalities_also_lists_the_negated_and_expected(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--all-modalities", "--output", str(out))
    modalities = {json.loads(line)["modality"] for line in out.read_text().splitlines()}
    assert {"asserted", "expected"} <= modalities


def test_extract_csv_has_a_header_and_one_row_per_event(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--format", "csv", "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0].startswith("article_id,event_id,date")
    assert len(lines) > 10


def test_an_unknown_format_is_a_one_line_error() -> None:
    code, _, err = run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--format", "xml")
    assert code == 1
    assert err.strip().startswith("error: [O000] Unknown format 'xml'")


def test_extract_of_a_missing_file_says_so_and_fails() -> None:
    code, _, err = run("extract", "/no/such/file.jsonl")
    assert code == 1
    assert "/no/such/file.jsonl: failed: no such file or folder" in err


def test_full_parse_codes_the_seed_article_as_the_default_path(tmp_path: Path) -> None:
    rows = {}
    for name, extra in (("selective", []), ("full", ["--full-parse"])):
        out = tmp_path / f"{name}.jsonl"
        seed = str(SHARED_EVAL / "inputs" / "seed.jsonl")
        code, _, _ = run("extract", seed, "--all-modalities", *extra, "--output", str(out))
        assert code == 0
        rows[name] = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows["full"]) > 40 and rows["selective"] == rows["full"]
