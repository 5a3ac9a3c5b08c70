"""The statistics of the shift rule, kept apart from the store: how far a value departs from its history.

z = (x - mean(history)) / max(stdev(history), floor): the sample standard deviation, with a floor so that
a short or flat history (three months at exactly 7.0) cannot turn a small move into an infinite z. The
floor is in the measure's own unit: one Goldstein point, or one event.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from overtures.errors import InputError

SPREAD_FLOOR = 1.0


@dataclass(frozen=True, kw_only=True, slots=True)
class ShiftRule:
    """When a latest value counts as a shift: |z| >= ``z``, with at least ``min_events`` events in the
    latest period and at least ``min_history`` earlier values to compare with."""

    z: float = 2.0
    min_events: int = 3
    min_history: int = 2
    floor: float = SPREAD_FLOOR

    def __post_init__(self) -> None:
        if not self.z > 0 or not self.floor > 0:
            raise InputError(
                f"z and the floor must be positive (got {self.z}, {self.floor})", hint="e.g. 2.0"
            )
        if self.min_events < 1 or self.min_history < 1:
            raise InputError(
                f"min_events and min_history must be at least 1 (got {self.min_events}, {self.min_history})",
                hint="e.g. --min-events 3",
            )

    def flags(self, departure: Departure, *, events: int) -> bool:
        """Whether this departure, over a period with ``events`` events, is a shift."""
        enough = events >= self.min_events and departure.history >= self.min_history
        return enough and abs(departure.z) >= self.z


DEFAULT_RULE = ShiftRule()


@dataclass(frozen=True, kw_only=True, slots=True)
class Departure:
    """A value set against its history: the history's size, mean and sample stdev, and the z-score."""

    value: float
    history: int
    mean: float
    stdev: float
    z: float


def _sample_stdev(history: Sequence[float], mean: float) -> float:
    """The sample standard deviation in floats (statistics.stdev computes in exact fractions, a hundred
    times slower, and shifts take it for every dyad); 0 for fewer than two values."""
    if len(history) < 2:
        return 0.0
    return math.sqrt(math.fsum((x - mean) ** 2 for x in history) / (len(history) - 1))


def departure(value: float, history: Sequence[float], *, floor: float = SPREAD_FLOOR) -> Departure:
    """How far ``value`` departs from ``history``; an empty history departs by nothing (z = 0)."""
    if not history:
        return Departure(value=value, history=0, mean=value, stdev=0.0, z=0.0)
    mean = fmean(history)
    spread = _sample_stdev(history, mean)
    return Departure(
        value=value, history=len(history), mean=mean, stdev=spread, z=(value - mean) / max(spread, floor)
    )
