"""Quote finding and speaker attribution on sentences written for the purpose."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tripnews.extract.entities import find_entities
from tripnews.extract.quotes import common as quotes_common
from tripnews.extract.quotes import extract_quotes
from tripnews.extract.quotes import marks as quotes_marks
from tripnews.extract.quotes import speakers as quotes_speakers
from tripnews.segment import paragraphs


def quotes(text: str) -> list[tuple[object, str]]:
    found = find_entities(text)
    return [(q.speaker, q.text) for q in extract_quotes(text, found.people, found.organizations)]


def test_surname_after_the_quote_is_the_full_name():
    text = "Patricia Kim is a fellow.\n\n“Seoul and Tokyo are critical partners,” Kim said."
    assert quotes(text) == [("Patricia Kim", "Seoul and Tokyo are critical partners")]


def test_speaker_named_after_the_verb_keeps_the_name_not_the_apposition():
    text = (
        "“We will hold China accountable,” said Leif-Eric Easley, a professor at Ewha University."
    )
    assert quotes(text) == [("Leif-Eric Easley", "We will hold China accountable")]


def test_he_is_the_man_named_before_not_the_woman_named_last():
    text = (
        "Lloyd Austin met Patricia Kim in Tokyo.\n\n"
        "“We still maintain that edge,” he told reporters."
    )
    assert quotes(text) == [("Lloyd Austin", "We still maintain that edge")]


def test_they_is_a_joint_statement_of_the_pair_just_named():
    text = (
        "Antony Blinken and Lloyd Austin wrote an article.\n\n"
        "“Our combined power makes us stronger,” they wrote."
    )
    assert quotes(text) == [
        (("Antony Blinken", "Lloyd Austin"), "Our combined power makes us stronger")
    ]


def test_speaker_before_the_quote_with_a_colon():
    text = "Jake Sullivan said: “We are going to be clear about our concerns.”"
    assert quotes(text) == [("Jake Sullivan", "We are going to be clear about our concerns.")]


def test_scare_quotes_and_short_titles_are_not_quotes():
    text = 'Alliances are "force multipliers", the report on "Shark Tank" said nothing.'
    assert quotes(text) == []


def test_a_quote_inside_a_quote_stays_inside():
    text = (
        'Austin said: "Our alliances are what our military calls "force multipliers." '
        'We achieve far more with them."'
    )
    found = quotes(text)
    assert len(found) == 1
    assert found[0][1].startswith("Our alliances") and found[0][1].endswith("more with them.")


def test_a_quote_running_over_two_paragraphs_keeps_its_speaker():
    text = (
        "Kurt Campbell spoke at length.\n\n"
        "“The first part of the answer is plain, and we have said it often,” Campbell said. "
        "“The second part takes longer to explain\n\n"
        "“and it is about what allies expect from us in the years ahead.”"
    )
    found = quotes(text)
    assert [speaker for speaker, _ in found] == ["Kurt Campbell"] * 3
    assert found[-1][1].startswith("and it is about")


def test_unattributed_quote_has_no_speaker():
    text = "The report ended.\n\n“Nobody knows what happens next in the region.”"
    assert quotes(text) == [(None, "Nobody knows what happens next in the region.")]


def test_offsets_slice_the_quote_text():
    text = "Wang Yi spoke.\n\n“We oppose any interference in our affairs,” Wang said."
    found = find_entities(text)
    for quote in extract_quotes(text, found.people, found.organizations):
        assert text[quote.start : quote.end] == quote.text


def test_a_quoted_transcript_names_its_speaker_first_and_runs_on():
    text = (
        "Gov. Mara Lindqvist spoke to the host on Sunday.\n\n"
        '"LINDQVIST: Well, look, the budget will pass this week, and we have the votes.\n\n'
        '"And the governor will sign it the day it reaches her desk, as she promised."'
    )
    assert [speaker for speaker, _ in quotes(text)] == ["Mara Lindqvist", "Mara Lindqvist"]


def test_a_party_and_state_in_brackets_do_not_end_the_speakers_clause():
    text = (
        "“The plan was ready. The plan was costed,” Sen. Ada Whitcombe (D-Mo.) said. "
        "“The plan was the best offer this chamber has seen in years.”"
    )
    assert [speaker for speaker, _ in quotes(text)] == ["Ada Whitcombe", "Ada Whitcombe"]


def test_a_quote_closing_its_sentence_belongs_to_that_sentence_not_the_next():
    text = (
        "Mayor Ines Calder said Friday that the report should be published but added "
        '"the vote comes first." Gov. Tomas Reyes said it would be "improper" to speak.'
    )
    assert quotes(text)[0] == ("Ines Calder", "the vote comes first.")


def test_a_headline_speech_verb_in_capitals_is_a_cue():
    text = "Ports Chief Marta Ilves Says Harbour “Will Reopen Next Spring”"
    assert quotes(text) == [("Marta Ilves", "Will Reopen Next Spring")]


def test_a_broader_speech_verb_attributes_the_quote():
    text = "“That is the worst budget this town has seen,” Oskar Brandt fumed on Tuesday."
    assert quotes(text) == [("Oskar Brandt", "That is the worst budget this town has seen")]


def test_he_after_a_quote_is_the_subject_of_the_sentence_before_not_the_last_name():
    text = (
        "Speaking in Lisbon, Henrik Dahl said he and Jonas Voss would be “listening first”.\n\n"
        "“We still have the best port in the region,” he told reporters."
    )
    assert quotes(text)[-1] == ("Henrik Dahl", "We still have the best port in the region")


def test_a_participle_shares_the_subject_of_the_main_clause_not_the_last_name():
    text = (
        "Greta Lund pointed to Tomas Berg’s record in office, noting that he has built "
        "“the strongest team the county has had in years.”"
    )
    assert quotes(text) == [("Greta Lund", "the strongest team the county has had in years.")]


def test_he_is_never_the_man_the_subject_met():
    text = "Lars Eng met Pieter Mol in Oslo.\n\n“The talks went well for both sides,” he said."
    assert quotes(text) == [("Lars Eng", "The talks went well for both sides")]


def test_a_name_and_a_colon_label_the_quote():
    text = "Pollsters disagree - Hanna Reif: “The sample was far too small to say anything.”"
    assert quotes(text) == [("Hanna Reif", "The sample was far too small to say anything.")]


def test_a_label_that_names_nobody_gives_no_speaker():
    text = "Update: “The bridge will stay closed until further notice.”"
    assert quotes(text) == [(None, "The bridge will stay closed until further notice.")]


def test_a_paragraph_ending_with_a_colon_introduces_the_quote_below():
    text = (
        "Asked about the vote, Councillor Ruth Amsel continued:\n\n"
        "“We will not accept a plan that closes the library.”"
    )
    assert quotes(text) == [("Ruth Amsel", "We will not accept a plan that closes the library.")]


def test_a_quote_only_paragraph_carries_the_speaker_past_long_narration():
    text = (
        "“We have the money,” Piet Kramer said at the town hall on Tuesday evening, "
        "adding that the council had been warned about the costs twice last year.\n\n"
        "“What we lack is the will to spend it on the right things.”"
    )
    assert [speaker for speaker, _ in quotes(text)] == ["Piet Kramer", "Piet Kramer"]


def records(text: str) -> list[tuple[object, tuple[str, ...], str | None]]:
    found = find_entities(text)
    return [
        (q.speaker, q.speakers, q.speaker_description)
        for q in extract_quotes(text, found.people, found.organizations)
    ]


def test_speakers_is_always_a_list_beside_the_speaker():
    text = (
        "“Nobody knows what happens next in the region.”\n\n"
        "Antony Blinken and Lloyd Austin wrote an article.\n\n"
        "“Our combined power makes us stronger,” they wrote.\n\n"
        "“We will be back next year,” Austin said."
    )
    assert [speakers for _, speakers, _ in records(text)] == [
        (),
        ("Antony Blinken", "Lloyd Austin"),
        ("Lloyd Austin",),
    ]


def test_an_unnamed_source_is_described_and_the_official_takes_the_fuller_description():
    text = (
        "A senior administration official said the talks had stalled.\n\n"
        "To date, the official said, “we have not received any answer from them”."
    )
    assert records(text) == [(None, (), "a senior administration official")]


def test_a_named_speaker_has_no_description_and_a_plain_noun_is_no_source():
    text = "“The road will reopen in June,” the weather said on the radio."
    assert records(text) == [(None, (), None)]


def test_a_quote_inside_reported_speech_is_said_by_the_subject_of_the_speech_verb():
    text = (
        "On Sunday, the former mayor Pia Holm said her town was ready for the storm because "
        "the council had “bought every sandbag in the county.” Lars Ek’s aides say otherwise."
    )
    assert quotes(text) == [("Pia Holm", "bought every sandbag in the county.")]


def test_the_next_quote_of_the_paragraph_carries_the_speaker_past_an_apposition():
    text = (
        "“We fixed the roof,” said former Mayor Aino Virta (D-Ohio), one of the four "
        "negotiators. “Next year we fix the windows, and then the heating.”"
    )
    assert [speaker for speaker, _ in quotes(text)] == ["Aino Virta", "Aino Virta"]


def test_according_to_a_publication_names_it():
    text = "According to the Harbour Gazette, “the mayor had known about the leak for weeks.”"
    assert quotes(text) == [("Harbour Gazette", "the mayor had known about the leak for weeks.")]


def test_according_to_a_person_of_an_organization_keeps_the_person():
    text = "According to Ilse Brandt of Coast Watch, “the leak began in the spring.”"
    assert quotes(text) == [("Ilse Brandt", "the leak began in the spring.")]


def test_a_long_title_before_a_name_the_entities_missed_leaves_the_name():
    text = "“We had to act fast,” said United Dock Workers Secretary-Treasurer Martin Okafor."
    assert quotes(text) == [("Martin Okafor", "We had to act fast")]


def test_a_participle_after_a_second_speech_verb_is_that_verbs_subject():
    text = (
        "Tomas Berg and Ines Calder will meet next week, Pia Holm said, adding, "
        "“They should meet and settle it between them.”"
    )
    assert quotes(text) == [("Pia Holm", "They should meet and settle it between them.")]


def test_she_is_never_the_woman_she_speaks_to():
    text = (
        "Anna Berg called Maria Holm on Friday.\n\n"
        "“We will win this race,” she told Maria Holm the next day."
    )
    assert quotes(text) == [("Anna Berg", "We will win this race")]


# The fast forms of the rules find what the plain patterns find, on any text.
def _texts(*pieces: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=14).map("".join)


@given(
    _texts("Kim", "Tom Kim", " ", "\u00a0", "\n", "_", "é", "1", "-", ".", "Kim."),
    st.text("Kim. _", max_size=4),
)
def test_a_names_uses_are_where_the_lookbehind_pattern_finds_them(text: str, name: str) -> None:
    expected = [m.start() for m in re.finditer(rf"(?<=\s){re.escape(name)}\b", text)]
    assert list(quotes_speakers._uses(text, name)) == expected


@given(
    _texts("a", "b ", " ", "’", "-", ",", "é", ".", "\n", "x-y "),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_words_are_counted_up_to_one_more_than_a_quote_needs(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = min(len(quotes_common.WORD.findall(text[start:end])), quotes_common.MIN_WORDS + 1)
    assert quotes_marks._word_count(text, start, end) == expected


@given(_texts("He said ", '"', "“", "”", "\n", " ", "\n\n  ", "\t", "x", "\u2028", "«", ","))
def test_quotes_are_found_in_the_paragraphs_segment_splits(text: str) -> None:
    expected = [
        span
        for para in paragraphs(text)
        for span in quotes_marks._spans_in_paragraph(text, para.start, para.end)
    ]
    assert list(quotes_marks.quote_spans(text)) == expected


@given(_texts("Sen", "Mr", "a", "U.S", ".", "\n", " ", "Feb", "said"), st.integers(0, 60))
def test_an_abbreviation_is_the_word_the_pattern_reads_before_the_dot(text: str, dot: int) -> None:
    dot = min(dot, len(text))
    word = re.search(r"([A-Za-z]+)$", text[max(0, dot - 12) : dot])
    expected = word is not None and (
        len(word.group(1)) <= 1 or word.group(1) in quotes_common._abbreviations()
    )
    assert quotes_common._is_abbreviation(text, dot) == expected
