"""Resolvers of stretches and references: durations, "ago", sets ("every week"),
reference words ("now", "recently"), quarters, halves and report periods, clock times,
the story's frame ("that day"), and holidays."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from tripnews.extract.dates.days import (
    AGAINST_TENSE_DAYS,
    clause_before,
    direction_rule,
    nearest_year,
    number_rule,
    quarter_index,
    quarter_name,
    relative_year,
    sentence_around,
    shift_month,
    tense_lean,
    week_rule,
    weekday_date,
)
from tripnews.extract.dates.grammar import QUARTER_CONTEXT, UNIT_CODE, Hit
from tripnews.rules import load_table, load_words, words_pattern
from tripnews.timegrammar import (
    MONTH,
    WEEKDAY,
    month_number,
    month_numbers,
    weekday_number,
    zone_offsets,
)


def ago_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if match["dir"].lower() in _ANCHORED:
        return None  # a length counted from an event: the duration family tags it
    unit = match["unit"].lower()
    n = number_rule(match["num"])
    granularity = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")
    if unit in ("second", "minute", "hour"):
        return Hit(match.start(), match.end(), None, "time")
    if n is None and match["dir"].lower() == "ago" and "/" not in match["num"]:
        return Hit(match.start(), match.end(), "PAST_REF", granularity)  # "several years ago"
    if anchor is None or n is None:
        return Hit(match.start(), match.end(), None, granularity)
    sign = 1 if match["dir"].lower() in ("later", "after", "from now") else -1
    if unit == "year" and n == 1 and _in_quarterly_report(text, match):
        value = quarter_name(_reported_quarter(anchor) + 4 * sign)
        return Hit(match.start(), match.end(), value, "month")
    if unit == "day":
        value = (anchor + dt.timedelta(days=sign * n)).isoformat()
    elif unit == "week":
        value = week_rule(anchor + dt.timedelta(weeks=sign * n))
    elif unit == "month":
        year, month = shift_month(anchor, sign * n)
        value = f"{year:04d}-{month:02d}"
    elif unit == "decade":
        value = f"{anchor.year + sign * 10 * n:04d}"
    elif unit == "century":
        value = f"{anchor.year + sign * 100 * n:04d}"
    else:
        value = f"{anchor.year + sign * n:04d}"
    return Hit(match.start(), match.end(), value, granularity)


# "four days later", "60 days after the sale", "two weeks before the poll": TimeML
# tags the length alone as a DURATION; the word that anchors it to the event is a signal.
# ("ago" and "earlier" count back from the time of writing: the date families keep them.)
_ANCHORED = ("later", "after", "before")


def _duration_value(num: str | None, unit: str) -> str:
    n = number_rule(num) if num else None
    code = UNIT_CODE[unit.lower()]
    if num and (whole := _AND_A_HALF.fullmatch(num)) and code in _HALF_UNIT:
        # "3 1/2 years" is P3Y6M, "7 1/2 hours" PT7H30M: the half in the next unit down
        return _HALF_UNIT[code].format(whole[1])
    amount = "X" if n is None else str(n)
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    if code == "DE":
        return f"P{'X' if n is None else n * 10}Y"
    if code == "CE":
        return f"P{'X' if n is None else n * 100}Y"
    return f"P{amount}{code}"


_AND_A_HALF = re.compile(r"(\d{1,3})\s1/2")


_HALF_UNIT = {
    "Y": "P{}Y6M", "M": "P{}M15D", "D": "P{}DT12H", "TH": "PT{}H30M", "TM": "PT{}M30S",
}  # fmt: skip


_A_UNIT_CUE = re.compile(r"\b(?:for|in|within|about|nearly|almost|over)\s$")


_A_UNIT_OK = ("the ", "more", "less", "over", "nearly", "almost", "about")


# what follows a stretch of time: "[two days] later" anchors it, "[two days] ago" is the
# counted-back family's and "[two years] old" an age (compiled once: asked per match)
_ANCHORED_AFTER = re.compile(r"\s(?:later|after|before)\b")
_COUNTED_BACK_AFTER = re.compile(r"\s(?:ago|earlier|from now)\b")
_AGE_AFTER = re.compile(r"\s(?:old|of age)\b")


def duration_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    num = match["num"].lower()
    # "a year" alone is often a rate or a date ("a year ago" is its own family).
    lead = text[max(0, match.start() - 12) : match.start()]
    modified = match.group(0).lower().startswith(_A_UNIT_OK)
    after = text[match.end() : match.end() + 10].lower()
    anchored = _ANCHORED_AFTER.match(after) is not None
    if num in ("a", "an") and not _A_UNIT_CUE.search(lead) and not modified and not anchored:
        return None
    if _COUNTED_BACK_AFTER.match(after):
        return None
    start = match.start()
    if match["the"] and (
        num in ("a", "an", "one")
        or text.startswith("-", match.end("num"))
        or not text.startswith("s", match.end("unit"))
        or text.startswith(" of ", match.end())
    ):
        # "the [three-week] strike", "the [three day] fair", "the [three days] of games": the
        # article is the noun's; "for [the six weeks]" keeps it
        start = match.end("the")
    if match.group(0).lower().endswith("old") or _AGE_AFTER.match(after):
        return None  # an age, not a stretch of time
    # case read off the text: the match may come from its lower-cased copy
    if text[match.start("unit")].isupper() and not text[match.start()].isupper():
        return None  # "60 Minutes": a title
    if match["unit"].lower() == "quarter" and (
        text.startswith("-", match.end("num")) or _FRACTION_OF.match(text, match.end())
    ):
        return None  # "three-quarters of the crop", "a quarter of all voters": fractions
    if num.replace(".", "").isdigit() and int(float(num)) > 500:
        return None
    amount = None if match["low"] else match["num"]  # a range: the amount is not one number
    return Hit(start, match.end(), _duration_value(amount, match["unit"]), "duration")


_FRACTION_OF = re.compile(r"\sof\s(?!(?:19|20)\d\d|the\syear|fiscal)", re.IGNORECASE)


_STRETCH_BEFORE = re.compile(r"\b(?:over|during|within|throughout|for|in)\s$", re.IGNORECASE)


def unit_alone(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if match["long"]:
        value = _duration_value("one", match["long"])
    elif match["one"]:
        if not _STRETCH_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            return None  # "the past year" as a point is the relative-unit family's
        unit = match["one_unit"].lower()
        if unit != "century":
            # "over the past month", "in the last century": TimeML dates the stretch (the
            # year before the anchor's, the decade before its decade)
            step = 1 if re.search(r"next|coming", match["one"], re.IGNORECASE) else -1
            if anchor is None:
                return Hit(match.start(), match.end(), None, "year")
            value = f"{anchor.year + step:04d}" if unit == "year" else f"{anchor.year // 10 + step}"
            return Hit(match.start(), match.end(), value, "year")
        value = _duration_value("one", match["one_unit"])
    else:
        unit = match["unit"] or match["bare"] or match["ahead"]
        value = _duration_value(None, unit.lower().rstrip("s"))
    return Hit(match.start(), match.end(), value, "duration")


def set_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if match["weekday"]:
        number = weekday_number(match["weekday"])
        return Hit(match.start(), match.end(), f"XXXX-WXX-{number}", "set")
    if match["month"]:  # "each July": TimeML writes the month of every year
        if not match["month"][0].isupper():
            return None
        value = f"XXXX-{month_number(match['month']):02d}"
        return Hit(match.start(), match.end(), value, "set")
    unit = (match["unit"] or match["adverb"]).lower()
    value = {
        "day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
        "quarter": "P1Q",
        "monthly": "P1M", "year": "P1Y", "annually": "P1Y", "yearly": "P1Y", "morning": "TMO",
        "night": "TNI", "nightly": "TNI", "evening": "TEV", "hourly": "PT1H",
    }[unit]  # fmt: skip
    return Hit(match.start(), match.end(), value, "set")


_ON_AFTER = re.compile(r"\son\b")


def ref(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    word = match["word"].lower()
    if word == "current" and _GENERIC_CURRENT.search(
        text, max(0, match.start() - 8), match.start()
    ):
        return None  # "the current system": any time's, not the story's present
    if word == "current" and not _current_as_time(text, match.end()):
        return None
    if word == "then current":
        return Hit(match.start(), match.end(), "PAST_REF", "day")
    if word in (
        "now",
        "right now",
        "currently",
        "nowadays",
        "these days",
        "at the moment",
        "current",
    ):
        if word == "now" and _ON_AFTER.match(text, match.end(), match.end() + 4):
            return None  # "from now on": a span, not the present ("now that ..." is)
        if (
            word == "now"
            and text.startswith(",", match.end())
            and _SENTENCE_START.search(text, max(0, match.start() - 4), match.start())
        ):
            return None  # "Now, he says, ...": a discourse marker opening a sentence
        return Hit(match.start(), match.end(), "PRESENT_REF", "day")
    if word.endswith("recently") and _GENERIC_RECENTLY.search(
        text, max(0, match.start() - 12), match.start()
    ):
        return None
    if "coming" in word or "future" in word or word.endswith((" term", "later date", "possible")):
        start = match.start() + (3 if word.startswith("in ") else 0)
        return Hit(start, match.end(), "FUTURE_REF", "year")
    return Hit(match.start(), match.end(), "PAST_REF", "year")


# "has recently moved", "was recently extended", "the recently passed law", "most
# recently": a perfect, a passive or an adjective, not a past point of the story
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)[\"'`“‘]*$")


_GENERIC_CURRENT = re.compile(r"\bthe\s$", re.IGNORECASE)


# "a current account deficit" is a balance of trade; "the river current was swift", "a
# current of air" are flows: "current" is a noun when a function word follows it
_CURRENT_NOT_TIME = re.compile(r"\s(?:accounts?\b|([a-z]+)\b)")


_CURRENT_BEFORE_NOUN = frozenset(("and", "or", "nor", "new", "one", "two", "other", "own"))


def _current_as_time(text: str, end: int) -> bool:
    after = _CURRENT_NOT_TIME.match(text, end)
    if after is None:
        return True
    word = after[1]
    if word is None:
        return False  # "current account"
    return word in _CURRENT_BEFORE_NOUN or word not in load_words("stopwords")


_GENERIC_RECENTLY = re.compile(
    r"\b(?:have|has|had|was|were|is|are|been|be|the|a|most)\s$", re.IGNORECASE
)


def quarter_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    number = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
    }[match["ord"].lower()]
    year = match["year"] or match["year0"]
    start = match.start()
    if match["det"] and text[match.end("ord")] == "-":
        start = match.end("det") + 1  # "its [second-quarter] profit": the noun's determiner
    if match["yearrel"] and anchor is not None:
        year = str(relative_year(f"{match['yearrel'].lower()} year", anchor))
    elif year is None and anchor is not None:
        current = quarter_index(anchor) % 4 + 1
        ahead = number > current and tense_lean(sentence_around(text, match.start())) <= 0
        year = str(anchor.year - 1 if ahead else anchor.year)
    if year is not None and match["ago"]:
        year = str(int(year) - 1)
    value = f"{year}-Q{number}" if year else None
    return Hit(start, match.end(), value, "month")


def half_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    """ "the first half of 1990" is 1990-H1; without a year only a report's half counts,
    since "the second half" is as often a match's."""
    half = 1 if match["ord"].lower() == "first" else 2
    named = match["year"]
    if named is None and not _in_quarterly_report(text, match):
        return None
    if named:
        year = relative_year(named.lower().replace("the year", "this year"), anchor)
    else:  # the half a report is about: the one holding the last completed quarter
        year = None if anchor is None else _reported_quarter(anchor) // 4
    value = None if year is None else f"{year:04d}-H{half}"
    return Hit(match.start(), match.end(), value, "month")


def report_period(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    which = (match["which"] or match["bare"] or "").lower()
    if match["unit"] and match["unit"].lower() == "period" and not which:
        return None  # "the period" alone is any stretch of time
    if text.startswith("-", match.end()) or _FRACTION_OF.match(text, match.end()):
        return None  # "a quarter-century record", "the quarter of the city"
    if which.startswith(("comparable", "corresponding", "same")):
        if not _in_quarterly_report(text, match):
            return None
        # "the comparable quarter" of a report is the year-earlier one
        which = "year-ago"
    if match["bare"] and not _in_quarterly_report(text, match):
        value = f"{anchor.year - 1:04d}" if anchor else None
        return Hit(match.start(), match.end(), value, "year")
    if anchor is None:
        return Hit(match.start(), match.end(), None, "month")
    index = quarter_index(anchor) if which == "current" else _reported_quarter(anchor)
    if which.startswith("year-"):
        index -= 4
    return Hit(match.start(), match.end(), quarter_name(index), "month")


_YEAR_OF_REPORT_BEFORE = re.compile(r"\b(?:for|of|in|during|throughout)\s$", re.IGNORECASE)


def report_year(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    """A company's year: "the year ended June 30" is a length (P1Y); "for the fiscal
    year", "the full year" the current year; bare "the year" only as a report's span
    ("a record for the year"), since it is as often a length or a noun."""
    if match["ended"]:
        return Hit(match.start(), match.start("ended"), "P1Y", "duration")
    if (
        not match["kind"]
        and not match["end"]
        and not _YEAR_OF_REPORT_BEFORE.search(text, max(0, match.start() - 12), match.start())
    ):
        return None
    value = None if anchor is None else f"{anchor.year:04d}"
    return Hit(match.start(), match.end(), value, "year")


def year_period(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if not _in_quarterly_report(text, match):
        return None  # the year alone is the year family's
    if anchor is None:
        return Hit(match.start(), match.end(), None, "month")
    quarter = _reported_quarter(anchor) % 4 + 1
    return Hit(match.start(), match.end(), f"{match['year']}-Q{quarter}", "month")


def _in_quarterly_report(text: str, match: re.Match[str]) -> bool:
    """Whether a "year ago" compares quarters: the sentence or the lines before it name one."""
    start = max(0, match.start() - REPORT_CONTEXT_CHARS)
    window = text[start : match.start()] + sentence_around(text, match.start())
    return bool(QUARTER_CONTEXT.search(window))


# How far back a mention of "quarter" makes a story a quarterly report.
REPORT_CONTEXT_CHARS = 600


def _reported_quarter(anchor: dt.date) -> int:
    """The quarter a report is about: the last one completed before the anchor."""
    return quarter_index(anchor) - 1


def time_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if match["named"]:
        clock = "12:00" if match["named"].lower() == "noon" else "24:00"
        end, named_day = _day_after_clock(text, match.start(), match.end(), anchor)
        value = None if named_day is None else f"{named_day.isoformat()}T{clock}"
        return Hit(match.start(), end, value, "time")
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    if hour > 12 or minute > 59:
        return None
    if match["ampm"].lower().startswith("p") and hour < 12:
        hour += 12
    elif match["ampm"].lower().startswith("a") and hour == 12:
        hour = 0
    end = match.end() if match["zone"] in zone_offsets() else match.end("ampm")
    day: dt.date | None = anchor
    # "11 p.m. Friday", "8 a.m. EST Monday": the clock time of that day, one expression
    if _WEEKDAY_AFTER_TIME.match(text, end):
        end, day = _day_after_clock(text, match.start(), end, anchor)
    # "4 p.m. EST Oct. 12": the clock time of the day named after it, not of the anchor
    if (named := _DAY_AFTER_TIME.match(text, end)) and (
        month := month_numbers().get(named["month"].lower())
    ):
        end = named.end()
        day = None
        if named["year"]:
            day = calendar_day(int(named["year"]), month, int(named["day"]))
        elif anchor is not None:
            year = nearest_year(anchor, month, int(named["day"]), 0)
            day = calendar_day(year, month, int(named["day"]))
    if day is None:
        return Hit(match.start(), end, None, "time")
    return Hit(match.start(), end, f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time")


_WEEKDAY_AFTER_TIME = re.compile(rf"\s(?:on\s)?(?P<weekday>{WEEKDAY})\b(?!,?\s{MONTH})")


def _day_after_clock(
    text: str, start: int, end: int, anchor: dt.date | None
) -> tuple[int, dt.date | None]:
    """Where a clock time's expression ends and its day: a weekday right after it ("noon
    Thursday") joins it and gives the day, read from the words before the clock time
    ("until 8 a.m. Monday" looks ahead); otherwise the anchor's day."""
    named = _WEEKDAY_AFTER_TIME.match(text, end)
    if named is None:
        return end, anchor
    if anchor is None:
        return named.end(), None
    return named.end(), weekday_date(text, start, named["weekday"], "", anchor)


def frame_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    """A time told from the story's own frame: its value waits for the date the story
    last named (see ``_in_story_frame``)."""
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    if rel == "the next" and unit in ("week", "month", "year"):
        return None  # "over the next year" looks ahead from now: the duration families'
    step = 1 if rel in ("the following", "the next") else 0
    granularity = {"week": "week", "month": "month", "year": "year"}.get(unit, "day")
    if unit in ("morning", "afternoon", "evening", "night"):
        granularity = "time"
    return Hit(match.start(), match.end(), None, granularity, frame=(unit, step))


@cache
def _holiday_rules() -> dict[str, tuple[int, str, str]]:
    """name -> (month, day rule, the one country that keeps it on that day, or "")"""
    return {
        row[0].lower(): (int(row[1]), row[2], "" if row[3] == "any" else row[3])
        for row in load_table("holidays")
    }


# A feast's name dates something only where the words make it a time: after a preposition
# of time ("on Thanksgiving", "since Christmas") or "this/last/next"; "sold Christmas
# trees", "Christmas is a feast" name the feast. A name with "Day" or "Eve" in it is a day
# by itself ("the bridge reopened Labor Day").
_HOLIDAY_GOVERNOR = re.compile(
    r"\b(?:on|at|by|before|after|since|until|till|over|through|during|around|from|to"
    r"|for|between|and|or|ahead\sof|near)\s$",
    re.IGNORECASE,
)


# "Christmas morning" is still the day; "Christmas trees" is a thing. A participle or an
# adverb after it ("reopened Labor Day carrying ...") starts the clause's next part.
_HOLIDAY_PART = frozenset(("morning", "afternoon", "evening", "night", "eve", "day", "weekend"))


_NEXT_WORD = re.compile(r"\s([a-z]+)\b")


def _holiday_as_time(match: re.Match[str], text: str) -> bool:
    if match["rel"]:
        return True
    after = _NEXT_WORD.match(text, match.end())
    if (
        after
        and after[1] not in _HOLIDAY_PART
        and not after[1].endswith(("ing", "ed", "ly"))
        and after[1] not in load_words("stopwords")
    ):
        return False  # a noun compound: "Christmas trees", "Halloween costumes"
    if match["name"].endswith(("Day", "Eve")):
        return True
    return _HOLIDAY_GOVERNOR.search(text, max(0, match.start() - 20), match.start()) is not None


@cache
def _other_country() -> re.Pattern[str]:
    names = [row[0] for row in load_table("gazetteer") if row[1] == "country" and row[2] != "US"]
    return re.compile(rf"\b(?:{words_pattern(names)})\b")


def _elsewhere(text: str, match: re.Match[str], country: str) -> bool:
    """A holiday one country keeps, told of another country: "Independence Day" in "India
    marked Independence Day" or "Independence Day in Ghana" is that country's, whose day
    the table does not hold. The country must stand in the holiday's own clause."""
    if not country:
        return False
    before = clause_before(text, match.start())[-HOLIDAY_COUNTRY_CHARS:]
    after = text[match.end() : match.end() + HOLIDAY_COUNTRY_CHARS]
    return bool(
        _other_country().search(before)
        or (re.match(r"\s(?:in|of)\s", after) and _other_country().match(after, 4))
    )


# how far a country naming whose holiday it is may stand from it: one short clause
HOLIDAY_COUNTRY_CHARS = 40


def _holiday_in(year: int, month: int, rule: str) -> dt.date:
    """The day a holiday falls on in ``year``: "25", "4Thu", "-1Mon" or "1Tue@2"."""
    if rule.isdigit():
        return dt.date(year, month, int(rule))
    parts = _HOLIDAY_RULE.fullmatch(rule)
    if parts is None:
        raise ValueError(f"holidays.tsv: {rule!r} is not a day rule")
    nth, first = int(parts["nth"]), int(parts["first"] or 1)
    target = weekday_number(parts["weekday"]) - 1
    if nth < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - target) % 7)
    start = dt.date(year, month, first)
    return start + dt.timedelta(days=(target - start.weekday()) % 7 + 7 * (nth - 1))


_HOLIDAY_RULE = re.compile(r"(?P<nth>-?\d)(?P<weekday>[A-Z][a-z]{2})(?:@(?P<first>\d+))?")


def holiday_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    """ "Thanksgiving Day", "last Christmas", "Election Day": the holiday's day in the year
    the words point to (the nearest one when they say neither way)."""
    if not _holiday_as_time(match, text):
        return None
    month, rule, country = _holiday_rules()[match["name"].lower()]
    if match["year"]:
        day = _holiday_in(int(match["year"]), month, rule)
        return Hit(match.start(), match.end(), day.isoformat(), "day")
    if anchor is None or _elsewhere(text, match, country):
        # TimeML still tags the expression; its day is left open rather than guessed
        return Hit(match.start(), match.end(), None, "day")
    rel = (match["rel"] or "").lower()
    days = [_holiday_in(year, month, rule) for year in range(anchor.year - 1, anchor.year + 2)]
    if rel == "this":
        day = days[1]
    elif rel == "last":
        day = max(d for d in days if d < anchor)
    elif rel == "next":
        day = min(d for d in days if d > anchor)
    else:
        lean = direction_rule(text, match.start(), match.end())
        offsets = [(d - anchor).days for d in days]
        nearest = min(offsets, key=abs)
        if lean < 0 and nearest > AGAINST_TENSE_DAYS:
            nearest = max((o for o in offsets if o <= 0), default=nearest)
        elif lean > 0 and nearest < -AGAINST_TENSE_DAYS:
            nearest = min((o for o in offsets if o >= 0), default=nearest)
        day = anchor + dt.timedelta(days=nearest)
    return Hit(match.start(), match.end(), day.isoformat(), "day")


_DAY_AFTER_TIME = re.compile(
    rf",?\s(?:on\s)?(?:{WEEKDAY},?\s)?(?P<month>{MONTH})\.?\s(?P<day>\d{{1,2}})\b"
    r"(?:,?\s(?P<year>\d{4})\b)?(?!:?\d)"
)


def calendar_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "Feb. 30": no such day
