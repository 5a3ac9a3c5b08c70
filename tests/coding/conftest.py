"""The coder run end to end on one sentence, parsed by the real model (``code``) or by hand
(``code_parse``)."""

from __future__ import annotations

from datetime import date

import pytest

from overtures.api import extract
from overtures.model import Article, Event, Modality
from tests.conftest import parse_by_hand

PUBLISHED = date(2025, 4, 30)
VIOLENCE = ("18", "19", "20")  # CAMEO roots of assault, fight and mass violence


@pytest.fixture(scope="module")
def code(services):  # type: ignore[no-untyped-def]
    """Events of one text published on ``published`` (asserted ones unless ``all_modalities``)."""

    def run(text: str, published: date | None = PUBLISHED, *, all_modalities: bool = False) -> list[Event]:
        article = Article(id="t", text=text, published=published)
        return list(extract([article], services=services, all_modalities=all_modalities))

    return run


def dyads(events: list[Event], *cameo_prefixes: str) -> set[tuple[str | None, str | None]]:
    """(source country, target country) of the asserted events whose CAMEO code starts with a prefix."""
    return {
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if e.cameo.startswith(cameo_prefixes) and e.modality is Modality.ASSERTED
    }


@pytest.fixture(scope="module")
def code_parse(coder):  # type: ignore[no-untyped-def]
    """Events the coder finds in a hand-built parse (``parse_by_hand`` rows): its rules without the model."""

    def run(rows: list[tuple[str, str, str, int, str]], *, tags: list[str] | None = None) -> list[Event]:
        doc = parse_by_hand(rows, tags=tags)
        return list(coder.code(Article(id="t", text=doc.text, published=PUBLISHED), doc))

    return run
