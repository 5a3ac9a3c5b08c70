"""Response models of the relations endpoints: the ledger, dyad series and shifts (overtures.relations)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

PRECISION = "how precisely it is known: day, week, month, year or publication (the report's date)"


class LedgerEvidenceOut(BaseModel):
    article_id: str
    sentence: str
    start: int
    end: int


class RelationOut(BaseModel):
    """One relation state from ``actor`` to ``target``, in force from valid_from until valid_to, each
    day known only to its precision (show "2021", not 2021-07-02, for a state dated "in 2021")."""

    actor: str
    target: str
    actor_name: str | None = Field(default=None, description="the actor country's or organisation's name")
    target_name: str | None = Field(default=None, description="the target country's or organisation's name")
    relation: str
    value: str
    valid_from: str | None
    valid_to: str | None
    valid_from_precision: str = Field(description=f"valid_from: {PRECISION}")
    valid_to_precision: str | None = Field(description=f"valid_to: {PRECISION}")
    evidence: list[LedgerEvidenceOut]
    basis: list[str]


class RelationsOut(BaseModel):
    as_of: str | None
    items: list[RelationOut]


class LedgerCountryOut(BaseModel):
    code: str = Field(description="ISO alpha-3, an organisation's actor code (IGOUNO), or * for every actor")
    name: str | None
    kind: Literal["country", "organisation", "all"] = Field(description="all: * stands for every actor")
    states_towards: int = Field(description="relation states held towards this country")
    states_held: int = Field(description="relation states this country holds towards others")


class LedgerCountriesOut(BaseModel):
    items: list[LedgerCountryOut]


class TopCodeOut(BaseModel):
    cameo: str
    events: int


class PeriodOut(BaseModel):
    period: str
    start: str
    end: str
    q1: int
    q2: int
    q3: int
    q4: int
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    top_codes: list[TopCodeOut]
    articles: int
    rate: float | None
    goldstein_per_article: float | None


class SeriesOut(BaseModel):
    dyad: list[str]
    by: str
    directed: bool
    undated_events: int
    rows: list[PeriodOut]


class ShiftEvidenceOut(LedgerEvidenceOut):
    cameo: str
    goldstein: float | None
    date: str | None
    date_precision: str = Field(description=PRECISION)


class DepartureOut(BaseModel):
    """A period's value set against the pair's earlier periods (overtures.relations.departure)."""

    value: float
    history_mean: float
    history_stdev: float
    history_periods: int
    z: float


class DyadShiftOut(DepartureOut):
    dyad: list[str]
    dyad_names: list[str | None] = Field(default=[], description="the two countries' names")
    measure: str
    period: str
    events: int
    evidence: list[ShiftEvidenceOut]


class ShiftRuleOut(BaseModel):
    z: float
    min_events: int
    min_history: int


class ShiftsOut(BaseModel):
    period: str
    start: str
    end: str
    as_of: str
    rule: ShiftRuleOut
    dyad_shifts: list[DyadShiftOut]
    state_changes: list[RelationOut]
