"""One error tree for everything a user can get wrong.

    OverturesError            code, message, hint, http_status
     ├── InputError           O1xx  a file or record cannot be read (400)
     ├── ModelMissingError    O2xx  the spaCy model package is not installed (500)
     ├── StoreError           O3xx  the database URL or schema is unusable (500)
     ├── DataFileError        O4xx  a codebook, actor or dictionary file is invalid (500)
     └── NotFoundError        O5xx  an article, event or code does not exist (404)

The CLI prints ``[O104] message; hint`` on one line; the API returns the same fields as JSON.
"""

from __future__ import annotations


class OverturesError(Exception):
    """Base class: every error carries a code, a fix hint and an HTTP status."""

    code = "O000"
    http_status = 500

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        tail = f"; {self.hint}" if self.hint else ""
        return f"[{self.code}] {self.message}{tail}"


class InputError(OverturesError):
    code = "O100"
    http_status = 400


class ModelMissingError(OverturesError):
    code = "O200"


class StoreError(OverturesError):
    code = "O300"


class DataFileError(OverturesError):
    code = "O400"


class NotFoundError(OverturesError):
    code = "O500"
    http_status = 404
