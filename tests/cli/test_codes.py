"""The codes command: the CAMEO codebook."""

from __future__ import annotations

from tests.cli.conftest import run


def test_codes_lists_the_cameo_codebook() -> None:
    code, out, _ = run("codes", "17")
    assert code == 0
    assert any(line.startswith("174\t") for line in out.splitlines())
