"""The calendar words and the clock and numeric-date grammar in ``timegrammar``: built from
the data tables, they accept every name the hand-written alternations they replace
accepted, and no other."""

from __future__ import annotations

import re

import pytest

from tripnews import timegrammar as tg
from tripnews.rules import load_table

# The alternations the date tagger and the publication-date reader wrote by hand before
# the tables held every spelling; kept here to check the tables' against.
OLD_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
OLD_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
OLD_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
OLD_PAGE_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s)?"
# Strings the old page weekday accepted by accident of its regex, no weekday's spelling.
OLD_PAGE_WEEKDAY_ACCIDENTS = {"Tueday", "Wedday", "Wednes", "Thuday", "Satday", "Satur"}


def _spellings(table: str) -> list[str]:
    """Every name of a table, as written in lower case, capitalised and in capitals."""
    names = [row[0] for row in load_table(table)]
    return [form for name in names for form in (name, name.capitalize(), name.upper())]


@pytest.mark.parametrize(
    ("new", "old"),
    [(tg.MONTH, OLD_MONTH), (tg.FULL_MONTH, OLD_FULL_MONTH), (tg.WEEKDAY, OLD_WEEKDAY)],
    ids=["month", "full month", "weekday"],
)
def test_text_alternations_accept_what_the_hand_written_ones_did(new: str, old: str) -> None:
    words = _spellings("month_names") + _spellings("weekday_names")
    words += ["Sepember", "march", "MAY", "Mayday", "Junes"]
    for flags in (0, re.IGNORECASE):
        for word in words:
            assert bool(re.fullmatch(new, word, flags)) == bool(re.fullmatch(old, word, flags)) or (
                word == "Sepember"  # the old "Sept?(?:ember)?" took this misspelling too
            ), (word, flags)


def test_page_weekday_accepts_every_spelling_the_old_one_did() -> None:
    days = [row[0] for row in load_table("weekday_names")]
    words = {stem + "day" for stem in ("mon", "tue", "tues", "wed", "wednes", "thu", "thurs")}
    words |= {stem + "day" for stem in ("fri", "sat", "satur", "sun")} | set(days)
    words |= {"Thur", "Mond", "Fr", "Saturn"} | {w.capitalize() for w in words}
    for word in sorted(words):
        for ending in (" ", ". ", ", ", "., "):
            line = word + ending
            old = re.fullmatch(OLD_PAGE_WEEKDAY, line, re.IGNORECASE)
            new = re.fullmatch(tg.PAGE_WEEKDAY, line, re.IGNORECASE)
            if word.capitalize() in OLD_PAGE_WEEKDAY_ACCIDENTS:
                assert old and not new, line
            else:
                assert bool(old) == bool(new), line


def test_longest_name_wins() -> None:
    assert re.match(tg.MONTH, "September 5").group() == "September"
    assert re.match(tg.MONTH, "Sept. 5").group() == "Sept"
    assert re.match(tg.PAGE_MONTH, "juillet 2020", re.IGNORECASE)["month"] == "juillet"
    assert re.match(tg.PAGE_WEEKDAY, "Thursday, ", re.IGNORECASE).group() == "Thursday, "


def test_page_month_reads_every_language_and_a_second_calendar() -> None:
    for name, number, _ in load_table("month_names"):
        for written in (name, name.capitalize()):
            found = re.fullmatch(tg.PAGE_MONTH, written, re.IGNORECASE)
            assert found and tg.month_number(found["month"]) == int(number), written
    two = re.match(rf"\d+ {tg.PAGE_MONTH} \d{{4}}", "24 نيسان / أبريل 2020", re.IGNORECASE)
    assert two and two["month"] == "نيسان"


def test_names_and_numbers() -> None:
    assert tg.MONTH_NAMES[0] == "January" and tg.MONTH_NAMES[-1] == "December"
    assert len(tg.MONTH_NAMES) == 12 and len(tg.WEEKDAY_NAMES) == 7
    assert tg.WEEKDAY_NAMES == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                "Saturday", "Sunday")  # fmt: skip
    assert [tg.weekday_number(day) for day in ("MON", "tues", "Thu", "sunday")] == [1, 2, 4, 7]
    assert [tg.month_number(m) for m in ("Sept.", "mai", "Décembre", "апреля")] == [9, 5, 12, 4]
    assert tg.zone_offsets()["GMT"] == "+00:00"


@pytest.mark.parametrize(
    ("line", "hour", "minute", "ampm", "zone"),
    [
        (", 09:34", "09", "34", None, None),
        ("  at 10.53:20 pm IST", "10", "53", "pm", "IST"),
        (" 9:05 P.M.", "9", "05", "P.M.", None),
        (" 09:22 مساءً", "09", "22", "مساءً", None),
    ],
)
def test_page_clock(line: str, hour: str, minute: str, ampm: str | None, zone: str | None) -> None:
    found = re.fullmatch(tg.PAGE_CLOCK, line, re.IGNORECASE)
    assert found is not None
    assert (found["hour"], found["minute"], found["ampm"], found["zone"]) == (
        hour, minute, ampm, zone
    )  # fmt: skip


def test_text_clock_is_a_sentence_s() -> None:
    found = re.fullmatch(tg.TEXT_CLOCK, ", at 10:53 a.m. EST")
    assert found and (found["hour"], found["minute"], found["zone"]) == ("10", "53", "EST")
    # running text: one space, no seconds, the zone in capitals
    assert re.fullmatch(tg.TEXT_CLOCK, ",  10:53") is None
    assert re.fullmatch(tg.TEXT_CLOCK, ", 10:53:20") is None


def test_numeric_dates() -> None:
    both = re.compile(tg.numeric_date("/.", r"\d{4}"))
    found = both.fullmatch("4.2.2022")
    assert found and (found["a"], found["b"], found["year"]) == ("4", "2", "2022")
    assert both.fullmatch("4/2.2022") is None  # one separator, repeated
    slash = re.compile(tg.numeric_date("/", r"(?:19|20)?\d{2}"))
    assert slash.fullmatch("3/14/21") and not slash.fullmatch("3.14.21")
    iso = re.compile(tg.iso_day(r"(?:19|20)\d{2}", r"[01]\d", r"[0-3]\d"))
    assert iso.fullmatch("2020-05-14") and not iso.fullmatch("1234-56-78")
    assert re.fullmatch(tg.iso_day(), "1234-56-78")


def test_month_triggers_cover_every_month_spelling() -> None:
    """The date tagger looks for a month only where one of the names' first three letters
    stand; every spelling the month fragment accepts must begin with one."""
    starts = {name[:3] for name in tg.MONTH_NAMES}
    for name, _, form in load_table("month_names"):
        if form != "other":
            assert name.capitalize()[:3] in starts, name
