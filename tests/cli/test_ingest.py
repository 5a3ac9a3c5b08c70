"""The ingest command: a re-ingest that changes nothing, a changed article, bad input reported one line a
record, and stored articles recoded when the actors or the coding data change."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from overtures.coding.version import coder_version
from overtures.store import open_store
from tests.cli.conftest import run
from tests.conftest import CORPUS, CORPUS_ARTICLES, ROOT, copy_database


def test_reingesting_an_unchanged_corpus_changes_nothing(corpus_file: Path, tmp_path: Path) -> None:
    url = copy_database(corpus_file, tmp_path)
    store = open_store(url)
    before = store.counts()
    store.close()
    code, _, err = run("--db", url, "ingest", str(CORPUS))
    assert code == 0
    assert f"ingested 0, unchanged {CORPUS_ARTICLES}" in err
    store = open_store(url)
    assert store.counts() == before
    store.close()


def test_a_changed_article_replaces_its_rows_without_duplicates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'changed.db'}"
    source = tmp_path / "a.jsonl"
    first = "Pakistan deported 5,000 Afghan refugees on Tuesday."
    source.write_text(json.dumps({"id": "a1", "published": "2025-10-21", "text": first}) + "\n")
    assert run("--db", url, "ingest", str(source))[0] == 0
    second = first + " Iran rejected the proposal."
    source.write_text(json.dumps({"id": "a1", "published": "2025-10-21", "text": second}) + "\n")
    code, _, err = run("--db", url, "ingest", str(source))
    assert code == 0 and "ingested 1" in err
    store = open_store(url)
    assert store.counts()["articles"] == 1
    assert store.get_article("a1").text == second
    assert len(store.sentences("a1")) == 2
    store.close()


def test_bad_input_gets_one_line_per_record_and_the_rest_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    code, _, err = run("--db", url, "ingest", str(ROOT / "examples" / "bad"))
    assert code == 1
    assert re.search(r"broken\.jsonl:\d+: failed: invalid JSON", err)
    assert re.search(r"broken\.jsonl:\d+: failed: empty text", err)
    assert re.search(r"broken\.jsonl:\d+: failed: not valid UTF-8", err)
    assert re.search(r"broken\.jsonl:\d+: skipped: detected language 'fr'", err)
    assert re.search(r"broken\.jsonl:\d+: skipped: declared language 'ru'", err)
    assert "ingested 3, unchanged 0, skipped 2, failed 5" in err


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
    assert run("--db", url, "ingest", str(source))[0] == 0
    assert "unchanged 1" in run("--db", url, "ingest", str(source))[2]
    assert "ingested 1, unchanged 0" in run(*with_actors)[2]
    assert "unchanged 1" in run(*with_actors)[2]
    with open_store(url) as store:
        assert [e.source.code if e.source else None for e in store.events()] == ["PAKREB"]
        assert {e.coder_version for e in store.events()} == {coder_version(actors=extra)}
    assert "ingested 1, unchanged 0" in run("--db", url, "ingest", str(source))[2]


def test_an_edited_package_data_file_recodes_stored_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from overtures.coding import version

    url = f"sqlite:///{tmp_path / 'recode.db'}"
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "r1", "text": "Japan sent humanitarian aid to Afghanistan."}) + "\n")
    assert "ingested 1, unchanged 0" in run("--db", url, "ingest", str(source))[2]
    edited = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("overtures") / "data")), edited)
    with (edited / "modality.yaml").open("a", encoding="utf-8") as cues:
        cues.write("# a reviewed change to the cues\n")
    monkeypatch.setattr(version, "_package_digest", lambda: version.data_digest(edited))
    assert "ingested 1, unchanged 0" in run("--db", url, "ingest", str(source))[2]
    assert "unchanged 1" in run("--db", url, "ingest", str(source))[2]
