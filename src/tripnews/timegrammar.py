"""Calendar words and the grammar of clock times and numeric dates, one source for the
publication-date reader (``pubdate``) and the date tagger (``extract/dates``).

Month and weekday names live in ``data/month_names.tsv`` and ``data/weekday_names.tsv``,
time zones in ``data/timezones.tsv``; each table is read once and each fragment below is
built from them once, at import. Two kinds of fragment:

- *text* fragments (``MONTH``, ``FULL_MONTH``, ``WEEKDAY``, ``TEXT_CLOCK``) read English
  running text and are meant for case-sensitive patterns: "March" is the month, "march"
  the verb;
- *page* fragments (``PAGE_MONTH``, ``PAGE_WEEKDAY``, ``PAGE_CLOCK``) read the dates pages
  print in headers and metadata, in every language the tables hold, and are meant for
  patterns compiled with ``re.IGNORECASE``.

Alternations are tries (``rules.words_pattern``) whose optional endings are greedy, so the
longest name wins: "September", not "Sep" and a stray "tember".

>>> import re
>>> month_numbers()["sept"], weekday_number("Tues"), zone_offsets()["IST"]
(9, 2, '+05:30')
>>> re.fullmatch(MONTH, "Sept") is not None, re.fullmatch(MONTH, "sept") is not None
(True, False)
>>> re.fullmatch(PAGE_CLOCK, ", 10:53 a.m. EST", re.IGNORECASE)["zone"]
'EST'

This module sits low: it reads ``rules`` and nothing else of the package.
"""

from __future__ import annotations

from functools import cache

from tripnews.rules import load_table, words_pattern


@cache
def _names(table: str) -> tuple[tuple[str, int, str], ...]:
    """Rows of a calendar table: (lower-case name, number, form)."""
    return tuple((name, int(number), form) for name, number, form in load_table(table))


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation (lower case), in every language, to its number."""
    return {name: number for name, number, _ in _names("month_names")}


@cache
def weekday_numbers() -> dict[str, int]:
    """English weekday names and abbreviations (lower case) to ISO numbers (Monday 1)."""
    return {name: number for name, number, _ in _names("weekday_names")}


def month_number(name: str) -> int:
    """ "Sept." -> 9: the number of a month name as written, dot and case aside."""
    return month_numbers()[name.lower().rstrip(".")]


def weekday_number(name: str) -> int:
    """ "Tues" -> 2: the ISO number of a weekday name or abbreviation, case aside."""
    return weekday_numbers()[name.lower()]


@cache
def zone_offsets() -> dict[str, str]:
    """Time-zone abbreviations news prints after a time, to their UTC offsets."""
    return {name: offset for name, offset in load_table("timezones")}


def _written(table: str, *forms: str) -> tuple[str, ...]:
    """The names of ``forms`` as English writes them (capitalised), in table order."""
    return tuple(name.capitalize() for name, _, form in _names(table) if form in forms)


# January ... December and Monday ... Sunday, as running text writes them.
MONTH_NAMES = _written("month_names", "en")
WEEKDAY_NAMES = _written("weekday_names", "en")

# Text fragments: English months with their abbreviations ("Jan", "Sept"), full names
# only, weekdays (running text spells them out; "Tues." is a dateline's).
MONTH = f"(?:{words_pattern(_written('month_names', 'en', 'en-short'))})"
FULL_MONTH = f"(?:{words_pattern(MONTH_NAMES)})"
WEEKDAY = f"(?:{words_pattern(WEEKDAY_NAMES)})"

# The hour and minute of a clock time, "10:53" or "10.53", and a.m. or p.m. in the ways
# news writes them ("am", "a.m.", "a.m"): upper case only where a pattern is case-blind.
HOUR_MINUTE = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
MERIDIEM = r"[ap]\.?m\.?"

# A clock time after a date in running text: "March 4, 2019, at 10:53 a.m. EST".
TEXT_CLOCK = (
    rf"(?P<time>,?\s(?:at\s)?{HOUR_MINUTE}(?:\s?(?P<ampm>{MERIDIEM}))?"
    r"(?:\s(?P<zone>[A-Z]{2,4}))?)?"
)

# Page fragments. Any month name of any language; a second name after a slash is the
# same month in another calendar's words ("24 نيسان / أبريل 2020").
PAGE_MONTH = (
    rf"(?P<month>{words_pattern(month_numbers())})\.?"
    r"(?:\s?/\s?[^\W\d_]+(?:\s[^\W\d_]+)?(?=,?\s\d))?"
)
# A weekday before a header's date, named or abbreviated: "Tues., 2 March 2021".
PAGE_WEEKDAY = rf"(?:(?:{words_pattern(weekday_numbers())})\.?,?\s)?"
# A clock time after a header's date, as machines print it: up to three spaces, seconds,
# a zone of one to four letters; Arabic pages write "مساءً" (evening: p.m.) and "صباحاً"
# (morning: a.m.).
PAGE_CLOCK = (
    rf"(?:,?\s{{1,3}}(?:at\s)?{HOUR_MINUTE}(?::\d{{2}})?"
    rf"\s?(?P<ampm>{MERIDIEM}|مساء[ًا]?|صباح[ًا]?)?(?:\s(?P<zone>[A-Z]{{1,4}}))?)?"
)


def iso_day(year: str = r"\d{4}", month: str = r"\d{2}", day: str = r"\d{2}") -> str:
    """An ISO 8601 day, "2020-05-14", its parts as given (groups ``year``, ``month``,
    ``day``): a page's metadata takes any digits and validates after, running text asks
    for plausible ones so that "1234-56-78" is no date."""
    return rf"(?P<year>{year})-(?P<month>{month})-(?P<day>{day})"


def numeric_date(separators: str, year: str) -> str:
    """Day and month, in either order, then the year, one separator repeated: "05/11/2020",
    "4.2.2022" (groups ``a``, ``sep``, ``b``, ``year``). Which of ``a`` and ``b`` is the
    day is the reader's to settle (a number over 12, the page's language)."""
    return rf"(?P<a>\d{{1,2}})(?P<sep>[{separators}])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{year})"
