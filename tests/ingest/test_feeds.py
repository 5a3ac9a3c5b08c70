"""The feed reader: RSS and Atom entries as articles, with ids, dates and plain-text bodies."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.ingest.common import content_hash
from overtures.ingest.feeds import read_feed
from overtures.model import Article, Outcome, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
RSS_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Times</title>
<item><title>Qatar mediates prisoner exchange</title>
<description>Qatar said on Thursday it had mediated an exchange of prisoners.</description></item>
</channel></rss>
"""


def test_rss_entries_become_articles_with_every_field() -> None:
    path = FIXTURES / "world.rss"
    first, second = list(read_feed(path))
    assert first == Article(
        id="times-2025-0042",
        text="China hosts Taliban trade delegation\n\n"
        "China hosted a Taliban trade delegation in Beijing on Tuesday, the commerce ministry said.\n\n"
        "The two sides agreed to expand copper mining cooperation.",
        title="China hosts Taliban trade delegation",
        url="https://times.example.com/world/china-taliban-trade",
        source="Example Times - World",
        published=date(2025, 4, 29),
        language="en",
        origin=f"{path}:entry 1",
    )
    assert isinstance(second, Article)
    assert (second.id, second.published) == (
        "https://times.example.com/world/iran-afghanistan-water",
        date(2025, 4, 28),
    )
    assert second.text.endswith(
        "\n\nIranian and Afghan officials met in Kabul on Monday to discuss sharing "
        "the waters of the Helmand river."
    )


def test_atom_entries_use_updated_when_there_is_no_published_date() -> None:
    path = FIXTURES / "briefs.atom"
    [article] = list(read_feed(path))
    assert article == Article(
        id="urn:example:briefs:17",
        text="Qatar mediates prisoner exchange\n\nQatar said on Thursday it had mediated an exchange of "
        "prisoners between the United States and the Taliban.",
        title="Qatar mediates prisoner exchange",
        url="https://briefs.example.org/17",
        source="Example Briefs",
        published=date(2025, 5, 1),
        language="en",
        origin=f"{path}:entry 1",
    )


def test_an_entry_without_id_or_link_gets_a_hash_id(tmp_path: Path) -> None:
    path = tmp_path / "bare.rss"
    path.write_text(RSS_ITEM, encoding="utf-8")
    [article] = list(read_feed(path))
    assert isinstance(article, Article)
    assert article.id == "sha-" + content_hash(article.text)[:16] and article.url is None


def test_a_broken_feed_without_entries_fails_with_the_parser_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<rss><channel><title>Cut off", encoding="utf-8")
    [error] = list(read_feed(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (
        str(path),
        Outcome.FAILED,
    ) and "not a readable feed (" in error.reason


def test_a_foreign_feed_skips_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "fr.rss"
    path.write_text(
        RSS_ITEM.replace("<title>Example Times</title>", "<language>fr</language>"), encoding="utf-8"
    )
    [error] = list(read_feed(path))
    assert isinstance(error, RecordError)
    assert (error.where, error.outcome) == (f"{path}:entry 1", Outcome.SKIPPED)


@settings(max_examples=50, deadline=None)
@given(
    data=st.binary()
    | st.text().map(lambda text: RSS_ITEM.replace("Qatar said", text.replace("<", "&lt;")).encode("utf-8"))
)
def test_arbitrary_bytes_never_raise_and_articles_have_text_and_string_ids(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xml"
        path.write_bytes(data)
        for item in read_feed(path, detect_language=False):
            if isinstance(item, Article):
                assert item.text.strip() and isinstance(item.id, str)
