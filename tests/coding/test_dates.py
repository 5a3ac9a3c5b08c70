"""Time expressions: finding them in news text and resolving them against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overtures.coding import dates
from overtures.coding.dates import find_time_expressions, publication_date, resolve_time, state_since
from overtures.model import DatePrecision, EventDate

WEDNESDAY = date(2025, 4, 30)  # P: a Wednesday at the end of a month
NEW_YEAR = date(2024, 1, 2)  # P: a Tuesday two days into a year


def resolved(expression: str, published: date | None) -> EventDate:
    result = resolve_time(expression, published)
    assert result is not None, expression
    return result


def day_of(expression: str, published: date | None) -> date | None:
    result = resolved(expression, published)
    assert result.precision is DatePrecision.DAY
    return result.date


def window_of(expression: str, published: date | None) -> tuple[date, date] | None:
    return resolved(expression, published).window


def texts(sentence: str) -> list[str]:
    return [found.text for found in find_time_expressions(sentence)]


# finding


def test_expressions_are_found_in_order_with_their_offsets() -> None:
    sentence = "Taliban delegates arrived in Doha on Tuesday and met Qatari officials on April 27, 2024."
    found = find_time_expressions(sentence)
    assert [item.text for item in found] == ["on Tuesday", "on April 27, 2024"]
    assert all(sentence[item.start : item.end] == item.text for item in found)


def test_longest_overlapping_expression_wins() -> None:
    assert texts("The border closed earlier this week.") == ["earlier this week"]


def test_each_family_is_found_in_running_text() -> None:
    sentence = (
        "Yesterday the envoy flew to Tashkent; two days ago he was in Kabul, in January 2024 in Moscow, "
        "and in recent weeks he has met Pakistani officials, as he did last month and in 2021."
    )
    assert texts(sentence) == [
        "Yesterday", "two days ago", "in January 2024", "in recent weeks", "last month", "in 2021",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "A 2021 report counted the losses.",
        "Government forces killed 54 fighters near the border.",
        "The camps now hold 100,000 refugees.",
        "The airline grounded its Boeing 777 fleet.",
        "Donors pledged 50 million dollars.",
        "The six-year campaign ended in stalemate.",
        "The new rules may ultimately limit cross-border trade.",
        "May ultimately limit trade, officials warned.",
        "Christians marked Good Friday in Jerusalem.",
        "The Sunday Times reported the ceasefire.",
        "In the 1990s the movement took Kabul.",
    ],
)
def test_non_dates_are_not_found(sentence: str) -> None:
    assert find_time_expressions(sentence) == []


def test_may_is_a_month_after_a_preposition_or_before_a_day() -> None:
    sentence = "Talks that began in May may resume on May 12, officials said."
    assert texts(sentence) == ["in May", "on May 12"]


# days


def test_today_tonight_and_this_morning_are_the_publication_day() -> None:
    for expression in ("today", "Tonight", "this morning", "this evening"):
        assert day_of(expression, WEDNESDAY) == WEDNESDAY


def test_yesterday_is_the_day_before_publication() -> None:
    assert day_of("yesterday", WEDNESDAY) == date(2025, 4, 29)
    assert day_of("Yesterday", date(2024, 1, 1)) == date(2023, 12, 31)


def test_overnight_spans_the_night_before_and_dates_to_publication() -> None:
    result = resolved("overnight", WEDNESDAY)
    assert (result.date, result.window, result.precision) == (
        WEDNESDAY,
        (date(2025, 4, 29), WEDNESDAY),
        DatePrecision.DAY,
    )


def test_weekday_is_the_most_recent_such_day_on_or_before_publication() -> None:
    assert day_of("on Tuesday", WEDNESDAY) == date(2025, 4, 29)
    assert day_of("Tuesday night", WEDNESDAY) == date(2025, 4, 29)
    assert day_of("Thursday", WEDNESDAY) == date(2025, 4, 24)
    assert day_of("Wednesday", WEDNESDAY) == WEDNESDAY


def test_weekday_crosses_the_year_boundary() -> None:
    assert day_of("on Sunday", NEW_YEAR) == date(2023, 12, 31)


def test_last_and_next_weekday_are_in_the_weeks_before_and_after_publication() -> None:
    assert day_of("last Tuesday", WEDNESDAY) == date(2025, 4, 22)
    assert day_of("next Tuesday", WEDNESDAY) == date(2025, 5, 6)
    assert day_of("last Friday", NEW_YEAR) == date(2023, 12, 29)


def test_month_and_day_take_the_publication_year() -> None:
    for expression in ("on April 27", "April 27", "27 April", "on the 27th of April"):
        assert day_of(expression, WEDNESDAY) == date(2025, 4, 27), expression


def test_month_and_day_with_a_year_are_that_day() -> None:
    for expression in ("April 27, 2024", "on 27 April 2024", "Apr. 27 2024", "2024-04-27"):
        assert day_of(expression, WEDNESDAY) == date(2024, 4, 27), expression


def test_month_and_day_more_than_a_week_ahead_fall_in_the_previous_year() -> None:
    assert day_of("May 5", WEDNESDAY) == date(2025, 5, 5)
    assert day_of("May 9", WEDNESDAY) == date(2024, 5, 9)
    assert day_of("December 30", NEW_YEAR) == date(2023, 12, 30)


def test_an_impossible_day_is_not_a_date() -> None:
    assert resolve_time("February 30, 2024", WEDNESDAY) is None


# weeks


def test_this_week_runs_from_monday_to_publication() -> None:
    result = resolved("this week", WEDNESDAY)
    assert result.window == (date(2025, 4, 28), WEDNESDAY)
    assert result.precision is DatePrecision.WEEK


def test_last_week_is_the_previous_monday_to_sunday_dated_thursday() -> None:
    result = resolved("last week", WEDNESDAY)
    assert (result.date, result.window) == (date(2025, 4, 24), (date(2025, 4, 21), date(2025, 4, 27)))
    assert window_of("last week", NEW_YEAR) == (date(2023, 12, 25), date(2023, 12, 31))


def test_next_week_is_the_following_monday_to_sunday() -> None:
    assert window_of("next week", WEDNESDAY) == (date(2025, 5, 5), date(2025, 5, 11))


def test_earlier_this_week_ends_the_day_before_publication() -> None:
    assert window_of("earlier this week", WEDNESDAY) == (date(2025, 4, 28), date(2025, 4, 29))


def test_last_weekend_is_the_saturday_and_sunday_before_publications_week() -> None:
    assert window_of("last weekend", WEDNESDAY) == (date(2025, 4, 26), date(2025, 4, 27))
    assert window_of("over the weekend", WEDNESDAY) == (date(2025, 4, 26), date(2025, 4, 27))


def test_recent_weeks_and_days_look_back_four_weeks_and_one() -> None:
    weeks, days = resolved("in recent weeks", WEDNESDAY), resolved("recent days", WEDNESDAY)
    assert weeks.window == (date(2025, 4, 2), WEDNESDAY)
    assert days.window == (date(2025, 4, 23), WEDNESDAY)
    assert weeks.precision is days.precision is DatePrecision.WEEK


# months


def test_this_month_and_earlier_this_month_start_on_the_first() -> None:
    assert window_of("this month", WEDNESDAY) == (date(2025, 4, 1), WEDNESDAY)
    assert window_of("earlier this month", WEDNESDAY) == (date(2025, 4, 1), date(2025, 4, 29))
    assert resolved("this month", WEDNESDAY).precision is DatePrecision.MONTH


def test_last_month_is_the_previous_calendar_month() -> None:
    assert window_of("last month", WEDNESDAY) == (date(2025, 3, 1), date(2025, 3, 31))
    assert window_of("last month", NEW_YEAR) == (date(2023, 12, 1), date(2023, 12, 31))


def test_next_month_is_the_following_calendar_month() -> None:
    assert window_of("next month", WEDNESDAY) == (date(2025, 5, 1), date(2025, 5, 31))


def test_month_with_a_year_is_that_month() -> None:
    for expression in ("in January 2024", "January 2024"):
        result = resolved(expression, WEDNESDAY)
        assert result.window == (date(2024, 1, 1), date(2024, 1, 31)), expression
        assert result.precision is DatePrecision.MONTH


def test_month_without_a_year_is_the_most_recent_one() -> None:
    assert window_of("in March", WEDNESDAY) == (date(2025, 3, 1), date(2025, 3, 31))
    assert window_of("in May", WEDNESDAY) == (date(2024, 5, 1), date(2024, 5, 31))
    assert window_of("in March", NEW_YEAR) == (date(2023, 3, 1), date(2023, 3, 31))


def test_early_mid_and_late_are_thirds_of_the_month() -> None:
    assert window_of("mid-April", WEDNESDAY) == (date(2025, 4, 11), date(2025, 4, 20))
    assert window_of("early May", WEDNESDAY) == (date(2024, 5, 1), date(2024, 5, 10))
    assert window_of("late March", WEDNESDAY) == (date(2025, 3, 21), date(2025, 3, 31))
    assert window_of("late February 2024", WEDNESDAY) == (date(2024, 2, 21), date(2024, 2, 29))


# years and counts back


def test_in_a_year_is_that_whole_year() -> None:
    result = resolved("in 2021", WEDNESDAY)
    assert result.window == (date(2021, 1, 1), date(2021, 12, 31))
    assert result.precision is DatePrecision.YEAR


def test_last_this_and_next_year_are_relative_to_publication() -> None:
    assert window_of("last year", NEW_YEAR) == (date(2023, 1, 1), date(2023, 12, 31))
    assert window_of("this year", WEDNESDAY) == (date(2025, 1, 1), WEDNESDAY)
    assert window_of("next year", WEDNESDAY) == (date(2026, 1, 1), date(2026, 12, 31))


def test_days_ago_counts_back_days_in_words_or_digits() -> None:
    assert day_of("two days ago", WEDNESDAY) == date(2025, 4, 28)
    assert day_of("2 days ago", NEW_YEAR) == date(2023, 12, 31)


def test_weeks_months_and_years_ago_take_their_unit_as_precision() -> None:
    weeks, month, years = (
        resolved(text, WEDNESDAY) for text in ("3 weeks ago", "a month ago", "five years ago")
    )
    assert (weeks.date, weeks.precision) == (date(2025, 4, 9), DatePrecision.WEEK)
    assert (month.date, month.window) == (date(2025, 3, 30), (date(2025, 3, 1), date(2025, 3, 31)))
    assert (years.date, years.precision) == (date(2020, 4, 30), DatePrecision.YEAR)


# without a publication date


def test_absolute_expressions_resolve_without_a_publication_date() -> None:
    assert day_of("April 27, 2024", None) == date(2024, 4, 27)
    assert window_of("in January 2024", None) == (date(2024, 1, 1), date(2024, 1, 31))
    assert window_of("in 2021", None) == (date(2021, 1, 1), date(2021, 12, 31))


@pytest.mark.parametrize(
    "expression",
    ["yesterday", "on Tuesday", "April 27", "last week", "this month", "in March", "two days ago"],
)
def test_relative_expressions_need_a_publication_date(expression: str) -> None:
    assert resolve_time(expression, None) is None


def test_resolved_date_keeps_the_expression_text() -> None:
    assert resolved("  last week ", WEDNESDAY).text == "last week"


def test_unrecognised_text_is_not_a_date() -> None:
    assert resolve_time("the ceasefire", WEDNESDAY) is None


def test_publication_date_is_the_fallback_day() -> None:
    fallback = publication_date(WEDNESDAY)
    assert (fallback.date, fallback.window, fallback.precision) == (
        WEDNESDAY,
        (WEDNESDAY, WEDNESDAY),
        DatePrecision.PUBLICATION,
    )
    assert publication_date(None).date is None


# properties

_FRAGMENTS = st.sampled_from(
    [
        "on Tuesday", "last week", "April 27", "in May", "may", "2021", "in 2021", "mid-April", "ago", "two",
        "days", "overnight", "earlier this", "month", "December 30, 1999", " ", ", ", ".", "the", "weekend",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_FRAGMENTS, st.text(max_size=3))).map(" ".join))


@given(_TEXTS)
def test_finding_never_fails_and_offsets_match_the_text(text: str) -> None:
    for found in find_time_expressions(text):
        assert text[found.start : found.end] == found.text


@given(_TEXTS, st.dates())
def test_every_resolved_window_contains_its_date(text: str, published: date) -> None:
    for found in find_time_expressions(text):
        result = resolve_time(found.text, published)
        if result is not None and result.window is not None:
            assert result.date is not None
            assert result.window[0] <= result.date <= result.window[1]


# durations, backgrounds and "since"


@pytest.mark.parametrize(
    "expression",
    [
        "since 2021", "since early 2019", "since March 2022", "in recent years", "for decades", "for years",
        "over the past year", "over the last year", "in the last two decades", "for the past ten years",
        "for three days", "over many months", "in the past six months",
    ],
)  # fmt: skip
def test_durations_and_old_backgrounds_date_nothing(expression: str) -> None:
    assert resolve_time(expression, WEDNESDAY) is None


def test_a_duration_hides_the_relative_expression_inside_it() -> None:
    assert texts("Ties have improved over the last year.") == ["over the last year"]
    assert texts("The group has fought for decades since 2001.") == ["for decades", "since 2001"]


def test_since_a_recent_day_is_the_window_from_that_day_to_publication() -> None:
    since = resolved("since Sunday", WEDNESDAY)
    assert since.window == (date(2025, 4, 27), WEDNESDAY)
    assert since.precision is DatePrecision.WEEK


def test_since_takes_in_the_whole_expression_after_it() -> None:
    assert texts("Shelling since April 20 has killed 30 people.") == ["since April 20"]
    assert window_of("since April 20", WEDNESDAY) == (date(2025, 4, 20), WEDNESDAY)


def test_a_state_told_with_since_holds_from_then() -> None:
    began = state_since("since 2021", WEDNESDAY)
    assert began is not None and began.window == (date(2021, 1, 1), date(2021, 12, 31))
    assert state_since("in 2021", WEDNESDAY) is None


def test_looking_back_from_publication_is_a_window_up_to_it() -> None:
    assert window_of("over the past week", WEDNESDAY) == (date(2025, 4, 23), WEDNESDAY)
    assert window_of("in the last two months", WEDNESDAY) == (date(2025, 3, 1), WEDNESDAY)
    hours = resolved("in the past 24 hours", WEDNESDAY)
    assert (hours.date, hours.window) == (WEDNESDAY, (date(2025, 4, 29), WEDNESDAY))
    assert texts("Shelling eased in the last month.") == ["in the last month"]


# Words that start, end or sit inside time expressions, and words near them that must not be read so.
_TIME_WORDS = (
    "on", "in", "since", "for", "over", "the", "last", "this", "next", "past", "previous", "recent", "few",
    "early", "mid-", "late", "end", "of", "earlier", "later", "ago", "a", "two", "three", "12", "2021",
    "2024-05-03", "27th", "1990s", "May", "may", "March", "Sept.", "Dec", "Monday", "Friday", "Good",
    "tonight", "overnight", "yesterday", "today", "tomorrow", "morning", "evening", "night", "days",
    "week", "weekend", "months", "year", "hours", "decades", "century", "Times", "Day", "USA", ",", "-",
    "this morning", "yesterday afternoon", "last night", "the day before yesterday", "over the weekend",
    "later this month", "in recent weeks", "three days ago", "a couple of years ago", "on April 27, 2024",
    "the 3rd of May", "in the past 24 hours", "over the last two months", "for a full year", "Sept. 9",
    "in mid-2023", "late March", "next Tuesday evening", "since 2021", "for many centuries",
)  # fmt: skip


@given(
    st.lists(
        st.one_of(st.sampled_from(_TIME_WORDS), st.text(alphabet="aA09 ,.-", max_size=4)),
        max_size=12,
    )
)
@settings(max_examples=400)
def test_the_cue_screen_never_changes_what_is_found(words: list[str]) -> None:
    """find_time_expressions searches only the families whose cue the text holds; searching every
    family finds the same expressions."""
    text = " ".join(words)
    assert find_time_expressions(text) == dates._expressions(text, dates._families())


def test_a_text_without_any_cue_is_searched_by_no_family() -> None:
    text = "The ministers met and said they would keep talking."
    assert not any(cue.search(text) for cue in dates._CUES.values())
    assert find_time_expressions(text) == []
    assert [e.text for e in find_time_expressions("They met this morning.")] == ["this morning"]
