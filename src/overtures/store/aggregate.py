"""Counts over the stored events, computed by the database: facets, actors, the actor network, places and
the article listing.

Every function takes an EventQuery for its filters (its paging is ignored) and runs GROUP BY queries, so
the answer costs one pass in the database and only the counted rows travel, never the events themselves.
Each query groups by the leading columns of one index of migration 6, in its order, so that when the
query filters only on what those indexes hold (modality, countries, dates) the database reads the index
alone and sorts nothing; other filters are applied to the matching events first (``_events``). What is
left, such as days into months, is added up here. ``Aggregates`` hands them to Store as methods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from overtures.store import event_tallies, schema
from overtures.store.engine import database_errors
from overtures.store.query import EventQuery, PageKey, after_key, dated_order

ROLES = ("source", "target")
ROLE_COUNTRIES = ("source_country", "target_country")
TOP_FACET_ACTORS = 20
# The filters whose columns every index of migration 6 that an aggregate reads holds, beside modality.
INDEXED_FILTERS = frozenset({"modality", "country", "dyad", "date_from", "date_to"})


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFacets:
    """How many events fall under each root, modality, country (top 20, either side) and month."""

    root: dict[str, int]
    modality: dict[str, int]
    actor: dict[str, int]
    month: dict[str, int]  # "YYYY-MM"; undated events are in no month


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorCount:
    """An actor code with its country, its most frequent name and how many events it takes part in."""

    code: str
    country: str | None
    name: str
    events: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorLink:
    """Events from one actor code to another: how many, their mean Goldstein score, and per quad class."""

    source: str
    target: str
    weight: int
    goldstein_mean: float | None
    quad_counts: tuple[int, int, int, int]


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceCount:
    """A geocoded place with the number of events there and the CAMEO code most often coded there."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    top_cameo: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleSummary:
    """An article without its text, with the number of events (every modality) coded from it."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    events: int


def facet_counts(conn: Connection, query: EventQuery) -> EventFacets:
    """Event counts by root, modality, month and (top 20) country, under the query's filters."""
    roots: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    for root, modality, n in _grouped(conn, _events(query, "root", "modality"), ("root", "modality")):
        roots[str(root)] += n
        modalities[str(modality)] += n
    months: Counter[str] = Counter()
    by_month = {query.root, query.quad_class, query.actor} == {None}  # what event_months holds
    days = _events(query, "date", tallies=event_tallies.event_months if by_month else None)
    day = "month" if days.tallied else "date"
    for start, n in _grouped(conn, days, (day,), days.table.c[day].is_not(None)):
        months[f"{start:%Y-%m}"] += n
    pairs = _grouped(conn, _events(query, *ROLE_COUNTRIES), ROLE_COUNTRIES)
    return EventFacets(
        root=dict(sorted(roots.items())),
        modality=dict(sorted(modalities.items())),
        actor=_country_counts(pairs),
        month=dict(sorted(months.items())),
    )


@dataclass(frozen=True, slots=True)
class _Read:
    """What an aggregate reads (the events, or a table of their tallies), the conditions it applies
    there, and how it counts events, scores and their sum on it."""

    table: sa.FromClause
    where: list[sa.ColumnElement[bool]]
    tallied: bool

    def count(self, condition: sa.ColumnElement[bool] | None = None) -> sa.ColumnElement[Any]:
        """The number of events (meeting ``condition``)."""
        one = self.table.c.events if self.tallied else sa.literal_column("1")
        if condition is None:
            return sa.func.sum(one) if self.tallied else sa.func.count()
        return sa.func.sum(sa.case((condition, one), else_=sa.literal_column("0")))

    def scores(self) -> list[sa.ColumnElement[Any]]:
        """The sum of the Goldstein scores and the number of scored events."""
        c = self.table.c
        if self.tallied:
            return [sa.func.sum(c.goldstein_sum), sa.func.sum(c.scored)]
        return [sa.func.sum(c.goldstein), sa.func.count(c.goldstein)]


def _events(
    query: EventQuery, *columns: str, tallies: sa.Table | None = event_tallies.event_tallies
) -> _Read:
    """What an aggregate reads, and the conditions it applies there. When the query filters only on
    columns that the stored tallies hold (event_tallies.tallied), ``tallies``: a row per combination of
    their values instead of a row per event. Else, when it filters only on columns that the v6 indexes
    hold (INDEXED_FILTERS), the events table: the database reads one of them alone, in the order it
    groups by. Any other filter is applied first, to ``columns`` of the matching events, materialized:
    otherwise the database would pick an index for its order all the same and look up the row of every
    entry (a lookup per event, slower than reading the table once)."""
    if tallies is not None and event_tallies.tallied(query):
        return _Read(tallies, event_tallies.conditions_on(tallies, query), tallied=True)
    filters = {field.name for field in fields(query) if getattr(query, field.name) is not None}
    if filters - {"limit", "offset", "order"} <= INDEXED_FILTERS:
        return _Read(schema.events, query.conditions(), tallied=False)
    c = schema.events.c
    matching = sa.select(*(c[name] for name in columns)).where(*query.conditions())
    return _Read(matching.cte("matching").prefix_with("MATERIALIZED"), [], tallied=False)


def _grouped(
    conn: Connection, read: _Read, columns: Sequence[str], *where: sa.ColumnElement[bool]
) -> list[tuple[Any, ...]]:
    """(values..., event count) per combination of the columns' values under the read's conditions."""
    keys = [read.table.c[name] for name in columns]
    select = sa.select(*keys, read.count()).where(*read.where, *where).group_by(*keys)
    return [tuple(row) for row in conn.execute(select)]


def _country_counts(pairs: Sequence[tuple[Any, ...]]) -> dict[str, int]:
    """The countries in most events, from the events per (source, target) country pair: an event counts
    once for each of its countries, once in all when both sides are the same country."""
    countries: Counter[str] = Counter()
    for source, target, n in pairs:
        if source is not None:
            countries[source] += n
        if target is not None and target != source:
            countries[target] += n
    ranked = sorted(countries.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[:TOP_FACET_ACTORS])


def _actor_roles(query: EventQuery, codes: Sequence[str] | None) -> sa.CTE:
    """Per actor code, country and name (and, on the source side, target code, the order of the index
    that serves it): how often it appears (``mentions``) and in how many events not already counted on
    the source side (``events``: an event whose source and target share a code counts once)."""
    names = [f"{role}_{name}" for role in ROLES for name in ("code", "country", "name")]
    read = _events(query, *names)
    c = read.table.c
    counted = {
        "source": read.count(),
        "target": read.count(sa.or_(c.source_code.is_(None), c.source_code != c.target_code)),
    }
    keys = {
        "source": (c.source_code, c.target_code, c.source_country, c.source_name),
        "target": (c.target_code, c.target_country, c.target_name),
    }
    sides = []
    for role in ROLES:
        code = c[f"{role}_code"]
        side = sa.select(
            code.label("code"),
            c[f"{role}_country"].label("country"),
            c[f"{role}_name"].label("name"),
            read.count().label("mentions"),
            counted[role].label("events"),
        ).where(*read.where, code.is_not(None), code != "")
        side = side if codes is None else side.where(code.in_(codes))
        sides.append(side.group_by(*keys[role]))
    return sa.union_all(*sides).cte("roles")


def actor_counts(
    conn: Connection,
    query: EventQuery,
    *,
    codes: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ActorCount]:
    """Actor codes by the number of events they take part in (then by code), optionally only ``codes``."""
    roles = _actor_roles(query, codes)
    events = sa.func.sum(roles.c.events).label("events")
    totals = sa.select(roles.c.code, sa.func.max(roles.c.country).label("country"), events)
    totals_q = totals.group_by(roles.c.code).subquery("totals")
    rank = sa.func.row_number().over(
        partition_by=roles.c.code, order_by=(sa.func.sum(roles.c.mentions).desc(), roles.c.name)
    )
    names = sa.select(roles.c.code, roles.c.name, rank.label("rank")).group_by(roles.c.code, roles.c.name)
    names_q = names.subquery("names")
    joined = totals_q.join(names_q, sa.and_(names_q.c.code == totals_q.c.code, names_q.c.rank == 1))
    select = sa.select(totals_q.c.code, totals_q.c.country, names_q.c.name, totals_q.c.events)
    select = select.select_from(joined).order_by(totals_q.c.events.desc(), totals_q.c.code)
    rows = conn.execute(select.limit(limit).offset(offset)).all()
    return [
        ActorCount(code=code, country=country, name=name, events=int(n)) for code, country, name, n in rows
    ]


def actor_links(conn: Connection, query: EventQuery, *, limit: int) -> list[ActorLink]:
    """The heaviest ``limit`` directed links between actor codes: event count, Goldstein mean, quad counts."""
    read = _events(query, "source_code", "target_code", "goldstein", "quad_class")
    c = read.table.c
    weight = read.count().label("weight")
    quads = [read.count(c.quad_class == n) for n in (1, 2, 3, 4)]
    select = sa.select(c.source_code, c.target_code, weight, *read.scores(), *quads).where(
        *read.where, *(c[f"{role}_code"].is_not(None) for role in ROLES)
    )
    select = select.where(c.source_code != "", c.target_code != "")
    select = select.group_by(c.source_code, c.target_code)
    select = select.order_by(weight.desc(), c.source_code, c.target_code).limit(limit)
    return [
        ActorLink(
            source=source,
            target=target,
            weight=int(n),
            goldstein_mean=_mean(total, scored),
            quad_counts=(int(q1), int(q2), int(q3), int(q4)),
        )
        for source, target, n, total, scored, q1, q2, q3, q4 in conn.execute(select)
    ]


def _mean(total: float | None, scored: int) -> float | None:
    """The mean Goldstein score to three decimals, None without scores. The sum is rounded first (the
    scores have one decimal), so that the mean does not depend on the order the database added them in."""
    return round(round(float(total), 6) / scored, 3) if scored and total is not None else None


def place_counts(conn: Connection, query: EventQuery) -> list[PlaceCount]:
    """Geocoded places by event count, each with the CAMEO code most often coded there."""
    c = schema.events.c
    place = (c.location_name, c.location_country, c.location_lat, c.location_lon)
    per_code = sa.select(*place, c.cameo, sa.func.count().label("n")).where(
        *query.conditions(), c.location_lat.is_not(None), c.location_lon.is_not(None)
    )
    codes = per_code.group_by(*place, c.cameo).subquery("codes")
    at_place = [codes.c.location_name, codes.c.location_country, codes.c.location_lat, codes.c.location_lon]
    total = sa.func.sum(codes.c.n).over(partition_by=at_place).label("events")
    rank = sa.func.row_number().over(partition_by=at_place, order_by=(codes.c.n.desc(), codes.c.cameo))
    ranked = sa.select(*at_place, codes.c.cameo, total, rank.label("rank")).subquery("ranked")
    r = ranked.c
    select = sa.select(r.location_name, r.location_country, r.location_lat, r.location_lon, r.events, r.cameo)
    select = select.where(r.rank == 1).order_by(r.events.desc(), r.location_name, r.location_country)
    return [
        PlaceCount(name=name, country=country, lat=lat, lon=lon, events=int(n), top_cameo=cameo)
        for name, country, lat, lon, n, cameo in conn.execute(select)
    ]


def article_summaries(
    conn: Connection, *, text: str | None = None, limit: int | None = None, after: PageKey | None = None
) -> list[ArticleSummary]:
    """Articles newest first (undated last, then by id), optionally those whose title or text holds
    ``text``, starting after the key of the previous page."""
    a = schema.articles.c
    events = schema.events.c
    count = sa.select(sa.func.count()).where(events.article_id == a.id).scalar_subquery()
    select = sa.select(a.id, a.title, a.url, a.source, a.published, count.label("events"))
    if text:
        select = select.where(
            sa.or_(a.title.icontains(text, autoescape=True), a.text.icontains(text, autoescape=True))
        )
    if after is not None:
        select = select.where(after_key(a.published, a.id, after, descending=True))
    select = select.order_by(*dated_order(a.published, a.id, descending=True)).limit(limit)
    return [
        ArticleSummary(id=i, title=title, url=url, source=source, published=published, events=int(n))
        for i, title, url, source, published, n in conn.execute(select)
    ]


class Aggregates:
    """The aggregate reads of Store: each runs its counting queries on one connection."""

    _engine: Engine

    def facets(self, query: EventQuery) -> EventFacets:
        """Event counts by root, modality, month and top country under the query's filters."""
        with database_errors("counting facets"), self._engine.connect() as conn:
            return facet_counts(conn, query)

    def actors(
        self,
        query: EventQuery,
        *,
        codes: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ActorCount]:
        """Actor codes ranked by how many of the query's events they take part in."""
        with database_errors("counting actors"), self._engine.connect() as conn:
            return actor_counts(conn, query, codes=codes, limit=limit, offset=offset)

    def links(self, query: EventQuery, *, limit: int) -> list[ActorLink]:
        """The heaviest directed links between actor codes among the query's events."""
        with database_errors("counting links between actors"), self._engine.connect() as conn:
            return actor_links(conn, query, limit=limit)

    def places(self, query: EventQuery) -> list[PlaceCount]:
        """Geocoded places with their event counts and most frequent CAMEO code."""
        with database_errors("counting places"), self._engine.connect() as conn:
            return place_counts(conn, query)

    def article_summaries(
        self, *, text: str | None = None, limit: int | None = None, after: PageKey | None = None
    ) -> list[ArticleSummary]:
        """A page of articles, newest first, without their text."""
        with database_errors("listing articles"), self._engine.connect() as conn:
            return article_summaries(conn, text=text, limit=limit, after=after)
