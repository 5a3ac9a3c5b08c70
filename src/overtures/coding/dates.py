"""Time expressions in news text, resolved against the article's publication date P.

Each family of expressions is one regular expression with one resolver; ``find_time_expressions``
reports the longest non-overlapping matches and ``resolve_time`` turns one of them into an
``EventDate`` (best day, inclusive window, precision). Conventions chosen here:

* A window's best day is its middle (earliest + half the span, rounded down): "last week" is the
  previous Monday..Sunday with Thursday as its day. "overnight" is the exception: [P-1, P], day P.
* Weeks start on Monday. "Tuesday" / "on Tuesday" is the most recent Tuesday on or before P (P itself
  when P is a Tuesday); "last Tuesday" is the Tuesday of the week before P's week, "this Tuesday" the
  Tuesday of P's week and "next Tuesday" that of the following week.
* "April 27" without a year takes P's year unless that is more than 7 days after P, then the year
  before. "in March" without a year is the most recent March at or before P's month.
* "this week/month/year" runs from the unit's first day to P; "earlier this ..." to P-1 (P itself when P
  is the unit's first day); "later this ..." from P+1 (P when P is its last day) to the unit's end.
* "early/mid/late April" are the thirds of the month (1-10, 11-20, 21-end), precision month; "early,
  mid, late 2024" are the thirds of the year (Jan-Apr, May-Aug, Sep-Dec), precision year.
* "in the past 24 hours", "over the past week", "in the last two months" look back from P: the window
  [P - span, P] (a month is 30 days) up to LOOK_BACK_DAYS; a longer one is a background (below).
* "N days/weeks/months/years ago" is P shifted back N units (the day clamped to the month's end); its
  window is the day, or the calendar week, month or year holding that day.
* A preposition before an expression ("on", "in", "by", ...) is kept in its text and not interpreted,
  except "since": "since Sunday" is the window from that day to P when it began at most SINCE_RECENT
  days before P, and no date at all when it began earlier ("since 2021", "since March").
* Durations and backgrounds are found, so that they hide the expressions inside them ("over the last
  year" is not "last year"), but never date anything: "for decades", "for years", "in recent years",
  "over the past year", "in the last two decades", "for three days".
* Bare years and bare month names are not dates: "in 2021" is, "a 2021 report" is not; a month needs
  a day, a year, or a preposition or qualifier before it (so modal "May" is never a month).
* Relative expressions need P; without it only absolute ones resolve, the rest give ``None``.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from overtures.model import DatePrecision, EventDate

_MONTHS = tuple(calendar.month_name[1:])
_MONTH_NUMBER = {name.lower()[:3]: number for number, name in enumerate(_MONTHS, start=1)}
_WEEKDAYS = tuple(calendar.day_name)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "a couple of": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip

_MONTH_FULL = "(?P<month>" + "|".join(_MONTHS) + r")\b(?!\s+Day\b)"
_MONTH_ANY = (
    "(?P<month>" + "|".join(_MONTHS) + r"\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?<![0-9,.])(?P<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_YEAR = r"(?P<year>(?:1[89]|20)[0-9]{2})(?![0-9]|,[0-9]|'?s\b)"
_PREP = r"(?i:in|on|since|by|until|till|during|from|through|before|after)\s+"
_QUAL = r"(?P<qual>(?i:early|late|mid)(?:-|\s+)|(?i:the\s+)?(?i:end|start|beginning|middle)\s+(?i:of)\s+)"
_WEEKDAY = (
    r"(?<!Good )(?<!Black )(?<!Cyber )(?<!Bloody )(?P<weekday>"
    + "|".join(_WEEKDAYS)
    + r")\b(?!\s+(?:Times|Telegraph|Express|Mirror|Post)\b)"
)
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_COUNT = r"(?P<count>[0-9]{1,3}|(?i:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + "))"

_AMOUNT = _COUNT.replace("(?P<count>", "(?:")
LOOK_BACK_DAYS = 92  # "in the last three months" is a window; "in the past six months" a background
SINCE_RECENT = 31  # days: "since Monday" is a recent window; "since 2021" a background
_DURATION = (
    r"(?:(?i:since|for|over|during|throughout|in|within)\s+(?:(?i:the)\s+)?"
    r"(?i:past|last|previous|recent)\s+(?:(?i:few|several|many)\s+|" + _AMOUNT + r"\s+)?"
    r"(?i:years?|decades?|centur(?:y|ies))"
    r"|(?i:for|over)\s+(?:(?i:many|several|some)\s+|" + _AMOUNT + r"\s+)?"
    r"(?i:hours|days|weeks|months|years|decades|centuries)"
    r"|(?i:for|over)\s+(?:(?i:a|one|a\s+full|an\s+entire)\s+)(?i:day|week|month|year|decade|century))\b"
)

_SINCE_BEFORE = re.compile(r"\b(?i:since)\s+$")

_Resolver = Callable[[re.Match[str], date | None], EventDate | None]


@dataclass(frozen=True, kw_only=True)
class TimeExpression:
    """A time expression found in a text; ``start``/``end`` are offsets into that text."""

    start: int
    end: int
    text: str


def _day(day: date) -> EventDate:
    return EventDate(date=day, precision=DatePrecision.DAY, window=(day, day))


def _span(first: date, last: date, precision: DatePrecision) -> EventDate:
    last = max(first, last)
    return EventDate(date=first + (last - first) // 2, precision=precision, window=(first, last))


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """Shift a date by whole calendar months, clamping the day to the target month's length."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, index + 1, min(day.day, calendar.monthrange(year, index + 1)[1]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_number(match: re.Match[str]) -> int:
    return _MONTH_NUMBER[match["month"].lower()[:3]]


def _third_name(match: re.Match[str]) -> str | None:
    """The third ("early", "mid", "late") a qualifier names, or None when there is none."""
    words = set(re.split(r"[\s-]+", (match["qual"] or "").lower()))
    if not words - {""}:
        return None
    if words & {"early", "start", "beginning"}:
        return "early"
    return "mid" if words & {"mid", "middle"} else "late"


def _month_or_third(year: int, month: int, third: str | None) -> EventDate:
    first, last = _month_span(year, month)
    if third == "early":
        last = first.replace(day=10)
    elif third == "mid":
        first, last = first.replace(day=11), first.replace(day=20)
    elif third == "late":
        first = first.replace(day=21)
    return _span(first, last, DatePrecision.MONTH)


def _resolve_iso(match: re.Match[str], published: date | None) -> EventDate:
    return _day(date(int(match["year"]), int(match["month"]), int(match["day"])))


def _resolve_month_day(match: re.Match[str], published: date | None) -> EventDate | None:
    month, day = _month_number(match), int(match["day"])
    if match["year"]:
        return _day(date(int(match["year"]), month, day))
    if published is None:
        return None
    candidate = date(published.year, month, day)
    if candidate > published + timedelta(days=7):
        candidate = date(published.year - 1, month, day)
    return _day(candidate)


def _resolve_month(match: re.Match[str], published: date | None) -> EventDate | None:
    month = _month_number(match)
    if match.groupdict().get("year"):
        return _month_or_third(int(match["year"]), month, _third_name(match))
    if published is None:
        return None
    relation = (match.groupdict().get("relation") or "").lower()
    year = published.year
    if relation == "last" and month >= published.month:
        year -= 1
    elif relation == "next" and month <= published.month:
        year += 1
    elif not relation and month > published.month:
        year -= 1
    return _month_or_third(year, month, _third_name(match))


def _resolve_year(match: re.Match[str], published: date | None) -> EventDate:
    year, third = int(match["year"]), _third_name(match)
    first, last = date(year, 1, 1), date(year, 12, 31)
    if third == "early":
        last = date(year, 4, 30)
    elif third == "mid":
        first, last = date(year, 5, 1), date(year, 8, 31)
    elif third == "late":
        first = date(year, 9, 1)
    return _span(first, last, DatePrecision.YEAR)


def _resolve_weekday(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    weekday = _WEEKDAYS.index(match["weekday"])
    relation = (match["relation"] or "").lower()
    if not relation:
        return _day(published - timedelta(days=(published.weekday() - weekday) % 7))
    offset = {"last": -7, "this": 0, "next": 7}[relation]
    return _day(_monday(published) + timedelta(days=offset + weekday))


def _resolve_day_word(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    words = match[0].lower().split()
    if words[0] == "overnight":
        return EventDate(
            date=published, precision=DatePrecision.DAY, window=(published - timedelta(1), published)
        )
    if words[:2] == ["the", "day"]:
        return _day(published - timedelta(days=2))
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(words[0], 0)
    return _day(published + timedelta(days=offset))


def _unit_span(unit: str, relation: str, published: date) -> tuple[date, date]:
    """The whole calendar unit (week, weekend, month, year) before, at or after P's own."""
    step = {"last": -1, "this": 0, "next": 1}[relation]
    if unit in ("week", "weekend"):
        monday = _monday(published) + timedelta(weeks=step)
        return (
            (monday + timedelta(5), monday + timedelta(6))
            if unit == "weekend"
            else (monday, monday + timedelta(6))
        )
    if unit == "month":
        shifted = _add_months(published.replace(day=1), step)
        return _month_span(shifted.year, shifted.month)
    return date(published.year + step, 1, 1), date(published.year + step, 12, 31)


def _resolve_relative_unit(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    unit, relation = match["unit"].lower(), match["relation"].lower()
    edge = (match["edge"] or "").strip().lower()
    first, last = _unit_span(unit, relation, published)
    if relation == "this" and unit != "weekend":
        if edge == "later":
            first = min(published + timedelta(days=1), last)
        else:
            last = published - timedelta(days=1) if edge == "earlier" else published
    precision = {"month": DatePrecision.MONTH, "year": DatePrecision.YEAR}.get(unit, DatePrecision.WEEK)
    return _span(first, max(first, last), precision)


def _resolve_the_weekend(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return _span(saturday, min(saturday + timedelta(days=1), published), DatePrecision.WEEK)


def _resolve_recent(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    unit = match["unit"].lower()
    days, precision = {"days": (7, DatePrecision.WEEK), "weeks": (28, DatePrecision.WEEK)}.get(
        unit, (91, DatePrecision.MONTH)
    )
    return _span(published - timedelta(days=days), published, precision)


def _resolve_look_back(match: re.Match[str], published: date | None) -> EventDate | None:
    """ "in the past 24 hours", "over the past week", "in the last two months": the span up to P."""
    if published is None:
        return None
    raw = " ".join((match["count"] or "1").lower().split())
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = match["unit"].lower().rstrip("s")
    days = {"hour": max(1, -(-count // 24)), "day": count, "week": 7 * count}.get(unit, 30 * count)
    if days > LOOK_BACK_DAYS:  # "in the past six months": a background, like "over the past year"
        return None
    if days <= 1:  # like "overnight": the day of P, the window from the day before
        return EventDate(
            date=published, precision=DatePrecision.DAY, window=(published - timedelta(1), published)
        )
    precision = DatePrecision.WEEK if days <= 14 else DatePrecision.MONTH
    return _span(published - timedelta(days=days), published, precision)


def _resolve_duration(match: re.Match[str], published: date | None) -> EventDate | None:
    """A duration or background ("for decades", "over the past year") dates nothing."""
    return None


def _since(resolved: EventDate, published: date | None) -> EventDate | None:
    """ "since X": the window from X to P when X is recent, else no date (a background, not an event)."""
    if published is None or resolved.window is None:
        return None
    first = resolved.window[0]
    if not published - timedelta(days=SINCE_RECENT) <= first <= published:
        return None
    precision = DatePrecision.WEEK if (published - first).days <= 7 else DatePrecision.MONTH
    return _span(first, published, precision)


def _resolve_ago(match: re.Match[str], published: date | None) -> EventDate | None:
    if published is None:
        return None
    raw = " ".join(match["count"].lower().split())
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = match["unit"].lower().rstrip("s")
    if unit == "day":
        return _day(published - timedelta(days=count))
    if unit == "week":
        day = published - timedelta(weeks=count)
        return EventDate(
            date=day, precision=DatePrecision.WEEK, window=(_monday(day), _monday(day) + timedelta(6))
        )
    if unit == "month":
        day = _add_months(published, -count)
        return EventDate(date=day, precision=DatePrecision.MONTH, window=_month_span(day.year, day.month))
    day = _add_months(published, -12 * count)
    return EventDate(
        date=day, precision=DatePrecision.YEAR, window=(date(day.year, 1, 1), date(day.year, 12, 31))
    )


@dataclass(frozen=True)
class _Family:
    """One family of time expressions: its pattern, the rule that resolves it, and the name of the cue
    (``_CUES``) that every match of the pattern holds."""

    pattern: re.Pattern[str]
    resolver: _Resolver
    cue: str


# What any match of a family must hold: a text without a family's cue is not searched for that family.
_CUES = {
    "digit": re.compile(r"[0-9]"),
    "month": re.compile("|".join(_MONTHS)),
    "weekday": re.compile("|".join(_WEEKDAYS)),
    "word": re.compile(
        r"(?i:day|night|tomorrow|morning|afternoon|evening|week|month|year|hour|decade|centur)"
    ),
}


@lru_cache(maxsize=1)
def _families() -> tuple[_Family, ...]:
    """Each family of time expressions: its pattern, the rule that resolves it and its cue."""
    on = r"(?:(?i:on)\s+)?"
    sources: list[tuple[str, _Resolver, str]] = [
        (r"(?<![0-9])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])",
         _resolve_iso, "digit"),
        (on + _MONTH_ANY + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?", _resolve_month_day, "digit"),
        (on + r"(?:(?i:the)\s+)?" + _DAY + r"(?:\s+(?i:of))?\s+" + _MONTH_ANY + r"(?:,?\s+" + _YEAR + ")?",
         _resolve_month_day, "digit"),
        (f"(?:{_PREP})?(?:{_QUAL})?{_MONTH_ANY}(?:\\s+(?i:of))?,?\\s+{_YEAR}", _resolve_month, "digit"),
        (f"(?:(?:{_PREP})?{_QUAL}|{_PREP}|(?P<relation>(?i:last|this|next))\\s+){_MONTH_FULL}",
         _resolve_month, "month"),
        (f"(?:(?:{_PREP})?{_QUAL}|{_PREP}){_YEAR}", _resolve_year, "digit"),
        (on + r"(?:(?P<relation>(?i:last|this|next))\s+)?" + _WEEKDAY + _PART_OF_DAY,
         _resolve_weekday, "weekday"),
        (r"(?<!USA )(?i:the\s+day\s+before\s+yesterday|today|tonight|tomorrow|last\s+night|overnight"
         r"|yesterday(?:\s+(?:morning|afternoon|evening))?|this\s+(?:morning|afternoon|evening))\b",
         _resolve_day_word, "word"),
        (r"(?P<edge>(?i:earlier|later)\s+)?(?P<relation>(?i:this|last|next))\s+"
         r"(?P<unit>(?i:weekend|week|month|year))\b(?!-)", _resolve_relative_unit, "word"),
        (r"(?i:over|at|during)\s+(?i:the)\s+(?i:weekend)\b", _resolve_the_weekend, "word"),
        (r"(?:(?i:in)\s+)?(?:(?i:the)\s+)?(?i:recent|past\s+few|last\s+few)\s+(?P<unit>(?i:days|weeks|months))\b",
         _resolve_recent, "word"),
        (_COUNT + r"\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b", _resolve_ago, "word"),
        (r"(?:(?i:in|over|during|within)\s+)?(?i:the)\s+(?i:past|last|previous)\s+(?:" + _COUNT + r"\s+)?"
         r"(?P<unit>(?i:hours?|days?|weeks?|months?))\b", _resolve_look_back, "word"),
        (_DURATION, _resolve_duration, "word"),
    ]  # fmt: skip
    return tuple(_Family(re.compile(r"\b" + source), resolver, cue) for source, resolver, cue in sources)


def find_time_expressions(text: str) -> list[TimeExpression]:
    """All time expressions in a text, in order, longest first where matches overlap. Only the families
    whose cue the text holds are searched (half of news sentences hold none)."""
    present = {name for name, cue in _CUES.items() if cue.search(text)}
    return _expressions(text, [family for family in _families() if family.cue in present])


def _expressions(text: str, families: Iterable[_Family]) -> list[TimeExpression]:
    """The longest non-overlapping matches of the given families in a text, in order."""
    found = {match.span() for family in families for match in family.pattern.finditer(text) if match.group()}
    spans = {_with_since(text, start, end) for start, end in found}
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end in chosen):
            chosen.append((start, end))
    return [TimeExpression(start=start, end=end, text=text[start:end]) for start, end in sorted(chosen)]


def _with_since(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to the "since" before it ("since Sunday", "since April 20")."""
    before = _SINCE_BEFORE.search(text, 0, start)
    return (before.start(), end) if before is not None else (start, end)


def resolve_time(expression: str, published: date | None) -> EventDate | None:
    """Resolve one time expression against the publication date; None when it names no usable date.

    Dates that do not exist ("February 30") or fall outside the calendar's range also give None.
    """
    text = expression.strip()
    since = re.match(r"(?i:since)\s+", text)
    if since is not None:
        inner = resolve_time(text[since.end() :], published)
        windowed = None if inner is None else _since(inner, published)
        return None if windowed is None else dataclasses.replace(windowed, text=text)
    for family in _families():
        match = family.pattern.fullmatch(text)
        if match is None:
            continue
        try:
            resolved = family.resolver(match, published)
        except (ValueError, OverflowError):  # an impossible day, or a shift past year 1 or 9999
            return None
        return None if resolved is None else dataclasses.replace(resolved, text=text)
    return None


def state_since(expression: str, published: date | None) -> EventDate | None:
    """When a state told with "since" began ("has kept its embassy open since 2021": 2021), however long
    ago; None for any other expression. An act is never dated so (``resolve_time``), a state is."""
    since = re.match(r"(?i:since)\s+", expression.strip())
    if since is None:
        return None
    rest = expression.strip()[since.end() :]
    began = resolve_time(rest, published) or resolve_time(f"in {rest}", published)  # a bare "2021"
    return None if began is None else dataclasses.replace(began, text=expression.strip())


def publication_date(published: date | None) -> EventDate:
    """The fallback event date when a clause names none: the publication day itself."""
    window = None if published is None else (published, published)
    return EventDate(date=published, precision=DatePrecision.PUBLICATION, window=window)
