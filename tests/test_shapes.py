"""Each shape is declared once, as a data-model dataclass; its other forms (store rows, export records,
CSV columns, Parquet columns, API models) must carry every field of it, or say here why not.

The test builds an object whose every field holds a value found nowhere else, turns it into each form,
and traces the values: a dataclass field whose value a form lacks, or a form's key whose value comes
from no field, fails the test until the form is fixed or the difference is listed below with its reason.
"""

from __future__ import annotations

import enum
import itertools
import json
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import BaseModel

from overtures.export import csv_row, event_record, quote_record
from overtures.export.records import CSV_COLUMNS, cluster_record
from overtures.model import Event, EventCluster, Quote
from overtures.relations.ledger import LedgerRow, relation_record
from overtures.relations.series import PeriodRow, period_record
from overtures.relations.shifts import DyadShift, ShiftsReport, report_record, shift_record
from overtures.server.relation_schemas import DyadShiftOut, PeriodOut, RelationOut, ShiftsOut
from overtures.server.responses import event_out, quote_out
from overtures.store import schema
from overtures.store.quote_table import quote_row, quotes

_counter = itertools.count(1000)


def distinct(kind: Any, path: str) -> Any:
    """A value of type ``kind`` that no other field of the object holds (a dataclass is built field by
    field; an optional field gets a value; a variable-length tuple gets one item)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return distinct(next(arg for arg in args if arg is not type(None)), path)
    if origin is tuple:
        items = args[:1] if len(args) == 2 and args[1] is Ellipsis else args
        return tuple(distinct(item, f"{path}.{n}") for n, item in enumerate(items))
    if origin is frozenset:
        return frozenset({distinct(args[0], path)})
    if is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: distinct(hints[f.name], f"{path}.{f.name}") for f in fields(kind)})
    return _scalar(kind, path)


def _scalar(kind: type, path: str) -> Any:
    n = next(_counter)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        members = list(kind)
        return members[n % len(members)]
    makers: dict[type, Callable[[], Any]] = {
        str: lambda: f"<{path}>",
        bool: lambda: True,
        int: lambda: n,
        float: lambda: n + 0.25,
        date: lambda: date(2001, 1, 1) + timedelta(days=n),
    }
    return makers[kind]()


def plain(value: Any) -> Any:
    """A leaf value as every form writes it: dates as ISO text, enums as their values."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def model_leaves(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(field path, plain value) for every leaf of a dataclass object; tuple items share their path."""
    if is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from model_leaves(getattr(obj, f.name), f"{path}.{f.name}".lstrip("."))
    elif isinstance(obj, tuple | frozenset | list):
        for item in obj:
            yield from model_leaves(item, path)
    else:
        yield path, plain(obj)


def form_leaves(form: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(key path, plain value) for every leaf of a record, a row or a pydantic model."""
    if isinstance(form, BaseModel):
        form = form.model_dump()
    if isinstance(form, dict):
        for key, value in form.items():
            yield from form_leaves(value, f"{path}.{key}".lstrip("."))
    elif isinstance(form, list | tuple):
        for item in form:
            yield from form_leaves(item, path)
    else:
        yield path, plain(form)


def untraced(obj: Any, form: Any) -> tuple[set[str], set[str]]:
    """The object's fields whose values the form lacks, and the form's keys holding no field's value."""
    fields_ = list(model_leaves(obj))
    keys = list(form_leaves(form))
    values = {value for _, value in keys}
    missing = {path for path, value in fields_ if value not in values}
    known = {value for _, value in fields_}
    invented = {path for path, value in keys if value not in known}
    return missing, invented


OFFSETS = {"source.start", "source.end", "target.start", "target.end"}  # where the article names an actor
RECORD_LEAVES_OUT = OFFSETS | {"date.text", "evidence.article_id", "evidence.trigger"}
EVENT_FORMS: dict[str, tuple[Callable[[Event], Any], set[str], set[str]]] = {
    # form: (how an event becomes it, fields it leaves out, keys of its own)
    "event_record (JSON Lines)": (event_record, RECORD_LEAVES_OUT, set()),
    "csv_row (CSV, GeoJSON properties)": (
        csv_row,
        RECORD_LEAVES_OUT | {"source.text", "target.text", "location.lat", "location.lon", "date.window"},
        set(),
    ),
    # the cluster id lives in the event_clusters table; evidence rows are numbered to keep their order
    "store rows": (
        lambda e: schema.event_row(e) | {"evidence": schema.evidence_rows(e)},
        {"cluster_id"},
        {"evidence.ordinal"},
    ),
    "parquet row": (lambda e: _parquet_columns(e), OFFSETS | {"date.text", "cluster_id"}, set()),
    # the API does not return cluster ids (yet); it adds the CAMEO code's name from the codebook
    "API EventOut": (event_out, RECORD_LEAVES_OUT | {"cluster_id"}, {"cameo_name"}),
}


def _parquet_columns(event: Event) -> dict[str, Any]:
    """The values of an event that reach a Parquet file: its row, less what the schema has no column for."""
    from overtures.export.parquet import parquet_row, parquet_schema

    return {k: v for k, v in parquet_row(event).items() if k in parquet_schema().names}


@pytest.mark.parametrize("form", list(EVENT_FORMS))
def test_every_event_field_is_in_each_form_of_an_event_or_left_out_for_a_reason(form: str) -> None:
    to_form, leaves_out, own_keys = EVENT_FORMS[form]
    event = distinct(Event, "event")
    assert untraced(event, to_form(event)) == (leaves_out, own_keys)


def test_the_csv_columns_are_the_keys_of_a_csv_row() -> None:
    assert set(csv_row(distinct(Event, "event"))) == set(CSV_COLUMNS)


def test_the_events_table_has_a_column_for_each_key_of_an_event_row_and_reads_back_the_event() -> None:
    event = distinct(Event, "event")
    row = schema.event_row(event)
    assert set(row) == set(schema.events.c.keys())
    rows = schema.evidence_rows(event)
    evidence = tuple(schema.evidence_from_row(item) for item in rows)  # type: ignore[arg-type]
    assert schema.event_from_row(row, evidence) == replace(event, cluster_id=None)  # type: ignore[arg-type]


QUOTE_DATE_DETAIL = {"date.window", "date.text"}  # a quote's date is a day and a precision
OTHER_FORMS: dict[str, tuple[type, Callable[[Any], Any], set[str], set[str]]] = {
    # form: (the dataclass, how an object becomes the form, fields it leaves out, keys of its own)
    "quote_record": (Quote, quote_record, QUOTE_DATE_DETAIL, set()),
    "API QuoteOut": (Quote, quote_out, QUOTE_DATE_DETAIL, set()),
    "quote row": (Quote, lambda q: _quote_columns(q), QUOTE_DATE_DETAIL, {"ordinal"}),
    # a cluster's id is its representative report's event id
    "cluster_record": (
        EventCluster,
        cluster_record,
        {f"event.{path}" for path in RECORD_LEAVES_OUT} | {"cluster_id"},
        set(),
    ),
    # ledger, series and shift evidence point at sentences; the trigger word is the event's business
    "relation_record": (LedgerRow, relation_record, {"evidence.trigger"}, set()),
    # the API names the countries of its codes, for people reading it
    "API RelationOut": (
        LedgerRow,
        lambda r: RelationOut.model_validate(relation_record(r)),
        {"evidence.trigger"},
        {"actor_name", "target_name"},
    ),
    "period_record": (PeriodRow, period_record, set(), set()),
    "API PeriodOut": (PeriodRow, lambda r: PeriodOut.model_validate(period_record(r)), set(), set()),
    "shift_record": (DyadShift, shift_record, set(), set()),
    "API DyadShiftOut": (
        DyadShift,
        lambda s: DyadShiftOut.model_validate(shift_record(s)),
        set(),
        set(),
    ),
    # the spread floor is a safeguard of the z-score, not part of the rule a reader tunes
    "report_record": (ShiftsReport, report_record, {"rule.floor", "state_changes.evidence.trigger"}, set()),
    "API ShiftsOut": (
        ShiftsReport,
        lambda r: ShiftsOut.model_validate(report_record(r)),
        {"rule.floor", "state_changes.evidence.trigger"},
        {"state_changes.actor_name", "state_changes.target_name"},
    ),
}


def _quote_columns(quote: Quote) -> dict[str, Any]:
    """The quotes-table row of a quote, its mentions (stored as JSON text) decoded."""
    row = quote_row(0, quote)
    assert set(row) == set(quotes.c.keys())
    return row | {"mentions": json.loads(row["mentions"])}


@pytest.mark.parametrize("form", list(OTHER_FORMS))
def test_every_field_is_in_each_form_of_a_shape_or_left_out_for_a_reason(form: str) -> None:
    kind, to_form, leaves_out, own_keys = OTHER_FORMS[form]
    obj = distinct(kind, kind.__name__)
    assert untraced(obj, to_form(obj)) == (leaves_out, own_keys)
