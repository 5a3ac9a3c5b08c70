"""End to end through the command line: ingest the sample corpus, re-ingest, bad input, listing, help."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from overtures import __version__
from overtures.cli import app
from overtures.coding.version import coder_version
from overtures.store import open_store
from tests.conftest import CORPUS, ROOT, SHARED_EVAL

RUNNER = CliRunner()
CORPUS_ARTICLES = 34


def _run(*args: str) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'corpus.db'}"
    code, _, err = _run("--db", url, "ingest", str(CORPUS))
    assert code == 0, err
    assert f"ingested {CORPUS_ARTICLES}, unchanged 0, skipped 0, failed 0" in err
    return url


def test_ingest_stores_every_sample_article_with_its_derived_rows(corpus_db: str) -> None:
    store = open_store(corpus_db)
    counts = store.counts()
    assert counts["articles"] == CORPUS_ARTICLES
    assert counts["sentences"] > 10 * CORPUS_ARTICLES
    assert counts["events"] > 5 * CORPUS_ARTICLES
    store.close()


def test_stored_offsets_point_into_the_stored_text(corpus_db: str) -> None:
    store = open_store(corpus_db)
    for article in store.articles():
        for sentence in store.sentences(article.id):
            assert article.text[sentence.start : sentence.end] == sentence.text
        for mention in store.entities(article.id):
            assert article.text[mention.start : mention.end] == mention.text
    for event in store.events():
        text = store.get_article(event.article_id).text
        assert all(text[e.start : e.end] == e.sentence for e in event.evidence)
    store.close()


def test_reingesting_an_unchanged_corpus_changes_nothing(corpus_db: str) -> None:
    store = open_store(corpus_db)
    before = store.counts()
    store.close()
    code, _, err = _run("--db", corpus_db, "ingest", str(CORPUS))
    assert code == 0
    assert f"ingested 0, unchanged {CORPUS_ARTICLES}" in err
    store = open_store(corpus_db)
    assert store.counts() == before
    store.close()


def test_a_changed_article_replaces_its_rows_without_duplicates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'changed.db'}"
    source = tmp_path / "a.jsonl"
    first = "Pakistan deported 5,000 Afghan refugees on Tuesday."
    source.write_text(json.dumps({"id": "a1", "published": "2025-10-21", "text": first}) + "\n")
    assert _run("--db", url, "ingest", str(source))[0] == 0
    second = first + " Iran rejected the proposal."
    source.write_text(json.dumps({"id": "a1", "published": "2025-10-21", "text": second}) + "\n")
    code, _, err = _run("--db", url, "ingest", str(source))
    assert code == 0 and "ingested 1" in err
    store = open_store(url)
    assert store.counts()["articles"] == 1
    assert store.get_article("a1").text == second
    assert len(store.sentences("a1")) == 2
    store.close()


def test_bad_input_gets_one_line_per_record_and_the_rest_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    code, _, err = _run("--db", url, "ingest", str(ROOT / "examples" / "bad"))
    assert code == 1
    assert re.search(r"broken\.jsonl:\d+: failed: invalid JSON", err)
    assert re.search(r"broken\.jsonl:\d+: failed: empty text", err)
    assert re.search(r"broken\.jsonl:\d+: failed: not valid UTF-8", err)
    assert re.search(r"broken\.jsonl:\d+: skipped: detected language 'fr'", err)
    assert re.search(r"broken\.jsonl:\d+: skipped: declared language 'ru'", err)
    assert "ingested 3, unchanged 0, skipped 2, failed 5" in err


def test_events_lists_stored_events_as_json_lines(corpus_db: str) -> None:
    code, out, _ = _run(
        "--db", corpus_db, "events", "--dyad", "PAK,AFG", "--format", "jsonl", "--limit", "500"
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    for row in rows:
        assert {row["source"]["country"], row["target"]["country"]} == {"PAK", "AFG"}
        assert row["modality"] == "asserted"


def test_extract_writes_every_documented_field(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    code, _, _ = _run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--output", str(out))
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
    _run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--all-modalities", "--output", str(out))
    modalities = {json.loads(line)["modality"] for line in out.read_text().splitlines()}
    assert {"asserted", "expected"} <= modalities


def test_extract_csv_has_a_header_and_one_row_per_event(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    _run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--format", "csv", "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0].startswith("article_id,event_id,date")
    assert len(lines) > 10


def test_an_unknown_format_is_a_one_line_error() -> None:
    code, _, err = _run("extract", str(SHARED_EVAL / "inputs" / "seed.jsonl"), "--format", "xml")
    assert code == 1
    assert err.strip().startswith("error: [O000] Unknown format 'xml'")


def test_version_prints_the_package_version() -> None:
    assert _run("--version")[1].strip() == f"overtures {__version__}"


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_documented_commands_are_registered() -> None:
    documented = {"ingest", "extract", "events", "eval", "codes", "stats", "quotes", "export", "relations"}
    assert documented | {"dyad", "shifts"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = _run(command, "--help")
    assert code == 0
    assert "Example" in out


def test_codes_lists_the_cameo_codebook() -> None:
    code, out, _ = _run("codes", "17")
    assert code == 0
    assert any(line.startswith("174\t") for line in out.splitlines())


def test_extract_of_a_missing_file_says_so_and_fails() -> None:
    code, _, err = _run("extract", "/no/such/file.jsonl")
    assert code == 1
    assert "/no/such/file.jsonl: failed: no such file or folder" in err


def test_a_user_actor_file_changes_the_coder_version_and_recodes_stored_articles(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'recode.db'}"
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "r1", "text": "JuA fighters attacked Afghan border posts."}) + "\n")
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "groups:\n  - key: jamaat-ul-ahrar\n    name: Jamaat-ul-Ahrar\n    aliases: [JuA]\n"
        "    roles:\n      - {country: PAK, sector: REB}\n",
        encoding="utf-8",
    )
    with_actors = ("--db", url, "ingest", str(source), "--actors", str(extra))
    assert _run("--db", url, "ingest", str(source))[0] == 0
    assert "unchanged 1" in _run("--db", url, "ingest", str(source))[2]
    assert "ingested 1, unchanged 0" in _run(*with_actors)[2]
    assert "unchanged 1" in _run(*with_actors)[2]
    with open_store(url) as store:
        assert [e.source.code if e.source else None for e in store.events()] == ["PAKREB"]
        assert {e.coder_version for e in store.events()} == {coder_version(actors=extra)}
    assert "ingested 1, unchanged 0" in _run("--db", url, "ingest", str(source))[2]


def test_an_edited_package_data_file_recodes_stored_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from overtures.coding import version

    url = f"sqlite:///{tmp_path / 'recode.db'}"
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "r1", "text": "Japan sent humanitarian aid to Afghanistan."}) + "\n")
    assert "ingested 1, unchanged 0" in _run("--db", url, "ingest", str(source))[2]
    edited = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("overtures") / "data")), edited)
    with (edited / "modality.yaml").open("a", encoding="utf-8") as cues:
        cues.write("# a reviewed change to the cues\n")
    monkeypatch.setattr(version, "_package_digest", lambda: version.data_digest(edited))
    assert "ingested 1, unchanged 0" in _run("--db", url, "ingest", str(source))[2]
    assert "unchanged 1" in _run("--db", url, "ingest", str(source))[2]
