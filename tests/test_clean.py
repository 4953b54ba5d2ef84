"""The plain-text cleaner, one boilerplate family at a time, on small hand-made scrapes.

Each family has a case that must go and, where users could lose real text, a case
that must stay.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripnews.clean import clean_text
from tripnews.clean.text import _WORD, _word_total
from tripnews.clean.text import count_words as _count_words

BODY = [
    "The mayor opened the new bridge on Tuesday, three years late and well over budget.",
    "Residents lined the river to watch, and several said the wait had been worth it.",
    "The council will vote on the tolls next month, officials said.",
]


def scrape(*lines: str) -> str:
    return "\n".join(lines)


def paras(text: str) -> list[str]:
    """The cleaned text's paragraphs (it separates them with a blank line)."""
    return [line for line in clean_text(text).text.splitlines() if line]


def kinds(text: str) -> dict[str, str]:
    return {r.text: r.kind for r in clean_text(text).removed}


def test_related_headline_block_goes_whatever_the_headlines_say() -> None:
    raw = scrape(
        "Bridge opens at last",
        *BODY,
        "Most Read",
        "Floods close the coast road",
        "2 hours ago",
        "Farmers count the cost of the dry spring",
        "5 hours ago",
    )
    assert paras(raw) == BODY
    removed = kinds(raw)
    assert removed["Floods close the coast road"] == "related-links"
    assert removed["Most Read"] == "related-links"


def test_navigation_and_accessibility_lines_go() -> None:
    raw = scrape("Skip to content", "Accessibility links", "Bridge opens at last", *BODY,
                 "Back to top button", "Share this article")  # fmt: skip
    assert paras(raw) == BODY
    assert set(kinds(raw).values()) == {"navigation"}


def test_promotional_prompts_go_but_a_sentence_about_newsletters_stays() -> None:
    kept = "The paper said it would subscribe its readers to nothing they had not chosen."
    raw = scrape(
        "Bridge opens at last",
        *BODY,
        kept,
        "Like this story? Share it with a friend!",
        "Receive our top stories in your inbox. Subscribe to The Courier's newsletters.",
        "Have a tip? Jo Bloggs may be reached at jo@example.com.",
    )
    assert paras(raw) == [*BODY, kept]


def test_repeated_caption_and_credited_caption_go() -> None:
    caption = "The mayor cuts the ribbon on the new bridge"
    raw = scrape(
        "Bridge opens at last",
        caption,
        f"{caption} (Jane Doe/AP)",
        BODY[0],
        "Crowds on the riverbank. Picture: PA",
        *BODY[1:],
    )
    assert paras(raw) == BODY
    assert {"caption", "credit"} >= set(kinds(raw).values())


def test_a_quote_repeated_on_purpose_stays() -> None:
    quote = '"We built it, and they came," the mayor said.'
    raw = scrape("Bridge opens at last", BODY[0], quote, BODY[1], quote, BODY[2])
    assert paras(raw) == [BODY[0], quote, BODY[1], quote, BODY[2]]


def test_one_line_paragraph_that_is_a_sentence_stays() -> None:
    raw = scrape("Bridge opens at last", BODY[0], "It rained.", BODY[1], BODY[2])
    assert "It rained." in paras(raw)


def test_agency_tag_and_desk_credit_become_metadata_not_text() -> None:
    raw = scrape("Bridge opens at last", "By Press Association", *BODY, "Online Desk")
    cleaned = clean_text(raw)
    assert paras(raw) == BODY
    assert cleaned.byline is not None or cleaned.publisher is not None
    assert "Online Desk" in kinds(raw)


def test_paragraph_broken_mid_sentence_is_joined() -> None:
    raw = scrape(
        "Bridge opens at last",
        "The bridge was designed by Ann Lee, a retired Army engineer,",
        "told reporters it would last a century.",
        *BODY,
    )
    first = paras(raw)[0]
    assert first == (
        "The bridge was designed by Ann Lee, a retired Army engineer, "
        "told reporters it would last a century."
    )


def test_subheading_stays_in_text_and_is_known_as_a_heading() -> None:
    raw = scrape("Bridge opens at last", BODY[0], BODY[1], "Tolls and traffic", BODY[2], BODY[0])
    cleaned = clean_text(raw)
    assert "Tolls and traffic" in paras(raw)
    headings = [cleaned.text[h.start : h.end] for h in cleaned.headings]
    assert headings == ["Tolls and traffic"]
    assert cleaned.title == "Bridge opens at last"


def test_results_table_at_the_end_is_data_not_a_footer() -> None:
    table = ["Scorers :", "Vardania - Teo Mirescu ( 12th ) , Ilie Vantu ( 80th )",
             "Attendance : 350"]  # fmt: skip
    raw = scrape("Vardania beat Ostrelia", *BODY, *table)
    assert paras(raw)[-2:] == table[-2:]


def test_wire_dateline_line_gives_place_and_date() -> None:
    raw = scrape("Hosts win the cup", "BUCHAREST 1996-08-30", *BODY)
    cleaned = clean_text(raw)
    assert paras(raw) == BODY
    assert cleaned.dateline is not None and cleaned.dateline.place == "Bucharest"
    assert cleaned.published is not None and cleaned.published.value == "1996-08-30"


def test_section_label_before_a_dash_is_not_a_dateline() -> None:
    raw = scrape("Cup results", "SOCCER - VARDANIA HOLD OSTRELIA IN YOUTH FINAL .", *BODY)
    dateline = clean_text(raw).dateline
    assert dateline is None or dateline.place != "Soccer"


@given(st.text(alphabet="ab 'x-\n’", max_size=400), st.integers(1, 40))
def test_counting_words_up_to_a_limit_agrees_with_counting_them_all(text: str, limit: int) -> None:
    assert _count_words(text, limit) == min(limit, len(_WORD.findall(text)))


@given(st.text(alphabet="ab1 '’_-.\n“é東", max_size=200))
def test_counting_words_in_c_agrees_with_the_word_pattern(text: str) -> None:
    assert _word_total(text) == len(_WORD.findall(text))


@pytest.mark.parametrize(
    "text", ["rock'n'roll", "it's", "'tis", "a''b", "x’s’ y", "don't, it’s", "café's", "a_b"]
)
def test_counting_words_in_c_agrees_on_apostrophes(text: str) -> None:
    assert _word_total(text) == len(_WORD.findall(text))


def test_a_scrape_cut_short_keeps_its_only_prose() -> None:
    """A scrape that stops mid-sentence after its date line: the cut lead is the article,
    not a caption, when nothing else is left."""
    text = (
        "Harbour Ferry Returns After Repairs\n\n"
        "Tue., Feb. 6, 2024 9:10 AM PST\n"
        "Late Monday evening, after a month in dry dock, the island ferry sailed back into "
        "the harbour at Port Elin,\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Harbour Ferry Returns After Repairs"
    assert cleaned.text.startswith("Late Monday evening, after a month in dry dock")


def test_a_short_line_under_the_headline_is_still_no_article() -> None:
    # nothing but a headline and a kicker: the kicker is no article text
    cleaned = clean_text("Harbour Ferry Returns After Repairs\nPhoto gallery\n")
    assert cleaned.text == ""


def test_the_pages_own_address_above_the_story_is_not_text() -> None:
    text = (
        "https://news.example.org/local/ferry-returns-after-repairs-2041.php\n"
        "PORT ELIN, Maine (AP) — The island ferry sailed back into the harbour on Monday "
        "after a month of repairs, the harbour office said.\n"
        "Its timetable is unchanged; the DOI of the survey is https://doi.example/10.5/x.\n"
    )
    cleaned = clean_text(text)
    assert cleaned.text.startswith("The island ferry sailed back")
    assert cleaned.dateline is not None and cleaned.dateline.place == "Port Elin"
    assert "https://doi.example/10.5/x" in cleaned.text  # a link inside prose stays
    assert ("navigation", text.split("\n")[0]) in [(r.kind, r.text) for r in cleaned.removed]
