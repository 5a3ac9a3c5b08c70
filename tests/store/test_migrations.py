"""The schema is versioned and migrated explicitly, one transaction per migration."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from overtures.errors import StoreError
from overtures.model import Event
from overtures.store import LATEST_VERSION, MIGRATIONS, Migration, migrate, migrations, open_store, schema
from overtures.store.engine import create_store_engine

V1_TABLES = {"schema_version", "articles", "sentences", "entities"}
V2_TABLES = V1_TABLES | {"events", "event_evidence"}
V3_TABLES = V2_TABLES | {"quotes"}
V5_TABLES = V3_TABLES | {"article_signatures", "article_buckets", "article_duplicates", "event_clusters"}
V7_TABLES = V5_TABLES | {"relation_marks", "relation_states", "dyad_periods", "event_tallies", "event_months"}
V8_TABLES = V7_TABLES | {"store_writes"}
VERSIONS = [m.version for m in MIGRATIONS]


def table_names(url: str) -> set[str]:
    """The tables in the database, read without the store."""
    engine = sa.create_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names


def recorded_versions(url: str) -> list[int]:
    """The versions in the schema_version table, in order."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(sa.select(schema.schema_version.c.version).order_by("version")).scalars())
    engine.dispose()
    return found


def test_migrations_are_numbered_one_to_latest_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert VERSIONS == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] and LATEST_VERSION == 12


def test_empty_database_is_migrated_to_the_latest_version(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST_VERSION
    assert table_names(store_url) == V8_TABLES
    assert recorded_versions(store_url) == VERSIONS


def test_v1_database_is_migrated_to_the_latest_keeping_its_articles(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    assert migrate(engine, target=1) == [1]
    with engine.begin() as conn:
        conn.execute(
            sa.insert(schema.articles).values(
                id="old",
                text="Old text.",
                content_hash="h0",
                coder_version="0.0.1",
                ingested_at=sa.func.current_timestamp(),
            )
        )
    engine.dispose()
    assert table_names(store_url) == V1_TABLES
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.get_article("old").text == "Old text."
    assert table_names(store_url) == V8_TABLES


def test_reopening_an_up_to_date_database_applies_nothing(store_url: str) -> None:
    open_store(store_url).close()
    engine = create_store_engine(store_url)
    assert migrate(engine) == []
    engine.dispose()
    assert recorded_versions(store_url) == VERSIONS


def test_database_from_a_newer_overtures_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(schema.schema_version).values(
                version=LATEST_VERSION + 1,
                description="from the future",
                applied_at=sa.func.current_timestamp(),
            )
        )
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this overtures knows") as caught:
        open_store(store_url)
    assert "upgrade overtures" in caught.value.hint


def test_failed_migration_leaves_the_previous_version_without_a_half_made_table(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(store_url).close()

    def half_then_fail(conn: sa.Connection) -> None:
        """Create a table, then fail: the table must not survive."""
        conn.exec_driver_sql("CREATE TABLE half_made (id INTEGER)")
        conn.exec_driver_sql("SELECT no_such_column FROM articles")

    broken_version = LATEST_VERSION + 1
    broken = (*MIGRATIONS, Migration(broken_version, "broken on purpose", half_then_fail))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST_VERSION", broken_version)
    engine = create_store_engine(store_url)
    with pytest.raises(StoreError, match=f"migration {broken_version} \\(broken on purpose\\) failed"):
        migrate(engine, target=broken_version)
    engine.dispose()
    assert "half_made" not in table_names(store_url)
    assert recorded_versions(store_url) == VERSIONS


def test_foreign_tables_without_a_version_are_not_overwritten(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE articles (something TEXT)")
    engine.dispose()
    with pytest.raises(StoreError, match="migration 1"):
        open_store(store_url)


def _insert_event(conn: sa.Connection, event: Event) -> None:
    """An event and its article written by other means than the store (the ledger does not see it)."""
    conn.execute(
        sa.insert(schema.articles).values(
            id=event.article_id,
            text="Text.",
            content_hash="h0",
            coder_version="0.0.1",
            ingested_at=sa.func.current_timestamp(),
        )
    )
    conn.execute(sa.insert(schema.events), [schema.event_row(event)])
    conn.execute(sa.insert(schema.event_evidence), schema.evidence_rows(event))


def test_v9_gives_a_v8_ledger_the_precision_of_its_dates(store_url: str) -> None:
    from datetime import date

    from overtures.model import DatePrecision, EventDate, QuadClass
    from tests.store.objects import make_event

    engine = sa.create_engine(store_url)
    assert migrate(engine, target=8) == [1, 2, 3, 4, 5, 6, 7, 8]
    march = EventDate(
        date=date(2025, 3, 16), precision=DatePrecision.MONTH, window=(date(2025, 3, 1), date(2025, 3, 31))
    )
    met = make_event(
        cameo="040", root="04", quad_class=QuadClass.VERBAL_COOPERATION, goldstein=1.0, date=march
    )
    with engine.begin() as conn:
        for column in ("valid_from_precision", "valid_to_precision"):  # as v8 made the table
            conn.exec_driver_sql(f"ALTER TABLE relation_states DROP COLUMN {column}")
        _insert_event(conn, met)
    engine.dispose()
    with open_store(store_url) as store:
        engaged = [r for r in store.ledger(actor="RUS") if r.relation == "engagement"]
    assert [(r.value, r.valid_from_precision.label(r.valid_from)) for r in engaged if r.valid_from] == [
        ("envoy", "2025-03"),
        ("none", "2026-03"),
    ]
    assert recorded_versions(store_url) == VERSIONS


def test_v10_gives_a_v9_ledger_the_states_of_organisations(store_url: str) -> None:
    from overtures.model import Actor, QuadClass
    from tests.store.objects import make_event

    engine = sa.create_engine(store_url)
    assert migrate(engine, target=9) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    eu = Actor(name="European Union", text="EU envoy", country=None, sector="IGO", code="IGOEUREEC")
    met = make_event(source=eu, cameo="040", root="04", quad_class=QuadClass.VERBAL_COOPERATION)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # as v9 made the tables (SQLite holds any length)
            for table in ("relation_marks", "relation_states"):
                for column in ("actor", "target"):
                    conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(8)")
        _insert_event(conn, met)
    engine.dispose()
    with open_store(store_url) as store:
        engaged = [(r.actor, r.target, r.value, r.valid_from) for r in store.ledger()]
    assert [row for row in engaged if row[3] == met.date.date] == [
        ("UKR", "IGOEUREEC", "envoy", met.date.date),
        ("IGOEUREEC", "UKR", "envoy", met.date.date),
    ]
    assert recorded_versions(store_url) == VERSIONS


def test_v11_fingerprints_stored_articles_again_with_the_current_sketch(store_url: str) -> None:
    from overtures import dedup
    from overtures.store import duplicate_table

    text = " ".join(f"word{i}" for i in range(60))
    engine = sa.create_engine(store_url)
    assert migrate(engine, target=10) == list(range(1, 11))
    with engine.begin() as conn:
        conn.execute(
            sa.insert(schema.articles).values(
                id="old",
                text=text,
                content_hash="h0",
                coder_version="0",
                ingested_at=sa.func.current_timestamp(),
            )
        )
        conn.execute(sa.delete(duplicate_table.article_signatures))
        conn.execute(
            sa.insert(duplicate_table.article_signatures).values(
                article_id="old", sketch="minhash-affine32-w5-p128-s1-b16x8", signature=b"\0" * 512
            )
        )
        conn.execute(sa.insert(duplicate_table.article_buckets).values(bucket="00:stale", article_id="old"))
    engine.dispose()
    with open_store(store_url) as store:
        found = dedup.fingerprint(text)
        assert found is not None
        stored = store.similar_articles(found.buckets, exclude="new")
        assert [(s.article_id, s.sketch, s.signature) for s in stored] == [
            ("old", dedup.SKETCH, found.signature)
        ]
        assert store.similar_articles(["00:stale"], exclude="new") == []
    assert recorded_versions(store_url) == VERSIONS


def test_v12_rebuilds_the_relations_ledger(store_url: str) -> None:
    """A store from before v12 holds point states with every report's sentence; v12 builds the ledger
    again, so they keep their first sentences only, as the ledger built from the events does."""
    from overtures.relations import build_ledger
    from overtures.store import EventQuery, relation_table
    from tests.store.test_derived_state import many_recognitions

    with open_store(store_url) as store:
        for processed in many_recognitions():
            store.save(processed, content_hash="h", coder_version="t")
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:  # as a v11 store left it: its rows are to be built again
        conn.execute(sa.delete(relation_table.relation_states))
        conn.execute(sa.delete(schema.schema_version).where(schema.schema_version.c.version == 12))
    engine.dispose()
    with open_store(store_url) as store:
        assert store.ledger(target="AFG") == build_ledger(store.events(EventQuery(modality=None, limit=None)))
        assert store.ledger(target="AFG")
    assert recorded_versions(store_url) == VERSIONS
