"""overtures: news articles in, political event data and relation states out.

The public Python API (the CLI and the web API are thin shells over it)::

    import overtures
    overtures.ingest(["examples/corpus"], db="sqlite:///overtures.db")
    events = list(overtures.extract("articles.jsonl"))
    store = overtures.open_store("sqlite:///overtures.db")
"""

from __future__ import annotations

# Imported eagerly: importing the subpackage overtures.ingest binds the name "ingest" to the module, and
# this import binds it back to the API function.
from overtures.api import default_db, extract, ingest, open_store, read_articles, score
from overtures.pipeline import STORE_RULES
from overtures.settings import VERSION as __version__
from overtures.store.rules import install

# Python runs this module before any other of the package, so every store in the process writes by these.
install(STORE_RULES)

__all__ = ["__version__", "default_db", "extract", "ingest", "open_store", "read_articles", "score"]
