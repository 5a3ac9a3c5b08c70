"""The ``overtures`` command: a thin shell over the Python API in overtures.api.

Every command prints one clean line per user error ("[O104] ...; what to do"), and a traceback only with -v.
Each module below registers its commands on the one Typer app; ``overtures --help`` lists them in the
order they are imported here.
"""

# isort: off
from overtures.cli import ingest, extract, events, evaluation, codes, stats, quotes  # noqa: F401  (registers them)
from overtures.cli import export, relations, series, serve  # noqa: F401  (registers them)

# isort: on
from overtures.cli.base import app

__all__ = ["app"]
