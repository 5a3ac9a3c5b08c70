"""overtures: news articles in, political event data and relation states out.

The public Python API (the CLI and the web API are thin shells over it)::

    import overtures
    overtures.ingest(["examples/corpus"], db="sqlite:///overtures.db")
    events = list(overtures.extract("articles.jsonl"))
    store = overtures.open_store("sqlite:///overtures.db")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = ("default_db", "extract", "ingest", "open_store", "read_articles", "score")

if TYPE_CHECKING:
    from overtures.api import default_db, extract, ingest, open_store, read_articles, score


def __getattr__(name: str) -> Any:
    """Import the API lazily, so ``import overtures`` stays fast and loads no model."""
    if name in _API:
        from overtures import api

        return getattr(api, name)
    raise AttributeError(f"module 'overtures' has no attribute {name!r}")


__all__ = [*_API, "__version__"]
