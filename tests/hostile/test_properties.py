"""Property tests: random text and bytes never crash a stage, and offsets always slice exactly."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tripnews.extract.dates import tag_dates
from tripnews.extract.entities import find_entities
from tripnews.extract.quotes import extract_quotes
from tripnews.extract.trip import extract_trip
from tripnews.load import record_to_raw
from tripnews.model import RawInput
from tripnews.pipeline import process_raw, process_text
from tripnews.summarize import summarize

# Text drawn from characters that news extractors react to, so the search is not wasted
# on text no rule ever looks at.
NEWSY = st.lists(
    st.sampled_from(
        [*"AaBbKkMmSsTt ,.;:'\"“”‘’-—()[]\n0123456789", "Mr ", "said ", "on Monday ", "May "]
    ),
    max_size=200,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_offsets(article):
    text = article.text
    for group in (article.people, article.places, article.organizations):
        for entity in group:
            assert entity.count == len(entity.mentions)
            for m in entity.mentions:
                assert 0 <= m.start < m.end <= len(text)
                assert text[m.start : m.end] == m.text
    for d in article.dates:
        assert text[d.start : d.end] == d.text
        assert not d.resolved or d.value is not None
    for q in article.quotes:
        assert text[q.start : q.end] == q.text
    for sentence in article.summary:
        assert sentence in text


@PROPS
@given(ANY_TEXT)
def test_process_text_never_crashes(text):
    _assert_offsets(process_text(text, reference_date=dt.date(2021, 3, 14)))


@PROPS
@given(st.text(max_size=400))
def test_html_input_never_crashes(markup):
    _assert_offsets(process_raw(RawInput("x.html", "html", "<html><body>" + markup)))


@PROPS
@given(ANY_TEXT)
def test_entities_slice_exactly(text):
    found = find_entities(text)
    for group in (found.people, found.places, found.organizations):
        for entity in group:
            for m in entity.mentions:
                assert text[m.start : m.end] == m.text


@PROPS
@given(ANY_TEXT, st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_dates_slice_exactly(text, anchor):
    for d in tag_dates(text, anchor):
        assert text[d.start : d.end] == d.text
        if anchor is None and d.value is not None:
            assert d.resolved


@PROPS
@given(ANY_TEXT)
def test_quotes_trip_and_summary_on_their_own(text):
    found = find_entities(text)
    for quote in extract_quotes(text, found.people, found.organizations):
        assert text[quote.start : quote.end] == quote.text
    dates = tag_dates(text, dt.date(2021, 3, 14))
    for leg in extract_trip(text, found.people, found.places, dates):
        assert leg.evidence.strip() in text
    for sentence in summarize(text, 3, (), found):
        assert sentence in text


@PROPS
@given(
    st.dictionaries(st.sampled_from(["text", "html", "title", "date", "url"]), st.text(max_size=80))
)
def test_json_records_never_crash(obj):
    item = record_to_raw(obj, "r.json")
    if isinstance(item, RawInput):
        _assert_offsets(process_raw(item))


def _word(number: int) -> str:
    """A distinct capitalised word per number: 0 -> "Baaa", 1 -> "Caaa", ..."""
    letters = []
    for _ in range(4):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("a") + digit))
    return "B" + "".join(letters)


# Inputs built to trip regular expressions (or any step) into superlinear time.
ADVERSARIAL = {
    "capitals": "A" * 5000 + " " + "Mr " * 2000,
    "capitalised words": " ".join(["Aaaa"] * 6000),
    "dots": "." * 20000 + "a",
    "initials": "A. " * 5000 + "said",
    "quotes": '"' * 10000 + "“" * 5000,
    "open quotes": '"a ' * 5000,
    "digits": "1" * 20000 + " 2021-" * 1000,
    "date-ish": "March " * 5000 + "15, " * 2000,
    "spaces": " " * 50000 + "x",
    "hyphens": "-".join(["Kim"] * 5000),
    "commas": "Kim, " * 8000 + "said",
    "newlines": "\n" * 20000 + "Paris.",
    # thousands of different people: linking short forms must not compare each with all
    "names": " ".join(f"John {_word(i)} said. {_word(i + 7)} said." for i in range(20000)),
    # as many quotes, each with a pronoun that fits no one named before it
    "quotes and names": "\n".join(
        f'"We go on," John {_word(i)} said. "It is fine," she added.' for i in range(12000)
    ),
}

# Linear-time processing of ~50 KB takes well under a second; quadratic or worse takes minutes.
_GENEROUS_SECONDS = 20


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_finishes_quickly(name):
    start = time.perf_counter()
    article = process_text(ADVERSARIAL[name], reference_date=dt.date(2021, 3, 14))
    assert time.perf_counter() - start < _GENEROUS_SECONDS, name
    _assert_offsets(article)


def test_a_letter_that_lower_cases_longer_does_not_shift_the_summary():
    """'İ' lower-cases to two characters; the summary reads words at the text's offsets,
    so it must pick the same sentences as for the same text with a plain 'I'."""
    text = (
        "İ" * 80 + ". Ministers met. The talks in the city ran on "
        "for nine hours before the ministers agreed on a plan. Later they left the city. "
        "Officials said the plan would cut prices across the city within a year."
    )
    plain = text.replace("İ", "I")
    assert [s.replace("İ", "I") for s in summarize(text, 2)] == list(summarize(plain, 2))
