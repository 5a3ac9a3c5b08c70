"""The coder version, stored with each article: derived from what coding reads, so it cannot go stale.

It is the package version and a hash of the bytes of every package data file (the dictionary, the
actors, the modality cues, the places, the codebooks, the relation rules) and of the user's actor and
dictionary files. An article stored under another version is coded again at the next ingest, so a
change to any of them recodes the stored articles. Every file under ``data/`` is hashed, not a hand-kept
list of those the coder reads: a data file added later is covered from the start, and a change to one
that coding does not read costs a recode, never a stale article. User files count by content, not path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from overtures.errors import DataFileError
from overtures.settings import VERSION

DIGITS = 12  # hex digits of the hash kept in the version: "0.1.0+3f2a9c1d4e5b"
SUFFIXES = (".json", ".yaml", ".tsv")  # the data files the package ships (pyproject's package-data)


def coder_version(*, actors: Path | None = None, dictionary: Path | None = None) -> str:
    """The version of a coder over the package data and these optional user files."""
    digest = hashlib.sha256(_package_digest().encode("ascii"))
    for label, path in (("actors", actors), ("dictionary", dictionary)):
        if path is not None:
            _add(digest.update, label, _user_file(path, label))
    return f"{VERSION}+{digest.hexdigest()[:DIGITS]}"


def data_digest(folder: Traversable) -> str:
    """A hash of every data file under ``folder``: each one's path within it and its bytes, in path order."""
    digest = hashlib.sha256()
    for name, item in sorted(_files(folder, "")):
        _add(digest.update, name, item.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """The package data's hash, computed once per process."""
    return data_digest(resources.files("overtures") / "data")


def _files(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for item in folder.iterdir():
        if item.is_dir():
            yield from _files(item, f"{prefix}{item.name}/")
        elif item.is_file() and item.name.endswith(SUFFIXES):
            yield f"{prefix}{item.name}", item


def _add(update: Callable[[bytes], None], name: str, data: bytes) -> None:
    """Feed one named file to a hash, delimited so that no two sets of files feed the same bytes."""
    update(f"{name}\0{len(data)}\0".encode())
    update(data)


def _user_file(path: Path, label: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read {label} file: {exc}", hint="check the path") from None
