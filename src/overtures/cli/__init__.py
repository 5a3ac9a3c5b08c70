"""The ``overtures`` command: a thin shell over the Python API in overtures.api.

Every command prints one clean line per user error ("[O104] ...; what to do"), and a traceback only with -v.
Each module below registers its commands on the one Typer app.
"""

from overtures.cli import coding, export, relations, series, serve  # noqa: F401  (registers the commands)
from overtures.cli.base import app

__all__ = ["app"]
