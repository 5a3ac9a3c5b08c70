"""The domain rules the store's writes follow: the store is given them, calls them, and writes what they
return, so that no store module imports a domain module or decides what its rows mean.

``ledger`` keeps the stored relations ledger (overtures.relations.stored): the store hands it the events
it writes and the articles whose events it deletes, asks it to ``settle`` before each commit, to
``rebuild`` when a migration or ``overtures rebuild`` asks, and to ``order`` the rows it reads.

Saving an article asks ``search`` for the search window of each new event and ``join`` for the clusters
the events take, given the stored events found in those windows; deleting an article's events asks
``split`` to regroup what is left of their clusters; the v5 migration asks ``fingerprint`` for each stored
text. overtures.pipeline composes the rules (``STORE_RULES``, from overtures.clusters and overtures.dedup)
and the overtures package installs them when it is imported, which Python does before it runs any module
of the package: every store in the process writes by them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from overtures.errors import StoreError
from overtures.model import ClusterChange, Event, Fingerprint, SearchWindow
from overtures.states import LedgerRow


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerRules:
    """How the stored relations ledger follows the events written in a transaction."""

    add: Callable[[Connection, Sequence[Event]], None]
    remove: Callable[[Connection, str], None]  # before the article's events are deleted
    settle: Callable[[Connection], None]  # before the commit
    rebuild: Callable[[Connection], None]
    order: Callable[[Sequence[LedgerRow]], list[LedgerRow]]


@dataclass(frozen=True, kw_only=True, slots=True)
class StoreRules:
    """The decisions a write asks for: a text's fingerprint, and how saved or deleted events change the
    stored event clusters."""

    fingerprint: Callable[[str], Fingerprint | None]
    search: Callable[[Event], SearchWindow | None]
    join: Callable[[Sequence[tuple[Event, Sequence[Event]]]], ClusterChange]
    split: Callable[[Sequence[Event]], ClusterChange]
    ledger: LedgerRules


_INSTALLED: list[StoreRules] = []  # the installed rules, or none yet


def install(rules: StoreRules) -> None:
    """Make these the rules that every store in the process writes by."""
    _INSTALLED[:] = [rules]


def installed() -> StoreRules:
    """The rules the store writes by; StoreError when none are installed."""
    if not _INSTALLED:
        raise StoreError(
            "no rules are installed for the store's writes", hint="import overtures before opening a store"
        )
    return _INSTALLED[0]
