"""Trip legs on sentences written for the purpose, negatives included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tripnews.extract import trip
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


def test_a_list_of_places_after_one_verb_with_a_gap_gives_a_leg_each():
    text = "Olaf Brenner will be visiting three nations - Kenya, Ghana and Senegal next month."
    assert [(t, place) for t, place, _, _ in legs(text)] == [
        (("Olaf Brenner",), "Kenya"),
        (("Olaf Brenner",), "Ghana"),
        (("Olaf Brenner",), "Senegal"),
    ]


def test_a_city_and_its_country_are_one_leg_with_the_city():
    text = (
        "Olaf Brenner will arrive in Nairobi on Monday.\n\n"
        "Olaf Brenner will then travel to Kenya's coast.\n\n"
        "Olaf Brenner will visit Kenya for three days."
    )
    assert [place for _, place, _, _ in legs(text)] == ["Nairobi"]


def test_the_same_visit_told_twice_is_one_leg():
    text = (
        "Olaf Brenner spoke to reporters ahead of his visit to Ghana.\n\n"
        "Olaf Brenner is scheduled to visit Ghana on Sunday."
    )
    found = legs(text)
    assert [(place, planned) for _, place, _, planned in found] == [("Ghana", True)]


def test_a_present_tense_with_a_day_is_planned_and_a_past_tense_is_not():
    assert legs("Olaf Brenner and Ines Calder arrive in Accra on Monday.")[0][3] is True
    assert legs("Olaf Brenner and Ines Calder arrived in Accra on Friday.")[0][3] is False


def test_accompanied_by_adds_the_companion_to_the_legs_of_the_sentence():
    text = (
        "Olaf Brenner will visit Kenya and Ghana.\n\n"
        "In Ghana, Olaf Brenner will be accompanied by Ines Calder during meetings."
    )
    assert [(t, place) for t, place, _, _ in legs(text)] == [
        (("Olaf Brenner",), "Kenya"),
        (("Olaf Brenner", "Ines Calder"), "Ghana"),
    ]


def test_visits_as_a_noun_go_with_the_party_travelling_so_far():
    text = (
        "Olaf Brenner and Ines Calder will travel to Kenya on Monday.\n\n"
        "Further visits are planned later this month to Ghana and Senegal."
    )
    assert [(t, place) for t, place, _, _ in legs(text)][1:] == [
        (("Olaf Brenner", "Ines Calder"), "Ghana"),
        (("Olaf Brenner", "Ines Calder"), "Senegal"),
    ]
    # with no party travelling before, the noun names no one: the person of the sentence
    # before is not taken for a traveller
    text = "Olaf Brenner spoke on Monday.\n\nFurther visits are planned later this month to Ghana."
    assert legs(text) == []


def test_a_facility_is_never_a_traveller():
    text = "Denver International Airport will return to Phoenix next week."
    assert legs(text) == []


def test_a_role_as_the_subject_is_the_one_person_who_holds_it():
    text = (
        "Secretary of Defense Olaf Brenner spoke on Friday.\n\n"
        "The Secretary of Defence will travel to Kenya next week."
    )
    assert [(t, place) for t, place, _, _ in legs(text)] == [(("Olaf Brenner",), "Kenya")]
    # a role nobody in the article holds travels nowhere
    assert legs("The Secretary of Defence will travel to Kenya next week.") == []


# The cue search skips to the non-word characters before a cue; it must find what the
# plain pattern finds, on any text and any stretch of it.
_CUE_TEXT = st.lists(
    st.sampled_from(
        [
            *("arrived in ", "visit ", "revisit ", "to ", "in ", "Tokyo ", "met ", "talks "),
            *(" ", "-", "(", "é", "x", ".", "the visit to ", "flew to ", "this in ", "went on to "),
        ]
    ),
    max_size=12,
).map("".join)


@given(_CUE_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_the_cue_search_finds_what_the_cue_pattern_finds(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = [m.span() for m in trip._cues().finditer(text, start, end)]
    assert [m.span() for m in trip._cues_in(text, start, end)] == expected


def test_every_shipped_cue_opens_with_a_letter_so_the_fast_search_runs() -> None:
    assert trip._cues_after_non_word() is not None
    assert trip._opening_letters("(?:visits?|trips?) to") == "vt"
    assert trip._opening_letters("arriv(?:e|ed) in") == "a"
    assert trip._opening_letters("a|-b") is None  # a branch of its own may open otherwise
    assert trip._opening_letters("(?:a)?b") is None  # an optional first group
    assert trip._opening_letters(r"\(a") is None


def test_went_back_to_a_city_to_hold_meetings_is_a_leg():
    # "to X to hold meetings": the cue whose look-ahead needs the capital after the space
    from tripnews.pipeline import process_text

    article = process_text("The envoy Maria Costa went back to Lisbon to hold meetings.")
    assert [(leg.place, leg.travellers) for leg in article.trip] == [("Lisbon", ("Maria Costa",))]
