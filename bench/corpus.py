"""A benchmark corpus of any size, made by varying the sample corpus (examples/corpus).

Variant ``v`` of an article rotates a ring of countries (name, demonym, plural, capital together) by ``v``
places, and two rings of invented people (women and men apart, so that pronouns still agree) and one of
invented outlets by ``v // 14`` places; it shifts the publication date, and the dateline's, by ``v``
weeks (weekdays in the text stay right) and takes a new id.
All names are replaced in one pass, so the text stays coherent English ("Kazakh officials said Astana ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from overtures.api import read_articles
from overtures.model import Article

DATELINE_DATE = re.compile(r"(?m)^([A-Z][A-Z .'-]{1,40}, )[A-Z][a-z]{2,8}\.? \d{1,2} \(")
SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# (country, demonym, plural demonym, capital): Afghanistan, the Taliban and the West stay put.
COUNTRIES = (
    ("Pakistan", "Pakistani", "Pakistanis", "Islamabad"),
    ("Iran", "Iranian", "Iranians", "Tehran"),
    ("India", "Indian", "Indians", "New Delhi"),
    ("Russia", "Russian", "Russians", "Moscow"),
    ("China", "Chinese", "Chinese", "Beijing"),
    ("Qatar", "Qatari", "Qataris", "Doha"),
    ("Kazakhstan", "Kazakh", "Kazakhs", "Astana"),
    ("Uzbekistan", "Uzbek", "Uzbeks", "Tashkent"),
    ("Kyrgyzstan", "Kyrgyz", "Kyrgyz", "Bishkek"),
    ("Turkmenistan", "Turkmen", "Turkmens", "Ashgabat"),
    ("Tajikistan", "Tajik", "Tajiks", "Dushanbe"),
    ("Japan", "Japanese", "Japanese", "Tokyo"),
    ("Turkey", "Turkish", "Turks", "Ankara"),
    ("Britain", "British", "Britons", "London"),
)
# Invented analysts, officials and witnesses of the sample corpus, with surnames no one else there has.
WOMEN = (
    "Hina Malik", "Lena Vogt", "Sofia Brandt", "Katrin Holmberg", "Aizada Bekova", "Anjali Rao",
    "Ayesha Qureshi", "Dariga Abenova", "Eleanor Whitcombe", "Ellen Marsh", "Fereshta Amiri",
    "Ingrid Solberg", "Kamila Yusupova", "Leila Rostami", "Marta Lindqvist", "Mehreen Baig",
    "Nasrin Farahani", "Ruth Aldridge", "Zarina Omarova",
)  # fmt: skip
MEN = (
    "Hamid Noori", "Reza Tavakoli", "Daniel Pryce", "Naseebullah Kakar", "Aibek Smadiyarov",
    "Anvar Rakhimov", "Arman Zhakupov", "Daniel Harper", "Dmitry Zhirnov", "Hamdullah Zahid",
    "Hossein Nikbakht", "Ilkhom Makhkamov", "Kenji Morita", "Merdan Orazov", "Mirzo Safarov",
    "Mohsen Rahimi", "Nurlan Seitkali", "Omar Haddad", "Rajiv Menon",
)  # fmt: skip
OUTLETS = (
    "Steppe Wire", "Silk Gate Press", "Gulf Ledger", "Caspian Monitor", "Indus Dispatch", "Pamir Post",
    "Hindu Kush Herald", "Gulf Maritime Report", "Harirud Observer", "Central Highlands Monitor",
    "Potohar Post", "Quetta Lantern", "Thames Gazette Wire", "Meridian Wire", "Durand News Service",
    "Khyber Ledger", "Indus Courier", "Hindu Kush Monitor",
)  # fmt: skip


def _rotated(ring: tuple[str, ...], shift: int) -> dict[str, str]:
    """Each name of the ring mapped to the one ``shift`` places on, and each surname alike."""
    mapping: dict[str, str] = {}
    for index, name in enumerate(ring):
        other = ring[(index + shift) % len(ring)]
        mapping[name] = other
        if ring is not OUTLETS and " " in name:
            mapping[name.split()[-1]] = other.split()[-1]
    return mapping


def names_for(variant: int) -> dict[str, str]:
    """What variant ``variant`` replaces each country, demonym, capital and invented person with."""
    mapping: dict[str, str] = {}
    for field in (2, 0, 1, 3):  # demonyms after plurals: "Chinese officials" stays an adjective
        mapping |= _rotated(tuple(country[field] for country in COUNTRIES), variant)
    shift = variant // len(COUNTRIES)
    return mapping | _rotated(WOMEN, shift) | _rotated(MEN, shift) | _rotated(OUTLETS, shift)


def _substitute(text: str, mapping: dict[str, str]) -> str:
    """Replace every whole-word occurrence of a key in one pass, longest keys first."""
    changed = {old: new for old, new in mapping.items() if old != new}
    if not changed:
        return text
    alternatives = "|".join(re.escape(old) for old in sorted(changed, key=len, reverse=True))
    return re.sub(rf"\b(?:{alternatives})\b", lambda m: changed[m.group(0)], text)


def _redate(text: str, published: date | None) -> str:
    """Put the (shifted) publication date into the dateline: "KABUL, Aug. 28 (" -> "KABUL, September 4 ("."""
    if published is None:
        return text
    day = f"{published:%B} {published.day}"
    return DATELINE_DATE.sub(lambda m: f"{m.group(1)}{day} (", text, count=1)


def vary(article: Article, variant: int) -> Article:
    """Variant ``variant`` of an article (variant 0 is the article itself under a new id)."""
    mapping = names_for(variant)
    published = article.published + timedelta(weeks=variant) if article.published else None
    text = _redate(_substitute(article.text, mapping), published) if variant else article.text
    title = _substitute(article.title, mapping) if article.title else None
    source = _substitute(article.source, mapping) if article.source else None
    return replace(
        article,
        id=f"{article.id}~v{variant}",
        text=text,
        title=title,
        source=source,
        published=published,
        origin=None,
    )


def sample_articles() -> list[Article]:
    """The sample corpus, read the way ``overtures ingest`` reads it."""
    return [record for record in read_articles([SAMPLE_CORPUS]) if isinstance(record, Article)]


def build_corpus(count: int) -> Iterator[Article]:
    """``count`` articles: the sample corpus, then its variants 1, 2, ... until there are enough."""
    base = sample_articles()
    for number in range(count):
        yield vary(base[number % len(base)], number // len(base))
