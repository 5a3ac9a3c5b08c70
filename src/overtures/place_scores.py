"""How well the coder places events, measured against gold records that carry their places (the UCDP
headlines' ``meta`` rows: country name and, for GED rows, a point).

Over the coded records (those with at least one asserted event): the share with a located event, the
share of located events whose place lies in a country the gold names, and the median distance from
the place to the nearest gold point. ``bench/accuracy.py`` prints these figures and
``tests/test_accuracy.py`` holds them to their floors.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from overtures.actors.kb import KnowledgeBase

Record = dict[str, Any]
EARTH_RADIUS_KM = 6371


def country_by_name(kb: KnowledgeBase) -> Callable[[str], str | None]:
    """A gold country name ("Pakistan", "Yemen (North Yemen)") as an alpha-3 code, through the
    knowledge base's names."""

    @cache
    def country_of(name: str) -> str | None:
        for match in kb.match_words(name.split(" (")[0].split()):
            role = match.entry.role_on(None)
            if role.country:
                return str(role.country)
        return None

    return country_of


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def place_figures(
    gold: list[Record], predictions: list[Record], country_of: Callable[[str], str | None]
) -> Record:
    """Located share, country accuracy and median distance; ``country_of`` turns a gold country name
    into an alpha-3 code."""
    first_place = _first_places(predictions)
    coded = located = right = 0
    distances: list[float] = []
    for record in gold:
        if record["id"] not in first_place:
            continue
        coded += 1
        where = first_place[record["id"]]
        if where is None:
            continue
        located += 1
        meta = record.get("meta") or []
        right += where.get("country") in {country_of(m["country"]) for m in meta}
        points = [(m["latitude"], m["longitude"]) for m in meta if m.get("latitude") is not None]
        if where.get("lat") is not None and points:
            distances.append(min(km((where["lat"], where["lon"]), p) for p in points))
    return {
        "coded": coded,
        "located_share": round(located / coded, 3) if coded else None,
        "country_accuracy": round(right / located, 3) if located else None,
        "median_km": round(statistics.median(distances), 1) if distances else None,
        "with_point": len(distances),
    }


def _first_places(predictions: list[Record]) -> dict[str, Record | None]:
    """Each coded record's first located asserted event's place (None when none is located)."""
    places: dict[str, Record | None] = defaultdict(lambda: None)
    for p in predictions:
        if p.get("modality", "asserted") != "asserted":
            continue
        article = str(p["article_id"])
        if places[article] is None:
            places[article] = p.get("location") or None
    return dict(places)
