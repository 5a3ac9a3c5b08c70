"""Article links: only http(s) URLs are stored; any other scheme is dropped with a warning naming the
record, and the article is kept (a stored javascript: link would run script from the dashboard)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from overtures.ingest.common import make_article
from overtures.ingest.feeds import read_feed
from overtures.ingest.jsonl import read_jsonl_stream
from overtures.ingest.urls import web_url
from overtures.model import Article, Outcome, RecordError

TEXT = "Russia's foreign minister met the Taliban's acting foreign minister in Moscow on Friday."
HOSTILE = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:alert(1)",
]


@pytest.mark.parametrize(
    "url", ["https://news.example.com/a?b=c#d", "http://127.0.0.1:8000/x", "HTTPS://X.ORG"]
)
def test_http_and_https_addresses_are_web_urls(url: str) -> None:
    assert web_url(url) == url


@pytest.mark.parametrize("url", HOSTILE)
def test_other_schemes_are_not_web_urls(url: str) -> None:
    assert web_url(url) is None


@pytest.mark.parametrize("url", HOSTILE)
def test_a_record_with_a_script_link_is_kept_without_it_after_a_warning(url: str) -> None:
    warning, article = make_article(where="wire.jsonl:7", text=TEXT, url=url.strip())
    assert isinstance(warning, RecordError) and warning.outcome is Outcome.WARNING
    assert warning.where == "wire.jsonl:7" and "not an http or https address" in warning.reason
    assert "\n" not in str(warning)
    assert isinstance(article, Article) and article.url is None and article.text == TEXT


def test_a_json_lines_javascript_url_is_dropped() -> None:
    line = json.dumps({"id": "a1", "text": TEXT, "url": "javascript:alert(document.domain)"}) + "\n"
    warning, article = list(read_jsonl_stream(io.StringIO(line), name="in.jsonl", detect_language=False))
    assert isinstance(warning, RecordError) and warning.where == "in.jsonl:1"
    assert isinstance(article, Article) and (article.id, article.url) == ("a1", None)


def test_a_feed_link_with_a_javascript_url_is_dropped(tmp_path: Path) -> None:
    feed = tmp_path / "hostile.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Moscow talks</title>'
        f"<guid>https://t.example/1</guid><link>javascript:alert(document.domain)</link>"
        f"<description>{TEXT}</description></item></channel></rss>",
        encoding="utf-8",
    )
    outcomes = list(read_feed(feed, detect_language=False))
    warnings = [o for o in outcomes if isinstance(o, RecordError)]
    (article,) = [o for o in outcomes if isinstance(o, Article)]
    assert [w.outcome for w in warnings] == [Outcome.WARNING] and "javascript:" in warnings[0].reason
    assert article.url is None and article.id == "https://t.example/1"
