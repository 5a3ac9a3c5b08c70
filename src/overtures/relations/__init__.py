"""Relations between countries over time: dyad time series and the shifts that stand out in them."""

from overtures.relations.departure import Departure, ShiftRule, departure
from overtures.relations.periods import Granularity, Period, period_of, periods_between
from overtures.relations.series import PeriodRow, dyad_series, series_frame, undated_events
from overtures.relations.shifts import DyadShift, ShiftEvidence, ShiftMeasure, ShiftsReport, find_shifts

__all__ = [
    "Departure",
    "DyadShift",
    "Granularity",
    "Period",
    "PeriodRow",
    "ShiftEvidence",
    "ShiftMeasure",
    "ShiftRule",
    "ShiftsReport",
    "departure",
    "dyad_series",
    "find_shifts",
    "period_of",
    "periods_between",
    "series_frame",
    "undated_events",
]
