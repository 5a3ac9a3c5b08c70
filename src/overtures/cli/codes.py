"""The codes command: the CAMEO codebook."""

from __future__ import annotations

from typing import Annotated

import typer

from overtures.cli.base import app


@app.command()
def codes(
    root: Annotated[str | None, typer.Argument(help="Only codes under this root, e.g. 04.")] = None,
) -> None:
    """List CAMEO codes with name, Goldstein score, QuadClass and PLOVER type.

    Example: overtures codes 17
    """
    from overtures.coding.codebook import all_codes

    for c in all_codes():
        if root is None or c.root == root.zfill(2):
            typer.echo(f"{c.code}\t{c.goldstein}\t{int(c.quad_class)}\t{c.plover or '-'}\t{c.name}")
