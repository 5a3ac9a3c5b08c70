"""ExportFormat: what one export format declares about itself, in the module that writes it.

The registry (``overtures.export.FORMATS``) lists them; ``overtures export``, the API's /export and the
table in docs/exports.md all read it, so adding a format means adding one module and one registry line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from overtures.export.summary import ArticleLookup, ExportSummary
from overtures.model import Event


@dataclass(frozen=True, kw_only=True, slots=True)
class ExportOptions:
    """What some formats take besides the events: gdelt reads each event's article and may add a header."""

    articles: ArticleLookup | None = None
    header: bool = False


Writer = Callable[[Iterable[Event], IO[Any], ExportOptions], ExportSummary]


@dataclass(frozen=True, kw_only=True, slots=True)
class ExportFormat:
    """An export format: its name (``--format``), file suffix, media type, whether it is binary (then
    ``write`` gets a binary stream, else a text one), one line about it for the docs, and its writer."""

    name: str
    suffix: str
    media_type: str
    binary: bool
    about: str
    write: Writer
