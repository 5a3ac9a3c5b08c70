"""Relations between countries over time: the ledger of states (ledger.py, rules.py)."""

from overtures.relations.ledger import LedgerRow, build_ledger, relation_record, state_as_of
from overtures.relations.rules import StateFact, StateRule, facts_from_event, load_rules

__all__ = [
    "LedgerRow",
    "StateFact",
    "StateRule",
    "build_ledger",
    "facts_from_event",
    "load_rules",
    "relation_record",
    "state_as_of",
]
