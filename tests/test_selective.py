"""Selective parsing: which lines the screen keeps, that blanking keeps every offset, and that the
default path codes the sample corpus exactly as the full parse does."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overtures.api import read_articles
from overtures.model import Article
from overtures.pipeline import process_batch
from overtures.selective import HEAD_LINES, Line, blank, kept_lines
from tests.conftest import CORPUS

HEADLINE = "Russia and the Taliban sign a trade deal"
LEAD = "MOSCOW, March 3 (Steppe Wire) - Russia signed a trade agreement with the Taliban on Tuesday."
FILLER = "Weather: sunny, 24 degrees, light winds from the north."


def _text(*lines: str) -> str:
    return "\n\n".join(lines)


@given(st.text(alphabet="ab \n", max_size=60), st.data())
def test_blank_keeps_length_line_breaks_and_the_rest(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    spans = [(a, b) for a, b in spans if "\n" not in text[a:b]]  # the screen never blanks a line break
    out = blank(text, spans)
    assert len(out) == len(text)
    inside = {i for a, b in spans for i in range(a, b)}
    for i, (before, after) in enumerate(zip(text, out, strict=True)):
        assert after == (" " if i in inside else before)


def _line(**cues: bool) -> Line:
    return Line(start=0, end=1, **cues)


def test_a_pronoun_line_keeps_the_line_before_it() -> None:
    lines = [_line(), _line(name=True), _line(), _line(referent=True, trigger=True)]
    assert kept_lines(lines) == [False, False, True, True]


def test_the_head_is_kept_only_when_another_line_is() -> None:
    head = [_line(head=True) for _ in range(HEAD_LINES)]
    assert kept_lines([*head, _line()]) == [False] * (HEAD_LINES + 1)
    assert kept_lines([*head, _line(), _line(quote=True)]) == [True] * HEAD_LINES + [False, True]


@pytest.fixture(scope="module")
def screen(services):  # type: ignore[no-untyped-def]
    assert services.screen is not None
    return services.screen


def test_lines_hold_the_cues_read_from_tokens(screen) -> None:  # type: ignore[no-untyped-def]
    quote = "“We will not recognise them,” an official said."
    lines = screen.lines(_text(HEADLINE, LEAD, FILLER, quote))
    start = len(HEADLINE) + len(LEAD) + 4  # two blank-line breaks before the filler
    assert (lines[2].start, lines[2].end) == (start, start + len(FILLER))
    assert lines[1].name and lines[1].trigger and lines[1].event
    assert not lines[2].event and not lines[2].quote
    assert lines[3].quote


@pytest.mark.parametrize(
    "form", ["met", "meets", "meeting", "sanctioned", "sanctions", "recognises", "fought"]
)
def test_every_inflected_form_of_a_predicate_is_a_trigger(screen, form: str) -> None:  # type: ignore[no-untyped-def]
    assert screen.trigger(form)


def test_a_local_event_needs_no_named_party(screen) -> None:  # type: ignore[no-untyped-def]
    killed, rose = screen.lines(_text("Seven killed in renewed fighting.", "Shares rose in early trading."))
    assert killed.local and killed.event and not killed.name
    assert rose.trigger and not rose.local and not rose.event


def test_an_article_without_an_event_line_is_not_parsed(screen) -> None:  # type: ignore[no-untyped-def]
    text = _text("Markets close higher", FILLER, "Shares rose 2 per cent in early trading.")
    masked = screen.mask(text)
    assert len(masked) == len(text) and masked.strip() == ""
    assert masked.count("\n") == text.count("\n")


def test_lines_far_from_an_event_are_blanked(screen) -> None:  # type: ignore[no-untyped-def]
    text = _text(HEADLINE, LEAD, "Talks began.", "They lasted an hour.", FILLER, FILLER)
    masked = screen.mask(text)
    assert masked.startswith(_text(HEADLINE, LEAD))
    assert masked.endswith(" " * len(FILLER)) and len(masked) == len(text)


def test_default_path_codes_the_sample_corpus_as_the_full_parse(services, full_parse_services) -> None:  # type: ignore[no-untyped-def]
    articles = [a for a in read_articles([CORPUS]) if isinstance(a, Article)]
    selective = process_batch(articles, services)
    full = process_batch(articles, full_parse_services)
    assert sum(len(p.events) for p in full) > 400
    for mine, theirs in zip(selective, full, strict=True):
        assert [asdict(e) for e in mine.events] == [asdict(e) for e in theirs.events], mine.article.id
        assert mine.quotes == theirs.quotes, mine.article.id
