"""Resolvers of points in time: full and numeric dates, months, years, decades,
centuries, weekdays and relative days and units, each valued from the anchor in the
direction the governing verb or preposition gives (TimeML's values)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tripnews.extract.dates.grammar import (
    FUTURE_CUES,
    NUMBER_WORDS,
    PAST_CUES,
    TENS,
    Hit,
)
from tripnews.rules import lower_same_length
from tripnews.timegrammar import FULL_MONTH, month_number, weekday_number, zone_offsets


def full_date(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    try:
        month = (
            month_number(match["month"]) if not match["month"].isdigit() else int(match["month"])
        )
        day = dt.date(int(match["year"]), month, int(match["day"]))
    except (ValueError, KeyError):
        return None
    groups = match.groupdict()  # only the "Month day, year" family reads a clock
    if groups.get("hour"):
        hour, minute = int(groups["hour"]), int(groups["minute"])
        if (groups["ampm"] or "").startswith("p") and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            value = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
            zone = groups.get("zone")
            if zone and zone in zone_offsets():
                value += zone_offsets()[zone]
            return Hit(match.start(), match.end(), value, "time")
    return Hit(match.start(), match.end(), day.isoformat(), "day")


def numeric(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # Month first unless the numbers say otherwise ("15/03/2021" can only be day-first).
    month, day = (b, a) if a > 12 else (a, b)
    try:
        return Hit(match.start(), match.end(), dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def relative_year(phrase: str, anchor: dt.date | None) -> int | None:
    if phrase.isdigit():
        return int(phrase)
    if anchor is None:
        return None
    return anchor.year + {"last year": -1, "this year": 0, "next year": 1}[phrase.lower()]


def month_year(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    year = relative_year(match["year"], anchor)
    value = f"{year:04d}-{month_number(match['month']):02d}" if year is not None else None
    return Hit(match.start(), match.end(), value, "month")


def season_year(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    code = _SEASONS[match["season"].lower()]
    return Hit(match.start(), match.end(), f"{match['year']}-{code}", "month")


def spoken_year(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    parts = (match["tens"], match["unit"]) if match["tens"] else (match["millennium_unit"],)
    year = (1900 if match["tens"] else 2000) + sum(number_rule(part) or 0 for part in parts if part)
    if match["month"]:
        value = f"{year:04d}-{month_number(match['month']):02d}"
        return Hit(match.start(), match.end(), value, "month")
    return Hit(match.start(), match.end(), f"{year:04d}", "year")


_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def month_day(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    month = month_number(match["month"])
    day = int(match["day"])
    if match["month"] == "May" and _looks_like_verb_may(text, match.start()):
        return None
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None  # "June 31" in any year (2000 allows 29 February): a score, not a date
    if anchor is None:
        return Hit(match.start(), match.end(), None, "day")
    year = nearest_year(anchor, month, day, direction_rule(text, match.start(), match.end()))
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return Hit(match.start(), match.end(), value.isoformat(), "day")


# A regular past tense ("eased", "dropped"); participles after "will be" are rare in news.
_PAST_FORM = re.compile(r"\b(?!hundred\b)[a-z]{2,}(?<!e)ed\b")  # not "need", "exceed"


def tense_lean(sentence: str) -> int:
    """+1 when the sentence looks ahead, -1 when it reports the past, 0 when it says neither."""
    ahead = bool(FUTURE_CUES.search(sentence))
    back = bool(PAST_CUES.search(sentence)) or any(
        not FUTURE_CUES.fullmatch(word) for word in _PAST_FORM.findall(sentence)
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


def direction_rule(text: str, start: int, end: int) -> int:
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


def nearest_year(anchor: dt.date, month: int, day: int, lean: int) -> int:
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


def month_rel(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    name = match["month"] or match["month2"]
    month = month_number(name)
    rel = (match["rel"] or "").lower()
    if anchor is None:
        return Hit(match.start(), match.end(), None, "month")
    if match["month2"]:
        # "February this year": the month, in the year named after it
        after = text[match.end() : match.end() + 6].lower()
        year = anchor.year + (-1 if "last" in after else 1 if "next" in after else 0)
        return Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")
    if rel in ("last", "past"):
        # "last February" written in March is a year back: the month just gone is "last month"
        year = anchor.year if month < anchor.month - 1 else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:  # early/mid/late June: the nearest such month, unless the tense says otherwise
        year = nearest_year(anchor, month, 15, direction_rule(text, match.start(), match.end()))
    return Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")


_MONTH_PREPOSITION = re.compile(r"\b(?:in|since|until|till|by|from|during|of)\s$")


_EVENT_NAME = re.compile(r"\s(?:for|of|on|against)\s(?:the\s)?[A-Z]")


_EVENT_BEFORE = re.compile(r"\b(?:the|a|annual|this|last|next)\s$|[\"“‘`']$")


def month_alone(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
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
        return Hit(match.start(), match.end(), None, "month")
    month = month_number(name)
    year = nearest_year(anchor, month, 15, direction_rule(text, match.start(), match.end()))
    return Hit(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")


def decade_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    return Hit(match.start(), match.end(), match["decade"][:3], "year")


_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                 "eighties", "nineties")  # fmt: skip


def century_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if match["tens"]:
        if re.match(r"\s(?:of|as)\b|['’]", text[match.end() : match.end() + 4]):
            return None  # "in the forties of his life": an age
        return Hit(
            match.start(), match.end(), f"19{_DECADE_WORDS.index(match['tens']) + 2}", "year"
        )
    return Hit(match.start(), match.end(), f"{int(match['nth']) - 1:02d}", "year")


def year_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        return None
    return Hit(match.start(), match.end(), f"{year:04d}", "year")


# How far a sentence is read either side of a mention: searching for its ends no further
# keeps each look-up a constant cost, however long a line without a full stop is.
SENTENCE_REACH = 300


CLAUSE_REACH = 200


def sentence_around(text: str, pos: int) -> str:
    low = max(0, pos - SENTENCE_REACH)
    start = max(text.rfind(". ", low, pos), text.rfind("\n", low, pos), low)
    high = min(len(text), pos + SENTENCE_REACH)
    ends = [e for e in (text.find(". ", pos, high), text.find("\n", pos, high)) if e != -1]
    return text[start : min([*ends, high])]


def clause_before(text: str, pos: int) -> str:
    low = max(0, pos - CLAUSE_REACH)
    start = max(text.rfind(". ", low, pos), text.rfind("\n", low, pos), low)
    return text[start:pos]


def weekday_rule(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    if anchor is None:
        return Hit(match.start(), match.end(), None, "day")
    rel = (match["rel"] or "").lower()
    day = weekday_date(text, match.start(), match["weekday"], rel, anchor)
    if match["part"]:
        # TimeML writes the part of a day as a time: "Friday night" is 2000-01-07TNI
        value = day.isoformat() + PARTS_OF_DAY[match["part"]]
        return Hit(match.start(), match.end(), value, "time")
    return Hit(match.start(), match.end(), day.isoformat(), "day")


# "[last] Friday", "[next] Friday": the word right before a weekday (\b reads the
# character before the search's start, so a search from the tail finds what one from 0 does)
_LAST_BEFORE = re.compile(r"\b(?:last|past)\s$")
_NEXT_BEFORE = re.compile(r"\bnext\s$")


def weekday_date(text: str, pos: int, weekday: str, rel: str, anchor: dt.date) -> dt.date:
    """The day a weekday named at ``pos`` falls on: the latest such day in a report, the
    next one in a plan; "last"/"next"/"this" say so outright."""
    target = weekday_number(weekday) - 1
    before = clause_before(text, pos)
    future = _looks_ahead(text, pos, before)
    # both cues end the clause and are five characters long, a newline six: read the tail
    tail = max(0, len(before) - 6)
    if rel == "last" or _LAST_BEFORE.search(before, tail):
        future = False
    if rel == "next" or _NEXT_BEFORE.search(before, tail):
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


_PAST_AUXILIARY = re.compile(r"\b(?:had|was|were)\b")
_REPORTED_BEFORE = re.compile(r"\b(?:said|wrote|told)\b[^.]{0,40}$")
_HAD = re.compile(r"\bhad\b")


def _looks_ahead(text: str, pos: int, before: str) -> bool:
    """Whether a weekday points forward: a future cue governs it, not a past verb."""
    if _PAST_VERB_BEFORE.search(before):
        return False  # "Cuba predicted Wednesday", "announced on Friday"
    sentence = sentence_around(text, pos)
    if _FUTURE_BEFORE.search(before):
        return not _PAST_AUXILIARY.search(sentence)  # "postponed until Tuesday"
    near = before[-_GOVERNING_CHARS:]
    # a match is at most 45 characters and a newline long: only the tail can hold it
    if _REPORTED_BEFORE.search(near, max(0, len(near) - 46)):
        return False
    if _HAD.search(near):
        return False  # "had been set to close Monday": a plan seen from later, now past
    after = text[pos : pos + _GOVERNING_CHARS // 3]
    return bool(FUTURE_CUES.search(near) or FUTURE_CUES.search(after))


def relative_day(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
    word = match["word"].lower()
    if _is_title_word(text, match.start("word")):
        return None  # "Radio Today": a programme's name
    if word == "today" and match.start() == match.start("word") and _generic_today(text, match):
        return Hit(match.start(), match.end(), "PRESENT_REF", "day")
    if anchor is None:
        return Hit(match.start(), match.end(), None, "day")
    offset = {
        "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }[word]  # fmt: skip
    value = (anchor + dt.timedelta(days=offset)).isoformat()
    part = "night" if word == "tonight" else (match["part"] or match["mid"] or "").lower()
    if part:
        # TimeML writes the part of a day as a time: "this morning" is 2021-03-14TMO
        return Hit(match.start(), match.end(), value + PARTS_OF_DAY[part], "time")
    return Hit(match.start(), match.end(), value, "day")


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


PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


def week_rule(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(anchor: dt.date, months_: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months_
    return index // 12, index % 12 + 1


# "February this year": the month carries the year (TimeML tags "February" alone)
_MONTH_BEFORE = re.compile(rf"\b{FULL_MONTH}\s$")


_COMPARATIVE = re.compile(r"(?:earlier|later)\s", re.IGNORECASE)


def relative_unit(match: re.Match[str], text: str, anchor: dt.date | None) -> Hit | None:
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
        if tense_lean(sentence_around(text, match.start())) > 0:
            step = 1 if anchor.weekday() >= 5 else 0
        else:
            step = -1 if anchor.weekday() < 4 else 0
    granularity = {"week": "week", "weekend": "week", "month": "month"}.get(unit, "year")
    if anchor is None:
        return Hit(start, match.end(), None, granularity)
    if unit == "week":
        value = week_rule(anchor + dt.timedelta(weeks=step))
    elif unit == "weekend":
        value = week_rule(anchor + dt.timedelta(weeks=step)) + "-WE"
    elif unit == "month":
        year, month = shift_month(anchor, step)
        value = f"{year:04d}-{month:02d}"
    elif unit == "year":
        value = f"{anchor.year + step:04d}"
    elif unit == "quarter":
        value = quarter_name(quarter_index(anchor) + step)
    else:
        value = _relative_season(anchor, _SEASONS[unit], step)
    return Hit(start, match.end(), value, granularity)


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


_TENS = re.compile(TENS)  # compiled once: every counted duration asks


def number_rule(word: str) -> int | None:
    word = word.lower()
    if word.replace(".", "").isdigit():
        return int(float(word))
    tens, _, unit = word.replace("-", " ").partition(" ")
    if _TENS.fullmatch(tens) and (units := NUMBER_WORDS.get(unit)) and units < 10:
        return (NUMBER_WORDS[tens] or 0) + units  # "twenty-four"
    return NUMBER_WORDS.get(word)


def quarter_index(day: dt.date) -> int:
    """Quarters counted from year 0, so that shifting by n quarters is adding n."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_name(index: int) -> str:
    return f"{index // 4:04d}-Q{index % 4 + 1}"
