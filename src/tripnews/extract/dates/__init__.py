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

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tripnews.extract.dates.days import (
    PARTS_OF_DAY,
    century_rule,
    decade_rule,
    full_date,
    month_alone,
    month_day,
    month_rel,
    month_year,
    numeric,
    relative_day,
    relative_unit,
    season_year,
    shift_month,
    spoken_year,
    week_rule,
    weekday_rule,
    year_rule,
)
from tripnews.extract.dates.grammar import (
    COUNT_WORDS,
    P_AGO,
    P_CENTURY,
    P_DAY_MONTH,
    P_DAY_MONTH_YEAR,
    P_DECADE,
    P_DURATION,
    P_FRAME,
    P_FULL_DATE,
    P_HALF,
    P_HOLIDAY,
    P_ISO,
    P_MONTH,
    P_MONTH_DAY,
    P_MONTH_REL,
    P_MONTH_YEAR,
    P_NUMERIC,
    P_QUARTER,
    P_REF,
    P_RELATIVE_DAY,
    P_RELATIVE_UNIT,
    P_REPORT_PERIOD,
    P_REPORT_YEAR,
    P_SEASON,
    P_SET,
    P_SPOKEN_YEAR,
    P_TIME,
    P_UNIT_ALONE,
    P_WEEKDAY,
    P_YEAR,
    P_YEAR_PERIOD,
    Gate,
    Hit,
    Resolver,
)
from tripnews.extract.dates.periods import (
    ago_rule,
    calendar_day,
    duration_rule,
    frame_rule,
    half_rule,
    holiday_rule,
    quarter_rule,
    ref,
    report_period,
    report_year,
    set_rule,
    time_rule,
    unit_alone,
    year_period,
)
from tripnews.model import DateMention
from tripnews.rules import lower_same_length, words_pattern
from tripnews.timegrammar import MONTH, MONTH_NAMES, WEEKDAY_NAMES


def tag_dates(text: str, anchor: dt.date | None = None) -> tuple[DateMention, ...]:
    """Return the temporal expressions in ``text``, sorted and without overlap."""
    return _tag(text, anchor, windowed=True)


def _tag(text: str, anchor: dt.date | None, windowed: bool) -> tuple[DateMention, ...]:
    """The tagger; ``windowed=False`` scans every family, as written, over the whole
    text: the reference the fast scan must equal."""
    hits: list[Hit] = []
    if anchor is not None and not dt.date.min.year < anchor.year < dt.date.max.year:
        anchor = None  # arithmetic off the calendar's ends: resolve nothing rather than crash
    if not windowed:
        for pattern, resolve in _FAMILIES:
            _resolve_all(pattern.finditer(text), resolve, text, anchor, hits)
    else:
        lowered = lower_same_length(text)
        found = _trigger_spans(text, lowered)
        # families sharing a trigger and a reach share its windows (this article's only)
        windows_by_reach: dict[_Reach, list[tuple[int, int]]] = {}
        for scanned, on_lowered, resolve, reach in _PLAN:
            spans = found.get(reach[0])
            if spans is None:
                continue  # no trigger word, no match: the family is not run
            windows = windows_by_reach.get(reach)
            if windows is None:
                _, gate, before, after = reach
                if gate is not None:
                    spans = [span for span in spans if gate(text, lowered, span[0])]
                windows = windows_by_reach[reach] = _windows(spans, before, after, len(text))
            subject = lowered if on_lowered else text
            for start, end in windows:
                _resolve_all(scanned.finditer(subject, start, end), resolve, text, anchor, hits)
    chosen = _in_story_frame(_longest_without_overlap(hits, len(text)))
    return tuple(
        DateMention(
            text[h.start : h.end], h.start, h.end, h.value, h.granularity, h.value is not None
        )
        for h in chosen
    )


def _resolve_all(
    matches: Iterator[re.Match[str]],
    resolve: Resolver,
    text: str,
    anchor: dt.date | None,
    hits: list[Hit],
) -> None:
    """Add to ``hits`` what ``resolve`` makes of each match that is not empty."""
    for match in matches:
        hit = resolve(match, text, anchor)
        if hit is not None and hit.end > hit.start:
            hits.append(hit)


def _in_story_frame(hits: list[Hit]) -> list[Hit]:
    """Value each frame expression ("the following year", "Earlier that day") from the
    date the story last named before it. With none named, "the next day" stays unresolved
    and "that day" is generic, left out."""
    if not any(hit.frame for hit in hits):
        return hits
    out: list[Hit] = []
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
        out.append(Hit(hit.start, hit.end, value, hit.granularity))
    return out


_DAY_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?")


def _named_day(value: str) -> tuple[dt.date, str] | None:
    """A mention's value as a day and how precise it is: "1995-05-22" a day, "1998-10" a
    month, "1996" a year; anything else (a duration, a reference) is no date."""
    parts = _DAY_VALUE.fullmatch(value)
    if parts is None:
        return None
    year, month, day = int(parts[1]), int(parts[2] or 1), int(parts[3] or 1)
    if not 1 <= month <= 12:
        return None
    precision = "day" if parts[3] else "month" if parts[2] else "year"
    return calendar_day(year, month, day) or dt.date(year, month, 1), precision


def _frame_value(base: dt.date, precision: str, unit: str, step: int) -> str | None:
    """``unit`` ``step`` units after the story's date, when that date is precise enough."""
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        if precision != "day":
            return None
        day = (base + dt.timedelta(days=step)).isoformat()
        return day + PARTS_OF_DAY.get(unit, "")
    if unit == "week":
        return None if precision != "day" else week_rule(base + dt.timedelta(weeks=step))
    if unit == "month":
        if precision == "year":
            return None
        year, month = shift_month(base, step)
        return f"{year:04d}-{month:02d}"
    return f"{base.year + step:04d}"


def _longest_without_overlap(hits: list[Hit], size: int) -> list[Hit]:
    """The hits kept, longest first (ties to the earlier), none overlapping one taken
    before it; in text order.

    A mask of taken characters makes each check cost the hit's own length (a few words),
    so a text of a hundred thousand date-like tokens takes linear time, where comparing
    each hit with every hit taken before it was quadratic.
    """
    taken = bytearray(size)
    chosen: list[Hit] = []
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


_CLOCK_WORDS = tuple(
    f"{digit}{space}{half}{dot}m"
    for digit in "0123456789" for space in ("", " ") for half in "ap" for dot in ("", ".")
)  # fmt: skip


_TRIGGERS: dict[str, _Trigger] = {
    "unit": _Trigger(("second", "minute", "hour", "day", "week", "month", "quarter", "year",
                      "decade", "centur"), 80, 40, True),
    # every English month name and abbreviation begins with one of the names' first three
    # letters ("Sept", "June"): "Jan" ... "Dec"
    "month": _Trigger(tuple(name[:3] for name in MONTH_NAMES), 40, 60),
    # the weekday and holiday families match their names as written: "Monday", "Labor Day"
    "weekday": _Trigger(WEEKDAY_NAMES, 10, 25),
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
    if not found:
        return windows
    # the open window kept in two locals, a tuple made only when it closes
    low, high = found[0][0] - before, found[0][1] + after
    for start, end in found[1:]:
        if start - before <= high:
            high = max(high, end + after)
        else:
            windows.append((max(0, low), min(size, high)))
            low, high = start - before, end + after
    windows.append((max(0, low), min(size, high)))
    return windows


def _iter_families() -> Iterator[tuple[re.Pattern[str], Resolver]]:
    yield P_FULL_DATE, full_date
    yield P_DAY_MONTH_YEAR, full_date
    yield P_ISO, full_date
    yield P_NUMERIC, numeric
    yield P_MONTH_YEAR, month_year
    yield P_SEASON, season_year
    yield P_SPOKEN_YEAR, spoken_year
    yield P_MONTH_DAY, month_day
    yield P_DAY_MONTH, month_day
    yield P_MONTH_REL, month_rel
    yield P_MONTH, month_alone
    yield P_DECADE, decade_rule
    yield P_CENTURY, century_rule
    yield P_YEAR, year_rule
    yield P_WEEKDAY, weekday_rule
    yield P_RELATIVE_DAY, relative_day
    yield P_RELATIVE_UNIT, relative_unit
    yield P_AGO, ago_rule
    yield P_DURATION, duration_rule
    yield P_UNIT_ALONE, unit_alone
    yield P_SET, set_rule
    yield P_REF, ref
    yield P_QUARTER, quarter_rule
    yield P_REPORT_PERIOD, report_period
    yield P_YEAR_PERIOD, year_period
    yield P_REPORT_YEAR, report_year
    yield P_HALF, half_rule
    yield P_TIME, time_rule
    yield P_HOLIDAY, holiday_rule
    yield P_FRAME, frame_rule


_FAMILIES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(_iter_families())


_TRIGGERED: dict[re.Pattern[str], str] = {
    P_AGO: "unit", P_DURATION: "unit", P_UNIT_ALONE: "unit",
    P_FULL_DATE: "month", P_DAY_MONTH_YEAR: "month", P_MONTH_DAY: "month",
    P_DAY_MONTH: "month", P_MONTH_YEAR: "month", P_MONTH_REL: "month", P_MONTH: "month",
    P_WEEKDAY: "weekday",
    P_RELATIVE_UNIT: "relative unit", P_REF: "reference", P_SET: "set",
    P_RELATIVE_DAY: "relative day", P_TIME: "clock",
    P_YEAR: "year digits", P_ISO: "year digits", P_DECADE: "year digits",
    P_CENTURY: "century",
    P_NUMERIC: "slash", P_QUARTER: "quarter", P_REPORT_PERIOD: "report period",
    P_YEAR_PERIOD: "report period", P_REPORT_YEAR: "relative unit",
    P_HALF: "half", P_SEASON: "season", P_SPOKEN_YEAR: "spoken year",
    P_HOLIDAY: "holiday", P_FRAME: "frame",
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
    P_AGO: (14, 12),
    # "[no more than ][seventy-seven to ][seventy-seven ][and a half ][business ]days": 13,
    # 17, 14, 11 and 9 characters; after "centur": "ys", "-long" and one for \b
    P_DURATION: (64, 8),
    # "[the previous] year" (13 characters, "the past" 8, "for " read by the lookbehind
    # 5); after "decade": "s" and " before" read by the lookahead, or "s ahead" and \b
    P_UNIT_ALONE: (13, 8),
    # The month families, after "Sep" of "September" ("tember": 6 characters):
    # "[Wednesday, ]Sep[tember 12th, 2021, at 10:53 a.m. EST]"
    P_FULL_DATE: (11, 38),
    # "[Wednesday, 14th of ]Sep[tember, 2021]" and \b
    P_DAY_MONTH_YEAR: (19, 14),
    # "[Wednesday, ]Sep[tember 12th]" and the lookaheads ", 2021" or ":5"
    P_MONTH_DAY: (11, 18),
    # "[14th ]Sep[tember]" and the lookahead ", 2021"
    P_DAY_MONTH: (5, 12),
    # "[the beginning of ]Sep[tember. of next year]" and \b
    P_MONTH_YEAR: (17, 21),
    # "[early-]Sep[tember]", "Sep[tember]" and the lookahead " next year" and \b
    P_MONTH_REL: (6, 17),
    # "[the beginning of ]Sep[tember]" and the lookahead " 1"
    P_MONTH: (17, 8),
    # "[as soon as ]possible", "coming[ quarters]" and \b
    P_REF: (11, 10),
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
    + words_pattern((*COUNT_WORDS, "of", "half", "more", "trading", "business", "working"))
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
_WHOLE_MONTH = re.compile(rf"\b{MONTH}\b")


def _whole_month(text: str, lowered: str, start: int) -> bool:
    return _WHOLE_MONTH.match(text, start) is not None


_GATES: dict[re.Pattern[str], Gate] = {
    P_AGO: _may_count_back,
    P_DURATION: _may_count,
    P_UNIT_ALONE: _may_stand_alone,
    # each reference word starts a word of its expression: "right [now]", "[recent]ly"
    P_REF: _word_start,
    # "[every] day", "[daily]": the "each" of "reach" opens no window
    P_SET: _word_start,
    **dict.fromkeys(
        (
            P_FULL_DATE,
            P_DAY_MONTH_YEAR,
            P_MONTH_DAY,
            P_DAY_MONTH,
            P_MONTH_YEAR,
            P_MONTH_REL,
            P_MONTH,
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


# Each family's scan as the windowed tagger runs it, worked out once: the pattern it runs
# (the lower-cased twin where there is one), whether on the lower-cased text, its resolver
# and its windows' trigger, gate and reach.
_Reach = tuple[str, Gate | None, int, int]


def _plan() -> Iterator[tuple[re.Pattern[str], bool, Resolver, _Reach]]:
    for pattern, resolve in _FAMILIES:
        name, before, after = _REACH[pattern]
        twin = _LOWER_TWINS.get(pattern)
        scanned = pattern if twin is None else twin
        yield scanned, twin is not None, resolve, (name, _GATES.get(pattern), before, after)


_PLAN = tuple(_plan())
