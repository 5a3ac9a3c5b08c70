"""Settings that several parts of overtures read, each declared once: the package version, the default
database, the limits on an article and a batch, and the names of the environment variables it reads."""

from __future__ import annotations

VERSION = "0.1.0"

DB_ENV = "OVERTURES_DB"  # the database URL, when --db is not given
API_KEY_ENV = "OVERTURES_API_KEY"  # the key that unlocks writing through the HTTP API
HOSTS_ENV = "OVERTURES_ALLOWED_HOSTS"  # serve --allowed-host, handed to server workers
MAX_BODY_ENV = "OVERTURES_MAX_BODY"  # serve --max-body, handed to server workers
DEFAULT_DB_URL = "sqlite:///overtures.db"  # an SQLite file in the working folder

MAX_ARTICLE_CHARS = 100_000  # an article's text is cut at this many characters
BATCH_SIZE = 16  # articles a worker parses and codes together at ingest
ONE_PROCESS_BATCH = 64  # the same on one process: committed together (a write's fixed cost paid once)
PARSE_BATCH = 16  # texts spaCy's nlp.pipe parses together
DEFAULT_MAX_BODY = 10_000_000  # bytes of an HTTP request body, at most
