"""The export format registry: the docs table, the API's spec and the CLI's help all follow it, and each
registered format writes what it declares (text or binary) under its own name."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from overtures.cli import app
from overtures.export import FORMATS, ExportFormat, write_events
from overtures.server import create_app
from tests.conftest import ROOT
from tests.store.objects import make_event

DOCS = ROOT / "docs" / "exports.md"
TABLE_HEADER = "| format | suffix | media type | binary | what it holds |"
EVENTS = [make_event(), make_event("a1-e2", target=None, location=None)]


def docs_row(export_format: ExportFormat) -> str:
    """The docs/exports.md table row of a format."""
    f = export_format
    binary = "yes" if f.binary else "no"
    return f"| `{f.name}` | `.{f.suffix}` | `{f.media_type}` | {binary} | {f.about} |"


def docs_table_rows() -> list[str]:
    """The rows of the formats table in docs/exports.md, below its header and rule."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_the_docs_table_of_formats_is_the_registry() -> None:
    expected = [docs_row(export_format) for export_format in FORMATS.values()]
    assert docs_table_rows() == expected, "docs/exports.md should list:\n" + "\n".join(expected)


def test_each_format_is_registered_under_the_name_it_declares() -> None:
    assert all(name == export_format.name for name, export_format in FORMATS.items())
    assert len({f.suffix for f in FORMATS.values()}) == len(FORMATS)


def test_the_api_spec_offers_every_format_and_its_media_type() -> None:
    spec = create_app("sqlite://").openapi()["paths"]["/export"]["get"]
    parameter = next(p for p in spec["parameters"] if p["name"] == "format")
    assert parameter["schema"]["enum"] == list(FORMATS)
    assert set(spec["responses"]["200"]["content"]) == {f.media_type for f in FORMATS.values()}


def test_the_export_help_names_every_format_and_the_binary_ones() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env={"COLUMNS": "300"})
    assert f"One of: {', '.join(FORMATS)}." in result.output
    binary = " and ".join(name for name, f in FORMATS.items() if f.binary)
    assert f"required for {binary}" in result.output


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_writes_to_a_binary_stream_under_its_own_name(name: str) -> None:
    buffer = io.BytesIO()
    summary = write_events(EVENTS, name, buffer)
    assert summary.fmt == name
    assert buffer.getvalue()


@pytest.mark.parametrize("name", [name for name, f in FORMATS.items() if not f.binary])
def test_a_text_format_writes_the_same_to_text_and_binary_streams(name: str) -> None:
    text, binary = io.StringIO(), io.BytesIO()
    write_events(EVENTS, name, text)
    write_events(EVENTS, name, binary)
    assert text.getvalue().encode("utf-8") == binary.getvalue()


def test_the_registry_loads_without_the_slow_libraries_of_its_writers() -> None:
    code = "import sys, overtures.export; print(sorted({'pyarrow', 'networkx'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
