"""Who the relations ledger keys its rows on: a country (ISO alpha-3), or an international organisation
by its full actor code (IGOUNO, the United Nations; IGOEUREEC, the European Union). An armed group that
governs resolves to its country (the Taliban: AFG) and is keyed on it; an actor with neither is left out.
"""

from __future__ import annotations

from typing import Protocol

ORGANISATION_PREFIX = "IGO"


class Party(Protocol):
    """What the ledger reads from an actor: its country and its code (an Actor, a stored event's side)."""

    @property
    def country(self) -> str | None: ...

    @property
    def code(self) -> str | None: ...


def ledger_party(actor: Party | None) -> str | None:
    """The key of ``actor`` in the ledger: its country when it has one, else its code when it is an
    international organisation, else None."""
    if actor is None:
        return None
    if actor.country is not None:
        return actor.country
    return actor.code if actor.code and is_organisation(actor.code) else None


def is_organisation(code: str) -> bool:
    """Whether a ledger key or actor code names an international organisation (IGOUNO), not a country."""
    return code.upper().startswith(ORGANISATION_PREFIX)
