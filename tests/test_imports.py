"""No import cycles among the modules under src/overtures.

Every import statement counts: at module level, under ``if TYPE_CHECKING:`` and inside functions. An
import deferred into a function still makes its module depend on the other; deferring one to dodge a
cycle hides the cycle instead of removing it. What does not count is the parent package Python loads
first (importing ``overtures.coding.dates`` runs ``overtures/__init__.py``): that is load order, not a
dependency a module declares. ``from overtures.x import y`` depends on the module ``overtures.x.y`` when
there is one, else on ``overtures.x``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT

SRC = ROOT / "src"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted((SRC / "overtures").rglob("*.py"))}


def imported(name: str, path: Path) -> set[str]:
    """The overtures modules that the module ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names)
    return {module for module in found if module in MODULES and module != name}


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    graph.add_edges_from((name, target) for name, path in MODULES.items() for target in imported(name, path))
    return graph


def test_the_graph_sees_the_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("overtures.pipeline", "overtures.dedup")  # module level
    assert graph.has_edge("overtures.api", "overtures.parallel")  # inside a function
    assert graph.has_edge("overtures.pipeline", "overtures.store")  # TYPE_CHECKING and module level
    assert graph.has_edge("overtures.coding.located", "overtures.places")  # from overtures import places


def test_no_module_under_src_is_part_of_an_import_cycle() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


STORE_MAY_IMPORT = (
    "overtures.store",
    "overtures.model",
    "overtures.states",
    "overtures.errors",
    "overtures.settings",
)


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def test_no_store_module_imports_a_domain_module() -> None:
    """The store reads and writes rows: event clusters, fingerprints and the relations ledger are decided
    outside it, by the rules it is given (overtures.store.rules), so it imports neither clusters nor
    dedup nor relations nor coding."""
    graph = import_graph()
    allowed = STORE_MAY_IMPORT
    store = [name for name in MODULES if within(name, "overtures.store")]
    found = sorted(
        (name, target)
        for name in store
        for target in graph.successors(name)
        if not any(within(target, package) for package in allowed)
    )
    assert found == []


def test_the_cli_starts_without_spacy() -> None:
    """Commands that only read the store start without importing spaCy; only parsing loads it."""
    code = "import sys, overtures.cli; print('spacy' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
