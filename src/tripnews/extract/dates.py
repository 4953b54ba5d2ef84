"""Temporal expressions, normalised TIMEX3-style against an anchor date.

>>> import datetime as dt
>>> [(d.text, d.value) for d in tag_dates("He arrives on Monday.", dt.date(2021, 3, 14))]
[('Monday', '2021-03-15')]
>>> [(d.text, d.value, d.resolved) for d in tag_dates("He arrives on Monday.", None)]
[('Monday', None, False)]

Each family of expressions is one compiled pattern (grammar here, vocabulary
in ``data/``); matches from all families are merged longest-first without
overlap. Extents follow TimeML: prepositions stay outside ("on [Monday]"),
modifiers inside ("[nearly six years]", "[the past four weeks]").
Without an anchor, anything relative keeps ``value=None, resolved=False``:
the tagger never falls back on today's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tripnews.model import DateMention
from tripnews.pubdate import months, zone_offsets
from tripnews.rules import load_table, load_words, lower_same_length, words_pattern

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a few": None, "few": None, "several": None,
    "many": None, "some": None, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_COUNT_WORDS = (
    "a few", "a couple of", "couple of", "a", "an", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "a hundred", "hundred", "several",
    "few", "many",
)  # fmt: skip
_NUM = (
    # "twenty-four", "twenty four": tens and a unit, before the tens alone
    rf"(?:{_TENS}[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b"
    # the words as a trie: the engine tries one branch per letter at each word start,
    # not forty words in turn (the durations scan more text than any other family)
    r"|\d{1,3}\s1/2|\d{1,3}(?:\.\d)?|" + words_pattern(_COUNT_WORDS) + ")"
)
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|century)s?"
_UNIT_CODE = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
_MODIFIER_WORDS = (
    "nearly", "almost", "about", "around", "roughly", "some", "more than", "less than",
    "over", "under", "up to", "no more than", "the past", "the last", "the next",
    "the first", "the coming", "another", "the previous", "the same",
)  # fmt: skip
_MODIFIER = r"(?:" + words_pattern(_MODIFIER_WORDS) + r"\s)"
_FUTURE_CUES = re.compile(
    r"\b(?:will|would|'ll|’ll|shall|going to|is to|are to|due to|scheduled|expected|plans?|planned"
    r"|planning|next|upcoming|starting|set to|intends?|begins?|heading|to visit|to meet"
    r"|to travel|before departing|hopes? to"
    # News writes coming moves in the present: "Blinken and Austin arrive in Tokyo on Monday".
    r"|arrives?|departs?|heads? (?:to|for)|leaves? for|lands? in|fl(?:y|ies) to)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:said|says|told|was|were|had|did|wrote|announced|reported|met|visited|last"
    r"|earlier|ago|released|issued|held|participated|arrived|spoke|called)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: str | None
    granularity: str
    # "the following year", "that day": valued from the story's last date, not the anchor
    frame: tuple[str, int] | None = None


Resolver = Callable[[re.Match[str], str, dt.date | None], _Hit | None]
# Whether a trigger word at ``start`` can be part of a family's match: (text, lowered, start)
_Gate = Callable[[str, str, int], bool]

# --- patterns, most specific first (ties on length go to the earlier family) ---

_P_FULL_DATE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s)?(?P<month>{_MONTH})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})\b"
    rf"(?P<time>,?\s(?:at\s)?\d{{1,2}}[:.]\d{{2}}(?:\s?[ap]\.?m\.?)?(?:\s(?P<zone>[A-Z]{{2,4}}))?)?"
)
_P_DAY_MONTH_YEAR = re.compile(
    rf"\b(?:{_WEEKDAY},?\s)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<month>{_MONTH})\.?,?\s(?P<year>\d{{4}})\b"
)
_P_MONTH_DAY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s)?(?P<month>{_MONTH})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s\d{{4}})(?!:?\d)"
)
_P_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{_FULL_MONTH})\b(?!,?\s\d{{4}})"
)
_P_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_P_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)?\d{2})\b")
_P_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[-\s])?"
    # "July of last year" is one expression, "February this year" a month and a year
    rf"(?P<month>{_FULL_MONTH}|{_MONTH}\.)(?:,|\sof)?\s"
    r"(?P<year>\d{4}|(?:(?<=,\s)|(?<=of\s))(?:last|this|next) year)\b"
)
_P_MONTH_REL = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|past|[Ee]arly|mid|[Ll]ate)[-\s])(?P<month>{_FULL_MONTH})\b"
    rf"|\b(?P<month2>{_FULL_MONTH})(?=\s(?:last|this|next) year\b)"
)
_P_MONTH = re.compile(
    rf"\b(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[-\s])?"
    rf"(?P<month>{_FULL_MONTH})\b(?!\s\d)"
)
_P_YEAR = re.compile(
    r"(?<![\w$£€.,/-])(?:(?P<mod>early|mid|late|the end of|the start of|post|pre)[-\s])?"
    r"(?:(?:fiscal|calendar)\s)?(?P<year>(?:19|20)\d{2})(?![\w%/.,-]\d|\d|-\d)(?!\s(?:percent|per cent))"
    # "1994 or later", "1990 and beyond": TimeML keeps the open end in the extent
    r"(?:\s(?:or later|or earlier|and beyond|or so)\b)?"
)
_P_DECADE = re.compile(
    r"\b(?:[Tt]he\s)?(?:(?:early|mid|late)[-\s])?(?P<decade>(?:19|20)\d0)['’]?s\b"
)
# "the 20th century" is 19, "the nineties" 199: TimeML writes the digits they share
_P_CENTURY = re.compile(
    r"\b(?P<nth>[1-9]|1\d|2[01])(?:st|nd|rd|th)[-\s]century\b"
    r"|\b[Tt]he\s(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties"
    r"|nineties)\b"
)
_P_WEEKDAY = re.compile(
    # "Last Friday", "early Tuesday": the modifier is in the extent, the value the day's
    # ("Earlier Sunday": a comparative is a signal, outside)
    rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s)?"
    rf"(?P<weekday>{_WEEKDAY})(?:\s(?P<part>morning|afternoon|evening|night))?\b"
    # a Sunday paper is a title: "Sunday Times", "Sunday Telegraph"
    rf"(?!\s(?:{words_pattern(load_words('paper_words'))})\b)"
)
_P_RELATIVE_DAY = re.compile(
    # "late yesterday", "mid-afternoon yesterday" ("later today": a signal, outside)
    r"\b(?:(?:early|late|mid-?(?P<mid>morning|afternoon|evening))\s)?"
    r"(?P<word>today|yesterday|tomorrow|tonight|the day before yesterday|the day after tomorrow"
    r"|this(?=\s(?:morning|afternoon|evening))|last(?=\snight))"
    r"(?:\s(?P<part>morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)
_P_RELATIVE_UNIT = re.compile(
    # "earlier this year", "early next year": TimeML keeps the modifier in the extent
    r"\b(?:(?:earlier|later|early|late|mid)[\s-](?=(?:this|next|last)\s)"
    r"|the\s(?:end|beginning|start|middle)\sof\s)?"
    r"(?P<rel>last|this|next|past|coming|previous|the)\s"
    r"(?P<unit>week|month|year|weekend|quarter|spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE,
)
_P_AGO = re.compile(
    rf"\b(?P<num>{_NUM})\s{_UNIT}\s(?P<dir>ago|earlier|later|before|after|from now)\b",
    re.IGNORECASE,
)
_P_DURATION = re.compile(
    # "8 to 14 weeks", "three or four years": a range, its amount unknown (X)
    # "for the seven weeks", "instead of the three hours": TimeML keeps the article
    rf"\b(?:{_MODIFIER}|(?P<the>the\s))?(?:(?P<low>{_NUM})\s(?:to|or)\s)?(?P<num>{_NUM})[\s-](?:(?:and a half|more)\s)?"
    # "eight trading days": a count of working days is still days
    rf"(?:(?:trading|business|working)\s)?{_UNIT}(?:[\s-]long|[\s-]old)?\b",
    re.IGNORECASE,
)
_P_UNIT_ALONE = re.compile(
    r"\b(?P<mod>the past|the last|the next|recent|several|few|many)\s"
    r"(?P<unit>days|weeks|months|years|decades)\b"
    # "for years": the bare plural is the stretch (TimeML tags "years" alone)
    r"|(?<=\bfor\s)(?P<bare>days|weeks|months|years|decades)\b(?!\s(?:ago|of|to|before|after))"
    # "over the past decade": a stretch of one unit counted back or ahead from now
    r"|(?P<one>the\s(?:past|last|next|previous|coming)\s"
    r"(?P<one_unit>year|decade|century))\b(?!\s(?:ago|of|or|and|before|after))"
    r"|\b(?P<long>day|week|month|year|decade|century)-long\b"
    # "in the months ahead": the coming stretch, its length unknown
    r"|\bthe\s(?P<ahead>days|weeks|months|years)\sahead\b",
    re.IGNORECASE,
)
_P_SET = re.compile(
    rf"\b(?:(?:every|each)\s(?:(?P<unit>day|week|month|quarter|year|morning|night|evening)\b"
    rf"|(?P<weekday>{_WEEKDAY})|(?P<month>{_FULL_MONTH}))"
    r"|(?P<adverb>daily|weekly|monthly|annually|yearly|nightly|hourly))\b",
    re.IGNORECASE,
)
_P_REF = re.compile(
    r"\b(?P<word>(?:right\s)?now|currently|the past|the future|in the coming (?:days|weeks|months|years)"
    r"|the coming (?:days|weeks|months|years)|nowadays|these days|at the moment"
    # "[recently]", "[More recently]"; "coming months", "the near future" look ahead
    r"|(?:more\s)?recently|coming (?:days|weeks|months|years|quarters)"
    r"|future (?:quarters|years)|the (?:near|short) (?:future|term)|a later date"
    r"|as soon as possible"
    # "current fuel prices", "her current coach"; "the then current rate" was
    r"|(?:then\s)?current(?=\s[a-z]))\b",
    re.IGNORECASE,
)
_P_QUARTER = re.compile(
    # "this year's second quarter", "next year's fourth quarter": the year is the phrase's
    r"\b(?:(?P<det>the|its|their)\s|(?P<yearrel>this|last|next)\syear['’]s\s)?"
    r"(?:(?P<year0>(?:19|20)\d{2})\s)?(?:(?P<ago>year-(?:ago|earlier))\s)?"
    r"(?:fiscal\s)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b"
    r"(?:\sof\s(?P<year>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)
_P_HALF = re.compile(
    r"\b(?:the|its|their)\s(?P<ord>first|second)\shalf\b"
    r"(?:\sof\s(?P<year>(?:19|20)\d{2}|the year|this year|last year|next year))?",
    re.IGNORECASE,
)
# Earnings reports: "the quarter", "its latest quarter", "a year-ago period", "year-earlier".
_P_REPORT_PERIOD = re.compile(
    r"\b(?:(?:the|its)\s(?P<which>latest|recent|most recent|current|year-ago|year-earlier"
    r"|(?:comparable|corresponding|same)(?:\syear-(?:ago|earlier))?)?\s?"
    r"(?P<unit>quarter|period)\b(?!s)|(?P<bare>year-ago|year-earlier)\b(?!\s(?:quarter|period)))",
    re.IGNORECASE,
)
# "in the fiscal year", "over the full year", "the year ended June 30": a report's year.
_P_REPORT_YEAR = re.compile(
    r"\b(?P<end>the\s(?:end|beginning|start|middle)\sof\s)?(?:the|its)\s"
    r"(?P<kind>(?:fiscal|full|current|calendar)\s(?:fiscal\s)?)?year\b"
    r"(?P<ended>\s(?:ended|ending)\b)?(?![-\s](?:ago|earlier|before|after|old|\d|two))"
    r"(?!['’]s)",
    re.IGNORECASE,
)
# "the 1988 period" in a quarterly report: that year's same quarter.
_P_YEAR_PERIOD = re.compile(
    r"\b(?:the|its)\s(?P<year>(?:19|20)\d{2})\s(?:period|quarter)\b(?!s)", re.IGNORECASE
)
# "a year ago", "a year earlier", "last year" compared within a quarterly report.
_QUARTER_CONTEXT = re.compile(r"\bquarter\b", re.IGNORECASE)
_P_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"(?:\s(?P<zone>[A-Z]{2,4})\b)?"
    # "at noon", "by midnight": only after a preposition, so "Noon" the name stays out
    r"|(?<=\b(?:at|by) )(?P<named>noon|midnight)\b",
    re.IGNORECASE,
)
# Years as broadcast transcripts spell them: "nineteen ninety-six", "January nineteen
# ninety-seven", "two thousand and one".
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_P_SPOKEN_YEAR = re.compile(
    rf"\b(?:(?P<month>{_FULL_MONTH})\s|the\syear\s)?"
    rf"(?:nineteen[-\s](?P<tens>{_TENS})(?:[-\s](?P<unit>{_UNITS}))?"
    rf"|two\sthousand(?:\s(?:and\s)?(?P<millennium_unit>{_UNITS}|ten|eleven|twelve))?)\b"
    # "nineteen twenty people": a count, not a year
    r"(?!\s(?:people|times|percent|per\scent|dollars|years|of\b))",
    re.IGNORECASE,
)
_P_HOLIDAY = re.compile(
    r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s)?"
    rf"(?P<name>{words_pattern(row[0] for row in load_table('holidays'))})(?![\w'’])"
    # "on Christmas Day 2019": the year names which one
    r"(?:,?\s(?P<year>(?:19|20)\d{2})\b(?![-\d]))?"
)
# "the following month", "Later that day", "the next evening", "that very week"
_P_FRAME = re.compile(
    r"\b(?:(?:earlier|later)\s)?(?P<rel>the\sfollowing|the\snext|that(?:\ssame)?|the\ssame)\s"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?!['’]s|\sago|\sbefore)",
    re.IGNORECASE,
)
_P_SEASON = re.compile(
    r"\b(?:the\s)?(?P<season>spring|summer|autumn|fall|winter)\s(?:of\s)?(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def tag_dates(text: str, anchor: dt.date | None = None) -> tuple[DateMention, ...]:
    """Return the temporal expressions in ``text``, sorted and without overlap."""
    return _tag(text, anchor, windowed=True)


def _tag(text: str, anchor: dt.date | None, windowed: bool) -> tuple[DateMention, ...]:
    """The tagger; ``windowed=False`` scans every family, as written, over the whole
    text: the reference the fast scan must equal."""
    hits: list[_Hit] = []
    if anchor is not None and not dt.date.min.year < anchor.year < dt.date.max.year:
        anchor = None  # arithmetic off the calendar's ends: resolve nothing rather than crash
    lowered = lower_same_length(text) if windowed else text
    found = _trigger_spans(text, lowered) if windowed else {}
    # families sharing a trigger and a reach share its windows (this article's only)
    windows_by_reach: dict[tuple[str, _Gate | None, int, int], list[tuple[int, int]]] = {}
    for pattern, resolve in _FAMILIES:
        if not windowed:
            scanned, windows = pattern, [(0, len(text))]
        else:
            name, before, after = _REACH[pattern]
            gate = _GATES.get(pattern)
            reach = (name, gate, before, after)
            windows = windows_by_reach.get(reach, [])
            if not windows and name in found:
                spans = found[name]
                if gate is not None:
                    spans = [span for span in spans if gate(text, lowered, span[0])]
                windows = _windows(spans, before, after, len(text))
                windows_by_reach[reach] = windows
            twin = _LOWER_TWINS.get(pattern)
            scanned = pattern if twin is None else twin
        subject = text if scanned is pattern else lowered
        for start, end in windows:
            for match in scanned.finditer(subject, start, end):
                hit = resolve(match, text, anchor)
                if hit is not None and hit.end > hit.start:
                    hits.append(hit)
    chosen = _in_story_frame(_longest_without_overlap(hits, len(text)))
    return tuple(
        DateMention(
            text[h.start : h.end], h.start, h.end, h.value, h.granularity, h.value is not None
        )
        for h in chosen
    )


def _in_story_frame(hits: list[_Hit]) -> list[_Hit]:
    """Value each frame expression ("the following year", "Earlier that day") from the
    date the story last named before it. With none named, "the next day" stays unresolved
    and "that day" is generic, left out."""
    if not any(hit.frame for hit in hits):
        return hits
    out: list[_Hit] = []
    last: dt.date | None = None
    last_precision = ""
    for hit in hits:
        if hit.frame is None:
            if hit.value and (day := _named_day(hit.value)) is not None:
                last, last_precision = day
            out.append(hit)
            continue
        unit, step = hit.frame
        base, precision = last, last_precision
        if base is None and not step:
            continue  # "sales are brisk that day": no date named, a generic day
        # "the next day" after no date stays unresolved: the story's day is not known
        value = None if base is None else _frame_value(base, precision, unit, step)
        out.append(_Hit(hit.start, hit.end, value, hit.granularity))
    return out


def _named_day(value: str) -> tuple[dt.date, str] | None:
    """A mention's value as a day and how precise it is: "1995-05-22" a day, "1998-10" a
    month, "1996" a year; anything else (a duration, a reference) is no date."""
    parts = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?", value)
    if parts is None:
        return None
    year, month, day = int(parts[1]), int(parts[2] or 1), int(parts[3] or 1)
    if not 1 <= month <= 12:
        return None
    precision = "day" if parts[3] else "month" if parts[2] else "year"
    return _calendar_day(year, month, day) or dt.date(year, month, 1), precision


def _frame_value(base: dt.date, precision: str, unit: str, step: int) -> str | None:
    """``unit`` ``step`` units after the story's date, when that date is precise enough."""
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        if precision != "day":
            return None
        day = (base + dt.timedelta(days=step)).isoformat()
        return day + _PARTS_OF_DAY.get(unit, "")
    if unit == "week":
        return None if precision != "day" else _week(base + dt.timedelta(weeks=step))
    if unit == "month":
        if precision == "year":
            return None
        year, month = _shift_month(base, step)
        return f"{year:04d}-{month:02d}"
    return f"{base.year + step:04d}"


def _longest_without_overlap(hits: list[_Hit], size: int) -> list[_Hit]:
    """The hits kept, longest first (ties to the earlier), none overlapping one taken
    before it; in text order.

    A mask of taken characters makes each check cost the hit's own length (a few words),
    so a text of a hundred thousand date-like tokens takes linear time, where comparing
    each hit with every hit taken before it was quadratic.
    """
    taken = bytearray(size)
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if 1 in taken[hit.start : hit.end]:
            continue
        chosen.append(hit)
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    chosen.sort(key=lambda h: h.start)
    return chosen


# Every family's matches hold a trigger word (a unit in "two years ago", a month name,
# the "day" of a weekday, the "19" or "20" of a year), so each family runs only in
# windows around its triggers: the same matches, a fraction of the scanning. All
# triggers are found in one Aho-Corasick pass over the lower-cased text. Each window
# reaches further back than anything a match may hold before its trigger ("just under a
# couple of", "Wednesday, 14th of"), and far enough ahead for every ending and
# lookahead (", 2021, at 10:53 a.m. EST").
@dataclass(frozen=True, slots=True)
class _Trigger:
    words: tuple[str, ...]
    before: int  # how far a match may start before its trigger word
    after: int  # how far it may end (with its lookaheads) after it
    any_case: bool = False  # otherwise the word counts only as written


_WEEKDAYS_WRITTEN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLOCK_WORDS = tuple(
    f"{digit}{space}{half}{dot}m"
    for digit in "0123456789" for space in ("", " ") for half in "ap" for dot in ("", ".")
)  # fmt: skip
_TRIGGERS: dict[str, _Trigger] = {
    "unit": _Trigger(("second", "minute", "hour", "day", "week", "month", "quarter", "year",
                      "decade", "centur"), 80, 40, True),
    "month": _Trigger(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec"), 40, 60),
    # the weekday and holiday families match their names as written: "Monday", "Labor Day"
    "weekday": _Trigger(_WEEKDAYS_WRITTEN, 10, 25),
    # back: "the beginning of the calendar fiscal " (37 characters) before "year"
    "relative unit": _Trigger(("week", "month", "year", "quarter", "spring", "summer", "fall",
                               "autumn", "winter"), 40, 15, True),
    "reference": _Trigger(("now", "current", "past", "future", "coming", "these days",
                           "moment", "recent", "near", "short", "later date", "possible"),
                          20, 30, True),
    "set": _Trigger(("every", "each", "daily", "weekly", "monthly", "annually", "yearly",
                     "nightly", "hourly"), 10, 30, True),
    "relative day": _Trigger(("today", "yesterday", "tomorrow", "tonight", "morning",
                              "afternoon", "evening", "night", "day before", "day after"),
                             30, 30, True),
    "clock": _Trigger((*_CLOCK_WORDS, "noon", "midnight"), 10, 20, True),
    "year digits": _Trigger(("19", "20"), 25, 20),
    "slash": _Trigger(("/",), 3, 10),
    "quarter": _Trigger(("quarter",), 45, 20, True),
    "report period": _Trigger(("quarter", "period", "year-ago", "year-earlier"), 20, 15, True),
    "half": _Trigger(("half",), 15, 25, True),
    "season": _Trigger(("spring", "summer", "autumn", "fall", "winter"), 5, 20, True),
    "spoken year": _Trigger(("nineteen", "two thousand"), 12, 60, True),
    "frame": _Trigger(("following", "that day", "that week", "that month", "that year",
                       "that morning", "that night", "that same", "same day", "next day",
                       "next morning", "next week", "next month", "next year"), 20, 25, True),
    "century": _Trigger(("century", "ties"), 12, 5, True),
    "holiday": _Trigger(("Day", "Eve", "Christmas", "Thanksgiving", "Halloween"), 25, 15),
}  # fmt: skip


@cache
def _trigger_automaton() -> Any:
    import ahocorasick

    entries: dict[str, list[tuple[str, str | None, int]]] = {}
    for name, trigger in _TRIGGERS.items():
        for word in trigger.words:
            exact = None if trigger.any_case or word.islower() or not word.isalpha() else word
            entries.setdefault(word.lower(), []).append((name, exact, len(word)))
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(key, tuple(value))
    automaton.make_automaton()
    return automaton


def _trigger_spans(text: str, lowered: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger's words stand, in text order, from one pass over the text."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for last, entries in _trigger_automaton().iter(lowered):
        for name, exact, length in entries:
            start = last + 1 - length
            if exact is None or text.startswith(exact, start):
                spans.setdefault(name, []).append((start, last + 1))
    for found in spans.values():
        found.sort()
    return spans


def _windows(
    found: list[tuple[int, int]], before: int, after: int, size: int
) -> list[tuple[int, int]]:
    """The windows around trigger words ``found`` (sorted), merged where they touch."""
    windows: list[tuple[int, int]] = []
    for start, end in found:
        low, high = max(0, start - before), min(size, end + after)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    return windows


def _iter_families() -> Iterator[tuple[re.Pattern[str], Resolver]]:
    yield _P_FULL_DATE, _full_date
    yield _P_DAY_MONTH_YEAR, _full_date
    yield _P_ISO, _full_date
    yield _P_NUMERIC, _numeric
    yield _P_MONTH_YEAR, _month_year
    yield _P_SEASON, _season_year
    yield _P_SPOKEN_YEAR, _spoken_year
    yield _P_MONTH_DAY, _month_day
    yield _P_DAY_MONTH, _month_day
    yield _P_MONTH_REL, _month_rel
    yield _P_MONTH, _month_alone
    yield _P_DECADE, _decade
    yield _P_CENTURY, _century
    yield _P_YEAR, _year
    yield _P_WEEKDAY, _weekday
    yield _P_RELATIVE_DAY, _relative_day
    yield _P_RELATIVE_UNIT, _relative_unit
    yield _P_AGO, _ago
    yield _P_DURATION, _duration
    yield _P_UNIT_ALONE, _unit_alone
    yield _P_SET, _set
    yield _P_REF, _ref
    yield _P_QUARTER, _quarter
    yield _P_REPORT_PERIOD, _report_period
    yield _P_YEAR_PERIOD, _year_period
    yield _P_REPORT_YEAR, _report_year
    yield _P_HALF, _half
    yield _P_TIME, _time
    yield _P_HOLIDAY, _holiday
    yield _P_FRAME, _frame


# ---------------------------------------------------------------------------
# resolvers


def _month_number(name: str) -> int:
    return months()[name.lower().rstrip(".")]


def _full_date(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    try:
        month = (
            _month_number(match["month"]) if not match["month"].isdigit() else int(match["month"])
        )
        day = dt.date(int(match["year"]), month, int(match["day"]))
    except (ValueError, KeyError):
        return None
    groups = match.groupdict()
    if groups.get("time"):
        clock = re.search(r"(\d{1,2})[:.](\d{2})\s?([ap])?", match["time"], re.I)
        if clock:
            hour, minute = int(clock[1]), int(clock[2])
            if clock[3] and clock[3].lower() == "p" and hour < 12:
                hour += 12
            if hour < 24 and minute < 60:
                value = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
                zone = groups.get("zone")
                if zone and zone in zone_offsets():
                    value += zone_offsets()[zone]
                return _Hit(match.start(), match.end(), value, "time")
    return _Hit(match.start(), match.end(), day.isoformat(), "day")


def _numeric(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # Month first unless the numbers say otherwise ("15/03/2021" can only be day-first).
    month, day = (b, a) if a > 12 else (a, b)
    try:
        return _Hit(match.start(), match.end(), dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _relative_year(phrase: str, anchor: dt.date | None) -> int | None:
    if phrase.isdigit():
        return int(phrase)
    if anchor is None:
        return None
    return anchor.year + {"last year": -1, "this year": 0, "next year": 1}[phrase.lower()]


def _month_year(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    year = _relative_year(match["year"], anchor)
    value = f"{year:04d}-{_month_number(match['month']):02d}" if year is not None else None
    return _Hit(match.start(), match.end(), value, "month")


def _season_year(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    code = _SEASONS[match["season"].lower()]
    return _Hit(match.start(), match.end(), f"{match['year']}-{code}", "month")


def _spoken_year(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    parts = (match["tens"], match["unit"]) if match["tens"] else (match["millennium_unit"],)
    year = (1900 if match["tens"] else 2000) + sum(_number(part) or 0 for part in parts if part)
    if match["month"]:
        value = f"{year:04d}-{_month_number(match['month']):02d}"
        return _Hit(match.start(), match.end(), value, "month")
    return _Hit(match.start(), match.end(), f"{year:04d}", "year")


_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def _month_day(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    month = _month_number(match["month"])
    day = int(match["day"])
    if match["month"] == "May" and _looks_like_verb_may(text, match.start()):
        return None
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None  # "June 31" in any year (2000 allows 29 February): a score, not a date
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "day")
    year = _nearest_year(anchor, month, day, _direction(text, match.start(), match.end()))
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return _Hit(match.start(), match.end(), value.isoformat(), "day")


# A regular past tense ("eased", "dropped"); participles after "will be" are rare in news.
_PAST_FORM = re.compile(r"\b(?!hundred\b)[a-z]{2,}(?<!e)ed\b")  # not "need", "exceed"


def _tense_lean(sentence: str) -> int:
    """+1 when the sentence looks ahead, -1 when it reports the past, 0 when it says neither."""
    ahead = bool(_FUTURE_CUES.search(sentence))
    back = bool(_PAST_CUES.search(sentence)) or any(
        not _FUTURE_CUES.fullmatch(word) for word in _PAST_FORM.findall(sentence)
    )
    return (1 if ahead else 0) - (1 if back else 0)


# The words next to a date without a year that say which way it lies: a preposition or
# a word of schedules right before it ("payable Jan. 2", "until March 6", "since May"),
# else the nearest verb governing it in its clause ("will open in May", "closed in
# January"), before it or, failing that, after it ("On Dec. 5 the board will meet").
_AHEAD_BEFORE = re.compile(
    r"\b(?:payable|effective|due|until|till|by|as early as|as soon as|starting"
    r"|beginning|of record|scheduled for|set for|slated for|expected (?:in|on|by))\s$"
)
_CLAUSE_END = re.compile(r"[.!?](?:\s|$)|[;\n]")
_BACK_BEFORE = re.compile(r"\b(?:since|as of)\s$")
_GOVERNING_VERB = re.compile(
    # "will be paid", "to be held": the auxiliary governs the participle after it
    r"\b(?:(?P<ahead>(?:will|would|shall|to|'ll|’ll)\s(?:still\s|not\s|also\s|[a-z]+ly\s)?"
    r"(?:be|have\sbeen)\s[a-z]+"
    r"|will|'ll|’ll|shall|would|going to|(?:plans?|expects?|hopes?|intends?"
    r"|wants?|is|are|due|set|scheduled|expected|likely) to|could|may|might|upcoming|next)"
    r"|(?P<back>said|says|told|was|were|had|did|met|began|came|went|gave|took|made|held|left"
    r"|sent|won|lost|saw|fell|rose|spoke|wrote|paid|sold|bought|brought|found|thought|built"
    r"|kept|led|became|struck|ago|last"
    # a participle after an article or adverb is an adjective ("an as yet undisclosed date")
    r"|(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\bstill\s)(?<!\bnewly\s)"
    r"(?!(?:planned|scheduled|expected|proposed|hundred)\b)[a-z]{2,}(?<!e)ed))\b"
)
# How far the governing words are looked for, before and after the date.
GOVERNING_BEFORE_CHARS = 120
GOVERNING_AFTER_CHARS = 60


def _direction(text: str, start: int, end: int) -> int:
    """+1 when the date's own words look ahead, -1 when they look back, 0 when they say
    neither (the nearest such date then)."""
    lowered = lower_same_length(text[max(0, start - GOVERNING_BEFORE_CHARS) : start])
    if _AHEAD_BEFORE.search(lowered):
        return 1
    if _BACK_BEFORE.search(lowered):
        return -1
    # the clause the date stands in: back to the last sentence end or semicolon
    cut = max(lowered.rfind(". "), lowered.rfind("; "), lowered.rfind("\n"))
    cues = list(_GOVERNING_VERB.finditer(lowered, cut + 1))
    if not cues:
        after = lower_same_length(text[end : end + GOVERNING_AFTER_CHARS])
        stop = _CLAUSE_END.search(after)
        cues = list(_GOVERNING_VERB.finditer(after, 0, stop.start() if stop else len(after)))
        cues = cues[:1]
    if not cues:
        return 0
    return 1 if cues[-1]["ahead"] else -1


# A date without a year more than this many days from the anchor, against the tense,
# belongs to the other year ("Nov. 25" in a January story is last November's).
AGAINST_TENSE_DAYS = 45


def _nearest_year(anchor: dt.date, month: int, day: int, lean: int) -> int:
    """The year putting month/day nearest the anchor, unless the tense says otherwise."""
    day = min(day, 28) if month == 2 else day
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append((dt.date(year, month, day) - anchor).days)
        except ValueError:
            continue
    nearest = min(options, key=abs)
    if lean < 0 and nearest > AGAINST_TENSE_DAYS:
        nearest = max((d for d in options if d <= 0), default=nearest)
    elif lean > 0 and nearest < -AGAINST_TENSE_DAYS:
        nearest = min((d for d in options if d >= 0), default=nearest)
    return (anchor + dt.timedelta(days=nearest)).year


def _looks_like_verb_may(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    return start == 0 or before.endswith((". ", "\n"))


def _month_rel(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    name = match["month"] or match["month2"]
    month = _month_number(name)
    rel = (match["rel"] or "").lower()
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "month")
    if match["month2"]:
        # "February this year": the month, in the year named after it
        after = text[match.end() : match.end() + 6].lower()
        year = anchor.year + (-1 if "last" in after else 1 if "next" in after else 0)
        return _Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")
    if rel in ("last", "past"):
        # "last February" written in March is a year back: the month just gone is "last month"
        year = anchor.year if month < anchor.month - 1 else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:  # early/mid/late June: the nearest such month, unless the tense says otherwise
        year = _nearest_year(anchor, month, 15, _direction(text, match.start(), match.end()))
    return _Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")


_MONTH_PREPOSITION = re.compile(r"\b(?:in|since|until|till|by|from|during|of)\s$")


_EVENT_NAME = re.compile(r"\s(?:for|of|on|against)\s(?:the\s)?[A-Z]")
_EVENT_BEFORE = re.compile(r"\b(?:the|a|annual|this|last|next)\s$|[\"“‘`']$")


def _month_alone(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    name = match["month"]
    if name == "May" and (_looks_like_verb_may(text, match.start()) or not match["mod"]):
        # "May" alone is far more often the verb; take it with a modifier or a preposition
        nxt = text[match.end() : match.end() + 6]
        before = text[max(0, match.start() - 8) : match.start()]
        if not re.match(r"\s\d|,\s\d", nxt) and not _MONTH_PREPOSITION.search(before):
            return None
    if (
        not match["mod"]
        and _EVENT_NAME.match(text, match.end())
        and _EVENT_BEFORE.search(text, max(0, match.start() - 12), match.start())
    ):
        return None  # "the March for Peace", "an annual March of the Miners": a march
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "month")
    month = _month_number(name)
    year = _nearest_year(anchor, month, 15, _direction(text, match.start(), match.end()))
    return _Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")


def _decade(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    return _Hit(match.start(), match.end(), match["decade"][:3], "year")


_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                 "eighties", "nineties")  # fmt: skip


def _century(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if match["tens"]:
        if re.match(r"\s(?:of|as)\b|['’]", text[match.end() : match.end() + 4]):
            return None  # "in the forties of his life": an age
        return _Hit(
            match.start(), match.end(), f"19{_DECADE_WORDS.index(match['tens']) + 2}", "year"
        )
    return _Hit(match.start(), match.end(), f"{int(match['nth']) - 1:02d}", "year")


def _year(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        return None
    return _Hit(match.start(), match.end(), f"{year:04d}", "year")


# How far a sentence is read either side of a mention: searching for its ends no further
# keeps each look-up a constant cost, however long a line without a full stop is.
SENTENCE_REACH = 300
CLAUSE_REACH = 200


def _sentence_around(text: str, pos: int) -> str:
    low = max(0, pos - SENTENCE_REACH)
    start = max(text.rfind(". ", low, pos), text.rfind("\n", low, pos), low)
    high = min(len(text), pos + SENTENCE_REACH)
    ends = [e for e in (text.find(". ", pos, high), text.find("\n", pos, high)) if e != -1]
    return text[start : min([*ends, high])]


def _clause_before(text: str, pos: int) -> str:
    low = max(0, pos - CLAUSE_REACH)
    start = max(text.rfind(". ", low, pos), text.rfind("\n", low, pos), low)
    return text[start:pos]


def _weekday(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "day")
    rel = (match["rel"] or "").lower()
    day = _weekday_date(text, match.start(), match["weekday"], rel, anchor)
    if match["part"]:
        # TimeML writes the part of a day as a time: "Friday night" is 2000-01-07TNI
        value = day.isoformat() + _PARTS_OF_DAY[match["part"]]
        return _Hit(match.start(), match.end(), value, "time")
    return _Hit(match.start(), match.end(), day.isoformat(), "day")


def _weekday_date(text: str, pos: int, weekday: str, rel: str, anchor: dt.date) -> dt.date:
    """The day a weekday named at ``pos`` falls on: the latest such day in a report, the
    next one in a plan; "last"/"next"/"this" say so outright."""
    target = _WEEKDAYS.index(weekday.lower())
    before = _clause_before(text, pos)
    future = _looks_ahead(text, pos, before)
    if rel == "last" or re.search(r"\b(?:last|past)\s$", before):
        future = False
    if rel == "next" or re.search(r"\bnext\s$", before):
        future = True
    delta = (target - anchor.weekday()) % 7
    if rel == "this":
        day = anchor + dt.timedelta(days=target - anchor.weekday())
    elif future:
        day = anchor + dt.timedelta(days=delta or (7 if rel == "next" else 0))
    else:
        back = (anchor.weekday() - target) % 7
        day = anchor - dt.timedelta(days=back or (7 if rel == "last" else 0))
    return day


# The words just before a weekday that decide its direction.
_GOVERNING_CHARS = 150
_PAST_VERB_BEFORE = re.compile(
    r"\b(?:\w+ed|said|told|wrote|met|spoke|began|came|went|gave|took|made|held|left|sent|won"
    r"|lost|saw|fell|rose|was|were|had|did)\s(?:on\s|late\s|early\s)?$",
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(r"\b(?:until|till|by|before|from|as soon as)\s$", re.IGNORECASE)


def _looks_ahead(text: str, pos: int, before: str) -> bool:
    """Whether a weekday points forward: a future cue governs it, not a past verb."""
    if _PAST_VERB_BEFORE.search(before):
        return False  # "Cuba predicted Wednesday", "announced on Friday"
    sentence = _sentence_around(text, pos)
    if _FUTURE_BEFORE.search(before):
        return not re.search(r"\b(?:had|was|were)\b", sentence)  # "postponed until Tuesday"
    near = before[-_GOVERNING_CHARS:]
    if re.search(r"\b(?:said|wrote|told)\b[^.]{0,40}$", near):
        return False
    if re.search(r"\bhad\b", near):
        return False  # "had been set to close Monday": a plan seen from later, now past
    after = text[pos : pos + _GOVERNING_CHARS // 3]
    return bool(_FUTURE_CUES.search(near) or _FUTURE_CUES.search(after))


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _relative_day(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    word = match["word"].lower()
    if _is_title_word(text, match.start("word")):
        return None  # "Radio Today": a programme's name
    if word == "today" and match.start() == match.start("word") and _generic_today(text, match):
        return _Hit(match.start(), match.end(), "PRESENT_REF", "day")
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "day")
    offset = {
        "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }[word]  # fmt: skip
    value = (anchor + dt.timedelta(days=offset)).isoformat()
    part = "night" if word == "tonight" else (match["part"] or match["mid"] or "").lower()
    if part:
        # TimeML writes the part of a day as a time: "this morning" is 2021-03-14TMO
        return _Hit(match.start(), match.end(), value + _PARTS_OF_DAY[part], "time")
    return _Hit(match.start(), match.end(), value, "day")


# "in today's economy", "the children of today", "the risks we run today": the present of
# any day, not the day of writing
_GENERIC_TODAY_BEFORE = re.compile(
    r"(?:\b(?:youth|children|people|world|society|generation)\sof"
    r"|\b(?:we|you|they|people)\s(?:[a-z]+\s){0,2}?(?:face|live|see|need|know|have))\s$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|for|to)\s$", re.IGNORECASE)


def _generic_today(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    if text.startswith(("'s ", "’s "), match.end()) and _POSSESSIVE_AFTER_PREPOSITION.search(
        before
    ):
        return True  # "in today's economy", "most of today's phones"
    return bool(_GENERIC_TODAY_BEFORE.search(before))


def _is_title_word(text: str, start: int) -> bool:
    """A capitalised word inside a sentence, right after another capitalised word: part
    of a name ("Radio Today"), not a sentence's first word."""
    if not text[start].isupper():
        return False
    # the look-back stops at a line break: a heading's last word is not part of a name
    # that runs on into the paragraph below it
    before = text[max(0, start - 30) : start].rsplit("\n", 1)[-1].rstrip()
    if not before or before[-1] in ".!?:;\"'“‘`(-_":
        return False
    last = before.rsplit(None, 1)[-1]
    return last[0].isupper()


_PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_month(anchor: dt.date, months_: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months_
    return index // 12, index % 12 + 1


# "February this year": the month carries the year (TimeML tags "February" alone)
_MONTH_BEFORE = re.compile(rf"\b{_FULL_MONTH}\s$")


_COMPARATIVE = re.compile(r"(?:earlier|later)\s", re.IGNORECASE)


def _relative_unit(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    start = match.start()
    unit_at = match.start("unit")
    if text[unit_at].isupper() and not text[unit_at + 1].isupper() and text[start].isupper():
        # "This Week In Science": a programme's name (title case, not capitals)
        return None
    if unit in ("week", "month") and _COMPARATIVE.match(text, start):
        # "earlier this month", "later this week": a point inside the unit, so TimeML tags
        # the unit and leaves the comparative outside as a signal; "earlier this year"
        # names the year's first part and stays whole
        start = match.start("rel")
    if unit == "year" and _MONTH_BEFORE.search(text, max(0, match.start() - 11), match.start()):
        return None
    if (
        rel == "the"
        and unit in ("week", "month", "year", "quarter")
        and start == match.start("rel")
    ):
        return None  # "the year" is a length as often as a date; quarters have their family
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if rel == "the" and unit == "weekend" and anchor is not None:
        # the weekend just past, or the coming one when the sentence looks ahead
        if _tense_lean(_sentence_around(text, match.start())) > 0:
            step = 1 if anchor.weekday() >= 5 else 0
        else:
            step = -1 if anchor.weekday() < 4 else 0
    granularity = {"week": "week", "weekend": "week", "month": "month"}.get(unit, "year")
    if anchor is None:
        return _Hit(start, match.end(), None, granularity)
    if unit == "week":
        value = _week(anchor + dt.timedelta(weeks=step))
    elif unit == "weekend":
        value = _week(anchor + dt.timedelta(weeks=step)) + "-WE"
    elif unit == "month":
        year, month = _shift_month(anchor, step)
        value = f"{year:04d}-{month:02d}"
    elif unit == "year":
        value = f"{anchor.year + step:04d}"
    elif unit == "quarter":
        value = _quarter_name(_quarter_index(anchor) + step)
    else:
        value = _relative_season(anchor, _SEASONS[unit], step)
    return _Hit(start, match.end(), value, granularity)


_SEASON_ORDER = ("SP", "SU", "FA", "WI")  # a winter belongs to the year its December is in


def _relative_season(anchor: dt.date, season: str, step: int) -> str:
    """ "last fall" is the latest fall before the current season, "next fall" the first
    after it, "this fall" the one in the anchor's year."""
    if step == 0:
        return f"{anchor.year:04d}-{season}"
    year = anchor.year - (1 if anchor.month < 3 else 0)
    index = year * 4 + ((anchor.month - 3) % 12) // 3 + step
    while _SEASON_ORDER[index % 4] != season:
        index += step
    return f"{index // 4:04d}-{season}"


def _number(word: str) -> int | None:
    word = word.lower()
    if word.replace(".", "").isdigit():
        return int(float(word))
    tens, _, unit = word.replace("-", " ").partition(" ")
    if re.fullmatch(_TENS, tens) and (units := _NUMBER_WORDS.get(unit)) and units < 10:
        return (_NUMBER_WORDS[tens] or 0) + units  # "twenty-four"
    return _NUMBER_WORDS.get(word)


def _ago(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if match["dir"].lower() in _ANCHORED:
        return None  # a length counted from an event: the duration family tags it
    unit = match["unit"].lower()
    n = _number(match["num"])
    granularity = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")
    if unit in ("second", "minute", "hour"):
        return _Hit(match.start(), match.end(), None, "time")
    if n is None and match["dir"].lower() == "ago" and "/" not in match["num"]:
        return _Hit(match.start(), match.end(), "PAST_REF", granularity)  # "several years ago"
    if anchor is None or n is None:
        return _Hit(match.start(), match.end(), None, granularity)
    sign = 1 if match["dir"].lower() in ("later", "after", "from now") else -1
    if unit == "year" and n == 1 and _in_quarterly_report(text, match):
        value = _quarter_name(_reported_quarter(anchor) + 4 * sign)
        return _Hit(match.start(), match.end(), value, "month")
    if unit == "day":
        value = (anchor + dt.timedelta(days=sign * n)).isoformat()
    elif unit == "week":
        value = _week(anchor + dt.timedelta(weeks=sign * n))
    elif unit == "month":
        year, month = _shift_month(anchor, sign * n)
        value = f"{year:04d}-{month:02d}"
    elif unit == "decade":
        value = f"{anchor.year + sign * 10 * n:04d}"
    elif unit == "century":
        value = f"{anchor.year + sign * 100 * n:04d}"
    else:
        value = f"{anchor.year + sign * n:04d}"
    return _Hit(match.start(), match.end(), value, granularity)


# "four days later", "60 days after the sale", "two weeks before the poll": TimeML
# tags the length alone as a DURATION; the word that anchors it to the event is a signal.
# ("ago" and "earlier" count back from the time of writing: the date families keep them.)
_ANCHORED = ("later", "after", "before")


def _duration_value(num: str | None, unit: str) -> str:
    n = _number(num) if num else None
    code = _UNIT_CODE[unit.lower()]
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


def _duration(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    num = match["num"].lower()
    # "a year" alone is often a rate or a date ("a year ago" is its own family).
    lead = text[max(0, match.start() - 12) : match.start()]
    modified = match.group(0).lower().startswith(_A_UNIT_OK)
    after = text[match.end() : match.end() + 10].lower()
    anchored = re.match(r"\s(?:later|after|before)\b", after) is not None
    if num in ("a", "an") and not _A_UNIT_CUE.search(lead) and not modified and not anchored:
        return None
    if re.match(r"\s(?:ago|earlier|from now)\b", after):
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
    if match.group(0).lower().endswith("old") or re.match(r"\s(?:old|of age)\b", after):
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
    return _Hit(start, match.end(), _duration_value(amount, match["unit"]), "duration")


_FRACTION_OF = re.compile(r"\sof\s(?!(?:19|20)\d\d|the\syear|fiscal)", re.IGNORECASE)
_STRETCH_BEFORE = re.compile(r"\b(?:over|during|within|throughout|for|in)\s$", re.IGNORECASE)


def _unit_alone(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
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
                return _Hit(match.start(), match.end(), None, "year")
            value = f"{anchor.year + step:04d}" if unit == "year" else f"{anchor.year // 10 + step}"
            return _Hit(match.start(), match.end(), value, "year")
        value = _duration_value("one", match["one_unit"])
    else:
        unit = match["unit"] or match["bare"] or match["ahead"]
        value = _duration_value(None, unit.lower().rstrip("s"))
    return _Hit(match.start(), match.end(), value, "duration")


def _set(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if match["weekday"]:
        number = _WEEKDAYS.index(match["weekday"].lower()) + 1
        return _Hit(match.start(), match.end(), f"XXXX-WXX-{number}", "set")
    if match["month"]:  # "each July": TimeML writes the month of every year
        if not match["month"][0].isupper():
            return None
        value = f"XXXX-{_month_number(match['month']):02d}"
        return _Hit(match.start(), match.end(), value, "set")
    unit = (match["unit"] or match["adverb"]).lower()
    value = {
        "day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
        "quarter": "P1Q",
        "monthly": "P1M", "year": "P1Y", "annually": "P1Y", "yearly": "P1Y", "morning": "TMO",
        "night": "TNI", "nightly": "TNI", "evening": "TEV", "hourly": "PT1H",
    }[unit]  # fmt: skip
    return _Hit(match.start(), match.end(), value, "set")


def _ref(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    word = match["word"].lower()
    if word == "current" and _GENERIC_CURRENT.search(
        text, max(0, match.start() - 8), match.start()
    ):
        return None  # "the current system": any time's, not the story's present
    if word == "current" and not _current_as_time(text, match.end()):
        return None
    if word == "then current":
        return _Hit(match.start(), match.end(), "PAST_REF", "day")
    if word in (
        "now",
        "right now",
        "currently",
        "nowadays",
        "these days",
        "at the moment",
        "current",
    ):
        if word == "now" and re.match(r"\son\b", text[match.end() : match.end() + 4]):
            return None  # "from now on": a span, not the present ("now that ..." is)
        if (
            word == "now"
            and text.startswith(",", match.end())
            and _SENTENCE_START.search(text, max(0, match.start() - 4), match.start())
        ):
            return None  # "Now, he says, ...": a discourse marker opening a sentence
        return _Hit(match.start(), match.end(), "PRESENT_REF", "day")
    if word.endswith("recently") and _GENERIC_RECENTLY.search(
        text, max(0, match.start() - 12), match.start()
    ):
        return None
    if "coming" in word or "future" in word or word.endswith((" term", "later date", "possible")):
        start = match.start() + (3 if word.startswith("in ") else 0)
        return _Hit(start, match.end(), "FUTURE_REF", "year")
    return _Hit(match.start(), match.end(), "PAST_REF", "year")


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


def _quarter(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
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
        year = str(_relative_year(f"{match['yearrel'].lower()} year", anchor))
    elif year is None and anchor is not None:
        current = _quarter_index(anchor) % 4 + 1
        ahead = number > current and _tense_lean(_sentence_around(text, match.start())) <= 0
        year = str(anchor.year - 1 if ahead else anchor.year)
    if year is not None and match["ago"]:
        year = str(int(year) - 1)
    value = f"{year}-Q{number}" if year else None
    return _Hit(start, match.end(), value, "month")


def _half(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    """ "the first half of 1990" is 1990-H1; without a year only a report's half counts,
    since "the second half" is as often a match's."""
    half = 1 if match["ord"].lower() == "first" else 2
    named = match["year"]
    if named is None and not _in_quarterly_report(text, match):
        return None
    if named:
        year = _relative_year(named.lower().replace("the year", "this year"), anchor)
    else:  # the half a report is about: the one holding the last completed quarter
        year = None if anchor is None else _reported_quarter(anchor) // 4
    value = None if year is None else f"{year:04d}-H{half}"
    return _Hit(match.start(), match.end(), value, "month")


def _report_period(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
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
        return _Hit(match.start(), match.end(), value, "year")
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "month")
    index = _quarter_index(anchor) if which == "current" else _reported_quarter(anchor)
    if which.startswith("year-"):
        index -= 4
    return _Hit(match.start(), match.end(), _quarter_name(index), "month")


_YEAR_OF_REPORT_BEFORE = re.compile(r"\b(?:for|of|in|during|throughout)\s$", re.IGNORECASE)


def _report_year(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    """A company's year: "the year ended June 30" is a length (P1Y); "for the fiscal
    year", "the full year" the current year; bare "the year" only as a report's span
    ("a record for the year"), since it is as often a length or a noun."""
    if match["ended"]:
        return _Hit(match.start(), match.start("ended"), "P1Y", "duration")
    if (
        not match["kind"]
        and not match["end"]
        and not _YEAR_OF_REPORT_BEFORE.search(text, max(0, match.start() - 12), match.start())
    ):
        return None
    value = None if anchor is None else f"{anchor.year:04d}"
    return _Hit(match.start(), match.end(), value, "year")


def _year_period(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if not _in_quarterly_report(text, match):
        return None  # the year alone is the year family's
    if anchor is None:
        return _Hit(match.start(), match.end(), None, "month")
    quarter = _reported_quarter(anchor) % 4 + 1
    return _Hit(match.start(), match.end(), f"{match['year']}-Q{quarter}", "month")


def _in_quarterly_report(text: str, match: re.Match[str]) -> bool:
    """Whether a "year ago" compares quarters: the sentence or the lines before it name one."""
    start = max(0, match.start() - REPORT_CONTEXT_CHARS)
    window = text[start : match.start()] + _sentence_around(text, match.start())
    return bool(_QUARTER_CONTEXT.search(window))


# How far back a mention of "quarter" makes a story a quarterly report.
REPORT_CONTEXT_CHARS = 600


def _quarter_index(day: dt.date) -> int:
    """Quarters counted from year 0, so that shifting by n quarters is adding n."""
    return day.year * 4 + (day.month - 1) // 3


def _quarter_name(index: int) -> str:
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _reported_quarter(anchor: dt.date) -> int:
    """The quarter a report is about: the last one completed before the anchor."""
    return _quarter_index(anchor) - 1


def _time(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    if match["named"]:
        clock = "12:00" if match["named"].lower() == "noon" else "24:00"
        end, named_day = _day_after_clock(text, match.start(), match.end(), anchor)
        value = None if named_day is None else f"{named_day.isoformat()}T{clock}"
        return _Hit(match.start(), end, value, "time")
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
        month := months().get(named["month"].lower())
    ):
        end = named.end()
        day = None
        if named["year"]:
            day = _calendar_day(int(named["year"]), month, int(named["day"]))
        elif anchor is not None:
            year = _nearest_year(anchor, month, int(named["day"]), 0)
            day = _calendar_day(year, month, int(named["day"]))
    if day is None:
        return _Hit(match.start(), end, None, "time")
    return _Hit(match.start(), end, f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time")


_WEEKDAY_AFTER_TIME = re.compile(rf"\s(?:on\s)?(?P<weekday>{_WEEKDAY})\b(?!,?\s{_MONTH})")


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
    return named.end(), _weekday_date(text, start, named["weekday"], "", anchor)


def _frame(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
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
    return _Hit(match.start(), match.end(), None, granularity, frame=(unit, step))


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
    before = _clause_before(text, match.start())[-HOLIDAY_COUNTRY_CHARS:]
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
    target = [name[:3] for name in _WEEKDAYS].index(parts["weekday"].lower())
    if nth < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - target) % 7)
    start = dt.date(year, month, first)
    return start + dt.timedelta(days=(target - start.weekday()) % 7 + 7 * (nth - 1))


_HOLIDAY_RULE = re.compile(r"(?P<nth>-?\d)(?P<weekday>[A-Z][a-z]{2})(?:@(?P<first>\d+))?")


def _holiday(match: re.Match[str], text: str, anchor: dt.date | None) -> _Hit | None:
    """ "Thanksgiving Day", "last Christmas", "Election Day": the holiday's day in the year
    the words point to (the nearest one when they say neither way)."""
    if not _holiday_as_time(match, text):
        return None
    month, rule, country = _holiday_rules()[match["name"].lower()]
    if match["year"]:
        day = _holiday_in(int(match["year"]), month, rule)
        return _Hit(match.start(), match.end(), day.isoformat(), "day")
    if anchor is None or _elsewhere(text, match, country):
        # TimeML still tags the expression; its day is left open rather than guessed
        return _Hit(match.start(), match.end(), None, "day")
    rel = (match["rel"] or "").lower()
    days = [_holiday_in(year, month, rule) for year in range(anchor.year - 1, anchor.year + 2)]
    if rel == "this":
        day = days[1]
    elif rel == "last":
        day = max(d for d in days if d < anchor)
    elif rel == "next":
        day = min(d for d in days if d > anchor)
    else:
        lean = _direction(text, match.start(), match.end())
        offsets = [(d - anchor).days for d in days]
        nearest = min(offsets, key=abs)
        if lean < 0 and nearest > AGAINST_TENSE_DAYS:
            nearest = max((o for o in offsets if o <= 0), default=nearest)
        elif lean > 0 and nearest < -AGAINST_TENSE_DAYS:
            nearest = min((o for o in offsets if o >= 0), default=nearest)
        day = anchor + dt.timedelta(days=nearest)
    return _Hit(match.start(), match.end(), day.isoformat(), "day")


_DAY_AFTER_TIME = re.compile(
    rf",?\s(?:on\s)?(?:{_WEEKDAY},?\s)?(?P<month>{_MONTH})\.?\s(?P<day>\d{{1,2}})\b"
    r"(?:,?\s(?P<year>\d{4})\b)?(?!:?\d)"
)


def _calendar_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "Feb. 30": no such day


_FAMILIES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(_iter_families())
_TRIGGERED: dict[re.Pattern[str], str] = {
    _P_AGO: "unit", _P_DURATION: "unit", _P_UNIT_ALONE: "unit",
    _P_FULL_DATE: "month", _P_DAY_MONTH_YEAR: "month", _P_MONTH_DAY: "month",
    _P_DAY_MONTH: "month", _P_MONTH_YEAR: "month", _P_MONTH_REL: "month", _P_MONTH: "month",
    _P_WEEKDAY: "weekday",
    _P_RELATIVE_UNIT: "relative unit", _P_REF: "reference", _P_SET: "set",
    _P_RELATIVE_DAY: "relative day", _P_TIME: "clock",
    _P_YEAR: "year digits", _P_ISO: "year digits", _P_DECADE: "year digits",
    _P_CENTURY: "century",
    _P_NUMERIC: "slash", _P_QUARTER: "quarter", _P_REPORT_PERIOD: "report period",
    _P_YEAR_PERIOD: "report period", _P_REPORT_YEAR: "relative unit",
    _P_HALF: "half", _P_SEASON: "season", _P_SPOKEN_YEAR: "spoken year",
    _P_HOLIDAY: "holiday", _P_FRAME: "frame",
}  # fmt: skip


def _lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-blind ``pattern`` as a case-sensitive one for lower-cased text, several
    times faster to run; None where its source names capitals (a class like [A-Z])."""
    if not pattern.flags & re.IGNORECASE:
        return None
    source = re.sub(r"\\[A-Za-z]|\(\?P<\w+>", "", pattern.pattern)
    if any(char.isupper() for char in source):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# A family whose matches reach less far around its trigger word than the trigger's window
# scans its own narrower windows: the unit words are the commonest triggers, and the
# three unit families scanned most of the text the tagger read. (before, after) count as
# in ``_Trigger``; the after reach includes the characters a lookahead or \b reads. Only
# families whose trigger window already held their longest match are narrowed, so each
# finds what it found before.
_NARROW_REACH: dict[re.Pattern[str], tuple[int, int]] = {
    # "[a couple of] years ago": a number (13 characters at most) and a space before the
    # unit; after "centur": "ys", a space, "from now" and one character for \b
    _P_AGO: (14, 12),
    # "[no more than ][seventy-seven to ][seventy-seven ][and a half ][business ]days": 13,
    # 17, 14, 11 and 9 characters; after "centur": "ys", "-long" and one for \b
    _P_DURATION: (64, 8),
    # "[the previous] year" (13 characters, "the past" 8, "for " read by the lookbehind
    # 5); after "decade": "s" and " before" read by the lookahead, or "s ahead" and \b
    _P_UNIT_ALONE: (13, 8),
    # The month families, after "Sep" of "September" ("tember": 6 characters):
    # "[Wednesday, ]Sep[tember 12th, 2021, at 10:53 a.m. EST]"
    _P_FULL_DATE: (11, 38),
    # "[Wednesday, 14th of ]Sep[tember, 2021]" and \b
    _P_DAY_MONTH_YEAR: (19, 14),
    # "[Wednesday, ]Sep[tember 12th]" and the lookaheads ", 2021" or ":5"
    _P_MONTH_DAY: (11, 18),
    # "[14th ]Sep[tember]" and the lookahead ", 2021"
    _P_DAY_MONTH: (5, 12),
    # "[the beginning of ]Sep[tember. of next year]" and \b
    _P_MONTH_YEAR: (17, 21),
    # "[early-]Sep[tember]", "Sep[tember]" and the lookahead " next year" and \b
    _P_MONTH_REL: (6, 17),
    # "[the beginning of ]Sep[tember]" and the lookahead " 1"
    _P_MONTH: (17, 8),
    # "[as soon as ]possible", "coming[ quarters]" and \b
    _P_REF: (11, 10),
}
# Most unit words a family cannot use: "Monday", "yearly", "last year" hold no count.
# Each unit family opens windows only around the unit words it can read, told by what
# any of its matches must hold right at the word: "[two] days", "days [ago]", "[the
# past] days". A gate is a necessary condition, so no match is lost.
_WHOLE_UNIT = r"(?:second|minute|hour|day|week|month|quarter|year|decade|century)s?\b"
# "two years ago": the unit, whole, and the direction after a space
_AGO_TAIL = re.compile(rf"(?<=\s){_WHOLE_UNIT}\s(?:ago|earlier|later|before|after|from now)\b")
# "30-day", "eight trading days", "two and a half years": the unit after a count's last word
# (a digit or a count word) or one of the words allowed between them, and a space or dash
_COUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:"
    + words_pattern((*_COUNT_WORDS, "of", "half", "more", "trading", "business", "working"))
    + r"))[\s-]$"
)
_WHOLE_UNIT_AT = re.compile(rf"\b{_WHOLE_UNIT}")
_UNIT_LONG = re.compile(r"(?:day|week|month|year|decade|century)-long\b")
# "[the past] days", "for years", "[the last] decade", "a decade-long", "the years ahead"
_UNIT_ALONE_BEFORE = re.compile(
    r"\b(?:recent|several|few|many|for|the|past|last|next|previous|coming)\s$"
)
# how far back the words a gate reads may start: "the previous " and "business " both fit
_GATE_LOOKBACK = 14


def _may_count(text: str, lowered: str, start: int) -> bool:
    return bool(
        _WHOLE_UNIT_AT.match(lowered, start)
        and _COUNT_BEFORE.search(lowered, max(0, start - _GATE_LOOKBACK), start)
    )


def _may_stand_alone(text: str, lowered: str, start: int) -> bool:
    return bool(
        _WHOLE_UNIT_AT.match(lowered, start)
        and (
            _UNIT_LONG.match(lowered, start)
            or _UNIT_ALONE_BEFORE.search(lowered, max(0, start - _GATE_LOOKBACK), start)
        )
    )


def _may_count_back(text: str, lowered: str, start: int) -> bool:
    return _AGO_TAIL.match(lowered, start) is not None


def _word_start(text: str, lowered: str, start: int) -> bool:
    """No word character before ``start``: "now" in "right now", not in "know"."""
    return start == 0 or not (lowered[start - 1].isalnum() or lowered[start - 1] == "_")


# "Mark", "Decision", "Novak": the month families read a month's name only whole
_WHOLE_MONTH = re.compile(rf"\b{_MONTH}\b")


def _whole_month(text: str, lowered: str, start: int) -> bool:
    return _WHOLE_MONTH.match(text, start) is not None


_GATES: dict[re.Pattern[str], _Gate] = {
    _P_AGO: _may_count_back,
    _P_DURATION: _may_count,
    _P_UNIT_ALONE: _may_stand_alone,
    # each reference word starts a word of its expression: "right [now]", "[recent]ly"
    _P_REF: _word_start,
    # "[every] day", "[daily]": the "each" of "reach" opens no window
    _P_SET: _word_start,
    **dict.fromkeys(
        (
            _P_FULL_DATE,
            _P_DAY_MONTH_YEAR,
            _P_MONTH_DAY,
            _P_DAY_MONTH,
            _P_MONTH_YEAR,
            _P_MONTH_REL,
            _P_MONTH,
        ),
        _whole_month,
    ),
}
_REACH: dict[re.Pattern[str], tuple[str, int, int]] = {
    pattern: (name, *_NARROW_REACH.get(pattern, (_TRIGGERS[name].before, _TRIGGERS[name].after)))
    for pattern, name in _TRIGGERED.items()
}

_LOWER_TWINS: dict[re.Pattern[str], re.Pattern[str]] = {
    pattern: twin for pattern, _ in _FAMILIES if (twin := _lower_twin(pattern)) is not None
}
