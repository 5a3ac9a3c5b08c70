"""GEXF: the actor network, for Gephi or networkx.

Nodes are actor codes (AFGGOV, PAKMIL, IGOUNO) with a label (the name most often coded for the code),
a country and a sector. A directed edge source -> target sums the events between the two: ``weight`` is
their number; ``verbal_cooperation``, ``material_cooperation``, ``verbal_conflict`` and
``material_conflict`` count them by QuadClass; ``goldstein_sum`` and ``goldstein_mean`` add up and
average their Goldstein scores; ``sign`` is 1 (``relation`` "cooperation") when the mean is >= 0 and -1
("conflict") below. Events without both a source and a target cannot be an edge and are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.summary import ExportSummary
from overtures.model import Actor, Event, QuadClass

if TYPE_CHECKING:
    import networkx as nx

QUAD_ATTRIBUTES = {quad: quad.name.lower() for quad in QuadClass}


@dataclass(slots=True)
class _Node:
    """What the events say about one actor code: the names, countries and sectors coded for it."""

    names: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)

    def add(self, actor: Actor) -> None:
        self.names[actor.name] += 1
        self.countries[actor.country or ""] += 1
        self.sectors[actor.sector or ""] += 1

    def attributes(self) -> dict[str, str]:
        return {
            "label": _most_common(self.names),
            "country": _most_common(self.countries),
            "sector": _most_common(self.sectors),
        }


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the first in alphabetical order, so output is stable."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


@dataclass(slots=True)
class _Edge:
    """The events from one actor to another, summed."""

    quads: Counter[QuadClass] = field(default_factory=Counter)
    goldstein_sum: float = 0.0
    scored: int = 0  # events with a Goldstein score

    def add(self, event: Event) -> None:
        self.quads[event.quad_class] += 1
        if event.goldstein is not None:
            self.goldstein_sum += event.goldstein
            self.scored += 1

    def attributes(self) -> dict[str, float | int | str]:
        mean = self.goldstein_sum / self.scored if self.scored else 0.0
        counts = {name: self.quads[quad] for quad, name in QUAD_ATTRIBUTES.items()}
        sign = 1 if mean >= 0 else -1
        return {
            "weight": sum(self.quads.values()),
            **counts,
            "goldstein_sum": round(self.goldstein_sum, 6),
            "goldstein_mean": round(mean, 6),
            "sign": sign,
            "relation": "cooperation" if sign > 0 else "conflict",
        }


def actor_key(actor: Actor) -> str:
    """The node an actor belongs to: its code, or failing that its country or name."""
    return actor.code or actor.country or actor.name


def actor_network(events: Iterable[Event]) -> tuple[nx.DiGraph, int]:
    """The directed actor network of the events, and how many events had no source or no target.
    (networkx is imported here: it is slow to import, and the format registry imports this module.)"""
    import networkx as nx

    nodes: dict[str, _Node] = {}
    edges: dict[tuple[str, str], _Edge] = {}
    left_out = 0
    for event in events:
        if event.source is None or event.target is None:
            left_out += 1
            continue
        pair = actor_key(event.source), actor_key(event.target)
        for key, actor in zip(pair, (event.source, event.target), strict=True):
            nodes.setdefault(key, _Node()).add(actor)
        edges.setdefault(pair, _Edge()).add(event)
    graph = nx.DiGraph()
    for key in sorted(nodes):
        graph.add_node(key, **nodes[key].attributes())
    for source, target in sorted(edges):
        graph.add_edge(source, target, **edges[source, target].attributes())
    return graph, left_out


def write_gexf(events: Iterable[Event], handle: IO[bytes], options: ExportOptions) -> ExportSummary:
    """Write the actor network as GEXF 1.2, byte for byte the same for the same events."""
    from networkx.readwrite.gexf import GEXFWriter

    graph, left_out = actor_network(events)
    writer = GEXFWriter(version="1.2draft", encoding="utf-8", prettyprint=True)
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    if meta is not None:  # the date of writing would make the same export differ from day to day
        meta.attrib.pop("lastmodifieddate", None)
    writer.write(handle)
    written = sum(int(weight) for _, _, weight in graph.edges(data="weight"))
    return ExportSummary(
        fmt=FORMAT.name,
        written=written,
        left_out=left_out,
        left_out_reason="without a source or a target",
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
    )


FORMAT = ExportFormat(
    name="gexf",
    suffix="gexf",
    media_type="application/xml",
    binary=True,
    about="the actor network (nodes are actor codes, edges sum the events of a dyad), GEXF 1.2",
    write=write_gexf,
)
