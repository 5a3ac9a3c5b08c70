"""Where an event happened, by name: ``places.geocode`` widened for event locations.

``geocode`` answers one reading of a name (the curated table, then the country, then the most populous
city of that name), which is what actor resolution wants. An event's place can also be a province or
state ("in Helmand province", "Taraba state") and a name shared by places in several countries ("Samar":
a Philippine province, a Ukrainian town) is read in the country the story is about. So ``locate`` also
consults:

- every city of the name, not only the most populous;
- pycountry's ISO 3166-2 subdivisions (provinces, states, governorates, regions), by name and by the name
  without an Arabic article ("Al Anbar" -> "Anbar"). pycountry has no coordinates, so these come back
  without lat/lon (the curated table gives coordinates to the regions that matter most);
- a name with its administrative word dropped ("Kunduz province" -> "Kunduz", a province first).

With ``prefer`` (the countries of the event's actors and of the story) the first reading in one of
those countries wins; a country's own name yields only to a province or state of a preferred country
("Georgia" in a story about the United States), never to a town. Without a preferred reading, a town
of under 100,000 people yields its name to a province of another country ("Samar").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from functools import lru_cache

import pycountry

from overtures import places
from overtures.model import Location

ADMIN_WORDS = frozenset(
    {
        "province",
        "provinces",
        "state",
        "region",
        "governorate",
        "district",
        "oblast",
        "department",
        "division",
        "county",
        "prefecture",
        "city",
        "town",
        "village",
    }
)
_PROVINCE_WORDS = ADMIN_WORDS - {"city", "town", "village", "district"}
# compass words and their abbreviations before a place ("NW Pakistan", "S. Philippines", "northern Iraq")
COMPASS = frozenset(
    {
        *("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"),
        *("northern", "southern", "eastern", "western", "central", "upper", "lower"),
        *("n", "s", "e", "w", "ne", "nw", "se", "sw"),
    }
)
# subdivisions named by a common word ("East" in Cameroon, "Central" in Ghana) are not read bare
_GENERIC = COMPASS | {
    "capital",
    "centre",
    "center",
    "coast",
    "islands",
    "lakes",
    "plateau",
    "delta",
    "rivers",
}
# the halves of provinces named in Spanish ("Surigao del Sur"), which news often writes without "del"
_SPANISH_SIDES = frozenset({"norte", "sur", "oriental", "occidental"})
# a town this small yields its name to a province of another country
_SMALL_TOWN = 100_000
_ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "ad ", "az ", "at ", "el ")


def locate(name: str, prefer: Collection[str] = ()) -> Location | None:
    """The place an event's name refers to, read in a preferred country where it has a reading there."""
    key = places.normalise_place_name(name)
    words = key.split()
    if len(words) > 1 and words[0] in COMPASS and not readings(key):
        key, words = " ".join(words[1:]), words[1:]
    if len(words) == 2 and words[1] in _SPANISH_SIDES and not readings(key):  # "Agusan Norte"
        key = f"{words[0]} del {words[1]}"
        words = key.split()
    if len(words) > 1 and words[-1] in ADMIN_WORDS:
        whole = readings(key)
        stem = " ".join(words[:-1])
        if words[-1] in _PROVINCE_WORDS:
            found = whole + _subdivisions().get(stem, []) + readings(stem)
        else:
            found = whole + readings(stem)
        return _choose(found, key if whole else stem, prefer)
    return _choose(readings(key), key, prefer)


def _choose(found: list[Location], key: str, prefer: Collection[str]) -> Location | None:
    if not found:
        return None
    country = places._countries().get(key)
    provinces = _subdivisions().get(key, [])
    if prefer:
        for location in found:
            if location.country in prefer and (country is None or location in provinces):
                return location
    if country is None and key not in places._curated_places() and provinces:
        towns = _cities_named(key)
        if towns and provinces[0].country != found[0].country and _population(towns[0]) < _SMALL_TOWN:
            return provinces[0]  # "Samar": the Philippine province, not a Ukrainian town
    return country or found[0]


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    """Each gazetteer city's population by geonameid (read only when a town and a province of
    another country share a name)."""
    return {
        str(row["geonameid"]): int(row["population"]) for row in places._gazetteer().get_cities().values()
    }


def _population(geonameid: str) -> int:
    return _populations().get(geonameid, 0)


def readings(key: str) -> list[Location]:
    """Every reading of a normalised name: curated, country, cities (most populous first), provinces."""
    found: list[Location] = []
    for location in (places._curated_places().get(key), places._countries().get(key)):
        if location is not None:
            found.append(location)
    variants = places._city_index()["variants"]
    found.extend(places._city(geonameid) for geonameid in _cities_named(key))
    found.extend(_subdivisions().get(key, []))
    if key in variants:
        found.append(places._city(variants[key]))
    return list(dict.fromkeys(found))


def _cities_named(key: str) -> list[str]:
    """Every city whose own name is ``key``, the most populous first."""
    index = places._city_index()
    shared: list[str] | None = index["homonyms"].get(key)
    if shared is not None:
        return shared
    single = index["names"].get(key)
    return [single] if single is not None else []


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, list[Location]]:
    """ISO 3166-2 subdivisions by normalised name, and by that name without an Arabic article."""
    alpha3 = places._alpha3_by_alpha2()
    index: dict[str, list[Location]] = defaultdict(list)
    for subdivision in pycountry.subdivisions:
        country = alpha3.get(subdivision.country_code)
        if country is None:
            continue
        location = Location(name=subdivision.name, country=country)
        key = places.normalise_place_name(subdivision.name)
        keys = {key, *(key.removeprefix(article) for article in _ARTICLES if key.startswith(article))}
        for name in keys:
            if len(name) >= 4 and name not in _GENERIC and location not in index[name]:
                index[name].append(location)
    return dict(index)
