"""Event clusters: reports of one event, in different articles or sentences, grouped under one id.

Two reports match when they have
* the same directed dyad: source and target country (an actor's code when it has no country); a report
  without a source or a target matches nothing,
* the same CAMEO root, and the same code family (first three digits) when both codes name one: a
  root-level code ("04", or "040" = "not specified below") matches every family of its root,
* the same modality (a denial does not report the act it denies),
* overlapping dates: a precise date (a window of at most MAX_PRECISE_DAYS days, or a day) overlaps
  another precise date at most DAY_SLACK day away; a vague date (a month, a year) matches only the same
  window, so that "clashes in October" cannot join every clash of the month into one cluster,
* the same place, or no place on one or both sides: same name (any case), or within SAME_PLACE_KM.

A cluster is a connected component of the match graph (single linkage), and its id is the smallest
event_id in it. Neither the components nor their minimum depend on the order in which reports arrive, so
the ids are the same whatever the ingest order, and an article whose events match nothing leaves every
other cluster as it was. An article that matches reports of a cluster joins it (the id changes only if
one of its event_ids is smaller); one that bridges two clusters merges them.

The store keeps the clusters but decides nothing about them. When it saves an article it reads, inside
its write transaction, the stored reports in each new event's ``search_window``, and writes what ``join``
makes of them; before it deletes an article's events it writes what ``split`` makes of the rest of their
clusters. These are pure functions over events; this module never imports the store.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from overtures.model import Actor, ClusterChange, Event, Location, Modality, SearchWindow

MAX_PRECISE_DAYS = 7
DAY_SLACK = 1
SAME_PLACE_KM = 25.0
SEARCH_PAD = timedelta(days=MAX_PRECISE_DAYS + DAY_SLACK)  # how far a match's best date can lie outside
_EARTH_KM = 6371.0


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """What the cluster rule reads of one event."""

    event_id: str
    dyad: tuple[str, str] | None
    root: str
    family: str | None  # None for a root-level code
    modality: Modality
    span: tuple[date, date] | None
    place: Location | None


def _side(actor: Actor | None) -> str | None:
    """The actor's country, or its code when it has none."""
    if actor is None:
        return None
    return actor.country or actor.code or None


def _family(cameo: str) -> str | None:
    """The code family (first three digits), or None for a root-level code."""
    return cameo[:3] if len(cameo) >= 3 and cameo[2] != "0" else None


def _span(event: Event) -> tuple[date, date] | None:
    """The event's date window, or its day; None when it has no date."""
    if event.date.window is not None:
        return event.date.window
    day = event.date.date
    return (day, day) if day is not None else None


def report_of(event: Event) -> Report:
    """The event as the cluster rule sees it."""
    source, target = _side(event.source), _side(event.target)
    return Report(
        event_id=event.event_id,
        dyad=(source, target) if source and target else None,
        root=event.root,
        family=_family(event.cameo),
        modality=event.modality,
        span=_span(event),
        place=event.location,
    )


def clusterable(report: Report) -> bool:
    """Whether the report can match any other: it needs a dyad and a date."""
    return report.dyad is not None and report.span is not None


def _precise(span: tuple[date, date]) -> bool:
    return (span[1] - span[0]).days <= MAX_PRECISE_DAYS


def dates_match(one: tuple[date, date], other: tuple[date, date]) -> bool:
    """Precise spans overlap within DAY_SLACK; vague spans are equal; a precise and a vague never match."""
    if _precise(one) != _precise(other):
        return False
    if not _precise(one):
        return one == other
    slack = timedelta(days=DAY_SLACK)
    return one[0] - slack <= other[1] and other[0] - slack <= one[1]


def places_match(one: Location | None, other: Location | None) -> bool:
    """No place on a side matches any; otherwise the same name or points within SAME_PLACE_KM."""
    if one is None or other is None or one.name.casefold() == other.name.casefold():
        return True
    if None in (one.lat, one.lon, other.lat, other.lon):
        return False
    return _distance_km(one, other) <= SAME_PLACE_KM


def _distance_km(one: Location, other: Location) -> float:
    """Great-circle distance between two located places."""
    lat1, lon1, lat2, lon2 = map(
        math.radians, (one.lat or 0.0, one.lon or 0.0, other.lat or 0.0, other.lon or 0.0)
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def reports_match(one: Report, other: Report) -> bool:
    """Whether two reports are of the same event, by the rule in the module docstring."""
    if one.dyad is None or one.dyad != other.dyad or one.root != other.root:
        return False
    if one.family is not None and other.family is not None and one.family != other.family:
        return False
    if one.modality != other.modality or one.span is None or other.span is None:
        return False
    return dates_match(one.span, other.span) and places_match(one.place, other.place)


class _Components:
    """Union-find over string nodes; each component's name is its smallest node."""

    def __init__(self, nodes: Iterable[str]) -> None:
        self._parent = {node: node for node in nodes}

    def find(self, node: str) -> str:
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def union(self, one: str, other: str) -> None:
        first, second = sorted((self.find(one), self.find(other)))
        self._parent[second] = first

    def names(self) -> dict[str, str]:
        return {node: self.find(node) for node in self._parent}


def cluster_ids(reports: Sequence[Report], links: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """The cluster id of every report and of every linked existing cluster.

    ``links`` pairs a report's event_id with the id of an existing cluster one of whose reports it
    matches; an existing cluster's id is already the smallest event_id in it, so the merged cluster's id
    is the smallest of the reports' ids and the linked clusters' ids.
    """
    pairs = list(links)
    components = _Components([r.event_id for r in reports] + [cluster for _, cluster in pairs])
    for i, one in enumerate(reports):
        for other in reports[i + 1 :]:
            if reports_match(one, other):
                components.union(one.event_id, other.event_id)
    for event_id, cluster in pairs:
        components.union(event_id, cluster)
    return components.names()


def search_window(event: Event) -> SearchWindow | None:
    """The dates between which the stored reports that may match the event lie (its span, SEARCH_PAD
    wider on each side), and for a vague span that span itself (``dates_match``); None for an event that
    can match nothing."""
    report = report_of(event)
    if report.span is None or not clusterable(report):
        return None
    first, last = report.span
    exact = None if _precise(report.span) else report.span
    return SearchWindow(first=first - SEARCH_PAD, last=last + SEARCH_PAD, span=exact)


def join(found: Sequence[tuple[Event, Sequence[Event]]]) -> ClusterChange:
    """The clusters of an article's new events, each given with the stored, clustered events found in its
    search window: the cluster each new event joins, and the stored clusters that merge under another id."""
    reports = [report_of(event) for event, _ in found]
    links = sorted(
        {
            (report.event_id, stored.cluster_id)
            for report, (_, candidates) in zip(reports, found, strict=True)
            for stored in candidates
            if stored.cluster_id is not None and reports_match(report, report_of(stored))
        }
    )
    names = cluster_ids(reports, links)
    merged = sorted({cluster for _, cluster in links})
    return ClusterChange(
        renamed=tuple((old, names[old]) for old in merged if names[old] != old),
        added=tuple((report.event_id, names[report.event_id]) for report in reports),
    )


def split(members: Sequence[Event]) -> ClusterChange:
    """What is left of clusters after some of their reports went, regrouped: the members (stored events
    with their cluster_id) that no longer hold together with their cluster move to the one they form."""
    names = cluster_ids([report_of(event) for event in members])
    return ClusterChange(
        moved=tuple(
            (event.event_id, names[event.event_id])
            for event in members
            if names[event.event_id] != event.cluster_id
        )
    )
