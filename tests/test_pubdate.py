"""Publication-date parsers: exact on what they accept, silent on what they cannot know."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripnews.extract.dates import tag_dates
from tripnews.pubdate import date_in_line, header_date, iso_date, url_date

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("editor — March 11, 2020", "2020-03-11"),
        ("Posted on Wednesday, 11th March 2020 at 10:15", "2020-03-11T10:15:00"),
        ("By Staff | 2020-08-17 | 3 min read", "2020-08-17"),
        ("17.08.2020, 12:00", "2020-08-17"),
        ("Updated 12 minutes ago", None),
        ("March 2020", None),
        ("Published 31/02/2020", None),
        ("Published 1/1/0001", None),
        # other languages' month names, particles and calendars
        ("Publicado el 24 de abril de 2020", "2020-04-24"),
        ("Publicado em 3 de março de 2019", "2019-03-03"),
        ("Mis à jour le 5 août 2021 à 10h", "2021-08-05"),
        ("Veröffentlicht am 24. März 2020, 10:15", "2020-03-24T10:15:00"),
        ("pubblicato il 12 dicembre 2018", "2018-12-12"),
        ("Aktualisiert am 06. Mär. 2023", "2023-03-06"),
        ("3. Okt. 2019, 10:15", "2019-10-03T10:15:00"),
        ("24. Dez 2020", "2020-12-24"),
        ("24 апреля 2020 г., 12:30", "2020-04-24"),
        ("31 грудня 2019", "2019-12-31"),
        ("12 października 2020", "2020-10-12"),
        ("24 Nisan 2020 Cuma", "2020-04-24"),
        ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T21:22:00"),
        ("2020年4月24日 9:22", "2020-04-24"),
        ("2020년 4월 24일", "2020-04-24"),
        ("Walmart 5, 2020 plans", None),  # a month name only as a whole word
    ],
)
def test_date_in_line(line: str, expected: str | None) -> None:
    assert date_in_line(line) == expected


@given(days)
def test_written_dates_round_trip(day: dt.date) -> None:
    assert date_in_line(f"By A. Writer {day:%B} {day.day}, {day.year}") == day.isoformat()
    assert date_in_line(f"{day.day} {day:%b} {day.year} - Fonte") == day.isoformat()


@given(days, st.booleans())
def test_numeric_dates_are_read_only_when_unambiguous(day: dt.date, day_first: bool) -> None:
    line = f"{day.day:02d}/{day.month:02d}/{day.year}"
    got = date_in_line(line)
    if day.day > 12 or day.day == day.month:
        assert got == day.isoformat()
    else:
        assert got is None
    assert date_in_line(line, day_first=True) == day.isoformat()


@given(st.text(max_size=200))
def test_date_in_line_never_raises(line: str) -> None:
    got = date_in_line(line)
    assert got is None or dt.date.fromisoformat(got[:10])


def test_placeholder_and_far_future_years_are_rejected() -> None:
    assert iso_date("0001-01-01T00:00:00Z") is None
    assert iso_date("2999-01-01") is None
    assert header_date("1 January 1970") is None
    assert url_date("https://example.com/1970/01/01/x") is None
    assert iso_date("2020-05-14T08:00:00Z") == "2020-05-14T08:00:00+00:00"


def test_tagger_with_an_anchor_at_the_calendar_edge_does_not_crash() -> None:
    mentions = tag_dates("He arrived on Monday and left on Friday.", dt.date.min)
    assert [m.text for m in mentions] == ["Monday", "Friday"]
    assert all(m.value is None and not m.resolved for m in mentions)


def test_dotted_numeric_dates_are_day_first_and_year_first_dates_are_read() -> None:
    from tripnews.pubdate import date_in_line

    assert date_in_line("Stand: 04.02.2022 10:16 Uhr") == "2022-02-04"
    assert date_in_line("Posted 2020/07/13") == "2020-07-13"
    assert date_in_line("2020.7.3 update") == "2020-07-03"
    assert date_in_line("04/02/2022") is None  # slashes: the US and Europe disagree


def test_two_digit_years_are_read_in_dotted_date_lines_only() -> None:
    from tripnews.pubdate import short_year_date

    assert short_year_date("Kultur, 13.07.20") == "2020-07-13"
    assert short_year_date("am 8.5.12 um 10:15") == "2012-05-08"
    assert short_year_date("seit 1.1.95") == "1995-01-01"
    # versions, addresses, clock times and impossible days are no dates
    for line in ("Version 1.2.3", "10.0.0.12", "12.30.45", "31.02.21", "13.13.13", "1.2.2020"):
        assert short_year_date(line) is None


@given(days)
def test_two_digit_year_dates_round_trip(day: dt.date) -> None:
    from tripnews.pubdate import short_year_date

    # the days run from 1990 to 2026, inside the window the pivot sets (1970 to 2069)
    assert short_year_date(f"Posted {day.day}.{day.month}.{day:%y}") == day.isoformat()


def test_a_url_may_name_its_month() -> None:
    assert url_date("https://example.com/world/2020/oct/02/halls-too-full") == "2020-10-02"
    assert url_date("https://example.com/2019/Sep/5/") == "2019-09-05"
    assert url_date("https://example.com/2020/opinion/02/x") is None
    assert url_date("https://example.com/2020/feb/30/x") is None


def test_what_the_parsers_accept_does_not_depend_on_the_day_they_run() -> None:
    # a fixed window, not one that moves with the clock: a year well after today is a
    # date the parser reads, and the pipeline decides against the day it is told
    assert iso_date("2061-04-02") == "2061-04-02"
    assert header_date("2 April 2061") == "2061-04-02"


_FUTURE_PAGE = (
    "<html><head><title>Harbour notes</title>"
    '<meta property="article:published_time" content="2061-04-02T09:00:00Z"></head>'
    "<body><article><p>The harbour board met on Monday to agree the summer timetable "
    "for the island ferries, its chair said.</p></article></body></html>"
)


def test_a_page_dated_years_after_the_run_has_no_publication_date() -> None:
    from tripnews.model import RawInput
    from tripnews.pipeline import Settings, process_raw

    raw = RawInput(source="p.html", format="html", text=_FUTURE_PAGE)
    told = process_raw(raw, Settings(today=dt.date(2026, 11, 29)))
    assert told.published is None and told.dates_anchor is None
    # the same page, read on a day after its date: the date stands
    later = process_raw(raw, Settings(today=dt.date(2061, 5, 1)))
    assert later.published is not None and later.published.value.startswith("2061-04-02")


def test_the_command_line_tells_the_pipeline_the_day_it_runs(tmp_path) -> None:
    from typer.testing import CliRunner

    from tripnews.cli import app

    (tmp_path / "p.html").write_text(_FUTURE_PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "p.html"), "-f", "jsonl"])
    assert result.exit_code == 0
    assert '"published":null' in result.stdout
