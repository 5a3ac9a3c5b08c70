"""The converted layer of the phrase dictionary: ``data/dictionary/petrarch2/NN.yaml``.

``scripts/petrarch2_verbs.py`` writes these files from PETRARCH2's verb dictionary, about twenty
thousand patterns that lie beneath overtures' own (see coding/dictionary.py for the layering rule).
Parsing them all with YAML would cost every process most of a second, so they are read here as the
lines they are written as (one entry header, then one quoted pattern a line), indexed by lemma, and a
lemma's patterns are parsed only when the coder first asks for it. A test checks that this reading
equals a full YAML parse of the same files.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from overtures.coding.codebook import is_code
from overtures.errors import DataFileError

FOLDER = "petrarch2"  # under data/dictionary/
_SKIPPED = frozenset({"  verbs:", ""})
_HINT = "re-run scripts/petrarch2_verbs.py instead of editing the generated files"


class Row(NamedTuple):
    """One converted pattern as written: its text, code, whether mutual, and file:line (a named tuple,
    not a dataclass: twenty thousand are made in every process)."""

    text: str
    code: str
    symmetric: bool
    origin: str


def read_rows(text: str, *, name: str) -> list[Row]:
    """The rows of one generated file; a line of any other shape is an error naming file and line.
    Plain string tests, not regular expressions: this runs over twenty thousand lines per process."""
    rows: list[Row] = []
    code, symmetric, root = "", False, name.rsplit("/", 1)[-1][:2]
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith('  - "') and code and line.find('"', 5) > 5:
            body = line[5 : line.index('"', 5)]
            rows.append(Row(text=body, code=code, symmetric=symmetric, origin=f"{name}:{number}"))
        elif line.startswith("- code: "):
            code, symmetric = line[8:].strip('"'), False
            if not is_code(code) or not code.startswith(root):
                message = f"{name}:{number}: code '{code}' is unknown or not in root {root}"
                raise DataFileError(message, hint=_HINT)
        elif line == "  symmetric: true":
            symmetric = True
        elif line not in _SKIPPED and not line.startswith("#"):
            raise DataFileError(f"{name}:{number}: not a line the converter writes: {line!r}", hint=_HINT)
    return rows


@lru_cache(maxsize=1)
def converted_rows() -> dict[str, tuple[Row, ...]]:
    """Every converted (verb) pattern row, by lemma, read once per process."""
    folder = resources.files("overtures") / "data" / "dictionary" / FOLDER
    by_lemma: dict[str, list[Row]] = {}
    for item in sorted((i for i in folder.iterdir() if i.name.endswith(".yaml")), key=lambda i: i.name):
        for row in read_rows(item.read_text(encoding="utf-8"), name=f"{FOLDER}/{item.name}"):
            by_lemma.setdefault(row.text.split(" ", 1)[0], []).append(row)
    return {lemma: tuple(rows) for lemma, rows in by_lemma.items()}
