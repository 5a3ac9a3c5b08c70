"""The tables of the store, and how each data-model object maps onto their rows.

Tables are SQLAlchemy Core objects, so the same definitions serve SQLite and PostgreSQL. They describe
the latest schema, and the migrations create them from here. Changing a table later takes a new
migration (ALTER TABLE ...), and the migration that first created the table must then keep its own copy
of the table as it was, so that a fresh database still ends up with the same schema.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from overtures.errors import StoreError
from overtures.model import (
    Actor,
    Article,
    DatePrecision,
    EntityMention,
    Event,
    EventDate,
    Evidence,
    Location,
    Modality,
    QuadClass,
    Sentence,
    Token,
    token_from_values,
)

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String, nullable=False),
    sa.Column("coder_version", sa.String, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)


def _article_fk() -> sa.ForeignKey:
    """A foreign key to the owning article; deleting the article deletes the row."""
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("tokens", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("ordinal", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("label", sa.String, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

# Rows keep every field of Actor, Article, EntityMention and Evidence: the dataclass is the truth, and a
# field added there becomes a column here, which existing databases lack until a migration adds it.
ACTOR_FIELDS = tuple(field.name for field in fields(Actor))
_ACTOR_TYPES: dict[str, Any] = {"start": sa.Integer, "end": sa.Integer, "country": sa.String(8)}


def _actor_columns(role: str) -> list[sa.Column[Any]]:
    """The nullable columns holding one Actor in the source or target role."""
    return [sa.Column(f"{role}_{name}", _ACTOR_TYPES.get(name, sa.Text)) for name in ACTOR_FIELDS]


events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column("article_id", sa.String, _article_fk(), nullable=False, index=True),
    *_actor_columns("source"),
    *_actor_columns("target"),
    sa.Column("cameo", sa.String(8), nullable=False),
    sa.Column("root", sa.String(4), nullable=False, index=True),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float),
    sa.Column("plover", sa.String),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("date", sa.Date, index=True),
    sa.Column("date_precision", sa.String(16), nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_text", sa.Text),
    sa.Column("location_name", sa.Text),
    sa.Column("location_country", sa.String(8)),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("coder_version", sa.String, nullable=False),
    sa.Index("ix_events_dyad", "source_country", "target_country"),
)

event_evidence = sa.Table(
    "event_evidence",
    metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ordinal", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.String, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
)

ARTICLE_FIELDS = tuple(field.name for field in fields(Article))


def article_row(article: Article) -> dict[str, Any]:
    """The articles-table columns that come from the Article itself (not hash, version, time)."""
    return {name: getattr(article, name) for name in ARTICLE_FIELDS}


def article_from_row(row: RowMapping) -> Article:
    """Rebuild an Article from its articles-table row."""
    return Article(**{name: row[name] for name in ARTICLE_FIELDS})


def pack_tokens(tokens: tuple[Token, ...]) -> str:
    """Encode tokens as a compact JSON list of lists, one per token: each token's ``values()``."""
    packed = [token.values() for token in tokens]
    return json.dumps(packed, ensure_ascii=False, separators=(",", ":"))


def unpack_tokens(packed: str, *, where: str) -> tuple[Token, ...]:
    """Decode the JSON written by pack_tokens; a damaged value raises StoreError naming the row."""
    try:
        return tuple(token_from_values(*fields) for fields in json.loads(packed))
    except (ValueError, TypeError) as exc:
        raise StoreError(
            f"tokens of {where} cannot be decoded: {exc}", hint="re-ingest the article to rewrite it"
        ) from exc


def sentence_row(article_id: str, sentence: Sentence) -> dict[str, Any]:
    """The sentences-table row of one sentence, tokens packed as JSON text."""
    fields = {"start": sentence.start, "end": sentence.end, "text": sentence.text}
    return {"article_id": article_id, "idx": sentence.index, **fields, "tokens": pack_tokens(sentence.tokens)}


def sentence_from_row(row: RowMapping) -> Sentence:
    """Rebuild a Sentence, with its tokens, from its row."""
    tokens = unpack_tokens(row["tokens"], where=f"sentence {row['idx']} of article {row['article_id']!r}")
    return Sentence(index=row["idx"], start=row["start"], end=row["end"], text=row["text"], tokens=tokens)


ENTITY_FIELDS = tuple(field.name for field in fields(EntityMention))


def entity_row(article_id: str, ordinal: int, entity: EntityMention) -> dict[str, Any]:
    """The entities-table row of one mention; ordinal keeps the saved order."""
    return {"article_id": article_id, "ordinal": ordinal, **{f: getattr(entity, f) for f in ENTITY_FIELDS}}


def entity_from_row(row: RowMapping) -> EntityMention:
    """Rebuild an EntityMention from its row."""
    return EntityMention(**{name: row[name] for name in ENTITY_FIELDS})


def _actor_row(role: str, actor: Actor | None) -> dict[str, Any]:
    """The role-prefixed actor columns; all NULL when there is no actor."""
    return {f"{role}_{name}": None if actor is None else getattr(actor, name) for name in ACTOR_FIELDS}


def _actor_from_row(role: str, row: RowMapping) -> Actor | None:
    """Rebuild the source or target Actor; a NULL name means the event has none. A row written by other
    means may lack the mention's text: the name stands in for it."""
    if row[f"{role}_name"] is None:
        return None
    values = {name: row[f"{role}_{name}"] for name in ACTOR_FIELDS}
    return Actor(**values | {"text": values["text"] or values["name"]})


def event_row(event: Event) -> dict[str, Any]:
    """The events-table row of one event (its evidence goes to event_evidence)."""
    window = event.date.window
    location = event.location
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        **_actor_row("source", event.source),
        **_actor_row("target", event.target),
        **event.code_values(),
        "date": event.date.date,
        "date_precision": event.date.precision.value,
        "date_start": window[0] if window else None,
        "date_end": window[1] if window else None,
        "date_text": event.date.text,
        "location_name": location.name if location else None,
        "location_country": location.country if location else None,
        "location_lat": location.lat if location else None,
        "location_lon": location.lon if location else None,
        "rule": event.rule,
        "coder_version": event.coder_version,
    }


EVIDENCE_FIELDS = tuple(field.name for field in fields(Evidence))


def evidence_rows(event: Event) -> list[dict[str, Any]]:
    """The event_evidence rows of one event, numbered to keep the tuple order."""
    return [
        {"event_id": event.event_id, "ordinal": ordinal, **{f: getattr(item, f) for f in EVIDENCE_FIELDS}}
        for ordinal, item in enumerate(event.evidence)
    ]


def evidence_from_row(row: RowMapping) -> Evidence:
    """Rebuild one Evidence from its row."""
    return Evidence(**{name: row[name] for name in EVIDENCE_FIELDS})


def _event_date_from_row(row: RowMapping) -> EventDate:
    """Rebuild the EventDate; the window exists only when both ends were stored."""
    start: date | None = row["date_start"]
    end: date | None = row["date_end"]
    window = (start, end) if start is not None and end is not None else None
    precision = DatePrecision(row["date_precision"])
    return EventDate(date=row["date"], precision=precision, window=window, text=row["date_text"])


def event_from_row(row: RowMapping, evidence: tuple[Evidence, ...]) -> Event:
    """Rebuild an Event from its row and its evidence, already in order."""
    location = None
    if row["location_name"] is not None:
        location = Location(
            name=row["location_name"],
            country=row["location_country"],
            lat=row["location_lat"],
            lon=row["location_lon"],
        )
    return Event(
        event_id=row["event_id"],
        article_id=row["article_id"],
        source=_actor_from_row("source", row),
        target=_actor_from_row("target", row),
        cameo=row["cameo"],
        root=row["root"],
        quad_class=QuadClass(row["quad_class"]),
        goldstein=row["goldstein"],
        plover=row["plover"],
        modality=Modality(row["modality"]),
        date=_event_date_from_row(row),
        location=location,
        evidence=evidence,
        rule=row["rule"],
        coder_version=row["coder_version"],
    )
