"""/relations (the ledger of states) and the parties it names, /dyads/{a}/{b}/series (a dyad over time)
and /shifts. The ledger's parties are countries and international organisations (their actor codes,
overtures.relations.parties); codes come with their names, for people reading the answer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from overtures import api
from overtures.places import country_name
from overtures.relations import dyad_series, relation_record, undated_events
from overtures.relations.departure import ShiftRule
from overtures.relations.parties import is_organisation
from overtures.relations.series import period_record
from overtures.relations.shifts import find_shifts, report_record
from overtures.server.errors import ERROR_RESPONSES
from overtures.server.params import (
    COUNTRY_PATTERN,
    DATE_PATTERN,
    PARTY_PATTERN,
    country_code,
    known_party,
    parse_day,
)
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
from overtures.store import EventQuery, Store

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
        str | None, Query(pattern=PARTY_PATTERN, description="target country or organisation: AFG, IGOUNO")
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=PARTY_PATTERN, description="only this actor country or organisation")
    ] = None,
    as_of: AsOf = None,
    history: Annotated[bool, Query(description="every state over time instead of those in force")] = False,
) -> RelationsOut:
    """Relation states towards a target, each with valid_from, valid_to and its evidence sentences.

    Without as_of: the states in force on the date of the latest event involving the target.
    """
    day = parse_day("as_of", as_of)
    target, actor = known_party(store, "target", target), known_party(store, "actor", actor)
    rows = api.relations_in(store, target=target, actor=actor, as_of=day, history=history)
    names = _party_names(store, {code for row in rows for code in (row.actor, row.target)})
    items = [_named(RelationOut.model_validate(relation_record(row)), names) for row in rows]
    return RelationsOut(as_of=day.isoformat() if day else None, items=items)


@router.get("/relations/countries")
def ledger_countries(store: StoreDep) -> LedgerCountriesOut:
    """Every country and organisation the ledger names, with its name and how many states are held
    towards it and by it: the targets and actors /relations can be asked about. ``*`` stands for every
    actor ("nobody has recognized ...") where the ledger knows no actor to give the state to."""
    found = store.ledger_countries()
    names = _party_names(store, {party.code for party in found})
    return LedgerCountriesOut(
        items=[
            LedgerCountryOut(
                code=party.code,
                name=names[party.code],
                kind=_kind(party.code),
                states_towards=party.states_towards,
                states_held=party.states_held,
            )
            for party in found
        ]
    )


def _party_names(store: Store, codes: Iterable[str]) -> dict[str, str | None]:
    """The name of each ledger party: a country's own, an organisation's the name its stored events give
    it most often (as /network names actor codes); None for "*" and for a code without a name."""
    wanted = set(codes)
    organisations = sorted(code for code in wanted if is_organisation(code))
    stored = store.actors(EventQuery(modality=None, limit=None), codes=organisations) if organisations else []
    named = {actor.code: actor.name for actor in stored}
    return {code: named.get(code) if is_organisation(code) else country_name(code) for code in wanted}


def _kind(code: str) -> Literal["country", "organisation", "all"]:
    if code == "*":
        return "all"
    return "organisation" if is_organisation(code) else "country"


def _named(state: RelationOut, names: dict[str, str | None]) -> RelationOut:
    return state.model_copy(
        update={"actor_name": names.get(state.actor), "target_name": names.get(state.target)}
    )


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
    names = _party_names(
        store, {code for state in found.state_changes for code in (state.actor, state.target)}
    )
    return found.model_copy(
        update={
            "dyad_shifts": [_named_shift(shift) for shift in found.dyad_shifts],
            "state_changes": [_named(state, names) for state in found.state_changes],
        }
    )
