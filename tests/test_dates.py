"""The temporal tagger: a table of expressions with their anchors and values, plus properties.

Each row: a sentence, the anchor (a reference date), the mention expected in it
(its exact TimeML extent) and its value. Anchors are chosen to cross month,
year and leap-day boundaries.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tripnews.extract import dates as dates_module
from tripnews.extract.dates import periods as dates_periods
from tripnews.extract.dates import tag_dates

D = dt.date
SUN = D(2021, 3, 14)  # a Sunday
MON = D(1998, 8, 17)  # a Monday
NEW_YEAR = D(2000, 1, 3)  # a Monday, days after a year boundary
LEAP = D(2024, 2, 29)  # a Thursday
Q4 = D(1989, 10, 26)  # a quarterly-report season

ROWS = [
    # absolute dates
    ("It happened on 14 March 2021.", SUN, "14 March 2021", "2021-03-14"),
    ("It happened on March 15, 2021.", SUN, "March 15, 2021", "2021-03-15"),
    ("Talks resumed Feb. 10, 2021, in Geneva.", SUN, "Feb. 10, 2021", "2021-02-10"),
    ("The file is dated 2021-03-15.", SUN, "2021-03-15", "2021-03-15"),
    ("Posted Mar 15, 2021 10:53 IST.", SUN, "Mar 15, 2021 10:53 IST", "2021-03-15T10:53+05:30"),
    # a zone whose first letter is a "p" is no p.m.: "10:53 PST" is before noon
    ("Polls shut Nov 3, 2020, 8:30 PST.", SUN, "Nov 3, 2020, 8:30 PST", "2020-11-03T08:30-08:00"),
    ("Polls shut Nov 3, 2020 at 8:30 pm PST.", SUN, "Nov 3, 2020 at 8:30 pm PST",
     "2020-11-03T20:30-08:00"),
    ("Results were due 15/03/2021.", SUN, "15/03/2021", "2021-03-15"),
    ("He was born on 29 February 2000.", SUN, "29 February 2000", "2000-02-29"),
    # a month and day, the year from the anchor and the tense
    ("The vote is on March 20.", SUN, "March 20", "2021-03-20"),
    ("The deal was signed Nov. 25.", NEW_YEAR, "Nov. 25", "1999-11-25"),
    ("The summit will open Jan. 10.", D(1999, 12, 20), "Jan. 10", "2000-01-10"),
    ("The rally on Saturday, April 25 drew thousands.", D(1998, 4, 24), "Saturday, April 25",
     "1998-04-25"),
    # the words governing the date decide its direction, not cue words anywhere around
    ("The board declared a dividend payable Jan. 2.", D(1989, 11, 2), "Jan. 2", "1990-01-02"),
    ("Under the plan, prices rose in December.", D(1989, 10, 1), "December", "1988-12"),
    ("Officials said the talks would resume in May.", D(1998, 2, 10), "May", "1998-05"),
    ("Members will get the rebate Dec. 14.", D(1989, 10, 26), "Dec. 14", "1989-12-14"),
    ("Exports have grown since May.", D(1998, 2, 10), "May", "1997-05"),
    # months, seasons, years, decades
    ("Prices rose in July, last year.", SUN, "July, last year", "2020-07"),
    ("Sales have grown since last June.", SUN, "last June", "2020-06"),
    ("Talks stalled last February.", D(1998, 3, 1), "last February", "1997-02"),
    ("Exports fell in February.", SUN, "February", "2021-02"),
    ("Exports fell in December.", NEW_YEAR, "December", "1999-12"),
    ("Shipments resume in September.", D(1990, 8, 16), "September", "1990-09"),
    ("Protests grew in mid-February.", SUN, "mid-February", "2021-02"),
    ("Costs jumped in early 2021.", SUN, "early 2021", "2021"),
    ("It began in the 1990s.", SUN, "the 1990s", "199"),
    ("The plan dates from 1994.", SUN, "1994", "1994"),
    ("Sales slowed at the beginning of October.", Q4, "the beginning of October", "1989-10"),
    ("The games are in summer 2024.", LEAP, "summer 2024", "2024-SU"),
    ("Crops failed last fall.", D(1999, 1, 10), "last fall", "1998-FA"),
    # weekdays, by tense and cue
    ("Blinken and Austin arrive in Tokyo on Monday.", SUN, "Monday", "2021-03-15"),
    ("The minister said on Friday that talks would go on.", SUN, "Friday", "2021-03-12"),
    ("Cuba predicted Wednesday that the ruling would stand.", D(2000, 1, 15), "Wednesday",
     "2000-01-12"),
    ("Officials postponed until Tuesday any action.", D(2000, 3, 30), "Tuesday", "2000-04-04"),
    ("The firm reported results last Monday.", D(1989, 10, 30), "last Monday", "1989-10-23"),
    ("The board meets next Friday.", MON, "next Friday", "1998-08-21"),
    ("The plane landed early Tuesday.", D(1998, 3, 3), "early Tuesday", "1998-03-03"),
    ("Leaders met Thursday in Paris.", LEAP, "Thursday", "2024-02-29"),
    ("Leaders met Friday in Paris.", LEAP, "Friday", "2024-02-23"),
    ("Leaders will meet Friday in Paris.", LEAP, "Friday", "2024-03-01"),
    # a part of a day is a time, as TimeML writes it
    ("The storm hit Sunday night.", D(2000, 4, 17), "Sunday night", "2000-04-16TNI"),
    ("Ministers met again Friday morning.", D(2000, 4, 17), "Friday morning", "2000-04-14TMO"),
    ("Shares slipped late yesterday.", D(1991, 3, 4), "late yesterday", "1991-03-03"),
    ("Talks resumed mid-afternoon yesterday.", D(1991, 3, 4), "mid-afternoon yesterday",
     "1991-03-03TAF"),
    # "earlier"/"later" before a day are signals, outside the extent
    ("Earlier Sunday, the rebels fired on the town.", D(2000, 4, 17), "Sunday", "2000-04-16"),
    # a clock time and the weekday after it are one expression, on that day
    ("The bakery was burgled at 11 p.m. Wednesday.", D(1998, 2, 13), "11 p.m. Wednesday",
     "1998-02-11T23:00"),
    ("The strike ended at noon Thursday.", D(1998, 2, 13), "noon Thursday", "1998-02-12T12:00"),
    ("The landlord gave them until 8 a.m. Tuesday to leave.", D(2000, 4, 3), "8 a.m. Tuesday",
     "2000-04-04T08:00"),
    ("The lease had been set to end Friday.", D(1989, 10, 30), "Friday", "1989-10-27"),
    # relative days, weeks, months, years
    ("Markets fell today.", SUN, "today", "2021-03-14"),
    ("Markets fell yesterday.", NEW_YEAR, "yesterday", "2000-01-02"),
    ("Markets open tomorrow.", LEAP, "tomorrow", "2024-03-01"),
    ("The envoy visits Seoul this week.", D(2021, 3, 15), "this week", "2021-W11"),
    ("Last week the talks failed.", SUN, "Last week", "2021-W09"),
    # TimeML keeps "early" and "late" in the extent, and "earlier this year" (the year's
    # first part); "earlier this week/month" is a signal before the unit
    ("Prices rose earlier this month.", Q4, "this month", "1989-10"),
    ("The deal closes later this week.", Q4, "this week", "1989-W43"),
    ("Prices rose earlier this year.", Q4, "earlier this year", "1989"),
    ("Output will recover early next year.", Q4, "early next year", "1990"),
    # a month and a year after it: TimeML tags the month, valued in that year
    ("Exports fell in February this year.", D(1998, 12, 3), "February", "1998-02"),
    ("The plant opens in April next year.", D(1998, 12, 3), "April", "1999-04"),
    ("Prices will fall next month.", D(1999, 12, 20), "next month", "2000-01"),
    ("Prices fell last month.", NEW_YEAR, "last month", "1999-12"),
    ("Profits rose this year.", SUN, "this year", "2021"),
    ("Profits rose last year.", NEW_YEAR, "last year", "1999"),
    ("Profits will rise next year.", SUN, "next year", "2022"),
    ("Fans flocked to the beach over the weekend.", D(1990, 8, 13), "the weekend",
     "1990-W32-WE"),
    ("The deal closed six days ago.", D(2000, 3, 2), "six days ago", "2000-02-25"),
    ("The deal closed two months ago.", NEW_YEAR, "two months ago", "1999-11"),
    ("The law passed a decade ago.", SUN, "a decade ago", "2011"),
    # quarters and report periods
    ("Net income rose in the third quarter.", Q4, "the third quarter", "1989-Q3"),
    ("Net income fell in the fourth quarter.", D(1990, 2, 1), "the fourth quarter", "1989-Q4"),
    ("Earnings beat the 1988 third quarter.", Q4, "the 1988 third quarter", "1988-Q3"),
    ("Earnings beat the year-earlier quarter.", Q4, "the year-earlier quarter", "1988-Q3"),
    ("Profit in the latest quarter fell.", Q4, "the latest quarter", "1989-Q3"),
    ("Profit for this year's second quarter slipped.", Q4, "this year's second quarter",
     "1989-Q2"),
    ("The spin-off may come in next year's first quarter.", Q4, "next year's first quarter",
     "1990-Q1"),
    ("The firm blamed its third-quarter loss on rates.", Q4, "third-quarter", "1989-Q3"),
    ("Shipping begins at the end of this week.", Q4, "the end of this week", "1989-W43"),
    ("Fees will drop by the end of the year.", Q4, "the end of the year", "1989"),
    ("Last April, the group made an offer.", Q4, "Last April", "1989-04"),
    ("The mayor promised a bridge by the year two thousand.", D(1998, 2, 5),
     "the year two thousand", "2000"),
    ("Buyers are scarce right now.", SUN, "right now", "PRESENT_REF"),
    ("Aqaba is the only outlet now that the ports are shut.", SUN, "now", "PRESENT_REF"),
    ("Marchers parade each July.", SUN, "each July", "XXXX-07"),
    ("The firm pays $4 million in rent every quarter.", Q4, "every quarter", "P1Q"),
    # holidays, in the year the words point to
    ("The boy was found on Thanksgiving Day.", D(2000, 1, 7), "Thanksgiving Day", "1999-11-25"),
    ("He was rescued last Thanksgiving.", D(2000, 2, 10), "last Thanksgiving", "1999-11-25"),
    ("The race is close ahead of Election Day.", D(1998, 10, 26), "Election Day", "1998-11-03"),
    ("Parades were held on Memorial Day.", D(2021, 6, 2), "Memorial Day", "2021-05-31"),
    ("Shops will close on Christmas Eve.", D(2021, 3, 14), "Christmas Eve", "2021-12-24"),
    # a stretch just gone or coming is dated: the year or decade before (or after) the anchor's
    ("Hate groups grew over the past year.", D(1998, 3, 3), "the past year", "1997"),
    ("Wages lost ground in the last decade.", D(1998, 2, 6), "the last decade", "198"),
    ("Turnout fell from 60 percent several years ago.", SUN, "several years ago", "PAST_REF"),
    # the story's own time frame: counted from the date it last named, not the anchor
    ("On May 22, 1995, she was elected, and the following year she quit.", SUN,
     "the following year", "1996"),
    ("He was shot on Oct. 23, 1998. Earlier that day, police had been warned.", SUN,
     "Earlier that day", "1998-10-23"),
    ("The court met on March 3, 2020. The next morning the judge resigned.", SUN,
     "The next morning", "2020-03-04TMO"),
    ("In March 1998 the firm failed; the following month it was sold.", SUN,
     "the following month", "1998-04"),
    # centuries and spoken decades, as the digits they share
    ("The temple dates from the 11th century.", SUN, "11th century", "10"),
    ("He is a 20th century novelist.", SUN, "20th century", "19"),
    ("Numbers fell through the nineties.", SUN, "the nineties", "199"),
    ("Exiles resent the post-1959 politics.", SUN, "post-1959", "1959"),
    # more lengths and references
    ("Eight trading days later the index recovered.", Q4, "Eight trading days", "P8D"),
    ("Output should climb over the next couple of years.", Q4, "the next couple of years", "P2Y"),
    ("Funds may sell bonds in the weeks ahead.", Q4, "the weeks ahead", "PXW"),
    ("It will sell the unit as soon as possible.", Q4, "as soon as possible", "FUTURE_REF"),
    ("The shares will be offered at a later date.", Q4, "a later date", "FUTURE_REF"),
    # halves in the next unit down
    ("The pilot spent 7 1/2 hours in Lagos.", SUN, "7 1/2 hours", "PT7H30M"),
    ("Families lived in tents for 3 1/2 years.", SUN, "3 1/2 years", "P3Y6M"),
    # the present of the story, and the generic present of any day
    ("Prices reflect current market conditions.", SUN, "current", "PRESENT_REF"),
    ("Holders may buy at the then current price.", SUN, "then current", "PAST_REF"),
    ("Chips run many of today's computers.", SUN, "today", "PRESENT_REF"),
    ("These are the challenges we face today.", SUN, "today", "PRESENT_REF"),
    ("Gains may shrink in the short term.", SUN, "the short term", "FUTURE_REF"),
    ("Orders in the current fiscal year will climb.", Q4, "the current fiscal year", "1989"),
    ("Profit rose 4% in the quarter. It was $3 a share a year ago.", Q4, "a year ago", "1988-Q3"),
    ("The plant closed a year ago.", Q4, "a year ago", "1988"),
    # durations
    ("The talks lasted four days.", SUN, "four days", "P4D"),
    ("He led the party for four years.", SUN, "four years", "P4Y"),
    ("It is the first visit in nearly five years.", SUN, "nearly five years", "P5Y"),
    ("Two months into his presidency, he travelled.", SUN, "Two months", "P2M"),
    ("Prices fell over the past three months.", SUN, "the past three months", "P3M"),
    ("The repairs will need at least three more weeks.", SUN, "three more weeks", "P3W"),
    ("The team spent only six hours on the ice.", SUN, "six hours", "PT6H"),
    ("A two-year contract was signed.", SUN, "two-year", "P2Y"),
    ("The results will take a couple of years.", SUN, "a couple of years", "P2Y"),
    ("Sales fell in the past two quarters.", Q4, "the past two quarters", "P2Q"),
    ("The bonds mature in 30 minutes.", SUN, "30 minutes", "PT30M"),
    ("The trial took several weeks.", SUN, "several weeks", "PXW"),
    # a length counted from an event: the length alone, a DURATION ("later" is a signal)
    ("Four days later, the rebels withdrew.", SUN, "Four days", "P4D"),
    ("The options lapse 60 days after the merger.", SUN, "60 days", "P60D"),
    ("He resigned two weeks before the vote.", SUN, "two weeks", "P2W"),
    ("Medics came a little over an hour later.", SUN, "over an hour", "PT1H"),
    ("The truce allows no more than thirty days of talks.", SUN, "no more than thirty days",
     "P30D"),
    # "the" belongs to a counted stretch, not to a noun the length modifies
    ("For the six months, profit doubled.", Q4, "the six months", "P6M"),
    ("The strike ended the two-week standoff.", SUN, "two-week", "P2W"),
    ("Crowds filled the three days of the festival.", SUN, "three days", "P3D"),
    # sets and references
    ("The paper is printed daily.", SUN, "daily", "P1D"),
    ("The fair is held every year.", SUN, "every year", "P1Y"),
    ("Rates are now at a low.", SUN, "now", "PRESENT_REF"),
    ("Rates will rise in the future.", SUN, "the future", "FUTURE_REF"),
    ("The law was harsher in the past.", SUN, "the past", "PAST_REF"),
    ("The firm recently cut its dividend.", Q4, "recently", "PAST_REF"),
    ("More recently, it sold two plants.", Q4, "More recently", "PAST_REF"),
    ("Rates should ease in coming months.", SUN, "coming months", "FUTURE_REF"),
    ("No sale is planned in the near future.", SUN, "the near future", "FUTURE_REF"),
    # a company's year and its report periods
    ("Sales were $40 million for the year ended June 30.", Q4, "the year", "P1Y"),
    ("Earnings will fall for the fiscal year.", Q4, "the fiscal year", "1989"),
    ("Shares hit a record for the year in June.", Q4, "the year", "1989"),
    ("Net rose in the quarter. The latest period had no one-time gains.", Q4,
     "The latest period", "1989-Q3"),
    ("Net rose in the quarter, from $2 million in the comparable period.", Q4,
     "the comparable period", "1988-Q3"),
    # times of day
    # a clock time alone keeps local time, as TimeBank writes it
    ("The market closes at 5 p.m. EST.", D(1989, 11, 2), "5 p.m. EST", "1989-11-02T17:00"),
]  # fmt: skip


def _table_rows() -> list[tuple[str, dt.date, str, str]]:
    """More rows, one per line of tests/data/temporal_expressions.tsv."""
    path = Path(__file__).parent / "data" / "temporal_expressions.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentence, anchor, mention, value = line.split("\t")
            rows.append((sentence, D.fromisoformat(anchor), mention, value))
    return rows


# Anchors across week, month, year and leap-day boundaries, for the generated rows below.
EDGE_ANCHORS = [
    D(1999, 12, 31), D(2000, 1, 1), D(2000, 1, 3), D(2020, 2, 28), D(2020, 2, 29),
    D(2020, 3, 1), D(2021, 1, 1), D(2021, 2, 28), D(2021, 3, 1), D(2023, 12, 31),
    D(2024, 1, 1), D(2026, 12, 28),
]  # fmt: skip
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _weekday_rows() -> list[tuple[str, dt.date, str, str]]:
    """A weekday in a report looks back to the latest such day, in a plan forward to the
    next (the anchor's own weekday is the anchor); computed here by plain date arithmetic."""
    rows = []
    for anchor in EDGE_ANCHORS[::2]:
        for number, name in enumerate(WEEKDAY_NAMES):
            back = anchor - dt.timedelta(days=(anchor.weekday() - number) % 7)
            ahead = anchor + dt.timedelta(days=(number - anchor.weekday()) % 7)
            rows.append(
                (
                    f"The minister said on {name} that talks had failed.",
                    anchor,
                    name,
                    back.isoformat(),
                )
            )
            rows.append(
                (f"The minister will travel to Rome on {name}.", anchor, name, ahead.isoformat())
            )
    return rows  # fmt: skip


def _relative_rows() -> list[tuple[str, dt.date, str, str]]:
    """Days, weeks, months and years counted from the anchor, across its boundaries."""
    rows = []
    for anchor in EDGE_ANCHORS:
        for word, days in (("yesterday", -1), ("today", 0), ("tomorrow", 1)):
            day = anchor + dt.timedelta(days=days)
            rows.append((f"The court rules {word}.", anchor, word, day.isoformat()))
        for word, step in (("last", -1), ("this", 0), ("next", 1)):
            year, week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
            month_index = anchor.year * 12 + anchor.month - 1 + step
            expected = {
                "week": f"{year:04d}-W{week:02d}",
                "month": f"{month_index // 12:04d}-{month_index % 12 + 1:02d}",
                "year": f"{anchor.year + step:04d}",
            }
            for unit, value in expected.items():
                rows.append((f"Prices moved {word} {unit}.", anchor, f"{word} {unit}", value))
    return rows


_TABLE_ROWS = ROWS + _table_rows() + _weekday_rows() + _relative_rows()


@pytest.mark.parametrize(("sentence", "anchor", "mention", "value"), _TABLE_ROWS)
def test_expression_and_value(sentence: str, anchor: dt.date, mention: str, value: str) -> None:
    got = {m.text: m.value for m in tag_dates(sentence, anchor)}
    assert mention in got, got
    assert got[mention] == value


def test_the_year_after_a_month_is_not_tagged_again() -> None:
    found = [m.text for m in tag_dates("Exports fell in February this year.", D(1998, 12, 3))]
    assert found == ["February"]


NOT_DATES = [
    "Nineteen twenty people came to the rally.",  # a spoken count, not a year
    "She may go to the market.",  # "May" the verb
    "The 7-year-old girl was found safe.",  # an age is not a duration
    "He is 55 years old.",
    "She watched 60 Minutes on television.",  # a title
    "He has recently moved to Ohio.",  # a perfect's "recently" is generic, untagged
    "The recently passed law took effect.",  # and so is an adjective's
    "The company sold 2,000 units.",
    "Theresa May spoke to reporters.",  # "May" the name
    "Protesters march through the city.",
    "Will Smith starred in the film.",
    "She is in her 30s.",  # an age group, not a decade
    "The 1,000-year-old church burned.",
    "He scored in the second half of the match.",  # a match's half, not a year's
    "The score was 3-2 at half-time.",
    "Call 555-1998 for details.",
    "The Sunday Times broke the story.",  # a paper's title
    "Egypt imports three-quarters of the wheat it eats.",  # fractions, not quarters
    "Pension funds own more than a quarter of the shares.",
    "Rents hit a quarter-century record.",
    "The current system works well.",  # "the current" thing: generic
    "Redemptions are strong that day.",  # no date named before it: a generic day
    "Marchers joined the March for Peace.",  # a march's name, not the month
    "She said so on the station's This Week In Review.",  # programmes' names
    "This is Radio Today.",
    "Interest rose 2.5 percent.",
    "The Boeing 747 landed safely.",
    "The results of June 31 stood.",  # no such day in any year: not a date, and no crash
    "Scores from Feb 30 were void.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_temporal_expression(sentence: str) -> None:
    assert [m.text for m in tag_dates(sentence, SUN)] == []


def test_without_an_anchor_relative_expressions_stay_unresolved() -> None:
    mentions = tag_dates("He arrives on Monday, after the vote last week.", None)
    assert {m.text: (m.value, m.resolved) for m in mentions} == {
        "Monday": (None, False),
        "last week": (None, False),
    }


@given(st.text(max_size=300), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)))
def test_offsets_slice_the_text_and_no_input_crashes(text: str, anchor: dt.date) -> None:
    mentions = tag_dates(text, anchor)
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end  # sorted, never overlapping
        previous_end = mention.end


words = st.sampled_from(
    ["on", "Monday", "last", "week", "March", "15,", "2021", "two", "days", "ago", "the",
     "third", "quarter", "next", "year", "said", "will", "today", "in", "May", "1990s", ".",
     "early", "nearly", "five", "years", "every", "daily", "now", "a", "year-earlier",
     "June", "31", "Feb", "30", "29", "0", "Sunday", "Times", "morning", "for", "past",
     "decade", "just", "under", "couple", "of", "Wednesday,", "14th", "at", "10:53", "a.m.",
     "EST", "quarter", "mid-February", "fiscal", "1990",
     # capitals, digits and marks the fast scan's lower-cased copy and triggers must handle
     "YEARS", "Ago", "Two", "The", "QUARTER", "Spring", "Every", "NOW", "Half", "half", "its",
     "first", "second", "of", "winter", "2019", "12/3/2020", "3/4/99", "/", "2020-03-04",
     "1980s", "Minutes", "60", "the end of", "calendar", "1,920", "2020.", "7pm", "noon", "at",
     "İstanbul", "Tonight", "period", "year-ago", "long", "decade-long", "over", "several",
     "nineteen", "ninety-six", "Nineteen", "thousand", "twenty-four", "earlier", "later"]
)  # fmt: skip


@given(st.lists(words, max_size=30), st.dates(min_value=D(1950, 1, 1)))
def test_news_like_word_salad_resolves_consistently(tokens: list[str], anchor: dt.date) -> None:
    text = " ".join(tokens)
    for mention in tag_dates(text, anchor):
        assert text[mention.start : mention.end] == mention.text
        assert mention.resolved == (mention.value is not None)


_FILLER = st.sampled_from(["officials", "met", "and", "then", "left", "for", "talks", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(words | _FILLER | _FILLER, max_size=200), st.dates(min_value=D(1950, 1, 1)))
def test_scanning_only_near_trigger_words_finds_what_a_full_scan_finds(
    tokens: list[str], anchor: dt.date
) -> None:
    text = " ".join(tokens)
    assert tag_dates(text, anchor) == dates_module._tag(text, anchor, windowed=False)


def test_windowed_scan_equals_full_scan_on_the_table_sentences() -> None:
    for text, anchor, *_ in _TABLE_ROWS + [(text, SUN) for text in NOT_DATES]:
        assert tag_dates(text, anchor) == dates_module._tag(text, anchor, windowed=False), text


def test_windowed_scan_equals_full_scan_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert tag_dates(text, SUN) == dates_module._tag(text, SUN, windowed=False), path.name


# The unit families' longest expressions and the lookaheads after them, which their own
# narrow windows and gates (``_NARROW_REACH``, ``_UNIT_GATES``) must still hold whole:
# each the only unit word of its text, so that no other trigger's window widens its own.
_LONGEST_UNIT_EXPRESSIONS = [
    "no more than seventy-seven to seventy-seven and a half business days",
    "seventy-seven centurys-longer",
    "seventy-seven years ago",
    "seventy-seven centurys from nowhere",
    "over the previous decade",
    "over the previous century before",
    "for decades before",
    "the decades aheadless",
    "a decade-longer",
    # the month and weekday families' own reaches (``_NARROW_REACH``, ``_TRIGGERS``)
    "on Wednesday, September 12th, 2021, at 10:53 a.m. EST",
    "on Wednesday, September 12th, 20215",
    "on Wednesday, 14th of September, 2021",
    "on 14th September, 20215",
    "at the beginning of September. of next year",
    "on 14th September officials",
    "at the beginning of September 2",
    "in early-September",
    "in September next year",
    "Early Sunday afternoon Independent",
    "Early Sunday Independent",
    "as soon as possible",
    "in coming quarterson",
    "every Wednesday, each September",
]
_UNIT_WORDS = st.sampled_from(
    ["a", "couple", "of", "few", "the", "past", "last", "previous", "next", "coming", "for",
     "no", "more", "than", "twenty-four", "twenty", "four", "30", "1/2", "2.5", "and", "half",
     "to", "or", "business", "day", "days", "week", "Years", "decade", "decades", "century",
     "centurys", "hour-long", "-long", "old", "ago", "earlier", "from", "now", "before",
     "after", "ahead", "recent", "several", "many", "Monday", "today", "yearly", ",", "\n"]
)  # fmt: skip


def test_the_unit_families_narrow_windows_keep_their_longest_expressions() -> None:
    for expression in _LONGEST_UNIT_EXPRESSIONS:
        text = f"Officials said {expression} in talks."
        assert tag_dates(text, SUN) == dates_module._tag(text, SUN, windowed=False), text


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNIT_WORDS, max_size=60), st.sampled_from([" ", "", "-"]))
def test_the_unit_families_narrow_windows_find_what_a_full_scan_finds(
    tokens: list[str], joint: str
) -> None:
    text = joint.join(tokens)
    assert tag_dates(text, SUN) == dates_module._tag(text, SUN, windowed=False)


def test_a_letter_that_lower_cases_longer_keeps_offsets_right() -> None:
    """'İ' lower-cases to two characters; the tagger must not read offsets off the
    lower-cased text then."""
    text = "İİİ İstanbul: prices rose two years ago, and again last week."
    found = tag_dates(text, SUN)
    assert found == dates_module._tag(text, SUN, windowed=False)
    assert {(m.text, text[m.start : m.end]) for m in found} >= {("two years ago", "two years ago")}


def test_the_articles_own_date_wins_over_the_reference_date() -> None:
    """Seed 003 is dated 15 March 2021 (a Monday): its "on Sunday said" is 14 March, and
    "July, last year" July 2020, whatever reference date the caller gives."""
    from tripnews.model import RawInput
    from tripnews.pipeline import Settings, process_raw

    path = SEEDS / "003_5587e2acc58fdf71.txt"
    raw = RawInput(source=path.name, format="text", text=path.read_text(encoding="utf-8"))
    article = process_raw(raw, Settings(reference_date=D(2023, 6, 17)))
    values = {m.text: m.value for m in article.dates}
    assert values["Sunday"] == "2021-03-14"
    assert values["July, last year"] == "2020-07"
    assert article.dates_anchor is not None
    assert (article.dates_anchor.value, article.dates_anchor.origin) == ("2021-03-15", "published")


def test_the_reference_date_anchors_an_article_without_a_date() -> None:
    from tripnews.pipeline import process_text

    article = process_text("Officials met in Rome on Sunday.", reference_date=D(2023, 6, 17))
    assert [(m.text, m.value) for m in article.dates] == [("Sunday", "2023-06-11")]
    assert article.dates_anchor is not None
    assert article.dates_anchor.origin == "reference-date"
    assert process_text("Officials met in Rome on Sunday.").dates_anchor is None


def test_a_json_date_gives_the_anchor_and_wins_over_the_reference_date() -> None:
    from tripnews.pipeline import process_record

    record = process_record(
        {"text": "Officials met in Rome on Sunday.", "date": "2021-03-15"},
        reference_date=D(2023, 6, 17),
    )
    assert [(d["text"], d["value"]) for d in record["dates"]] == [("Sunday", "2021-03-14")]
    assert record["dates_anchor"] == {"value": "2021-03-15", "origin": "published"}


def test_every_holiday_rule_gives_a_day_in_its_month() -> None:
    """An integrity test of data/holidays.tsv: each rule names a day of its month in any
    year, and the weekday rules land on their weekday."""
    from tripnews.rules import load_table

    for name, month, rule, where in load_table("holidays"):
        assert where == "any" or re.fullmatch(r"[A-Z]{2}", where), name
        for year in range(1980, 2041):
            day = dates_periods._holiday_in(year, int(month), rule)
            assert day.month == int(month), (name, year)
            if not rule.isdigit():
                assert day.strftime("%a") == rule.lstrip("-0123456789")[:3], (name, year)


def test_a_frame_expression_after_no_date_stays_unresolved() -> None:
    """'The next day' after an undated event: the story's day is not known, so no value
    (the anchor would be a guess)."""
    found = tag_dates("Talks opened in Geneva. The next day they broke down.", SUN)
    assert [(m.text, m.value, m.resolved) for m in found] == [("The next day", None, False)]


def test_a_sentence_ending_right_after_a_number_and_unit_does_not_crash() -> None:
    found = tag_dates("The walkout would go on through the two day", SUN)
    assert [(m.text, m.value) for m in found] == [("two day", "P2D")]


def test_a_relative_day_opening_the_paragraph_under_a_heading_is_kept() -> None:
    text = "Envoy in Lisbon\n\nYesterday, the envoy met the mayor."
    assert [(m.text, m.value) for m in tag_dates(text, D(2021, 3, 15))] == [
        ("Yesterday", "2021-03-14")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway runs a current account surplus.",  # a balance of trade
        "The river current was too strong to swim.",  # a flow, not the present
        "A current of cold air swept the valley.",
        "The shop sold Christmas trees.",  # the feast's name on a thing
        "Halloween is a feast of old roots.",  # the feast itself, no time of anything
    ],
)
def test_words_that_only_look_like_times_are_not_tagged(sentence: str) -> None:
    assert [m.text for m in tag_dates(sentence, SUN)] == []


def test_current_before_a_noun_is_still_the_present() -> None:
    found = tag_dates("Her current post ends soon.", SUN)
    assert [(m.text, m.value) for m in found] == [("current", "PRESENT_REF")]


@pytest.mark.parametrize(
    ("sentence", "mention", "value"),
    [
        ("The mill shut on Christmas Day 2015.", "Christmas Day 2015", "2015-12-25"),
        ("Stores close early for Thanksgiving.", "Thanksgiving", "2020-11-26"),
        ("She flew home on Christmas morning.", "Christmas", "2020-12-25"),
        ("The boat was found Thanksgiving Day drifting.", "Thanksgiving Day", "2020-11-26"),
        ("Boston will hold fireworks on Independence Day.", "Independence Day", "2021-07-04"),
        # another country's day of the same name: tagged, its day not guessed
        ("Ghana marked Independence Day with parades.", "Independence Day", None),
        ("Crowds gathered on Independence Day in Kenya.", "Independence Day", None),
    ],
)
def test_holidays_in_their_context(sentence: str, mention: str, value: str | None) -> None:
    got = {m.text: m.value for m in tag_dates(sentence, SUN)}
    assert mention in got, got
    assert got[mention] == value
    assert len(got) == 1, got  # a year joined into the holiday is not tagged again


@pytest.mark.parametrize(
    "expression",
    ["the beginning of previous year", "the middle of the calendar fiscal year",
     "earlier this quarter", "the end of the current fiscal year"],
)  # fmt: skip
def test_the_relative_unit_window_holds_its_longest_expressions(expression: str) -> None:
    text = f"Officials said sales fell in {expression}, the report showed."
    assert tag_dates(text, SUN) == dates_module._tag(text, SUN, windowed=False), text
