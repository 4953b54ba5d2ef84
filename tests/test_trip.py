"""Trip legs on sentences written for the purpose, negatives included."""

from __future__ import annotations

import datetime as dt

from tripnews.extract.dates import tag_dates
from tripnews.extract.entities import find_entities
from tripnews.extract.trip import extract_trip

ANCHOR = dt.date(2021, 3, 14)  # a Sunday


def legs(text: str) -> list[tuple[tuple[str, ...], str, str | None, bool]]:
    found = find_entities(text)
    dates = tag_dates(text, ANCHOR)
    return [
        (leg.travellers, leg.place, leg.date, leg.planned)
        for leg in extract_trip(text, found.people, found.places, dates)
    ]


def test_arrival_with_its_day():
    text = "Antony Blinken and Lloyd Austin arrived in Tokyo on Friday."
    assert legs(text) == [(("Antony Blinken", "Lloyd Austin"), "Tokyo", "2021-03-12", False)]


def test_planned_leg_and_a_pronoun_for_the_pair():
    text = (
        "Antony Blinken met Lloyd Austin in Washington on Friday.\n\n"
        "The pair will travel to Seoul on Wednesday."
    )
    assert legs(text)[-1] == (("Antony Blinken", "Lloyd Austin"), "Seoul", "2021-03-17", True)


def test_meeting_in_a_place_and_the_hosts_are_not_travellers():
    text = "Lloyd Austin will meet Defence Minister Rajnath Singh in Delhi."
    assert legs(text) == [(("Lloyd Austin",), "Delhi", None, True)]


def test_a_place_that_locates_the_city_is_not_a_second_leg():
    text = "Jake Sullivan will hold talks in Anchorage, Alaska."
    assert [leg[1] for leg in legs(text)] == ["Anchorage"]


def test_visit_as_a_noun_without_a_destination_is_no_leg():
    text = "Antony Blinken said the visit was a success for the alliance."
    assert legs(text) == []


def test_a_place_that_is_only_a_topic_is_no_leg():
    text = "Antony Blinken will hold talks about Taiwan with the delegation."
    assert legs(text) == []


def test_no_traveller_no_leg():
    text = "Talks in Geneva ended without agreement."
    assert legs(text) == []


def test_one_date_after_several_places_starts_the_trip_at_the_first():
    text = "Antony Blinken will travel to Japan and South Korea starting on Monday."
    assert [(place, date) for _, place, date, _ in legs(text)] == [
        ("Japan", "2021-03-15"),
        ("South Korea", None),  # its day is not stated
    ]


def test_each_place_with_its_own_day():
    text = "Antony Blinken will visit Tokyo on Monday and Seoul on Wednesday."
    assert [(place, date) for _, place, date, _ in legs(text)] == [
        ("Tokyo", "2021-03-15"),
        ("Seoul", "2021-03-17"),
    ]
