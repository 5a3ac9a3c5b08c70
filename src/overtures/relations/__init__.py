"""Relations between countries over time: the ledger of states (ledger.py, rules.py), dyad time series
(series.py) and the shifts that stand out in them (shifts.py)."""

from overtures.relations.departure import Departure, ShiftRule, departure
from overtures.relations.ledger import build_ledger, relation_record, state_as_of
from overtures.relations.periods import Granularity, Period, period_of, periods_between
from overtures.relations.rules import StateFact, StateRule, facts_from_event, load_rules
from overtures.relations.series import PeriodRow, dyad_series, series_frame, undated_events
from overtures.relations.shifts import DyadShift, ShiftEvidence, ShiftMeasure, ShiftsReport, find_shifts
from overtures.states import LedgerRow

__all__ = [
    "Departure",
    "DyadShift",
    "Granularity",
    "LedgerRow",
    "Period",
    "PeriodRow",
    "ShiftEvidence",
    "ShiftMeasure",
    "ShiftRule",
    "ShiftsReport",
    "StateFact",
    "StateRule",
    "build_ledger",
    "departure",
    "dyad_series",
    "facts_from_event",
    "find_shifts",
    "load_rules",
    "period_of",
    "periods_between",
    "relation_record",
    "series_frame",
    "state_as_of",
    "undated_events",
]
