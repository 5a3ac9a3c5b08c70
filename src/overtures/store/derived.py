"""The reads of the state the store derives from its events as it saves them: the relations ledger and
the dyad tallies per period (``relation_table``, ``period_table``), and the command that rebuilds both.
``DerivedState`` hands them to Store as methods."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from overtures.states import LedgerRow
from overtures.store import period_table, relation_table, schema
from overtures.store.engine import database_errors
from overtures.store.migrations import rebuild_derived
from overtures.store.rules import installed
from overtures.store.write_marker import write_transaction


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerCountry:
    """A party of the stored ledger: how many states are held towards it and how many it holds."""

    code: str
    states_towards: int
    states_held: int


class DerivedState:
    """The stored ledger and dyad tallies of Store."""

    _engine: Engine

    def ledger(
        self, *, target: str | None = None, actor: str | None = None, started: tuple[date, date] | None = None
    ) -> list[LedgerRow]:
        """The stored relations ledger (towards ``target``, of ``actor``), every state with its history;
        with ``started``, only the states with evidence that began between those days (inclusive)."""
        with database_errors("reading the relations ledger"), self._engine.connect() as conn:
            rows = relation_table.read(conn, target=target, actor=actor, started=started)
        return installed().ledger.order(rows)

    def ledger_countries(self) -> list[LedgerCountry]:
        """Every party (a country or an organisation's code, or "*", every actor) the stored ledger names as
        target or actor, by code."""
        s = relation_table.relation_states.c
        towards: Counter[str] = Counter()
        held: Counter[str] = Counter()
        with database_errors("reading the relations ledger"), self._engine.connect() as conn:
            for counts, column in ((towards, s.target), (held, s.actor)):
                for code, n in conn.execute(sa.select(column, sa.func.count()).group_by(column)):
                    counts[code] = n
        return [
            LedgerCountry(code=code, states_towards=towards[code], states_held=held[code])
            for code in sorted(towards.keys() | held.keys())
        ]

    def dyad_periods(self, unit: str, *, before: date) -> list[tuple[str, str, date, int, int, float]]:
        """The stored dyad tallies of one period length (month, week, year) for periods starting before
        ``before``: first country, second country, period start, events, scored events, Goldstein sum."""
        with database_errors("reading dyad tallies"), self._engine.connect() as conn:
            return period_table.read(conn, unit, before=before)

    def latest_date(self, country: str | None = None, *, code: str | None = None) -> date | None:
        """The latest date of a stored event (any modality), with ``country`` (or the actor ``code``) on
        either side if given."""
        c = schema.events.c
        select = sa.select(c.date).where(c.date.is_not(None))
        if country is not None:
            select = select.where(sa.or_(c.source_country == country, c.target_country == country))
        if code is not None:
            select = select.where(sa.or_(c.source_code == code, c.target_code == code))
        with database_errors("finding the latest event date"), self._engine.connect() as conn:
            found: date | None = conn.execute(select.order_by(c.date.desc()).limit(1)).scalar()
        return found

    def rebuild_derived(self) -> None:
        """Compute the stored ledger and dyad tallies again from every stored event, in one transaction."""
        with write_transaction(self._engine, "rebuilding the stored ledger") as conn:
            rebuild_derived(conn)
