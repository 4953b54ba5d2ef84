"""Publication dates from header lines and metadata strings, as ISO 8601 text.

>>> header_date("14 March 2021, 09:34")
'2021-03-14T09:34:00'
>>> header_date("ANI | Updated: Mar 15, 2021 10:53 IST")
'2021-03-15T10:53:00+05:30'
>>> iso_date("2020-05-14T08:00:00Z")
'2020-05-14T08:00:00+00:00'

Only whole, explicit dates count: a year alone or a weekday is not a
publication date, and anything unparsable gives ``None`` rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from tripnews.model import Published
from tripnews.rules import load_groups, words_pattern
from tripnews.timegrammar import PAGE_CLOCK as _TIME
from tripnews.timegrammar import PAGE_MONTH as _MONTH
from tripnews.timegrammar import PAGE_WEEKDAY as _WEEKDAY
from tripnews.timegrammar import iso_day, numeric_date, zone_offsets
from tripnews.timegrammar import month_numbers as months

# Month names of every language, weekdays, clock times and numeric dates come from
# ``timegrammar``, the grammar the date tagger shares; its page fragments (_MONTH,
# _WEEKDAY, _TIME) are meant for case-blind patterns.


# A label before the date: "Updated:", "Published on", "ANI |", "Last Updated :"; its words
# are data/header_date_labels.tsv.
_LABEL_WORDS = load_groups("header_date_labels")
_LABEL = (
    r"(?:(?P<agency>[A-Z][A-Za-z]{1,15})\s?\|\s?)?"
    rf"(?:(?:(?:{words_pattern(_LABEL_WORDS['before'])}) )?"
    rf"(?:{words_pattern(_LABEL_WORDS['label'])})"
    rf"(?: (?:{words_pattern(_LABEL_WORDS['after'])}))?\s?:?\s?)?"
)
# "24 April 2020", "24. April 2020", "24 de abril de 2020"
_DAY_MONTH_YEAR = (
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s(?:de\s)?{_MONTH},?\s(?:de\s)?(?P<year>\d{{4}})"
)
_MONTH_DAY_YEAR = rf"{_MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})"
# A header line that is a date and nothing else ("Updated: Mar 15, 2021 10:53 IST") ...
_DAY_FIRST = re.compile(rf"^{_LABEL}{_WEEKDAY}{_DAY_MONTH_YEAR}{_TIME}$", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"^{_LABEL}{_WEEKDAY}{_MONTH_DAY_YEAR}{_TIME}$", re.IGNORECASE)
# ... and the same shapes inside a longer line ("editor — March 11, 2020").
_DAY_FIRST_IN = re.compile(rf"(?<!\d){_DAY_MONTH_YEAR}\b{_TIME}", re.IGNORECASE)
_MONTH_FIRST_IN = re.compile(rf"\b{_MONTH_DAY_YEAR}\b{_TIME}", re.IGNORECASE)
# Chinese and Japanese 2020年4月24日, Korean 2020년 4월 24일
_CJK_IN = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s?[年년]\s?(?P<month>\d{1,2})\s?[月월]\s?(?P<day>\d{1,2})\s?[日일]"
)
_ISO_IN = re.compile(r"(?<![\d/.-])" + iso_day() + r"(?![\d-])")
_NUMERIC_IN = re.compile(r"(?<![\d/.-])" + numeric_date("/.", r"\d{4}") + r"(?![\d/.])")
# Year first with slashes or dots, as CMSs and East Asian pages print it: 2020/07/13, 2020.7.13
_YEAR_FIRST_IN = re.compile(
    r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})(?P<sep>[/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?![\d/.])"
)
_ISO = re.compile(
    r"^\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# Dates in URLs: /2020/05/14/ or /2020-05-14/ (a common, reliable CMS habit).
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|-|$)"
)

# Header lines longer than this are sentences, not date lines.
MAX_HEADER_CHARS = 80
# A publication year outside this window is a CMS placeholder ("0001-01-01", "9999-12-31")
# or a typo. The bound is fixed, so a page reads the same whatever day the code runs; a
# date past the day of the run is refused by the pipeline, which is told that day.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2099


def _publication_day(year: int, month: int, day: int) -> dt.date | None:
    """The calendar day, or ``None`` when it does not exist or cannot be a publication day."""
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return found if EARLIEST_YEAR <= found.year <= LATEST_YEAR else None


def header_date(line: str) -> str | None:
    """The date a header line states on its own ("14 March 2021, 09:34"), or ``None``."""
    line = line.strip()
    if len(line) > MAX_HEADER_CHARS:
        return None
    match = _DAY_FIRST.match(line) or _MONTH_FIRST.match(line)
    if match is None:
        return None
    return _iso_from_match(match)


def date_in_line(line: str, day_first: bool | None = None) -> str | None:
    """The first whole date inside a short line, or ``None``.

    >>> date_in_line("Katrina Creer21 Jan 2020")
    '2020-01-21'
    >>> date_in_line("22/11/2020 - 04:30 - Fonte: Agência Brasil")
    '2020-11-22'
    >>> date_in_line("05/11/2020") is None  # May 11 or 5 November: not a fact
    True
    >>> date_in_line("Stand: 04.02.2022"), date_in_line("$Date: 2016/11/18 06:31:41 $")
    ('2022-02-04', '2016-11-18')
    >>> date_in_line("Publicado el 24 de abril de 2020"), date_in_line("2020年4月24日 9:22")
    ('2020-04-24', '2020-04-24')

    ``day_first`` says how the page writes 05/11/2020 (from its language);
    without it only an unambiguous numeric date counts.
    """
    line = line.strip()
    if len(line) > MAX_HEADER_CHARS * 2:
        return None
    found = []
    for pattern in (_DAY_FIRST_IN, _MONTH_FIRST_IN):
        match = pattern.search(line)
        if match and (iso := _iso_from_match(match)):
            found.append((match.start(), iso))
    if (match := _ISO_IN.search(line)) and (iso := iso_date(match.group())):
        found.append((match.start(), iso))
    if (match := _CJK_IN.search(line)) and (
        day := _publication_day(int(match["year"]), int(match["month"]), int(match["day"]))
    ):
        found.append((match.start(), day.isoformat()))
    if (match := _NUMERIC_IN.search(line)) and (iso := _numeric_date(match, day_first)):
        found.append((match.start(), iso))
    if (match := _YEAR_FIRST_IN.search(line)) and (
        day := _publication_day(int(match["year"]), int(match["month"]), int(match["day"]))
    ):
        found.append((match.start(), day.isoformat()))
    return min(found)[1] if found else None


def _numeric_date(match: re.Match[str], day_first: bool | None) -> str | None:
    """A numeric date, day or month first; with dots it is day first wherever it is written
    (German, Russian, Turkish ... pages; the US writes slashes)."""
    a, b = int(match["a"]), int(match["b"])
    if match["sep"] == ".":
        day_first = True
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    elif a != b and day_first is None:
        return None
    day, month = (a, b) if day_first or a == b else (b, a)
    found = _publication_day(int(match["year"]), month, day)
    return found.isoformat() if found else None


# Day, month and a two-digit year with dots, as German, Swiss and Austrian pages print a
# date line: 13.07.20, 8.5.12. Read only where the page marks the text as its date.
_SHORT_YEAR_IN = re.compile(
    r"(?<![\d/.:-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})(?![\d.:])"
)
# Two-digit years below this are 20xx, the rest 19xx.
SHORT_YEAR_PIVOT = 70


def short_year_date(line: str) -> str | None:
    """The first day.month.year date with a two-digit year in a short line, or ``None``.

    >>> short_year_date("Party, 30.10.23"), short_year_date("Version 1.2.3")
    ('2023-10-30', None)
    >>> short_year_date("am 8.5.12 um 10:15"), short_year_date("31.02.21") is None
    ('2012-05-08', True)

    A page writes this only in its own date lines; in running text 1.2.10 may be a
    version or a section number, so callers use it only where the page marks a date.
    """
    if len(line) > MAX_HEADER_CHARS * 2 or (match := _SHORT_YEAR_IN.search(line)) is None:
        return None
    short = int(match["year"])
    year = 2000 + short if short < SHORT_YEAR_PIVOT else 1900 + short
    day = _publication_day(year, int(match["month"]), int(match["day"]))
    return day.isoformat() if day else None


def header_agency(line: str) -> str | None:
    """The agency tag before a header date ("ANI | Updated: ..."), if any."""
    match = _DAY_FIRST.match(line.strip()) or _MONTH_FIRST.match(line.strip())
    return match.group("agency") if match else None


def _iso_from_match(match: re.Match[str]) -> str | None:
    month = months().get(match.group("month").lower().rstrip("."))
    if month is None:
        return None
    day = _publication_day(int(match.group("year")), month, int(match.group("day")))
    if day is None:
        return None
    if match.group("hour") is None:
        return day.isoformat()
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    ampm = {"م": "pm", "ص": "am"}.get(ampm[:1], ampm)
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day.isoformat()
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
    zone = match.group("zone")
    if zone:
        offset = zone_offsets().get(zone.upper())
        if offset is None:
            return stamp  # an unknown zone: keep the local time, claim no offset
        stamp += offset
    return stamp


def iso_date(value: str) -> str | None:
    """A metadata date string (ISO 8601 or a written date) normalised, or ``None``."""
    value = value.strip()
    match = _ISO.match(value)
    if match:
        day = _publication_day(int(match["year"]), int(match["month"]), int(match["day"]))
        if day is None:
            return None
        if match["hour"] is None:
            return day.isoformat()
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour > 23 or minute > 59:
            return day.isoformat()
        stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{int(match['second'] or 0):02d}"
        tz = match["tz"]
        if tz:
            stamp += "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
        return stamp
    return header_date(value)


# ... and with the month's name, as some papers write it: /2020/oct/02/
_URL_NAMED_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})/(?P<month>[a-z]{3,9})/(?P<day>[0-3]?\d)(?:/|-|$)", re.IGNORECASE
)


def url_date(url: str) -> str | None:
    """The day a URL's path names (``/2020/05/14/``, ``/2020/oct/02/``), or ``None``.

    >>> url_date("https://example.com/news/2020/oct/02/story"), url_date("/2020/news/02/x")
    ('2020-10-02', None)
    """
    if (match := _URL_DATE.search(url)) is not None:
        month: int | None = int(match["month"])
    elif (match := _URL_NAMED_DATE.search(url)) is not None:
        month = months().get(match["month"].lower())
    else:
        return None
    if month is None:
        return None
    day = _publication_day(int(match["year"]), month, int(match["day"]))
    return day.isoformat() if day else None


def published_day(published: Published | None) -> dt.date | None:
    """The day of a publication date, or None when it is absent or only a year or month."""
    if published is None:
        return None
    try:
        return dt.date.fromisoformat(published.value[:10])
    except ValueError:
        return None  # a year or month alone cannot anchor a weekday
