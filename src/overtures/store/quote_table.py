"""The quotes table (schema v3) and how a Quote maps to its row and back."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from overtures.model import DatePrecision, EventDate, Quote, Speaker
from overtures.store.schema import metadata

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ordinal", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_role", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("mentions", sa.Text, nullable=False),
    sa.Index("ix_quotes_speaker", "speaker_name"),
)


def quote_row(ordinal: int, quote: Quote) -> dict[str, Any]:
    """The row of one quote of an article."""
    speaker = quote.speaker or Speaker(name=None)
    when = quote.date
    return {
        "article_id": quote.article_id,
        "ordinal": ordinal,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker_name": speaker.name,
        "speaker_role": speaker.role,
        "outlet": quote.outlet,
        "date": when.date if when else None,
        "date_precision": when.precision.value if when else None,
        "mentions": json.dumps(list(quote.mentions)),
    }


def quote_from_row(row: RowMapping) -> Quote:
    """A Quote read back from its row."""
    day: date | None = row["date"]
    when = (
        EventDate(date=day, precision=DatePrecision(row["date_precision"])) if row["date_precision"] else None
    )
    speaker = Speaker(name=row["speaker_name"], role=row["speaker_role"]) if row["speaker_name"] else None
    return Quote(
        article_id=row["article_id"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        speaker=speaker,
        outlet=row["outlet"],
        date=when,
        mentions=tuple(json.loads(row["mentions"])),
    )
