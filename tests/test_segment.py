"""Sentence and paragraph boundaries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripnews import segment
from tripnews.rules import load_words
from tripnews.segment import paragraphs, sentences


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Kim said so. He left.", ["Mr. Kim said so.", "He left."]),
        (
            "The U.S. Army general spoke. Then he left.",
            ["The U.S. Army general spoke.", "Then he left."],
        ),
        ("John F. Kennedy was there. So was I.", ["John F. Kennedy was there.", "So was I."]),
        ('"We will win," he said. "Soon."', ['"We will win," he said.', '"Soon."']),
        ("It rose on Feb. 10 to 5. Prices fell.", ["It rose on Feb. 10 to 5.", "Prices fell."]),
        ("One line\nAnother line", ["One line", "Another line"]),
        ("“Stop.” She did.", ["“Stop.”", "She did."]),
        ("Costs were 3.5 percent. Good.", ["Costs were 3.5 percent.", "Good."]),
    ],
)
def test_sentences(text, expected):
    assert _split(text) == expected


def test_paragraphs_skip_blank_lines():
    text = "First para.\n\n  Second para.  \n\n\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["First para.", "Second para."]


@given(st.text(max_size=500))
def test_spans_are_ordered_nonempty_and_inside(text):
    previous_end = 0
    for span in sentences(text):
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        previous_end = span.end


@given(
    st.lists(
        st.sampled_from(["Sen", "Mr", "a", "U.S", ".", "\n", " ", "Feb", "J", "said", "meeting"]),
        max_size=14,
    ).map("".join),
    st.integers(0, 80),
)
def test_an_abbreviation_is_the_word_the_pattern_reads_before_the_dot(text, dot):
    dot = min(dot, len(text))
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 32) : dot])
    word = match.group(1) if match else ""
    expected = bool(word) and (
        (len(word) == 1 and word.isupper())
        or ("." in word and len(word.replace(".", "")) <= 3)
        or word.lower().rstrip(".") in load_words("abbreviations")
    )
    assert segment._is_abbreviation(text, dot) == expected


def test_no_abbreviation_is_as_long_as_the_letters_that_end_a_sentence_outright():
    # _is_abbreviation answers "no" for a dot after this many letters without reading
    # the word list: a longer abbreviation added to the list must lift the count
    longest = max(len(word) for word in load_words("abbreviations"))
    assert longest < segment._PAST_ABBREVIATIONS
    assert not segment._is_abbreviation("They met at the meeting. Then", 23)
