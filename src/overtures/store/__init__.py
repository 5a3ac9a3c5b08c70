"""The store: the only package that writes SQL. ``open_store(url)`` gives a migrated Store."""

from overtures.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate
from overtures.store.repository import EventQuery, SaveResult, Store, open_store

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "EventQuery",
    "Migration",
    "SaveResult",
    "Store",
    "migrate",
    "open_store",
]
