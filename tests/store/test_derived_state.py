"""The state the store keeps as it saves events (the relations ledger, the dyad tallies per period) is
what a full rebuild from the stored events gives, after any mix of saves, replacements of changed
articles and saves that die half way; and the stored ledger is the ledger built from the events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overtures.errors import StoreError
from overtures.model import Actor, DatePrecision, EventDate, Evidence, Modality, QuadClass
from overtures.relations import build_ledger
from overtures.relations.windows import MAX_EVIDENCE
from overtures.store import EventQuery, Store, event_tallies, open_store, period_table, relation_table
from overtures.store.rules import install, installed
from tests.backends import BACKENDS
from tests.store.objects import make_event, make_processed

# the ledger's parties: countries, and an organisation, which has no country and is keyed on its code
PARTIES = ("AFG", "PAK", "IRN", "RUS", "IGOEUREEC")
# CAMEO code, QuadClass, Goldstein, modality, rule: recognitions (a point state, and a universal
# denial), contacts at two levels, a call for talks, conflict and cooperation
KINDS = (
    ("054", QuadClass.VERBAL_COOPERATION, 3.5, Modality.ASSERTED, "verb:recognize"),
    ("054", QuadClass.VERBAL_COOPERATION, 3.5, Modality.NEGATED, "verb:recognize [nobody]"),
    ("040", QuadClass.VERBAL_COOPERATION, 1.0, Modality.ASSERTED, "verb:meet"),
    ("042", QuadClass.VERBAL_COOPERATION, 1.9, Modality.STATIVE, "verb:visit"),
    ("036", QuadClass.VERBAL_COOPERATION, 4.0, Modality.ASSERTED, "verb:propose"),
    ("111", QuadClass.VERBAL_CONFLICT, -2.0, Modality.ASSERTED, "verb:criticize"),
    ("190", QuadClass.MATERIAL_CONFLICT, -10.0, Modality.ASSERTED, "verb:fight"),
    ("051", QuadClass.VERBAL_COOPERATION, 3.4, Modality.ASSERTED, "verb:praise"),
)
FIRST_DAY = date(2023, 1, 1)


def _actor(party: str, *, minister: bool) -> Actor:
    text = f"Foreign Minister of {party}" if minister else party
    if party.startswith("IGO"):
        return Actor(name=party, text=text, country=None, sector="IGO", code=party, start=0, end=3)
    return Actor(name=party, text=text, country=party, sector="GOV", code=f"{party}GOV", start=0, end=3)


@st.composite
def events(draw: Any, article_id: str) -> tuple[Any, ...]:
    """Up to five events of one article between the parties, on days over three years."""
    found = []
    for n in range(draw(st.integers(min_value=0, max_value=5))):
        source, target = draw(st.sampled_from(PARTIES)), draw(st.sampled_from(PARTIES))
        cameo, quad, goldstein, modality, rule = draw(st.sampled_from(KINDS))
        day = FIRST_DAY + timedelta(days=draw(st.integers(min_value=0, max_value=3 * 365)))
        month = draw(st.booleans())
        when = EventDate(
            date=day.replace(day=1) if month else day,
            precision=DatePrecision.MONTH if month else DatePrecision.DAY,
            window=(day.replace(day=1), day.replace(day=28)) if month else (day, day),
            text=None,
        )
        sentence = f"{source} and {target}, de facto ({cameo}) number {n}."
        evidence = Evidence(
            article_id=article_id, sentence=sentence, start=10 * n, end=10 * n + 9, trigger="x"
        )
        found.append(
            make_event(
                f"{article_id}-e{n}",
                article_id,
                source=_actor(source, minister=draw(st.booleans())),
                target=_actor(target, minister=False),
                cameo=cameo,
                root=cameo[:2],
                quad_class=quad,
                goldstein=goldstein,
                modality=modality,
                date=when if draw(st.integers(0, 9)) else replace(when, date=None, window=None),
                evidence=(evidence,),
                rule=rule,
            )
        )
    return tuple(found)


@st.composite
def saves(draw: Any) -> list[tuple[str, tuple[Any, ...], bool]]:
    """Batches of saves: an article id (often one saved before, so a replacement), its events, and
    whether the save dies before it commits."""
    steps = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        article_id = f"a{draw(st.integers(min_value=1, max_value=5))}"
        steps.append((article_id, draw(events(article_id)), draw(st.integers(0, 4)) == 0))
    return steps


def _snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = (*relation_table.TABLES, period_table.dyad_periods, *event_tallies.TABLES)
    with store.reader("reading the derived state") as conn:
        return {table.name: sorted(map(str, conn.execute(sa.select(table)))) for table in tables}


class Killed(Exception):
    """A save that dies before it commits."""


def _save(store: Store, article_id: str, found: tuple[Any, ...], *, killed: bool, version: int) -> None:
    processed = replace(make_processed(article_id), events=found, quotes=())
    if not killed:
        store.save(processed, content_hash=f"h{version}", coder_version="test")
        return
    rules = installed()

    def die(conn: Any) -> None:
        rules.ledger.settle(conn)
        raise Killed

    install(replace(rules, ledger=replace(rules.ledger, settle=die)))
    try:
        with pytest.raises((Killed, StoreError)):
            store.save(processed, content_hash=f"h{version}", coder_version="test")
    finally:
        install(rules)


@pytest.mark.parametrize("backend", list(BACKENDS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=saves())
def test_the_kept_state_equals_a_rebuild_after_saves_replacements_and_kills(
    backend: str, steps: list[tuple[str, tuple[Any, ...], bool]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    urls = BACKENDS[backend](tmp_path_factory.mktemp("derived"))
    with open_store(next(urls)) as store:
        for version, (article_id, found, killed) in enumerate(steps):
            _save(store, article_id, found, killed=killed, version=version)
        kept = _snapshot(store)
        assert store.ledger() == build_ledger(store.events(EventQuery(modality=None, limit=None)))
        store.rebuild_derived()
        assert _snapshot(store) == kept
    for _ in urls:  # drop a PostgreSQL test database
        pass


def _recognition(article_id: str, n: int, source: str, *, modality: Modality) -> Any:
    """RUS's (or nobody's) recognition of AFG reported in article ``article_id``, on day ``n``."""
    day = FIRST_DAY + timedelta(days=n)
    sentence = f"Report {n}: {source} and the recognition of AFG."
    return make_event(
        f"{article_id}-e1",
        article_id,
        source=_actor(source, minister=False),
        target=_actor("AFG", minister=False),
        cameo="054",
        root="05",
        quad_class=QuadClass.VERBAL_COOPERATION,
        goldstein=3.5,
        modality=modality,
        date=EventDate(date=day, precision=DatePrecision.DAY, window=(day, day), text=None),
        evidence=(
            Evidence(article_id=article_id, sentence=sentence, start=0, end=len(sentence), trigger="x"),
        ),
        rule="verb:recognize" if modality is Modality.ASSERTED else "verb:recognize [nobody]",
    )


def many_recognitions() -> list[Any]:
    """Sixteen articles: eight report that nobody recognizes AFG, then eight that RUS does, a day apart."""
    found = []
    for n in range(16):
        article_id = f"r{n:02d}"
        modality = Modality.NEGATED if n < 8 else Modality.ASSERTED
        events = (_recognition(article_id, n, "RUS", modality=modality),)
        found.append(replace(make_processed(article_id), events=events, quotes=()))
    return found


def test_a_state_told_by_many_reports_keeps_their_first_sentences(tmp_path: Any) -> None:
    """Each state keeps the sentences of its first MAX_EVIDENCE reports, in date order, read back whole
    from the store as the ledger built from the events has them (RUS's "none" is nobody's, spread)."""
    with open_store(f"sqlite:///{tmp_path / 'many.db'}") as store:
        for processed in many_recognitions():
            store.save(processed, content_hash="h", coder_version="t")
        ledger = store.ledger(target="AFG")
        assert ledger == build_ledger(store.events(EventQuery(modality=None, limit=None)))
    assert [(row.value, len(row.evidence)) for row in ledger] == [
        ("none", MAX_EVIDENCE),
        ("formal", MAX_EVIDENCE),
    ]
    assert [e.sentence for e in ledger[0].evidence] == [
        f"Report {n}: RUS and the recognition of AFG." for n in range(5)
    ]
    assert [e.sentence.split(":")[0] for e in ledger[1].evidence] == [f"Report {n}" for n in range(8, 13)]
