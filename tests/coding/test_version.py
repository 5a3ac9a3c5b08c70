"""The coder version is derived from what coding reads: the package version, every package data file and
the user's actor and dictionary files, so a change to any of them recodes the stored articles."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from overtures.coding import version
from overtures.coding.version import coder_version, data_digest
from overtures.errors import DataFileError
from overtures.settings import VERSION

PACKAGE_DATA = Path(str(resources.files("overtures") / "data"))
DATA_FILES = sorted(
    str(p.relative_to(PACKAGE_DATA)) for p in PACKAGE_DATA.rglob("*") if p.suffix in version.SUFFIXES
)


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("version") / "data"
    shutil.copytree(PACKAGE_DATA, copy)
    return copy


def test_the_version_is_the_package_version_with_a_hash_of_the_data() -> None:
    found = coder_version()
    assert found.startswith(f"{VERSION}+") and len(found) == len(VERSION) + 1 + version.DIGITS
    assert found == coder_version()  # deterministic


def test_a_copy_of_the_package_data_has_the_package_digest(data_copy: Path) -> None:
    assert data_digest(data_copy) == version._package_digest()


@pytest.mark.parametrize("name", DATA_FILES)
def test_changing_any_data_file_changes_the_digest(name: str, data_copy: Path) -> None:
    before = data_digest(data_copy)
    path = data_copy / name
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\n")
        assert data_digest(data_copy) != before
    finally:
        path.write_bytes(original)


def test_the_data_files_are_the_dictionary_actors_cues_places_codebooks_and_rules() -> None:
    names = set(DATA_FILES)
    assert {"modality.yaml", "places.yaml", "city_index.json", "relations.yaml", "cameo_codes.json"} <= names
    assert any(n.startswith("dictionary/petrarch2/") for n in names)
    assert {"actors/countries.yaml", "actors/phoenix_agents.tsv"} <= names


def test_a_user_file_changes_the_version_by_its_content_not_its_path(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("groups: []\n", encoding="utf-8")
    two.write_text("groups: []\n", encoding="utf-8")
    assert coder_version(actors=one) == coder_version(actors=two) != coder_version()
    assert coder_version(actors=one) != coder_version(dictionary=one)
    two.write_text("groups: []  # edited\n", encoding="utf-8")
    assert coder_version(actors=two) != coder_version(actors=one)


def test_an_unreadable_user_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read dictionary file"):
        coder_version(dictionary=tmp_path / "missing.yaml")
