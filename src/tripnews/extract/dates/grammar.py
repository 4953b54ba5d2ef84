"""The date tagger's grammar: month, weekday, number and unit words, and one pattern
per family of expressions (most specific first), each naming the groups its resolver
reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from tripnews.rules import load_table, load_words, words_pattern
from tripnews.timegrammar import FULL_MONTH, MONTH, TEXT_CLOCK, WEEKDAY, iso_day, numeric_date

# Month and weekday names (MONTH, FULL_MONTH, WEEKDAY), clock times and numeric dates
# come from ``timegrammar``, the grammar the publication-date reader shares.


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a few": None, "few": None, "several": None,
    "many": None, "some": None, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip


TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"


COUNT_WORDS = (
    "a few", "a couple of", "couple of", "a", "an", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "a hundred", "hundred", "several",
    "few", "many",
)  # fmt: skip


_NUM = (
    # "twenty-four", "twenty four": tens and a unit, before the tens alone
    rf"(?:{TENS}[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b"
    # the words as a trie: the engine tries one branch per letter at each word start,
    # not forty words in turn (the durations scan more text than any other family)
    r"|\d{1,3}\s1/2|\d{1,3}(?:\.\d)?|" + words_pattern(COUNT_WORDS) + ")"
)


_UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|century)s?"


UNIT_CODE = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip


_MODIFIER_WORDS = (
    "nearly", "almost", "about", "around", "roughly", "some", "more than", "less than",
    "over", "under", "up to", "no more than", "the past", "the last", "the next",
    "the first", "the coming", "another", "the previous", "the same",
)  # fmt: skip


_MODIFIER = r"(?:" + words_pattern(_MODIFIER_WORDS) + r"\s)"


FUTURE_CUES = re.compile(
    r"\b(?:will|would|'ll|’ll|shall|going to|is to|are to|due to|scheduled|expected|plans?|planned"
    r"|planning|next|upcoming|starting|set to|intends?|begins?|heading|to visit|to meet"
    r"|to travel|before departing|hopes? to"
    # News writes coming moves in the present: "Blinken and Austin arrive in Tokyo on Monday".
    r"|arrives?|departs?|heads? (?:to|for)|leaves? for|lands? in|fl(?:y|ies) to)\b",
    re.IGNORECASE,
)


PAST_CUES = re.compile(
    r"\b(?:said|says|told|was|were|had|did|wrote|announced|reported|met|visited|last"
    r"|earlier|ago|released|issued|held|participated|arrived|spoke|called)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    value: str | None
    granularity: str
    # "the following year", "that day": valued from the story's last date, not the anchor
    frame: tuple[str, int] | None = None


Resolver = Callable[[re.Match[str], str, dt.date | None], Hit | None]


# Whether a trigger word at ``start`` can be part of a family's match: (text, lowered, start)
Gate = Callable[[str, str, int], bool]


P_FULL_DATE = re.compile(
    rf"\b(?:{WEEKDAY},?\s)?(?P<month>{MONTH})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})\b"
    + TEXT_CLOCK
)


P_DAY_MONTH_YEAR = re.compile(
    rf"\b(?:{WEEKDAY},?\s)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<month>{MONTH})\.?,?\s(?P<year>\d{{4}})\b"
)


P_MONTH_DAY = re.compile(
    rf"\b(?:{WEEKDAY},?\s)?(?P<month>{MONTH})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s\d{{4}})(?!:?\d)"
)


P_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{FULL_MONTH})\b(?!,?\s\d{{4}})"
)


# Running text asks for a plausible year, month and day: "1234-56-78" is no date.
P_ISO = re.compile(r"\b" + iso_day(r"(?:19|20)\d{2}", r"[01]\d", r"[0-3]\d") + r"\b")


# Running text writes numeric dates with slashes, two-digit years too: "3/14/21".
P_NUMERIC = re.compile(r"\b" + numeric_date("/", r"(?:19|20)?\d{2}") + r"\b")


P_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[-\s])?"
    # "July of last year" is one expression, "February this year" a month and a year
    rf"(?P<month>{FULL_MONTH}|{MONTH}\.)(?:,|\sof)?\s"
    r"(?P<year>\d{4}|(?:(?<=,\s)|(?<=of\s))(?:last|this|next) year)\b"
)


P_MONTH_REL = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|past|[Ee]arly|mid|[Ll]ate)[-\s])(?P<month>{FULL_MONTH})\b"
    rf"|\b(?P<month2>{FULL_MONTH})(?=\s(?:last|this|next) year\b)"
)


P_MONTH = re.compile(
    rf"\b(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[-\s])?"
    rf"(?P<month>{FULL_MONTH})\b(?!\s\d)"
)


P_YEAR = re.compile(
    r"(?<![\w$£€.,/-])(?:(?P<mod>early|mid|late|the end of|the start of|post|pre)[-\s])?"
    r"(?:(?:fiscal|calendar)\s)?(?P<year>(?:19|20)\d{2})(?![\w%/.,-]\d|\d|-\d)(?!\s(?:percent|per cent))"
    # "1994 or later", "1990 and beyond": TimeML keeps the open end in the extent
    r"(?:\s(?:or later|or earlier|and beyond|or so)\b)?"
)


P_DECADE = re.compile(
    r"\b(?:[Tt]he\s)?(?:(?:early|mid|late)[-\s])?(?P<decade>(?:19|20)\d0)['’]?s\b"
)


# "the 20th century" is 19, "the nineties" 199: TimeML writes the digits they share
P_CENTURY = re.compile(
    r"\b(?P<nth>[1-9]|1\d|2[01])(?:st|nd|rd|th)[-\s]century\b"
    r"|\b[Tt]he\s(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties"
    r"|nineties)\b"
)


P_WEEKDAY = re.compile(
    # "Last Friday", "early Tuesday": the modifier is in the extent, the value the day's
    # ("Earlier Sunday": a comparative is a signal, outside)
    rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s)?"
    rf"(?P<weekday>{WEEKDAY})(?:\s(?P<part>morning|afternoon|evening|night))?\b"
    # a Sunday paper is a title: "Sunday Times", "Sunday Telegraph"
    rf"(?!\s(?:{words_pattern(load_words('paper_words'))})\b)"
)


P_RELATIVE_DAY = re.compile(
    # "late yesterday", "mid-afternoon yesterday" ("later today": a signal, outside)
    r"\b(?:(?:early|late|mid-?(?P<mid>morning|afternoon|evening))\s)?"
    r"(?P<word>today|yesterday|tomorrow|tonight|the day before yesterday|the day after tomorrow"
    r"|this(?=\s(?:morning|afternoon|evening))|last(?=\snight))"
    r"(?:\s(?P<part>morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)


P_RELATIVE_UNIT = re.compile(
    # "earlier this year", "early next year": TimeML keeps the modifier in the extent
    r"\b(?:(?:earlier|later|early|late|mid)[\s-](?=(?:this|next|last)\s)"
    r"|the\s(?:end|beginning|start|middle)\sof\s)?"
    r"(?P<rel>last|this|next|past|coming|previous|the)\s"
    r"(?P<unit>week|month|year|weekend|quarter|spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE,
)


P_AGO = re.compile(
    rf"\b(?P<num>{_NUM})\s{_UNIT}\s(?P<dir>ago|earlier|later|before|after|from now)\b",
    re.IGNORECASE,
)


P_DURATION = re.compile(
    # "8 to 14 weeks", "three or four years": a range, its amount unknown (X)
    # "for the seven weeks", "instead of the three hours": TimeML keeps the article
    rf"\b(?:{_MODIFIER}|(?P<the>the\s))?(?:(?P<low>{_NUM})\s(?:to|or)\s)?(?P<num>{_NUM})[\s-](?:(?:and a half|more)\s)?"
    # "eight trading days": a count of working days is still days
    rf"(?:(?:trading|business|working)\s)?{_UNIT}(?:[\s-]long|[\s-]old)?\b",
    re.IGNORECASE,
)


P_UNIT_ALONE = re.compile(
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


P_SET = re.compile(
    rf"\b(?:(?:every|each)\s(?:(?P<unit>day|week|month|quarter|year|morning|night|evening)\b"
    rf"|(?P<weekday>{WEEKDAY})|(?P<month>{FULL_MONTH}))"
    r"|(?P<adverb>daily|weekly|monthly|annually|yearly|nightly|hourly))\b",
    re.IGNORECASE,
)


P_REF = re.compile(
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


P_QUARTER = re.compile(
    # "this year's second quarter", "next year's fourth quarter": the year is the phrase's
    r"\b(?:(?P<det>the|its|their)\s|(?P<yearrel>this|last|next)\syear['’]s\s)?"
    r"(?:(?P<year0>(?:19|20)\d{2})\s)?(?:(?P<ago>year-(?:ago|earlier))\s)?"
    r"(?:fiscal\s)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b"
    r"(?:\sof\s(?P<year>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)


P_HALF = re.compile(
    r"\b(?:the|its|their)\s(?P<ord>first|second)\shalf\b"
    r"(?:\sof\s(?P<year>(?:19|20)\d{2}|the year|this year|last year|next year))?",
    re.IGNORECASE,
)


# Earnings reports: "the quarter", "its latest quarter", "a year-ago period", "year-earlier".
P_REPORT_PERIOD = re.compile(
    r"\b(?:(?:the|its)\s(?P<which>latest|recent|most recent|current|year-ago|year-earlier"
    r"|(?:comparable|corresponding|same)(?:\syear-(?:ago|earlier))?)?\s?"
    r"(?P<unit>quarter|period)\b(?!s)|(?P<bare>year-ago|year-earlier)\b(?!\s(?:quarter|period)))",
    re.IGNORECASE,
)


# "in the fiscal year", "over the full year", "the year ended June 30": a report's year.
P_REPORT_YEAR = re.compile(
    r"\b(?P<end>the\s(?:end|beginning|start|middle)\sof\s)?(?:the|its)\s"
    r"(?P<kind>(?:fiscal|full|current|calendar)\s(?:fiscal\s)?)?year\b"
    r"(?P<ended>\s(?:ended|ending)\b)?(?![-\s](?:ago|earlier|before|after|old|\d|two))"
    r"(?!['’]s)",
    re.IGNORECASE,
)


# "the 1988 period" in a quarterly report: that year's same quarter.
P_YEAR_PERIOD = re.compile(
    r"\b(?:the|its)\s(?P<year>(?:19|20)\d{2})\s(?:period|quarter)\b(?!s)", re.IGNORECASE
)


# "a year ago", "a year earlier", "last year" compared within a quarterly report.
QUARTER_CONTEXT = re.compile(r"\bquarter\b", re.IGNORECASE)


P_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"(?:\s(?P<zone>[A-Z]{2,4})\b)?"
    # "at noon", "by midnight": only after a preposition, so "Noon" the name stays out
    r"|(?<=\b(?:at|by) )(?P<named>noon|midnight)\b",
    re.IGNORECASE,
)


# Years as broadcast transcripts spell them: "nineteen ninety-six", "January nineteen
# ninety-seven", "two thousand and one".
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"


P_SPOKEN_YEAR = re.compile(
    rf"\b(?:(?P<month>{FULL_MONTH})\s|the\syear\s)?"
    rf"(?:nineteen[-\s](?P<tens>{TENS})(?:[-\s](?P<unit>{_UNITS}))?"
    rf"|two\sthousand(?:\s(?:and\s)?(?P<millennium_unit>{_UNITS}|ten|eleven|twelve))?)\b"
    # "nineteen twenty people": a count, not a year
    r"(?!\s(?:people|times|percent|per\scent|dollars|years|of\b))",
    re.IGNORECASE,
)


P_HOLIDAY = re.compile(
    r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s)?"
    rf"(?P<name>{words_pattern(row[0] for row in load_table('holidays'))})(?![\w'’])"
    # "on Christmas Day 2019": the year names which one
    r"(?:,?\s(?P<year>(?:19|20)\d{2})\b(?![-\d]))?"
)


# "the following month", "Later that day", "the next evening", "that very week"
P_FRAME = re.compile(
    r"\b(?:(?:earlier|later)\s)?(?P<rel>the\sfollowing|the\snext|that(?:\ssame)?|the\ssame)\s"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?!['’]s|\sago|\sbefore)",
    re.IGNORECASE,
)


P_SEASON = re.compile(
    r"\b(?:the\s)?(?P<season>spring|summer|autumn|fall|winter)\s(?:of\s)?(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
