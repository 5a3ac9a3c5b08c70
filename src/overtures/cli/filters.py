"""The event filter options that every command listing stored events shares (``events``, ``export``),
declared once: ``@event_filters`` gives a command these options and hands them over as one EventFilters.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from overtures.cli.base import parse_date, parse_dyad
from overtures.model import Modality
from overtures.store.query import EventQuery

FILTER_OPTIONS: tuple[tuple[str, Any, object], ...] = (
    ("actor", Annotated[str | None, typer.Option(help="Source or target: country, code or name.")], None),
    (
        "dyad",
        Annotated[str | None, typer.Option(help="Two countries, e.g. RUS,AFG (either direction).")],
        None,
    ),
    ("cameo", Annotated[str | None, typer.Option(help="CAMEO code or prefix, e.g. 04 or 042.")], None),
    ("since", Annotated[str | None, typer.Option(help="Earliest date, YYYY-MM-DD.")], None),
    ("until", Annotated[str | None, typer.Option(help="Latest date, YYYY-MM-DD.")], None),
    (
        "all_modalities",
        Annotated[bool, typer.Option("--all-modalities", help="Include non-asserted events.")],
        False,
    ),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFilters:
    """The values of the shared filter options, as typed on the command line."""

    actor: str | None = None
    dyad: str | None = None
    cameo: str | None = None
    since: str | None = None
    until: str | None = None
    all_modalities: bool = False

    def query(self, *, limit: int | None, text: str | None = None) -> EventQuery:
        """The EventQuery these filters stand for (asserted events unless --all-modalities)."""
        return EventQuery(
            actor=self.actor,
            dyad=parse_dyad(self.dyad),
            cameo=self.cameo,
            date_from=parse_date(self.since),
            date_to=parse_date(self.until),
            text=text,
            limit=limit,
            modality=None if self.all_modalities else Modality.ASSERTED,
        )


NO_FILTERS = EventFilters()


def event_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the shared filter options where its ``filters`` parameter stands; it is called with
    their values as one EventFilters. Typer reads the options from the wrapper's signature."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    options = [inspect.Parameter(name, keyword, default=d, annotation=a) for name, a, d in FILTER_OPTIONS]
    parameters: list[inspect.Parameter] = []
    for parameter in inspect.signature(command, eval_str=True).parameters.values():
        parameters += options if parameter.name == "filters" else [parameter.replace(kind=keyword)]

    @functools.wraps(command)
    def run(**values: Any) -> None:
        filters = EventFilters(**{name: values.pop(name) for name, _, _ in FILTER_OPTIONS})
        command(filters=filters, **values)

    setattr(run, "__signature__", inspect.Signature(parameters))  # noqa: B010 (a function has no such field)
    return run
