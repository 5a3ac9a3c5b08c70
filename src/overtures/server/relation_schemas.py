"""Response models of the relations endpoints: the ledger, dyad series and shifts (overtures.relations)."""

from __future__ import annotations

from pydantic import BaseModel


class LedgerEvidenceOut(BaseModel):
    article_id: str
    sentence: str
    start: int
    end: int


class RelationOut(BaseModel):
    """One relation state from ``actor`` to ``target``, in force from valid_from until valid_to."""

    actor: str
    target: str
    relation: str
    value: str
    valid_from: str | None
    valid_to: str | None
    evidence: list[LedgerEvidenceOut]
    basis: list[str]


class RelationsOut(BaseModel):
    as_of: str | None
    items: list[RelationOut]


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


class ShiftEvidenceOut(BaseModel):
    article_id: str
    sentence: str
    start: int
    end: int
    cameo: str
    goldstein: float | None
    date: str | None


class DyadShiftOut(BaseModel):
    dyad: list[str]
    measure: str
    period: str
    value: float
    history_mean: float
    history_stdev: float
    history_periods: int
    z: float
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
