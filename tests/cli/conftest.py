"""The ``overtures`` command run in-process, as a user would type it."""

from __future__ import annotations

from typer.testing import CliRunner

from overtures.cli import app

RUNNER = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Run ``overtures ARGS``: its exit code, what it printed, and what it said on stderr."""
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr
