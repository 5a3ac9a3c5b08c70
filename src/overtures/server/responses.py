"""Data-model objects as the JSON the API returns (the dicts of overtures.export, plus codebook names)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from overtures.coding.codebook import all_codes
from overtures.export import event_record, quote_record
from overtures.model import Event, Quote
from overtures.server.schemas import EventOut, QuoteOut


@lru_cache(maxsize=1)
def _cameo_names() -> dict[str, str]:
    return {code.code: code.name for code in all_codes()}


def cameo_name(code: str) -> str | None:
    """The codebook name of a CAMEO code, or None for a code the codebook lacks."""
    return _cameo_names().get(code)


def event_out(event: Event) -> EventOut:
    """An event as the API returns it: event_record plus ``cameo_name``."""
    record: dict[str, Any] = event_record(event)
    return EventOut.model_validate(record | {"cameo_name": cameo_name(event.cameo)})


def quote_out(quote: Quote) -> QuoteOut:
    """A quote as the API returns it: quote_record."""
    return QuoteOut.model_validate(quote_record(quote))
