"""Query parameters shared by several endpoints, checked and turned into an EventQuery.

FastAPI checks types, ranges and patterns (a failure is a 422 from the error handlers); what a pattern
cannot say (a real calendar date, a known CAMEO code, since before until) is checked here and raised as
an InputError, which is a 422 too.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

import pycountry
from fastapi import Query

from overtures.actors.kb import load_kb
from overtures.coding.codebook import all_codes
from overtures.errors import InputError
from overtures.model import DatePrecision, Modality, QuadClass
from overtures.relations.parties import is_organisation
from overtures.server.state import StoreDep
from overtures.store import EventQuery, Store

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
PARTY_PATTERN = r"^([A-Za-z]{3}|[Ii][Gg][Oo][A-Za-z0-9]{1,29})$"  # a country, or an organisation's code
DYAD_PATTERN = r"^[A-Za-z]{3},[A-Za-z]{3}$"
CAMEO_PATTERN = r"^[0-9]{2,4}$"
ROOT_PATTERN = r"^(0[1-9]|1[0-9]|20)$"
MAX_TEXT = 200

# every Modality, plus "all"; test_inputs checks that the two lists agree
ModalityParam = Literal["asserted", "negated", "hypothetical", "expected", "speculation", "stative", "all"]
SortParam = Literal["date", "-date"]
# every DatePrecision; test_inputs checks that the two lists agree
PrecisionParam = Literal["day", "week", "month", "year", "publication"]

Limit = Annotated[int, Query(ge=1, le=500, description="items per page, 1 to 500")]
Cursor = Annotated[str | None, Query(max_length=1_000, description="the 'next' value of the previous page")]


def _date_query(description: str) -> object:
    return Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"}, description=description)


def event_query(
    store: StoreDep,
    actor: Annotated[
        str | None,
        Query(min_length=1, max_length=MAX_TEXT, description="source or target: country, code or name"),
    ] = None,
    country: Annotated[
        str | None, Query(pattern=COUNTRY_PATTERN, description="source or target country, ISO alpha-3")
    ] = None,
    dyad: Annotated[
        str | None, Query(pattern=DYAD_PATTERN, description="two countries, either direction: RUS,AFG")
    ] = None,
    cameo: Annotated[
        str | None, Query(pattern=CAMEO_PATTERN, description="CAMEO code or prefix, e.g. 04 or 042")
    ] = None,
    root: Annotated[str | None, Query(pattern=ROOT_PATTERN, description="CAMEO root, 01 to 20")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 to 4")] = None,
    modality: Annotated[ModalityParam, Query(description="'all' for every modality")] = "asserted",
    since: Annotated[str | None, _date_query("earliest event date, YYYY-MM-DD")] = None,
    until: Annotated[str | None, _date_query("latest event date, YYYY-MM-DD")] = None,
    precision: Annotated[PrecisionParam | None, Query(description="only events dated this precisely")] = None,
    location: Annotated[
        str | None, Query(min_length=1, max_length=MAX_TEXT, description="part of the place name")
    ] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=MAX_TEXT, description="words in the evidence sentence")
    ] = None,
) -> EventQuery:
    """The event filters of /events, /events/facets, /actors, /network and /locations."""
    date_from, date_to = parse_day("since", since), parse_day("until", until)
    if date_from and date_to and date_from > date_to:
        raise InputError(f"since ({since}) is after until ({until})", hint="swap the two dates")
    one, two = (country_code(store, "dyad", code) for code in dyad.split(",")) if dyad else (None, None)
    return EventQuery(
        actor=actor,
        country=known_country(store, "country", country),
        dyad=(one, two) if one and two else None,
        cameo=known_cameo(cameo),
        root=root,
        quad_class=QuadClass(quad_class) if quad_class else None,
        modality=None if modality == "all" else Modality(modality),
        date_from=date_from,
        date_to=date_to,
        date_precision=DatePrecision(precision) if precision else None,
        location=location,
        text=q,
        limit=None,
    )


def parse_day(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD parameter as a date; a day that does not exist is an InputError."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a date", hint="write dates as YYYY-MM-DD") from None


@lru_cache(maxsize=1)
def _iso_countries() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def known_country(store: Store, name: str, code: str | None) -> str | None:
    """``country_code`` of a parameter that may be left out."""
    return None if code is None else country_code(store, name, code)


def country_code(store: Store, name: str, code: str) -> str:
    """The code in capitals when it is an ISO 3166 alpha-3 country or a country of some stored event (a
    user's actor file may add codes); else an InputError naming it, so a typo is not an empty answer."""
    upper = code.upper()
    if upper in _iso_countries() or store.events(EventQuery(country=upper, modality=None, limit=1)):
        return upper
    raise InputError(
        f"{name}: unknown country code {code!r}",
        hint="give an ISO 3166 alpha-3 code such as AFG, PAK or RUS; /events/facets lists the busiest",
    )


def known_party(store: Store, name: str, code: str | None) -> str | None:
    """A party of the relations ledger in capitals (overtures.relations.parties): a country
    (``country_code``) or an international organisation's actor code that some stored event or the actor
    knowledge base holds; else an InputError naming it. None stays None."""
    if code is None or not is_organisation(code):
        return known_country(store, name, code)
    upper = code.upper()
    if store.actors(EventQuery(modality=None, limit=None), codes=[upper]) or upper in _kb_organisations():
        return upper
    raise InputError(
        f"{name}: unknown organisation code {code!r}",
        hint="give an organisation's actor code such as IGOUNO (United Nations) or IGOEUREEC (European "
        "Union); /relations/countries lists the countries and organisations the ledger knows",
    )


@lru_cache(maxsize=1)
def _kb_organisations() -> frozenset[str]:
    """The actor codes of the organisations the package's actor knowledge base knows."""
    return frozenset(
        role.code for entry in load_kb().entries() for role in entry.roles if is_organisation(role.code)
    )


def known_cameo(prefix: str | None) -> str | None:
    """The CAMEO prefix when some code starts with it; else an InputError."""
    if prefix is None or any(code.code.startswith(prefix) for code in all_codes()):
        return prefix
    raise InputError(
        f"cameo: no CAMEO code starts with {prefix!r}", hint="run 'overtures codes' for the list"
    )
