"""Event clusters in the store (schema v5): which cluster each event belongs to, kept on every save.

The store reads and writes; the rules it is given (overtures.store.rules, from overtures.clusters)
decide. ``assign`` runs in the transaction that saves an article, after its events are inserted: it
reads the stored, clustered events in each new event's search window (same dyad sides, root and
modality, a date in the window and, for a vague date, the same date window) and writes the
ClusterChange that ``rules.join`` makes of them: the new events' clusters, and the stored clusters they
merge. ``detach`` runs before an article's events are
deleted: it reads what else their clusters hold and writes what ``rules.split`` makes of it. So a cluster
stays a connected component of the match graph, named by its smallest event_id.

The reads and the writes share the write transaction, which holds the write lock from its first
statement (SQLite's BEGIN IMMEDIATE; on PostgreSQL the row lock of the write counter, raised first): a
second writer, another ingest process, waits until the first commits, then reads every cluster the first
wrote, and no one changes the rows a change was decided on before it is written. Within one batch each
article's events meet the clusters of the articles saved before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from overtures.model import ClusterChange, Event, EventCluster, Evidence, SearchWindow
from overtures.store import schema
from overtures.store.query import EventQuery
from overtures.store.rules import StoreRules
from overtures.store.schema import metadata

_BATCH = 500  # cluster ids per IN (...) list

# The lookup of ``assign`` (equal dyad and root, a date range), one index probe per new event.
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


@lru_cache(maxsize=8)
def _candidates(source_by_country: bool, target_by_country: bool, exact: bool) -> sa.Select[tuple[str, ...]]:
    """Stored, clustered events that may match an event: same dyad, root, modality, a date in its search
    window and, if ``exact``, the same date window. Built once per shape and reused, so each lookup costs
    SQLAlchemy no compiling (``_near``)."""
    c = schema.events.c
    same_span = (c.date_start == sa.bindparam("span_start"), c.date_end == sa.bindparam("span_end"))
    return (
        sa.select(schema.events, event_clusters.c.cluster_id)
        .join_from(schema.events, event_clusters, event_clusters.c.event_id == c.event_id)
        .where(
            _side("source", source_by_country),
            _side("target", target_by_country),
            c.root == sa.bindparam("root"),
            c.modality == sa.bindparam("modality"),
            c.date.between(sa.bindparam("first"), sa.bindparam("last")),
            *(same_span if exact else ()),
        )
    )


def _near(conn: Connection, event: Event, window: SearchWindow | None) -> list[Event]:
    """The stored, clustered events that may match an event, each with its cluster_id, through the
    prepared query of its shape; none when it has no search window."""
    if window is None:
        return []
    params: dict[str, object] = {
        "root": event.root,
        "modality": event.modality.value,
        "first": window.first,
        "last": window.last,
    }
    if window.span is not None:
        params["span_start"], params["span_end"] = window.span
    shape = []
    for role, actor in (("source", event.source), ("target", event.target)):
        by_country = actor is not None and bool(actor.country)
        shape.append(by_country)
        if by_country:
            params[f"{role}_country"] = actor.country if actor else None
        else:
            params[f"{role}_code"] = actor.code if actor else None
    return _events(conn.execute(_candidates(*shape, window.span is not None), params).mappings())


def _events(rows: Iterable[RowMapping]) -> list[Event]:
    """Events with their cluster ids, from rows of events joined to event_clusters (without evidence)."""
    return [with_cluster(schema.event_from_row(row, ()), row) for row in rows]


def assign(conn: Connection, events: Sequence[Event], rules: StoreRules) -> None:
    """Put the article's just-inserted events into the clusters ``rules.join`` gives them, given the stored
    events in each one's search window, and merge the stored clusters it names."""
    _write(conn, rules.join([(event, _near(conn, event, rules.search(event))) for event in events]))


def detach(conn: Connection, article_id: str, rules: StoreRules) -> None:
    """Take the article's events out of their clusters, and regroup the rest of each as ``rules.split``
    says."""
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
        _write(conn, rules.split(_members(conn, affected[first : first + _BATCH])))


def _members(conn: Connection, clusters: list[str]) -> list[Event]:
    """The stored events of these clusters, each with its cluster_id."""
    query = (
        sa.select(schema.events, event_clusters.c.cluster_id)
        .join_from(schema.events, event_clusters, event_clusters.c.event_id == schema.events.c.event_id)
        .where(event_clusters.c.cluster_id.in_(clusters))
    )
    return _events(conn.execute(query).mappings())


def _write(conn: Connection, change: ClusterChange) -> None:
    """Write a change to the clusters: rename merged clusters, move stored events, add new ones."""
    for old, new in change.renamed:
        update = sa.update(event_clusters).where(event_clusters.c.cluster_id == old)
        conn.execute(update.values(cluster_id=new))
    if change.moved:
        update = sa.update(event_clusters).where(event_clusters.c.event_id == sa.bindparam("id"))
        moved = [{"id": event_id, "cluster": cluster} for event_id, cluster in change.moved]
        conn.execute(update.values(cluster_id=sa.bindparam("cluster")), moved)
    if change.added:
        added = [{"event_id": event_id, "cluster_id": cluster} for event_id, cluster in change.added]
        conn.execute(sa.insert(event_clusters), added)


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


def backfill(conn: Connection, rules: StoreRules) -> None:
    """Cluster every stored event, article by article (for a database that had events before schema v5)."""
    ids = (
        conn.execute(sa.select(schema.events.c.article_id).distinct().order_by("article_id")).scalars().all()
    )
    for article_id in ids:
        query = sa.select(schema.events).where(schema.events.c.article_id == article_id)
        rows = conn.execute(query.order_by(schema.events.c.event_id)).mappings().all()
        assign(conn, [schema.event_from_row(row, ()) for row in rows], rules)
