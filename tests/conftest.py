"""Shared fixtures: the spaCy pipeline and the coder (each loaded once), hand-built parses, the shared
eval data, an empty database on every backend, and the sample corpus ingested once per session."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.tokens import Doc

from tests.backends import BACKENDS

ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str) -> ModuleType:
    """A script under scripts/ (a converter, say) imported as a module, so its functions can be tested."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


SHARED_EVAL = ROOT.parent / "shared" / "eval"
CORPUS = ROOT / "examples" / "corpus"
CORPUS_ARTICLES = 34


@pytest.fixture(params=list(BACKENDS.values()), ids=list(BACKENDS))
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database that no store has opened yet: SQLite, and PostgreSQL when given."""
    make_url: Callable[[Path], Iterator[str]] = request.param
    yield from make_url(tmp_path)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from overtures.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    """The coder with the package's actors and dictionary, without the spaCy pipeline."""
    from overtures.coding.coder import load_coder

    return load_coder()


@pytest.fixture(scope="session")
def services(nlp, coder):  # type: ignore[no-untyped-def]
    """The default services: the pipeline reads only the lines that can yield an event (selective.py)."""
    from overtures.pipeline import Services
    from overtures.selective import build_screen

    return Services(nlp=nlp, coder=coder, screen=build_screen(nlp, coder.kb, coder.dictionary))


@pytest.fixture(scope="session")
def full_parse_services(nlp, coder):  # type: ignore[no-untyped-def]
    """The services of ``--full-parse``: every line is parsed."""
    from overtures.pipeline import Services

    return Services(nlp=nlp, coder=coder)


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory: pytest.TempPathFactory, services) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """An SQLite file holding the sample corpus, ingested once per session. Tests that only read share
    it (``corpus_db``); a test that writes works on a copy (``copy_database``), and the session fails if
    the shared file changed."""
    from overtures.api import ingest

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    summary = ingest([CORPUS], db=f"sqlite:///{path}", services=services)
    assert (summary.ingested, summary.failed) == (CORPUS_ARTICLES, 0)
    assert not path.with_name(path.name + "-wal").exists()  # one self-contained file, safe to copy
    before = hashlib.sha256(path.read_bytes()).digest()
    yield path
    assert hashlib.sha256(path.read_bytes()).digest() == before, "a test wrote to the shared corpus database"


@pytest.fixture(scope="session")
def corpus_db(corpus_file: Path) -> str:
    """The URL of the shared sample-corpus database: read it, never write to it."""
    return f"sqlite:///{corpus_file}"


def copy_database(template: Path, folder: Path) -> str:
    """A copy of the sample-corpus database in ``folder``, as an SQLite URL, for a test that writes."""
    shutil.copyfile(template, folder / template.name)
    return f"sqlite:///{folder / template.name}"


def parse_by_hand(
    rows: list[tuple[str, str, str, int, str]],
    *,
    tags: list[str] | None = None,
    ents: list[str] | None = None,
) -> Doc:
    """A Doc from (word, lemma, pos, head index, dep) rows, with fine-grained ``tags`` (VBN, VBD) and IOB
    entity ``ents`` ("B-NORP", "O") where a rule reads them: a parse that does not depend on the model."""
    words = [r[0] for r in rows]
    return Doc(
        _blank_vocab(),
        words=words,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=tags,
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        ents=ents,
    )


_VOCAB: list[object] = []


def _blank_vocab():  # type: ignore[no-untyped-def]
    """The vocabulary of a blank English pipeline: lexical attributes (lower_, is_space) work."""
    if not _VOCAB:
        _VOCAB.append(spacy.blank("en").vocab)
    return _VOCAB[0]


@pytest.fixture(scope="session")
def coded_eval(services, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The coder's predictions on the shared eval inputs, as ``overtures extract`` writes them."""
    from overtures.api import extract
    from overtures.export import jsonl_lines

    folder = tmp_path_factory.mktemp("coded")
    out = {}
    inputs = {name: SHARED_EVAL / "inputs" / f"{name}.jsonl" for name in ("seed", "petr2_gsr", "plover_gsr")}
    inputs["ucdp_dev"] = SHARED_EVAL / "ucdp" / "inputs_dev.jsonl"
    for name, source in inputs.items():
        events = extract(source, services=services)
        path = folder / f"{name}.jsonl"
        path.write_text("".join(line + "\n" for line in jsonl_lines(events)), encoding="utf-8")
        out[name] = path
    return out
