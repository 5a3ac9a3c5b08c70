"""ExportSummary, what every export writer returns, and ArticleLookup, how a writer finds an article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from overtures.model import Article

ArticleLookup = Callable[[str], Article | None]  # the stored article with this id, None if unknown


@dataclass(frozen=True, kw_only=True, slots=True)
class ExportSummary:
    """What an export wrote: events written, events left out and why, and for a network its size."""

    fmt: str
    written: int
    left_out: int = 0
    left_out_reason: str = ""  # e.g. "without coordinates"
    nodes: int | None = None
    edges: int | None = None

    def describe(self, target: str) -> str:
        """One line for a person: "wrote 537 events to x.parquet"."""
        shape = f" as {self.nodes} actors and {self.edges} edges" if self.nodes is not None else ""
        line = f"wrote {_events(self.written)}{shape} to {target}"
        if self.left_out:
            line += f"; left out {_events(self.left_out)} {self.left_out_reason}".rstrip()
        return line


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"
