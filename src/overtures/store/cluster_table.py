"""Event clusters in the store (schema v5): which cluster each event belongs to, kept on every save.

``assign`` runs in the transaction that saves an article, after its events are inserted: it finds the
stored reports each new event matches (a SQL prefilter on dyad, root, modality and date, then the rule in
overtures.clusters) and merges their clusters. ``detach`` runs before an article's events are deleted:
the clusters they belonged to are split again where they no longer hold together. Both keep the
invariant that a cluster is a connected component of the match graph named by its smallest event_id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from overtures.clusters import SEARCH_PAD, Report, cluster_ids, clusterable, report_of, reports_match
from overtures.model import Event, EventCluster, Evidence
from overtures.store import schema
from overtures.store.query import EventQuery
from overtures.store.schema import metadata

_BATCH = 500  # cluster ids per IN (...) list

# The candidate lookup of ``assign`` (equal dyad and root, a date range), one index probe per new event.
MATCH_INDEX = "CREATE INDEX ix_events_cluster_match ON events (source_country, target_country, root, date)"

event_clusters = sa.Table(
    "event_clusters",
    metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("cluster_id", sa.String, nullable=False, index=True),
)


def _side(role: str, by_country: bool) -> sa.ColumnElement[bool]:
    """The condition that a stored event has the same country in this role, or the same code when the new
    event's actor has no country (bound parameters ``{role}_country`` / ``{role}_code``)."""
    c = schema.events.c
    if by_country:
        return c[f"{role}_country"] == sa.bindparam(f"{role}_country")
    return sa.and_(c[f"{role}_country"].is_(None), c[f"{role}_code"] == sa.bindparam(f"{role}_code"))


@lru_cache(maxsize=4)
def _candidates(source_by_country: bool, target_by_country: bool) -> sa.Select[tuple[str, ...]]:
    """Stored, clustered events that may match an event: same dyad, root, modality, nearby date. Built once
    per shape and reused, so each probe costs SQLAlchemy no compiling (parameters: ``_probe``)."""
    c = schema.events.c
    return (
        sa.select(schema.events, event_clusters.c.cluster_id)
        .join_from(schema.events, event_clusters, event_clusters.c.event_id == c.event_id)
        .where(
            _side("source", source_by_country),
            _side("target", target_by_country),
            c.root == sa.bindparam("root"),
            c.modality == sa.bindparam("modality"),
            c.date.between(sa.bindparam("first"), sa.bindparam("last")),
        )
    )


def _probe(conn: Connection, event: Event, report: Report) -> list[RowMapping]:
    """The candidates of one event, through the prepared query of its shape."""
    assert report.span is not None
    params: dict[str, object] = {
        "root": event.root,
        "modality": event.modality.value,
        "first": report.span[0] - SEARCH_PAD,
        "last": report.span[1] + SEARCH_PAD,
    }
    shape = []
    for role, actor in (("source", event.source), ("target", event.target)):
        by_country = actor is not None and bool(actor.country)
        shape.append(by_country)
        if by_country:
            params[f"{role}_country"] = actor.country if actor else None
        else:
            params[f"{role}_code"] = actor.code if actor else None
    return list(conn.execute(_candidates(*shape), params).mappings())


def _report(row: RowMapping) -> Report:
    return report_of(schema.event_from_row(row, ()))


def assign(conn: Connection, events: Sequence[Event]) -> None:
    """Put the article's just-inserted events into clusters, merging the stored clusters they match."""
    reports = [report_of(event) for event in events]
    links: set[tuple[str, str]] = set()
    for event, report in zip(events, reports, strict=True):
        if clusterable(report):
            for row in _probe(conn, event, report):
                if reports_match(report, _report(row)):
                    links.add((report.event_id, row["cluster_id"]))
    names = cluster_ids(reports, sorted(links))
    for old in sorted({cluster for _, cluster in links}):
        if names[old] != old:
            update = sa.update(event_clusters).where(event_clusters.c.cluster_id == old)
            conn.execute(update.values(cluster_id=names[old]))
    rows = [{"event_id": r.event_id, "cluster_id": names[r.event_id]} for r in reports]
    if rows:
        conn.execute(sa.insert(event_clusters), rows)


def detach(conn: Connection, article_id: str) -> None:
    """Take the article's events out of their clusters, splitting what no longer holds together."""
    mine = sa.select(schema.events.c.event_id).where(schema.events.c.article_id == article_id)
    affected = sorted(
        conn.execute(
            sa.select(event_clusters.c.cluster_id).where(event_clusters.c.event_id.in_(mine)).distinct()
        )
        .scalars()
        .all()
    )
    conn.execute(sa.delete(event_clusters).where(event_clusters.c.event_id.in_(mine)))
    for first in range(0, len(affected), _BATCH):
        _recluster(conn, affected[first : first + _BATCH])


def _recluster(conn: Connection, clusters: list[str]) -> None:
    """Recompute the components of what is left of these clusters, and rename the members that move."""
    query = (
        sa.select(schema.events, event_clusters.c.cluster_id)
        .join_from(schema.events, event_clusters, event_clusters.c.event_id == schema.events.c.event_id)
        .where(event_clusters.c.cluster_id.in_(clusters))
    )
    rows = conn.execute(query).mappings().all()
    names = cluster_ids([_report(row) for row in rows])
    moved = [
        {"id": row["event_id"], "cluster": names[row["event_id"]]}
        for row in rows
        if names[row["event_id"]] != row["cluster_id"]
    ]
    if moved:
        update = sa.update(event_clusters).where(event_clusters.c.event_id == sa.bindparam("id"))
        conn.execute(update.values(cluster_id=sa.bindparam("cluster")), moved)


def with_cluster(event: Event, row: RowMapping) -> Event:
    """The event with the cluster id read alongside its row."""
    return replace(event, cluster_id=row["cluster_id"])


def events_select(query: EventQuery) -> sa.Select[tuple[str, ...]]:
    """Store.events' query: the matching events with their cluster ids, in order, one page."""
    select = sa.select(schema.events, event_clusters.c.cluster_id).select_from(
        schema.events.outerjoin(event_clusters, event_clusters.c.event_id == schema.events.c.event_id)
    )
    select = select.where(*query.conditions()).order_by(*query.ordering())
    return select.limit(query.limit).offset(query.offset)


def clusters_select(query: EventQuery) -> sa.Select[tuple[str, ...]]:
    """Store.clusters' query: clusters with a report matching the query, each as its smallest-id report
    with the number of reports and articles, ordered like events, one page."""
    events, c = schema.events, schema.events.c
    matching = (
        sa.select(event_clusters.c.cluster_id)
        .join_from(events, event_clusters, event_clusters.c.event_id == c.event_id)
        .where(*query.conditions())
        .correlate(None)
    )
    sizes = (
        sa.select(
            event_clusters.c.cluster_id,
            sa.func.count().label("reports"),
            sa.func.count(sa.distinct(c.article_id)).label("articles"),
        )
        .join_from(event_clusters, events, event_clusters.c.event_id == c.event_id)
        .where(event_clusters.c.cluster_id.in_(matching))
        .group_by(event_clusters.c.cluster_id)
        .subquery()
    )
    select = sa.select(events, sizes.c.cluster_id, sizes.c.reports, sizes.c.articles).join_from(
        events, sizes, sizes.c.cluster_id == c.event_id
    )
    return select.order_by(*query.ordering()).limit(query.limit).offset(query.offset)


def cluster_from_row(row: RowMapping, evidence: tuple[Evidence, ...]) -> EventCluster:
    """An EventCluster from a row of clusters_select and its representative's evidence."""
    event = with_cluster(schema.event_from_row(row, evidence), row)
    return EventCluster(
        cluster_id=row["cluster_id"], event=event, reports=row["reports"], articles=row["articles"]
    )


def count(conn: Connection) -> int:
    """How many event clusters the store holds."""
    query = sa.select(sa.func.count(sa.distinct(event_clusters.c.cluster_id)))
    return int(conn.execute(query).scalar_one())


def backfill(conn: Connection) -> None:
    """Cluster every stored event, article by article (for a database that had events before schema v5)."""
    ids = (
        conn.execute(sa.select(schema.events.c.article_id).distinct().order_by("article_id")).scalars().all()
    )
    for article_id in ids:
        query = sa.select(schema.events).where(schema.events.c.article_id == article_id)
        rows = conn.execute(query.order_by(schema.events.c.event_id)).mappings().all()
        assign(conn, [schema.event_from_row(row, ()) for row in rows])
