"""The event filter options that every command listing stored events shares (``events``, ``export``),
declared once: ``@event_filters`` gives a command these options and hands them over as one EventFilters.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Annotated, Any, get_type_hints

import typer

from overtures.cli.base import parse_date, parse_dyad
from overtures.model import Modality
from overtures.store.query import EventQuery


def _option(default: Any, *names: str, help: str) -> Any:
    """A field of EventFilters with its default and the typer option it is given as."""
    return field(default=default, metadata={"option": typer.Option(*names, help=help)})


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFilters:
    """The values of the shared filter options, as typed on the command line."""

    actor: str | None = _option(None, help="Source or target: country, code or name.")
    dyad: str | None = _option(None, help="Two countries, e.g. RUS,AFG (either direction).")
    cameo: str | None = _option(None, help="CAMEO code or prefix, e.g. 04 or 042.")
    since: str | None = _option(None, help="Earliest date, YYYY-MM-DD.")
    until: str | None = _option(None, help="Latest date, YYYY-MM-DD.")
    all_modalities: bool = _option(False, "--all-modalities", help="Include non-asserted events.")

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
    types = get_type_hints(EventFilters)
    options = [
        inspect.Parameter(
            f.name, keyword, default=f.default, annotation=Annotated[types[f.name], f.metadata["option"]]
        )
        for f in fields(EventFilters)
    ]
    parameters: list[inspect.Parameter] = []
    for parameter in inspect.signature(command, eval_str=True).parameters.values():
        parameters += options if parameter.name == "filters" else [parameter.replace(kind=keyword)]

    @functools.wraps(command)
    def run(**values: Any) -> None:
        filters = EventFilters(**{f.name: values.pop(f.name) for f in fields(EventFilters)})
        command(filters=filters, **values)

    setattr(run, "__signature__", inspect.Signature(parameters))  # noqa: B010 (a function has no such field)
    return run
