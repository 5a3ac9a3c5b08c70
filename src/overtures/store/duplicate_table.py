"""Near-duplicate articles in the store (schema v5): fingerprints, LSH buckets and links to originals.

``article_signatures`` keeps each article's MinHash values and ``article_buckets`` its LSH buckets (see
overtures.dedup), so a later run finds copies of articles stored by an earlier one; ``article_duplicates``
links a copy to its original. A copy has an article row, a fingerprint and a link, and nothing else.
Saving writes the fingerprint it is given; only the v5 migration's backfill asks for any, of the rules
the store is given (overtures.store.rules).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from overtures.model import Fingerprint, StoredFingerprint
from overtures.store import schema
from overtures.store.rules import StoreRules
from overtures.store.schema import articles, metadata

_ARTICLE_FK = "articles.id"

article_signatures = sa.Table(
    "article_signatures",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey(_ARTICLE_FK, ondelete="CASCADE"), primary_key=True),
    sa.Column("sketch", sa.String, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

article_buckets = sa.Table(
    "article_buckets",
    metadata,
    sa.Column("bucket", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String, sa.ForeignKey(_ARTICLE_FK, ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_article_buckets_article", "article_id"),
)

article_duplicates = sa.Table(
    "article_duplicates",
    metadata,
    sa.Column("article_id", sa.String, sa.ForeignKey(_ARTICLE_FK, ondelete="CASCADE"), primary_key=True),
    sa.Column("original_id", sa.String, sa.ForeignKey(_ARTICLE_FK, ondelete="CASCADE"), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Index("ix_article_duplicates_original", "original_id"),
)

TABLES = (article_signatures, article_buckets, article_duplicates)


def insert_fingerprint(conn: Connection, article_id: str, found: Fingerprint | None) -> None:
    """Store the article's signature and buckets; nothing for a text too short to be matched (None)."""
    if found is None:
        return
    row = {"article_id": article_id, "sketch": found.sketch, "signature": found.signature}
    conn.execute(sa.insert(article_signatures).values(row))
    conn.execute(sa.insert(article_buckets), [{"bucket": b, "article_id": article_id} for b in found.buckets])


def forget(conn: Connection, article_id: str) -> None:
    """Delete the article's fingerprint and its own link to an original (links to it stay)."""
    for table in TABLES:
        conn.execute(sa.delete(table).where(table.c.article_id == article_id))


def link(conn: Connection, article_id: str, *, original_id: str, similarity: float) -> None:
    """Link a copy to its original; copies of the copy now point at that original too."""
    conn.execute(
        sa.insert(article_duplicates).values(
            article_id=article_id, original_id=original_id, similarity=similarity
        )
    )
    repoint = sa.update(article_duplicates).where(article_duplicates.c.original_id == article_id)
    conn.execute(repoint.values(original_id=original_id))


def candidates(conn: Connection, buckets: Sequence[str], *, exclude: str) -> list[StoredFingerprint]:
    """Stored originals (not copies) that share a bucket, each with the sketch that made it, in id order."""
    sigs = article_signatures
    sharing = sa.select(article_buckets.c.article_id).where(article_buckets.c.bucket.in_(list(buckets)))
    is_copy = sa.exists().where(article_duplicates.c.article_id == sigs.c.article_id)
    query = (
        sa.select(sigs.c.article_id, sigs.c.signature, sigs.c.sketch, articles.c.published)
        .join_from(sigs, articles, articles.c.id == sigs.c.article_id)
        .where(sigs.c.article_id.in_(sharing), sigs.c.article_id != exclude, ~is_copy)
        .order_by(sigs.c.article_id)
    )
    return [
        StoredFingerprint(
            article_id=row.article_id,
            published=row.published,
            signature=bytes(row.signature),
            sketch=row.sketch,
        )
        for row in conn.execute(query)
    ]


def original_of(conn: Connection, article_id: str) -> str | None:
    """The original the article copies, or None when it is an original."""
    query = sa.select(article_duplicates.c.original_id).where(article_duplicates.c.article_id == article_id)
    found = conn.execute(query).scalar()
    return str(found) if found is not None else None


def count(conn: Connection) -> int:
    """How many stored articles are near-duplicates of another."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(article_duplicates)).scalar_one())


def backfill(conn: Connection, rules: StoreRules) -> None:
    """Fingerprint every stored article (for a database that had articles before schema v5)."""
    for article_id in conn.execute(sa.select(articles.c.id).order_by(articles.c.id)).scalars().all():
        row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().one()
        insert_fingerprint(conn, article_id, rules.fingerprint(schema.article_from_row(row).text))
