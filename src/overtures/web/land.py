"""The map's backdrop: whole-degree cells that hold a city of 15,000 people or more (the geocoder's
gazetteer, overtures.places).

The dashboard draws these cells as dots, so located events sit on a recognisable picture of populated land
without map tiles or a downloaded coastline.
"""

from __future__ import annotations

import functools

from overtures.places import city_coordinates


@functools.cache
def populated_cells() -> tuple[tuple[int, int], ...]:
    """Sorted ``(lon, lat)`` south-west corners of the 1-degree cells holding at least one city."""
    return tuple(sorted({(int(lon // 1), int(lat // 1)) for lat, lon in city_coordinates()}))
