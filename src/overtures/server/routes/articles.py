"""/articles: the listing (newest first, keyset-paged), one article with its events and quotes, and
POST to ingest articles through the same pipeline as ``overtures ingest``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query

from overtures.ingest import make_article
from overtures.ingest.urls import web_url
from overtures.model import Article, RecordError
from overtures.pipeline import run_ingest
from overtures.server.cursors import key_cursor, read_key_cursor
from overtures.server.errors import ERROR_RESPONSES, NOT_FOUND
from overtures.server.keys import require_key
from overtures.server.params import Cursor, Limit
from overtures.server.responses import event_out, quote_out
from overtures.server.schemas import (
    MAX_BATCH,
    ArticleBatch,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleSummaryOut,
    ErrorOut,
    IngestOut,
)
from overtures.server.state import StateDep, StoreDep
from overtures.store import EventQuery
from overtures.store.aggregate import ArticleSummary
from overtures.store.query import PageKey

router = APIRouter(tags=["articles"], responses=ERROR_RESPONSES)
ORDER = "-published"


@router.get("/articles")
def list_articles(
    store: StoreDep,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="words in title or text")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ArticlePage:
    """Articles newest first (undated last, then by id), with the number of events coded from each.

    The cursor is a keyset: the publication date and id of the last article served.
    """
    after = read_key_cursor(cursor, "articles", ORDER) if cursor else None
    found = store.article_summaries(text=q, limit=limit + 1, after=after)
    page = found[:limit]
    following = None
    if len(found) > limit:
        following = key_cursor("articles", PageKey(date=page[-1].published, id=page[-1].id), ORDER)
    return ArticlePage(items=[_summary_out(a) for a in page], next=following)


def _summary_out(article: ArticleSummary) -> ArticleSummaryOut:
    published = article.published.isoformat() if article.published else None
    return ArticleSummaryOut(
        id=article.id,
        title=article.title,
        url=web_url(article.url),
        source=article.source,
        published=published,
        events=article.events,
    )


@router.get("/articles/{article_id:path}", responses=NOT_FOUND)
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=500)]) -> ArticleOut:
    """One article with its text, every event coded from it (every modality) and its quotes; all
    offsets point into ``text``. Ids may hold ``/`` (feeds use URLs as ids): percent-encode them or not."""
    article = store.get_article(article_id)
    events = store.events(EventQuery(article_id=article_id, modality=None, limit=None))
    quotes = store.quotes(article_id=article_id, limit=None)
    return ArticleOut(
        id=article.id,
        title=article.title,
        url=web_url(article.url),
        source=article.source,
        published=article.published.isoformat() if article.published else None,
        text=article.text,
        events=[event_out(event) for event in events],
        quotes=[quote_out(quote) for quote in quotes],
    )


@router.post(
    "/articles",
    dependencies=[Depends(require_key)],
    responses={
        401: {"model": ErrorOut, "description": "missing or wrong X-API-Key"},
        413: {"model": ErrorOut, "description": "the body is larger than the server's --max-body"},
        503: {"model": ErrorOut, "description": "the server has no API key: ingest is off"},
    },
)
def post_articles(
    state: StateDep,
    body: Annotated[ArticleIn | ArticleBatch, Body(description=f"one article or up to {MAX_BATCH}")],
) -> IngestOut:
    """Read, parse, code and store articles, exactly as ``overtures ingest`` does; unchanged articles are
    left alone. Needs the X-API-Key header."""
    given = body if isinstance(body, list) else [body]
    records = [record for n, item in enumerate(given) for record in _records(item, f"body[{n}]")]
    with state.ingest_lock:
        summary = run_ingest(records, state.store(), state.services())
    return IngestOut(
        ingested=summary.ingested,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
        failed=summary.failed,
        events=summary.events,
        ids=[record.id for record in records if isinstance(record, Article)],
        errors=[str(error) for error in summary.errors],
    )


def _records(item: ArticleIn, where: str) -> list[Article | RecordError]:
    """The article (after its warnings), or the one error, that the ingest checks make of a body item."""
    return make_article(
        where=where,
        text=item.text,
        id=item.id,
        title=item.title,
        url=item.url,
        source=item.source,
        published=item.published,
    )
