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

import bisect
import math
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from tripnews.extract._spans import rows_within
from tripnews.extract.coref import Coref
from tripnews.extract.names import gender_of, given_names
from tripnews.model import Organization, Person, Quote
from tripnews.rules import WordFinder, load_table, load_words, lower_same_length

Speaker = str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class _Unnamed:
    """A source the text describes but does not name: "a senior administration official"."""

    description: str


# What an attribution rule finds: a speaker, or an unnamed source's description.
_Said = Speaker | _Unnamed

_OPENING = '“"«„'
_CLOSING = '”"»“'
_MARK = re.compile(f"[{re.escape(_OPENING + _CLOSING)}]")
_MIN_WORDS = 3
# How far around a quote an attribution is looked for, in characters.
_CUE_WINDOW = 160
_WORD = re.compile(r"[\w’'-]+")
_ADVERBS = frozenset(
    [
        "also",
        "later",
        "then",
        "once",
        "previously",
        "earlier",
        "recently",
        "repeatedly",
        "again",
        "has",
        "had",
        "have",
        "was",
        "is",
        "would",
        "will",
        "reportedly",
        "simply",
        "quickly",
        "flatly",
        "bluntly",
        "publicly",
        "privately",
        "further",
        "separately",
        "jointly",
        "both",
    ]
)
# A speaker phrase is short: "the Secretaries of State and Defense", "Kim, a fellow at X".
_MAX_PHRASE_WORDS = 14
# A clause ends at a sentence end, a semicolon or a quotation mark.
# (one set of marks first, the look-behinds then telling which: the engine skips from mark
# to mark in C instead of trying the pattern at every position; twice as fast again)
_CLAUSE_END = re.compile(r"[.!?;:\"“”](?:(?<=[.!?])[\"”’)]*\s+|(?<=[;:])\s+|(?<=[\"“”]))")


@cache
def _verbs() -> WordFinder:
    return WordFinder(load_words("speech_verbs"))


_ACCORDING = re.compile(r"\b[Aa]ccording to\s")


# A name after the verb runs to the next punctuation, keeping the dots of initials and
# abbreviated titles ("said Rep. G.K. Butterfield (D-N.C.)").
@cache
def _verb_first_phrase() -> re.Pattern[str]:
    titles = "|".join(
        rf"(?<=\b{re.escape(a.capitalize())})\." for a in sorted(_abbreviations()) if a.isalpha()
    )
    return re.compile(rf"(?:[^,.;:!?\n\"“”]|(?<=\b[A-Z])\.|{titles}){{1,120}}")


@cache
def _pronouns() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in load_table("pronouns")}


@dataclass(frozen=True, slots=True)
class _Span:
    """One quotation inside a paragraph: where its text is and whether it runs on."""

    start: int  # first character inside the marks
    end: int
    open_mark: int  # the opening mark's offset
    close_mark: int | None  # None when the paragraph ends inside the quote
    words: int = 0  # how many words the quote has, up to _MIN_WORDS + 1 (_word_count)


@dataclass(slots=True)
class _Index:
    """The article's named entities as (span, canonical name), for looking up speakers."""

    people: list[tuple[int, int, str]]
    orgs: list[tuple[int, int, str]]
    person_names: tuple[str, ...]
    quoted: list[tuple[int, int]]
    surnames: dict[str, tuple[str, ...]]  # last word of each person's name -> the names
    verbs: list[tuple[int, int]]  # every speech verb of the text, found in one pass
    coref: Coref | None = None
    _paragraph_verbs: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    _clause_ends: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def clause_start(self, text: str, floor: int, limit: int, verb_at: int) -> int:
        """Where the clause holding the verb at ``verb_at`` begins (not before ``floor``).

        The clause ends between ``floor`` and ``limit`` are found once, and each verb
        there looks its clause up by bisection."""
        ends = self._clause_ends.get((floor, limit))
        if ends is None:
            ends = self._clause_ends[floor, limit] = _clause_ends(text, floor, limit)
        # A clause end is punctuation and spaces, a verb a word: no end straddles a verb.
        at = bisect.bisect_right(ends, verb_at) - 1
        return ends[at] if at >= 0 else floor

    def verbs_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The speech verbs lying wholly within ``start:end``, in text order."""
        low = bisect.bisect_left(self.verbs, (start,))
        high = bisect.bisect_left(self.verbs, (end,))
        return [verb for verb in self.verbs[low:high] if verb[1] <= end]

    def verbs_outside_quotes(self, start: int, end: int) -> list[tuple[int, int]]:
        """The speech verbs of a paragraph outside its quotes, found once per paragraph
        however many of its quotes ask."""
        key = (start, end)
        if key not in self._paragraph_verbs:
            self._paragraph_verbs[key] = [
                verb for verb in self.verbs_within(start, end) if not self.is_quoted(verb[0])
            ]
        return self._paragraph_verbs[key]

    def people_in(self, start: int, end: int) -> list[str]:
        """Distinct people named within ``start:end``, in text order."""
        return list(dict.fromkeys(n for _s, _e, n in rows_within(self.people, start, end)))

    def org_in(self, start: int, end: int) -> str | None:
        return next((n for _s, _e, n in rows_within(self.orgs, start, end)), None)

    def is_quoted(self, offset: int) -> bool:
        # quotes are in text order and never overlap: the one starting last before offset
        at = bisect.bisect_right(self.quoted, (offset, math.inf)) - 1
        return at >= 0 and offset < self.quoted[at][1]

    def by_surname(self, words: Sequence[str]) -> str | None:
        """A capitalised word that is one person's last name, when only one fits."""
        for word in reversed(words):
            fits = self.surnames.get(word, ())
            if len(fits) == 1:
                return fits[0]
        return None

    def people_before(self, offset: int) -> Iterator[tuple[int, int, str]]:
        """Person mentions before ``offset``, nearest first, leaving out quoted words; only
        within ``PRONOUN_REACH`` characters, as a pronoun points back a few sentences."""
        at = bisect.bisect_left(self.people, (offset,))
        for s, e, name in reversed(self.people[max(0, at - _REACH_MENTIONS) : at]):
            if s < offset - PRONOUN_REACH:
                return
            if e <= offset and not self.is_quoted(s):
                yield s, e, name


def extract_quotes(
    text: str, people: tuple[Person, ...], organizations: tuple[Organization, ...]
) -> tuple[Quote, ...]:
    """Return the direct quotes in ``text`` with their speakers, in text order."""
    spans = list(_quote_spans(text))
    if not spans:
        return ()
    index = _Index(
        people=_mentions(people),
        orgs=_mentions(organizations),
        person_names=tuple(p.name for p in people),
        quoted=[(s.open_mark, (s.close_mark or s.end) + 1) for s in spans],
        surnames=_by_surname(p.name for p in people),
        # any case: "Clinton Said" in a headline, "Said Ms Poynter, ..." opening a sentence
        verbs=_verbs().spans(lower_same_length(text)),
    )
    index.coref = Coref(text, people, index.is_quoted, index.people)
    out: list[Quote] = []
    previous: _Span | None = None
    previous_speaker: _Said = None
    for span in spans:
        same_paragraph = previous is not None and "\n" not in text[previous.end : span.start]
        found = _attribute(text, span, index, previous_speaker if same_paragraph else None)
        words = span.words
        if words <= _MIN_WORDS and isinstance(found, _Unnamed):
            found = _NO_CUE  # a name for a thing ("the so-called “New York channel”")
        if isinstance(found, _NoCue):
            if words <= _MIN_WORDS:
                previous = None
                continue  # a three-word quote with no one saying it is a title or a scare quote
            if _carries_on(text, previous, span):
                speaker = previous_speaker
            else:
                passage = _passage_speaker(text, span, previous, previous_speaker, index)
                speaker = None if isinstance(passage, _NoCue) else passage
        else:
            speaker = found
        out.append(_quote(text, span, speaker))
        previous, previous_speaker = span, speaker
    return tuple(out)


def _quote(text: str, span: _Span, said: _Said) -> Quote:
    """The record: ``speaker`` as the contract has it, ``speakers`` always a list, and the
    description of an unnamed source."""
    quoted = text[span.start : span.end]
    if isinstance(said, _Unnamed):
        return Quote(None, quoted, span.start, span.end, (), said.description)
    speakers = (said,) if isinstance(said, str) else said or ()
    return Quote(said, quoted, span.start, span.end, speakers)


class _NoCue:
    """No attribution here at all (as against a cue whose speaker is unknown: None)."""


_NO_CUE = _NoCue()


def _mentions(entities: Sequence[Person] | Sequence[Organization]) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, e.name) for e in entities for m in e.mentions)


# ---------------------------------------------------------------------------
# finding the quotation marks


def _quote_spans(text: str) -> Iterator[_Span]:
    """The quotes of each paragraph (``segment.paragraphs``) that has a quotation mark.

    Most paragraphs have none: the marks are found in one pass over the text, and the
    paragraph of each is its line with the spaces around stripped, as ``paragraphs``
    splits them."""
    pos = 0
    while (mark := _MARK.search(text, pos)) is not None:
        start = text.rfind("\n", 0, mark.start()) + 1
        end = text.find("\n", mark.start())
        end = len(text) if end < 0 else end
        pos = end
        # the mark is no space: both loops stop at it at the latest
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        yield from _spans_in_paragraph(text, start, end)


def _spans_in_paragraph(text: str, start: int, end: int) -> Iterator[_Span]:
    open_at: int | None = None
    nested = (
        0  # straight marks opened inside a straight-quoted quote ('calls "force multipliers."')
    )
    for mark in _MARK.finditer(text, start, end):  # only quotation marks change the state
        pos = mark.start()
        char = text[pos]
        if open_at is None:
            if char in _OPENING and char != "”" and _opens(text, pos, start):
                open_at, nested = pos, 0
        elif char == '"' and text[open_at] == '"' and _opens_inner(text, pos, start, end):
            nested += 1
        elif char == '"' and nested:
            nested -= 1
        elif char in _CLOSING and char != "“" and (char != '"' or _closes(text, pos, end)):
            span = _inner(text, open_at, pos)
            if span is not None:
                yield span
            open_at = None
        elif char == "“":
            open_at = pos  # an opening mark with the last one never closed: start again
    if open_at is not None:
        span = _inner(text, open_at, None, end)
        if span is not None:
            yield span


def _opens_inner(text: str, pos: int, para_start: int, para_end: int) -> bool:
    """A straight mark after a space and before a letter opens a quote inside the quote."""
    return (
        pos > para_start
        and text[pos - 1].isspace()
        and pos + 1 < para_end
        and text[pos + 1].isalnum()
    )


def _opens(text: str, pos: int, para_start: int) -> bool:
    """A straight mark opens a quote at a word's start, not after a letter ('5" screen')."""
    if text[pos] != '"':
        return True
    return pos == para_start or not text[pos - 1].isalnum()


def _closes(text: str, pos: int, para_end: int) -> bool:
    return pos + 1 >= para_end or not text[pos + 1].isalnum()


def _inner(text: str, open_mark: int, close_mark: int | None, para_end: int = 0) -> _Span | None:
    """The quote's text between its marks, stripped of spaces and a trailing comma."""
    start = open_mark + 1
    end = close_mark if close_mark is not None else para_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    words = _word_count(text, start, end)
    if words < _MIN_WORDS:
        return None
    return _Span(start, end, open_mark, close_mark, words)


# One word more than _MIN_WORDS: a quote this long is counted no further. (Possessive:
# words and gaps never share a character, and a short quote fails without backtracking.)
_ENOUGH_WORDS = re.compile(rf"[\w’'-]++(?:[^\w’'-]++[\w’'-]++){{{_MIN_WORDS}}}")


def _word_count(text: str, start: int, end: int) -> int:
    """How many words ``text[start:end]`` has, up to ``_MIN_WORDS + 1``: a count is only
    compared with ``_MIN_WORDS``, and a long quote is not split into all its words."""
    if _ENOUGH_WORDS.search(text, start, end):
        return _MIN_WORDS + 1
    return len(_WORD.findall(text, start, end))


# ---------------------------------------------------------------------------
# attribution


def _attribute(text: str, span: _Span, index: _Index, carried: _Said = None) -> _Said | _NoCue:
    """The speaker of one quote, trying the attribution rules strongest first; ``carried``
    is the speaker of the quote before in the same paragraph."""
    # a quoted transcript names its speaker first: '"PENCE: Well, look, ...'
    label = _TRANSCRIPT_SPEAKER.match(text, span.start, span.end)
    if label:
        return _phrase(text, span.start, label.end(1), index, span)
    para_start, para_end = _paragraph_around(text, span.open_mark)
    floor = max(para_start, span.open_mark - _CUE_WINDOW)
    # A quote that ends its sentence ('... but said "the question is the timing."') is
    # said by the sentence it closes; the next sentence's cue is another speaker's.
    ends_sentence = span.close_mark is not None and text[span.close_mark - 1] in ".!?"
    if ends_sentence:
        found = _cue_before(text, floor, span, index)
        if isinstance(found, _NoCue):
            found = _sentence_cue(text, span, para_start, index)
        if not isinstance(found, _NoCue):
            return found
    if span.close_mark is not None:
        found = _cue_after(text, span.close_mark + 1, para_end, index, span)
        if not isinstance(found, _NoCue):
            return found
    # (a quote that ends its sentence has had both answers already, and no cue: each rule
    # gives the same answer to the same question, so it is not asked twice)
    found = _NO_CUE if ends_sentence else _cue_before(text, floor, span, index)
    if not isinstance(found, _NoCue):
        return found
    speaker_label = _TRANSCRIPT_SPEAKER.match(text, para_start, para_end)
    if speaker_label:
        return _phrase(text, para_start, speaker_label.end(1), index, span)
    found = _label_before(text, para_start, span.open_mark, index, span)
    if not isinstance(found, _NoCue):
        return found
    found = _NO_CUE if ends_sentence else _sentence_cue(text, span, para_start, index)
    if not isinstance(found, _NoCue):
        return found
    if carried is not None and span.words > _MIN_WORDS:
        return carried  # '“...,” said Kim, a fellow at X. “...”': the passage goes on
    return _cue_in_paragraph(text, span, para_start, para_end, index)


def _sentence_cue(text: str, span: _Span, para_start: int, index: _Index) -> _Said | _NoCue:
    """'Bill Clinton said his wife was qualified because “...”': a quote inside what a
    speech verb of its sentence reports is said by that verb's subject, however far
    before the quote the verb stands."""
    if index.coref is None:
        return _NO_CUE
    start = max(para_start, index.coref.sentence_start(span.open_mark))
    for verb_start, _verb_end in index.verbs_within(start, span.open_mark):
        if index.is_quoted(verb_start):
            continue
        if _PARTICIPLE.search(text, max(start, verb_start - 3), _verb_end):
            found: _Said | _NoCue = _main_subject(text, verb_start, index) or _NO_CUE
        else:
            clause = index.clause_start(text, start, span.open_mark, verb_start)
            found = _phrase_before(text, clause, verb_start, index, span)
            if not isinstance(found, str | tuple):
                found = _main_subject(text, verb_start, index) or found
        if not isinstance(found, _NoCue):
            return found
    return _NO_CUE


# "Pollsters agree - Carl Bialik: “...”", "More from Jones: “...”", "Pew Research: “...”":
# a name and a colon introduce the quote with no verb at all.
_LABEL = re.compile(r"(?:^|[.!?]\s+|\s[—–-]\s*|\bfrom\s+)([^.!?:;—–\n]{2,60}?):\s*$")


def _label_before(
    text: str, start: int, colon_end: int, index: _Index, span: _Span
) -> _Said | _NoCue:
    """The name of a label line just before ``colon_end``, when it names someone."""
    floor = max(start, colon_end - 80)
    if not text[floor:colon_end].rstrip().endswith(":"):
        return _NO_CUE  # no colon ends the stretch: the pattern cannot match (checked in C)
    label = _LABEL.search(text, floor, colon_end)
    if label is None:
        return _NO_CUE
    found = _phrase(text, label.start(1), label.end(1), index, span)
    return found if isinstance(found, str | tuple) else _NO_CUE


def _passage_speaker(
    text: str, span: _Span, previous: _Span | None, previous_speaker: _Said, index: _Index
) -> _Said | _NoCue:
    """A paragraph that is nothing but a quote goes on with the passage before it: the
    paragraph before ends with a colon ("Cruz continued:", "the following statement:")
    and its last clause says who, or that paragraph quoted someone and this one goes on."""
    para_start, para_end = _paragraph_around(text, span.open_mark)
    after = text[span.close_mark + 1 : para_end] if span.close_mark is not None else ""
    if text[para_start : span.open_mark].strip() or after.strip(" .,;”\"’'"):
        return _NO_CUE
    prev_end = len(text[:para_start].rstrip())
    if prev_end == 0:
        return _NO_CUE
    prev_start, _ = _paragraph_around(text, prev_end - 1)
    if text[prev_end - 1] == ":":
        colon = prev_end - 1
        floor = max(prev_start, colon - _CUE_WINDOW)
        intro = _Span(colon, colon, colon, None)
        found = _cue_before(text, floor, intro, index)
        if isinstance(found, _NoCue):
            found = _label_before(text, prev_start, prev_end, index, intro)
        if isinstance(found, _NoCue):
            found = _main_subject(text, colon, index) or _NO_CUE
        return found
    if previous is not None and previous.open_mark >= prev_start and previous_speaker:
        return previous_speaker
    if previous is not None and previous.open_mark >= prev_start:
        return _NO_CUE
    # "Valastro praised Christie's record. / “We need someone who ...”": the narration
    # paragraph's last sentence introduces the speaker as its subject.
    return _main_subject(text, prev_end, index) or _NO_CUE


# "PENCE: Well, ..." in an interview transcript.
_TRANSCRIPT_SPEAKER = re.compile(r"([A-Z][A-Z.’' -]{1,40}[A-Z]):\s")


# What stands between a quote and a cue after it, and the dash of a byline ("― Padilla").
_CUE_LEAD = re.compile(r"\s*[,—–―-]?\s*")
_DASH = re.compile("[—–―-]")


def _cue_after(text: str, at: int, para_end: int, index: _Index, span: _Span) -> _Said | _NoCue:
    """', said Kim' / ', according to Kim' / ', Kim said' / ', he told reporters'."""
    lead = _CUE_LEAD.match(text, at, para_end)  # in place: no copy of the paragraph's rest
    at = lead.end() if lead else at
    window_end = min(para_end, at + _CUE_WINDOW)
    if lead and _DASH.search(lead.group(0)) and text[at : at + 1].isupper():
        return _verb_first(text, at, para_end, index, span)  # '“...” ― Pamela Padilla'
    verbs = index.verbs_within(at, window_end)
    if text.startswith("according to", at):
        return _according_to(text, at + len("according to "), para_end, index, span)
    else:
        opening_end = verbs[0][1] if verbs and verbs[0][0] == at else None
    if opening_end is not None and text[opening_end : opening_end + 1].isspace():
        return _verb_first(text, opening_end + 1, para_end, index, span)
    if not verbs:
        return _NO_CUE
    return _phrase_before(text, at, verbs[0][0], index, span)


def _cue_before(text: str, floor: int, span: _Span, index: _Index) -> _Said | _NoCue:
    """'Kim said:' / 'He told reporters, ' / 'Blinken and Austin writing ... said that they'."""
    window = text[floor : span.open_mark]
    coordinated = False
    for verb_start, verb_end in reversed(index.verbs_within(floor, span.open_mark)):
        between = text[verb_end : span.open_mark]
        if _CLAUSE_END.search(between.rstrip(" ,:")) or (
            len(between.split()) > 8 and not coordinated
        ):
            break
        if _PARTICIPLE.search(text, max(floor, verb_start - 3), verb_end):
            # "Blackwell pointed to Cruz's record, noting that": a participle after a
            # comma shares the main clause's subject, the first person it names; after
            # another speech verb ("..., Spicer said, adding"), that verb's subject.
            if any(
                v[1] <= verb_start
                for v in index.verbs_within(_sentence_start(verb_start, index), verb_start)
            ):
                continue
            subject = _main_subject(text, verb_start, index)
            if subject:
                return subject
            continue
        clause = index.clause_start(text, floor, span.open_mark, verb_start)
        found = _phrase_before(text, clause, verb_start, index, span)
        if not isinstance(found, _NoCue):
            return found
        # "Roberts said Friday that ... but said": a verb after "but" or "and" shares
        # the subject of the verb before it
        coordinated = bool(_COORDINATED.search(text, max(floor, verb_start - 5), verb_start))
    # the words first, in C: the pattern only where they stand
    according = list(_ACCORDING.finditer(window)) if "ccording to" in window else []
    if according and len(window[according[-1].end() :].split()) <= 8:
        return _according_to(text, floor + according[-1].end(), span.open_mark, index, span)
    return _NO_CUE


_COORDINATED = re.compile(r"\b(?:but|and)\s$")
_PARTICIPLE = re.compile(r",\s*\w+ing$")


def _sentence_start(offset: int, index: _Index) -> int:
    if index.coref is None:
        return 0
    return index.coref.sentence_start(offset)


def _main_subject(text: str, verb_at: int, index: _Index) -> Speaker:
    """The subject of the sentence holding the verb at ``verb_at``, in the part before it."""
    if index.coref is None:
        return None
    start = index.coref.sentence_start(verb_at)
    found = index.coref.subject(start, verb_at)
    orgs = rows_within(index.orgs, start, verb_at)
    org = next(
        (
            row
            for row in orgs
            if not index.is_quoted(row[0]) and index.coref.may_be_subject(start, row[0], row[1])
        ),
        None,
    )
    person_at = text.find(found[0].split()[-1], start, verb_at) if found else verb_at
    if org is not None and org[0] < person_at:
        return org[2]  # "The Democratic National Convention released a statement, saying"
    return _resolved(text, found, index)


def _resolved(text: str, found: tuple[str, ...], index: _Index) -> Speaker:
    """Names from the coreference, each in the full form the article uses."""
    if not found:
        return None
    names = tuple(_full_name(text, _clean_name(name), index) for name in found)
    return names if len(names) > 1 else names[0]


def _cue_in_paragraph(
    text: str, span: _Span, para_start: int, para_end: int, index: _Index
) -> _Said | _NoCue:
    """A speech verb elsewhere in the paragraph, outside every quote, nearest first."""
    verbs = index.verbs_outside_quotes(para_start, para_end)
    unnamed: _Said | _NoCue = _NO_CUE
    # nearest first (the earlier of two as near): the first verb naming someone wins
    for verb_start, verb_end in sorted(verbs, key=lambda v: (abs(v[0] - span.open_mark), v[0])):
        clause = index.clause_start(text, para_start, para_end, verb_start)
        who = _phrase_before(text, clause, verb_start, index, span)
        if isinstance(who, _Unnamed) and isinstance(unnamed, _NoCue):
            unnamed = who  # said by "a senior official", unless a name says it nearer
        if not isinstance(who, str | tuple):
            who = _verb_first(text, verb_end + 1, para_end, index, span, names_only=True)
        if isinstance(who, str | tuple):
            return who
    return unnamed


def _paragraph_around(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _clause_ends(text: str, start: int, end: int) -> list[int]:
    """Where each clause between ``start`` and ``end`` ends (a full stop after an
    abbreviation ends none, nor one closing a bracket: "Sen. Claire McCaskill (D-Mo.)
    said"), in text order."""
    return [
        found.end()
        for found in _CLAUSE_END.finditer(text, start, end)
        if text[found.start()] != "."
        or not (text.startswith(")", found.start() + 1) or _is_abbreviation(text, found.start()))
    ]


def _is_abbreviation(text: str, dot: int) -> bool:
    # The letters r"([A-Za-z]+)$" finds in the 12 characters before the dot, read back
    # with rstrip (in C); like "$", they may end before a newline closing the stretch.
    start = max(0, dot - 12)
    end = dot - 1 if dot > start and text[dot - 1] == "\n" else dot
    stretch = text[start:end]
    word = stretch[len(stretch.rstrip(string.ascii_letters)) :]
    return bool(word) and (len(word) <= 1 or word in _abbreviations())


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in load_words("abbreviations"))


def _verb_first(
    text: str, start: int, limit: int, index: _Index, span: _Span, names_only: bool = False
) -> _Said | _NoCue:
    """The speaker named after the verb: 'said Patricia Kim, a fellow at ...'."""
    match = _verb_first_phrase().match(text, start, limit)
    if match is None:
        return _NO_CUE
    if names_only and not match.group(0)[:1].isupper():
        return _NO_CUE
    return _phrase(text, match.start(), match.end(), index, span)


# "according to the Daily Caller", "according to Paul Sperry of Counter Jihad": a source
# named in capitals, a publication as much as a person.
_SOURCE_RUN = re.compile(
    r"(?:the\s+)?((?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|&)){0,4})(?=\s+of\s|[\s,.;:]|$)"
)


def _according_to(text: str, start: int, limit: int, index: _Index, span: _Span) -> _Said | _NoCue:
    """The source after "according to": a person or organization of the article, else
    the publication or name the capitals spell."""
    found = _verb_first(text, start, limit, index, span)
    if isinstance(found, str | tuple):
        return found
    run = _SOURCE_RUN.match(text, start, limit)
    if run is None or run.group(1) in _non_names():
        return found
    return _clean_name(run.group(1).rstrip(".’'"))


def _phrase_before(
    text: str, start: int, verb_at: int, index: _Index, span: _Span
) -> _Said | _NoCue:
    words = text[start:verb_at].split()
    while words and words[-1].lower() in _ADVERBS:
        words.pop()
    if not words:
        return _NO_CUE
    if len(words) > _MAX_PHRASE_WORDS:
        # "... by an explosion that Mayor Bill de Blasio described as": the subject is
        # the relative clause's, right before the verb.
        relative = list(re.finditer(r"\b(?:that|which|who|whom)\s", text[start:verb_at]))
        if not relative:
            return _NO_CUE
        start += relative[-1].end()
        if len(text[start:verb_at].split()) > _MAX_PHRASE_WORDS:
            return _NO_CUE
    return _phrase(text, start, verb_at, index, span)


_AND = re.compile(r"\band\b|&")


def _phrase(text: str, start: int, end: int, index: _Index, span: _Span) -> _Said | _NoCue:
    """Turn a speaker phrase into a canonical name, a pair, None, or "no speaker here"."""
    phrase = text[start:end].strip(" ,.;:—–―-")
    words = [w for w in phrase.split() if w.lower() not in _ADVERBS] or phrase.split()
    if not words:
        return _NO_CUE
    lowered = " ".join(words).lower()
    pronoun = _pronouns().get(lowered)
    if pronoun is not None:
        return _antecedent(index, span.open_mark, *pronoun)
    if lowered in ("i", "you", "it", "this", "that", "which", "who"):
        return None if lowered in ("i", "you") else _NO_CUE
    if _is_plural_description(words):
        return _antecedent(index, span.open_mark, "p", "-")
    # "In a piece in the Washington Post on Monday, Austin and Blinken said": the
    # subject is the last comma-separated part, when it names someone.
    last_comma = text.rfind(",", start, end)
    described: _Unnamed | None = None
    if last_comma > start:
        subject = _phrase(text, last_comma + 1, end, index, span)
        if isinstance(subject, str | tuple):
            return subject
        if isinstance(subject, _Unnamed):
            described = subject  # "To date, the official said": unless a name comes first
    # The head of "Trump campaign spokesman Jason Miller, who ..." is the last name
    # before the first comma; "Blinken and Austin" is both.
    head_end = start + _head_length(text[start:end])
    people = index.people_in(start, head_end)
    if len(people) >= 2 and _AND.search(text[start:head_end]):
        return tuple(_full_name(text, n, index) for n in people)
    if people:
        person = _clean_name(people[-1])  # the article's name for the person, as in people[]
        return _honorific_fit(text[start:head_end], _clean_name(_full_name(text, person, index)))
    org = index.org_in(start, head_end)
    if org is not None:
        return org
    name = _name_in(text[start:head_end])
    if name is not None:
        name = _clean_name(name)
        full = _full_name(text, index.by_surname([name.split()[-1]]) or name, index)
        return full if _name_shaped(full) else _trailing_name(full)
    if described is not None:
        return described
    return _describe(text, start, phrase) if _looks_like_subject(phrase) else _NO_CUE


# An unnamed source's description is short: "a senior Trump campaign official".
_MAX_DESCRIPTION_WORDS = 8


@cache
def _source_nouns() -> frozenset[str]:
    return load_words("source_nouns") | _role_words()


def _describe(text: str, start: int, phrase: str) -> _Unnamed | None:
    """An unnamed source as the text describes it; "the official" takes the fuller
    description written before it ("a senior administration official")."""
    words = phrase.split()
    first_comma = next((i for i, w in enumerate(words) if w.endswith(",")), len(words) - 1)
    words = [w.strip(",") for w in words[: first_comma + 1]]
    head = words[-1].lower()
    if len(words) > _MAX_DESCRIPTION_WORDS or head not in _source_nouns():
        return None
    description = " ".join(words)
    if words[0].lower() == "the":
        earlier = _fuller_description(words[-1])
        floor = max(0, start - 3000)
        # the pattern only where the head noun stands at all (found in C)
        fuller = (
            [m.group(0) for m in earlier.finditer(text, floor, start)]
            if text.find(words[-1], floor, start) >= 0
            else []
        )
        if fuller:
            description = fuller[-1]
    return _Unnamed(description[:1].lower() + description[1:])


@cache  # the head is a source noun of the word list as written: few patterns, each compiled once
def _fuller_description(head: str) -> re.Pattern[str]:
    """ "a senior administration official" for "the official"."""
    return re.compile(rf"\b[Aa]n? (?:[\w.’'-]+ ){{0,5}}{re.escape(head)}\b")


def _clean_name(name: str) -> str:
    """A name without the words a run of capitals carries before it: a title or role
    ("South Carolina Sen. Lindsey Graham", "Ports Chief Marta Ilves"), an article or a
    sentence opener ("The Rachel Maddow", "But Ines Calder"), nor "of" and an
    organization after it; at least the surname stays."""
    words = name.split()
    if "of" in words[1:-1]:
        words = words[: words.index("of")]  # "Paul Sperry of Counter Jihad"
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _is_title_word(word):
            cut = i + 1
    return " ".join(words[cut:])


def _is_title_word(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered.rstrip(".") in _lower_titles()
        or lowered in _lower_titles()
        or lowered in _role_words()
        or word in _non_names()
    )


@cache
def _role_words() -> frozenset[str]:
    return load_words("role_nouns") | {"the", "a", "an"}


def _trailing_name(run: str) -> str | None:
    """The person's name that ends a run of capitals: "United Auto Workers
    Secretary-Treasurer Gary Casteel" -> "Gary Casteel"; None when no given name starts
    one."""
    words = run.split()
    for i in range(max(0, len(words) - 4), len(words) - 1):
        if words[i] in given_names() and _name_shaped(" ".join(words[i:])):
            return " ".join(words[i:])
    return None


_INITIALS = re.compile(r"(?:[A-Z]\.?){1,3}")


def _name_shaped(name: str) -> bool:
    """A person's name as a fallback speaker: a known given name or an initial, then a surname.

    Anything else ("Citing China's") is a clause that happened to be capitalised.
    """
    words = name.split()
    if len(words) < 2 or len(words) > 5 or any(w.endswith(("’s", "'s")) for w in words):
        return False
    first = words[0].rstrip(".")
    return first in given_names() or bool(_INITIALS.fullmatch(words[0]))


_HEAD_END = re.compile(r",|\s\(|\swho\b")


def _head_length(phrase: str) -> int:
    """Length of a phrase up to its first comma or parenthesis (the apposition comes after)."""
    cut = _HEAD_END.search(phrase)
    return cut.start() if cut else len(phrase)


_NAME_WORD = r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w’'-]*\.?)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}")


_ENDS_IN_INITIAL = re.compile(r"\b[A-Z]\.$")


def _name_in(head: str) -> str | None:
    """The last capitalised run in a phrase, titles and initials' dots kept as written."""
    runs = [m.group(0) for m in _NAME_RUN.finditer(head)]
    if not runs:
        return None
    words = runs[-1].split()
    while words and (words[0].lower() in _lower_titles() or words[0] in _non_names()):
        words = words[1:]
    if not words:
        return None
    name = " ".join(words)
    if name.endswith(".") and not _ENDS_IN_INITIAL.search(name):
        name = name[:-1]
    if name.isupper() and len(name) > 3:
        name = name.title()  # "PENCE:" in a transcript
    return name


@cache
def _non_names() -> frozenset[str]:
    """Capitalised words that start sentences, not names: "In", "But", "She", "Asked"."""
    return load_words("non_entities") | {"I", "Asked", "Said", "Told"}


@cache
def _lower_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load_words("person_titles"))


def _full_name(text: str, name: str, index: _Index) -> str:
    """A one-word name expanded to the full name the article uses most: "Clarke" -> "Tom Clarke"."""
    if " " in name:
        return name
    longer = [n for n in index.person_names if n.endswith(" " + name)]
    if len(set(longer)) == 1:
        return longer[0]
    found = _names_before(text, name)
    titles = _lower_titles()
    found = [
        f
        for f in found
        if f.split()[0].lower().rstrip(".") not in titles and f.split()[0].lower() not in titles
    ]
    if not found:
        return name
    best = max(sorted(set(found)), key=found.count)
    return f"{best} {name}"


# Up to three capitalised words (or initials) ending just before a name.
_WORDS_BEFORE = re.compile(r"\b((?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'-]+|[A-Z]\.)){0,2})\s$")


def _names_before(text: str, name: str) -> list[str]:
    """The capitalised words written before each use of ``name``: "Tom" in "Tom Clarke".
    Only the text just before each occurrence is read, not the article once per name."""
    found = []
    for at in _uses(text, name):
        before = _WORDS_BEFORE.search(text, max(0, at - 80), at)
        if before is not None:
            found.append(before.group(1))
    return found


def _uses(text: str, name: str) -> Iterator[int]:
    """Where ``name`` stands after a space and ends at a word boundary: what
    ``(?<=\\s)NAME\\b`` finds, by str.find (no regex compiled per name: on real news
    every name is new)."""
    if not name:  # never asked for, but answered as the pattern would
        yield from (use.start() for use in re.finditer(r"(?<=\s)\b", text))
        return
    ends_in_word = _is_word_char(name[-1])
    at = text.find(name, 1)
    while at >= 0:
        end = at + len(name)
        # \b after the name: the next character is of the other kind than its last
        after_word = end < len(text) and _is_word_char(text[end])
        if text[at - 1].isspace() and after_word != ends_in_word:
            yield at
            at = text.find(name, end)  # matches never overlap
        else:
            at = text.find(name, at + 1)


def _is_word_char(char: str) -> bool:
    # what \w means to a regular expression: letters, digits and the underscore
    return char.isalnum() or char == "_"


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s")


def _honorific_fit(head: str, name: str) -> str:
    """ "Mr. Obama" is not "Michelle Obama": a title of the other gender keeps the bare surname."""
    title = _HONORIFIC.search(head)
    if title is None or " " not in name:
        return name
    wanted = "m" if title.group(1) == "Mr" else "f"
    known = gender_of(name)
    return name.split()[-1] if known is not None and known != wanted else name


def _is_plural_description(words: Sequence[str]) -> bool:
    """'the two secretaries', 'both men', 'the Secretaries of State and Defense'."""
    lowered = [w.lower() for w in words]
    if lowered[0] not in ("the", "both") or len(lowered) < 2 or len(lowered) > 7:
        return False
    return lowered[1] == "two" or lowered[0] == "both" or lowered[1].endswith(("ies", "men"))


def _looks_like_subject(who: str) -> bool:
    """A lower-case description can be a speaker ("the spokesman"); a clause cannot."""
    first = who.split()[0].lower()
    return first in ("the", "a", "an", "one", "another", "two", "both", "officials")


def _by_surname(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(name.split()[-1], []).append(name)
    return {word: tuple(found) for word, found in index.items()}


# How far back a pronoun may reach for its person, in characters and in mentions.
PRONOUN_REACH = 3000
_REACH_MENTIONS = 200


def _antecedent(index: _Index, offset: int, number: str, gender: str) -> Speaker:
    """The people a pronoun before ``offset`` most likely refers to: the subject of its
    sentence or of one before (see ``coref``), else the nearest fitting name."""
    if index.coref is not None:
        found = index.coref.pronoun(offset, number, gender)
        if found:
            return _resolved(index.coref.text, found, index)
    before = list(index.people_before(offset))
    if number == "p":
        return _last_pair(before)
    for _s, _e, name in before:
        known = gender_of(name)
        if gender == "-" or known is None or known == gender:
            return name
    return None


def _last_pair(before: Sequence[tuple[int, int, str]]) -> Speaker:
    """The two distinct people named last, close together (within a sentence or so)."""
    if not before:
        return None
    first = before[0]
    for s, _e, name in before[1:]:
        if name != first[2]:
            if first[0] - s > 200:
                return None
            return (name, first[2])  # in the order the text names them
    return None


def _carries_on(text: str, previous: _Span | None, span: _Span) -> bool:
    """A paragraph that only goes on quoting: the previous quote ran on, or sits just before."""
    if previous is None:
        return False
    if previous.close_mark is None:
        return True
    gap = text[(previous.close_mark or previous.end) + 1 : span.open_mark]
    return "\n" in gap and len(gap.strip()) < 80
