"""The plain-text cleaner's rules for credits, publisher tags and titles, on scrapes
written for these tests."""

from __future__ import annotations

from tests.test_clean import BODY, scrape
from tripnews import process_text
from tripnews.clean import clean
from tripnews.model import RawInput


def test_contributor_and_desk_credits_are_removed_and_name_no_one() -> None:
    text = scrape(
        "Bridge opens at last",
        *BODY,
        "Marta Quell contributed to this report.",
        "Reporting by Olek Brandt in Lisbon; Editing by Tessa Voll",
    )
    article = process_text(text)
    assert "contributed" not in article.text
    assert "Reporting by" not in article.text
    credits = [r.text for r in article.removed if r.kind == "credit"]
    assert "Marta Quell contributed to this report." in credits
    assert any(c.startswith("Reporting by Olek Brandt") for c in credits)
    names = {p.name for p in article.people}
    assert not names & {"Marta Quell", "Olek Brandt", "Tessa Voll"}


def test_bracketed_credits_closing_the_last_paragraph_are_cut() -> None:
    last = "The council will vote on the tolls next month, officials said."
    text = scrape("Bridge opens at last", *BODY[:2], f"{last} (Reporting by Olek Brandt)")
    article = process_text(text)
    assert article.text.endswith(last)
    assert "(Reporting by Olek Brandt)" in [r.text for r in article.removed]


def test_an_opening_agency_tag_names_the_publisher() -> None:
    text = scrape("Bridge opens at last", f"(CNN) {BODY[0]}", *BODY[1:])
    article = process_text(text)
    assert article.publisher == "CNN"
    assert article.text.startswith("The mayor opened")


def test_a_first_line_headline_ending_with_a_full_stop_is_the_title() -> None:
    text = scrape("Town finally gets its bridge.", *BODY)
    article = process_text(text)
    assert article.title == "Town finally gets its bridge."
    assert not article.text.startswith("Town finally")
    # a lead paragraph of two sentences is no headline
    lead = "The bridge opened. Residents cheered."
    assert process_text(scrape(lead, *BODY)).title != lead
    # nor is a one-sentence lead in prose style: it stays the story's first paragraph
    for lead in (
        "Harbor Freight Lines posted a 12% rise in quarterly profit on Tuesday.",
        "Miller Foods said sales rose, helped by strong demand for frozen meals.",
    ):
        article = process_text(scrape(lead, *BODY))
        assert article.title != lead and article.text.startswith(lead)


def test_titles_are_decoded_and_lose_the_site_suffix() -> None:
    raw = RawInput(
        "a.json",
        "json",
        "\n".join(BODY),
        meta={"title": "Bridge &amp; tolls approved | Daily Bugle"},
    )
    cleaned = clean(raw)
    assert cleaned.title == "Bridge & tolls approved"
    assert cleaned.publisher == "Daily Bugle"
    keep = RawInput(
        "b.json", "json", "\n".join(BODY), meta={"title": "Bridge opens - live updates"}
    )
    assert clean(keep).title == "Bridge opens - live updates"


def test_a_dateline_on_its_own_line_is_no_title_and_keeps_its_date() -> None:
    text = (
        "LISBON, May 4 (Wire) --\n\n"
        "The port workers ended their strike on Tuesday, the union said.\n\n"
        "Ships began to unload again in the afternoon, officials said."
    )
    article = process_text(text)
    assert article.title != "LISBON, May 4 (Wire) --"
    assert "May 4" in [d.text for d in article.dates]
