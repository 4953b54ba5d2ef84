"""Direct quotations and their speakers.

>>> from tripnews.extract.entities import find_entities
>>> text = "Patricia Kim spoke.\\n\\n“We are ready to talk,” Kim said."
>>> found = find_entities(text)
>>> [(q.speaker, q.text) for q in extract_quotes(text, found.people, found.organizations)]
[('Patricia Kim', 'We are ready to talk')]

Quotation marks are paired per paragraph (curly or straight); a paragraph whose
quote is never closed runs on, and the next paragraph that opens with a mark
continues it. A quote is at least three words (a shorter one is a scare quote or
a title), or exactly three with a speech cue. The speaker comes from the nearest
attribution, in this order: a cue right after the quote (", Kim said", ", said
Kim", ", he told reporters"), a cue right before it ("Kim said:"), "according to
X", a speech verb elsewhere in the paragraph, and finally the speaker of the
quote just before when this paragraph only carries on quoting. Names resolve to
the canonical person (or organization) of the article; "he"/"she" to the nearest
person named before, of a fitting gender where the given name tells; "they",
"the two ..." to the two people last named together. Anything else stays null.
"""

from __future__ import annotations

from tripnews.extract.coref import Coref
from tripnews.extract.quotes.common import (
    MIN_WORDS,
    NO_CUE,
    Index,
    NoCue,
    QuoteSpan,
    Said,
    Unnamed,
    mention_rows,
    speech_verbs,
)
from tripnews.extract.quotes.cues import attribute, passage_speaker
from tripnews.extract.quotes.marks import quote_spans
from tripnews.extract.quotes.speakers import carries_on, names_by_surname
from tripnews.model import Organization, Person, Quote
from tripnews.rules import lower_same_length


def extract_quotes(
    text: str, people: tuple[Person, ...], organizations: tuple[Organization, ...]
) -> tuple[Quote, ...]:
    """Return the direct quotes in ``text`` with their speakers, in text order."""
    spans = list(quote_spans(text))
    if not spans:
        return ()
    index = Index(
        people=mention_rows(people),
        orgs=mention_rows(organizations),
        person_names=tuple(p.name for p in people),
        quoted=[(s.open_mark, (s.close_mark or s.end) + 1) for s in spans],
        surnames=names_by_surname(p.name for p in people),
        # any case: "Clinton Said" in a headline, "Said Ms Poynter, ..." opening a sentence
        verbs=speech_verbs().spans(lower_same_length(text)),
    )
    index.coref = Coref(text, people, index.is_quoted, index.people)
    out: list[Quote] = []
    previous: QuoteSpan | None = None
    previous_speaker: Said = None
    for span in spans:
        same_paragraph = previous is not None and "\n" not in text[previous.end : span.start]
        found = attribute(text, span, index, previous_speaker if same_paragraph else None)
        words = span.words
        if words <= MIN_WORDS and isinstance(found, Unnamed):
            found = NO_CUE  # a name for a thing ("the so-called “New York channel”")
        if isinstance(found, NoCue):
            if words <= MIN_WORDS:
                previous = None
                continue  # a three-word quote with no one saying it is a title or a scare quote
            if carries_on(text, previous, span):
                speaker = previous_speaker
            else:
                passage = passage_speaker(text, span, previous, previous_speaker, index)
                speaker = None if isinstance(passage, NoCue) else passage
        else:
            speaker = found
        out.append(_quote(text, span, speaker))
        previous, previous_speaker = span, speaker
    return tuple(out)


def _quote(text: str, span: QuoteSpan, said: Said) -> Quote:
    """The record: ``speaker`` as the contract has it, ``speakers`` always a list, and the
    description of an unnamed source."""
    quoted = text[span.start : span.end]
    if isinstance(said, Unnamed):
        return Quote(None, quoted, span.start, span.end, (), said.description)
    speakers = (said,) if isinstance(said, str) else said or ()
    return Quote(said, quoted, span.start, span.end, speakers)
