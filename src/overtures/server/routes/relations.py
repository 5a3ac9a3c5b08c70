"""/relations (the ledger of states) and the countries it names, /dyads/{a}/{b}/series (a dyad over time)
and /shifts. Country codes come with their names, for people reading the answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from overtures import api
from overtures.places import country_name
from overtures.relations import dyad_series, relation_record, undated_events
from overtures.relations.departure import ShiftRule
from overtures.relations.series import period_record
from overtures.relations.shifts import find_shifts, report_record
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import COUNTRY_PATTERN, DATE_PATTERN, country_code, known_country, parse_day
from overtures.server.relation_schemas import (
    DyadShiftOut,
    LedgerCountriesOut,
    LedgerCountryOut,
    RelationOut,
    RelationsOut,
    SeriesOut,
    ShiftsOut,
)
from overtures.server.state import StoreDep

router = APIRouter(tags=["relations"], responses=ERROR_RESPONSES)
Country = Annotated[str, Path(pattern=COUNTRY_PATTERN, description="a country, ISO alpha-3")]
Period = Literal["month", "week", "year"]
AsOf = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"}, description="YYYY-MM-DD"),
]


@router.get("/relations")
def list_relations(
    store: StoreDep,
    target: Annotated[
        str | None, Query(pattern=COUNTRY_PATTERN, description="target country, e.g. AFG")
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=COUNTRY_PATTERN, description="only this actor country")
    ] = None,
    as_of: AsOf = None,
    history: Annotated[bool, Query(description="every state over time instead of those in force")] = False,
) -> RelationsOut:
    """Relation states towards a target, each with valid_from, valid_to and its evidence sentences.

    Without as_of: the states in force on the date of the latest event involving the target.
    """
    day = parse_day("as_of", as_of)
    target, actor = known_country(store, "target", target), known_country(store, "actor", actor)
    rows = api.relations_in(store, target=target, actor=actor, as_of=day, history=history)
    items = [_named(RelationOut.model_validate(relation_record(row))) for row in rows]
    return RelationsOut(as_of=day.isoformat() if day else None, items=items)


@router.get("/relations/countries")
def ledger_countries(store: StoreDep) -> LedgerCountriesOut:
    """Every country the ledger names, with its name and how many states are held towards it and by it:
    the targets and actors /relations can be asked about. ``*`` stands for every actor ("nobody has
    recognized ...") where the ledger knows no actor to give the state to."""
    return LedgerCountriesOut(
        items=[
            LedgerCountryOut(
                code=found.code,
                name=country_name(found.code),
                states_towards=found.states_towards,
                states_held=found.states_held,
            )
            for found in store.ledger_countries()
        ]
    )


def _named(state: RelationOut) -> RelationOut:
    names = {"actor_name": country_name(state.actor), "target_name": country_name(state.target)}
    return state.model_copy(update=names)


def _named_shift(shift: DyadShiftOut) -> DyadShiftOut:
    return shift.model_copy(update={"dyad_names": [country_name(code) for code in shift.dyad]})


@router.get("/dyads/{a}/{b}/series")
def dyad_over_time(
    store: StoreDep,
    a: Country,
    b: Country,
    by: Annotated[Period, Query(description="period length")] = "month",
    directed: Annotated[bool, Query(description="only events from a to b")] = False,
    since: AsOf = None,
    until: AsOf = None,
) -> SeriesOut:
    """Two countries' asserted events per period: per QuadClass, Goldstein sum and mean, top codes, and the
    articles ingested in the period (the coverage denominator) with the rate of events per article."""
    date_from, date_to = parse_day("since", since), parse_day("until", until)
    a, b = country_code(store, "a", a), country_code(store, "b", b)
    rows = dyad_series(store, a, b, by=by, directed=directed, date_from=date_from, date_to=date_to)
    return SeriesOut.model_validate(
        {
            "dyad": [a, b],
            "by": by,
            "directed": directed,
            "undated_events": undated_events(store, a, b, directed=directed),
            "rows": [period_record(row) for row in rows],
        }
    )


@router.get("/shifts")
def list_shifts(
    store: StoreDep,
    period: Annotated[Period, Query(description="period length")] = "month",
    as_of: AsOf = None,
    z: Annotated[float, Query(gt=0, le=100, description="flag when |z| reaches this")] = 2.0,
    min_events: Annotated[int, Query(ge=1, le=10_000, description="events the latest period needs")] = 3,
) -> ShiftsOut:
    """Dyads whose latest period departs from their own history, and the relation states that changed."""
    rule = ShiftRule(z=z, min_events=min_events)
    report = find_shifts(store, period=period, as_of=parse_day("as_of", as_of), rule=rule)
    found = ShiftsOut.model_validate(report_record(report))
    return found.model_copy(
        update={
            "dyad_shifts": [_named_shift(shift) for shift in found.dyad_shifts],
            "state_changes": [_named(state) for state in found.state_changes],
        }
    )
