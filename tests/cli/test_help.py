"""The command as a whole: its version, its commands, and help with an example for each."""

from __future__ import annotations

import pytest
import typer

from overtures import __version__
from overtures.cli import app
from tests.cli.conftest import run


def test_version_prints_the_package_version() -> None:
    assert run("--version")[1].strip() == f"overtures {__version__}"


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_documented_commands_are_registered() -> None:
    documented = {"ingest", "extract", "events", "eval", "codes", "stats", "quotes", "export", "relations"}
    assert documented | {"dyad", "shifts"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out


def test_help_lists_the_commands_in_the_order_of_the_pipeline() -> None:
    listed = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    first = ["ingest", "extract", "events", "eval", "codes", "stats", "quotes", "export", "relations"]
    assert listed[: len(first)] == first
