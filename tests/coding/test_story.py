"""The date an article sets for its story: the lead's day dates the later undated events; a headline
without one is dated by its publication, [P-1, P]."""

from __future__ import annotations

from datetime import date, timedelta

import spacy

from overtures.coding.story import headline_date, headline_end, lead_date, read_story
from overtures.model import DatePrecision

FRIDAY = date(2024, 11, 8)  # P: a Friday


def _doc(text: str) -> spacy.tokens.Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_the_lead_day_dates_the_undated_sentences_after_it() -> None:
    text = (
        "Armenia and Azerbaijan trade fire on border\n\n"
        "Armenian and Azerbaijani troops exchanged fire on Wednesday near the village of Sotk. "
        "Three soldiers were wounded. The two countries have been at odds for decades."
    )
    story = read_story(_doc(text), FRIDAY)
    assert story.lead is not None and story.lead.date == date(2024, 11, 6)
    later = text.index("Three")
    assert story.undated(later).date == date(2024, 11, 6)
    assert story.undated(0).date == date(2024, 11, 6)  # the headline tells the same news


def test_a_dateline_is_not_the_story_date() -> None:
    lead = "YEREVAN, Nov 8 (Wire) - Troops exchanged fire on Tuesday, the ministry said."
    found = lead_date(lead, FRIDAY)
    assert found is not None and found.date == date(2024, 11, 5)


def test_old_or_vague_lead_dates_are_background_not_the_story() -> None:
    assert lead_date("The ceasefire signed in October 2020 has frayed.", FRIDAY) is None
    assert lead_date("Rebels took the town on March 3, 2019.", FRIDAY) is None
    assert lead_date("Shelling has intensified in recent weeks.", FRIDAY) is None


def test_a_lead_week_is_a_story_date_too() -> None:
    found = lead_date("Talks resumed this week.", FRIDAY)
    assert found is not None and found.window == (date(2024, 11, 4), FRIDAY)


def test_without_a_lead_day_a_headline_is_dated_by_its_publication_window() -> None:
    story = read_story(_doc("Militants attack army post in north"), FRIDAY)
    dated = story.undated(0)
    assert dated.date == FRIDAY and dated.window == (FRIDAY - timedelta(days=1), FRIDAY)
    assert dated.precision is DatePrecision.PUBLICATION
    assert headline_date(FRIDAY) == dated


def test_body_sentences_without_a_story_date_get_the_publication_day() -> None:
    text = "Border tensions rise\n\nThe two armies have reinforced their posts. Talks are planned."
    story = read_story(_doc(text), FRIDAY)
    assert story.undated(text.index("Talks")).window == (FRIDAY, FRIDAY)


def test_a_headline_is_a_short_first_line_not_a_lone_sentence() -> None:
    assert headline_end("Gunmen kill five in raid\n\nGunmen killed five people.") == len(
        "Gunmen kill five in raid"
    )
    assert headline_end("Gunmen killed five people in a raid on a market.") == 0
    assert headline_end(" ".join(["word"] * 40)) == 0
