"""The data model of the relations ledger: ``LedgerRow``, one dated state of a relation between two
actors. The ledger's rules live in overtures.relations; the store keeps rows of this shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from overtures.model import DatePrecision, Evidence


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerRow:
    """One state of a relation from ``actor`` to ``target``, in force from ``valid_from`` until ``valid_to``
    (None: still in force), each day known only to its precision, with the sentences that evidence it
    and the rules that read them."""

    actor: str
    target: str
    relation: str
    value: str
    valid_from: date | None
    valid_to: date | None
    valid_from_precision: DatePrecision
    valid_to_precision: DatePrecision | None
    evidence: tuple[Evidence, ...]
    basis: tuple[str, ...]

    def in_force(self, on: date | None) -> bool:
        """Whether this state holds on ``on`` (None: now, i.e. it has not been superseded)."""
        if on is None:
            return self.valid_to is None
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or on < self.valid_to)

    def labels(self) -> tuple[str, str]:
        """valid_from and valid_to written only as precisely as they are known ("" for none)."""
        start = self.valid_from_precision.label(self.valid_from) if self.valid_from else ""
        ends = self.valid_to_precision
        return start, ends.label(self.valid_to) if self.valid_to and ends else ""
