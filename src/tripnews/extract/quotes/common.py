"""What the quote rules share: a quote's span, the article's index of people,
organizations and speech verbs, clause ends, and the vocabulary they read."""

from __future__ import annotations

import bisect
import math
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from tripnews.extract._spans import rows_within
from tripnews.extract.coref import Coref
from tripnews.model import Organization, Person
from tripnews.rules import WordFinder, load_table, load_words

Speaker = str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Unnamed:
    """A source the text describes but does not name: "a senior administration official"."""

    description: str


# What an attribution rule finds: a speaker, or an unnamed source's description.
Said = Speaker | Unnamed


OPENING = '“"«„'


CLOSING = '”"»“'


MARK = re.compile(f"[{re.escape(OPENING + CLOSING)}]")


MIN_WORDS = 3


# How far around a quote an attribution is looked for, in characters.
CUE_WINDOW = 160


WORD = re.compile(r"[\w’'-]+")


ADVERBS = frozenset(
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
MAX_PHRASE_WORDS = 14


# A clause ends at a sentence end, a semicolon or a quotation mark.
# (one set of marks first, the look-behinds then telling which: the engine skips from mark
# to mark in C instead of trying the pattern at every position; twice as fast again)
CLAUSE_END = re.compile(r"[.!?;:\"“”](?:(?<=[.!?])[\"”’)]*\s+|(?<=[;:])\s+|(?<=[\"“”]))")


@cache
def speech_verbs() -> WordFinder:
    return WordFinder(load_words("speech_verbs"))


ACCORDING = re.compile(r"\b[Aa]ccording to\s")


# A name after the verb runs to the next punctuation, keeping the dots of initials and
# abbreviated titles ("said Sen. J.R. Holloway (R-Ore.)").
@cache
def verb_first_phrase() -> re.Pattern[str]:
    titles = "|".join(
        rf"(?<=\b{re.escape(a.capitalize())})\." for a in sorted(_abbreviations()) if a.isalpha()
    )
    return re.compile(rf"(?:[^,.;:!?\n\"“”]|(?<=\b[A-Z])\.|{titles}){{1,120}}")


@cache
def pronoun_table() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in load_table("pronouns")}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation inside a paragraph: where its text is and whether it runs on."""

    start: int  # first character inside the marks
    end: int
    open_mark: int  # the opening mark's offset
    close_mark: int | None  # None when the paragraph ends inside the quote
    words: int = 0  # how many words the quote has, up to MIN_WORDS + 1 (_word_count)


@dataclass(slots=True)
class Index:
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
    # whether the full stop at an offset closes an abbreviation: the clause ends of
    # overlapping windows around each quote read the same stops again
    _abbreviation_at: dict[int, bool] = field(default_factory=dict)
    # a one-word name's full form (speakers.full_name), asked for once per quote
    full_names: dict[str, str] = field(default_factory=dict)

    def clause_start(self, text: str, floor: int, limit: int, verb_at: int) -> int:
        """Where the clause holding the verb at ``verb_at`` begins (not before ``floor``).

        The clause ends between ``floor`` and ``limit`` are found once, and each verb
        there looks its clause up by bisection."""
        ends = self._clause_ends.get((floor, limit))
        if ends is None:
            ends = self._clause_ends[floor, limit] = _clause_ends(
                text, floor, limit, self._abbreviation_at
            )
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


class NoCue:
    """No attribution here at all (as against a cue whose speaker is unknown: None)."""


NO_CUE = NoCue()


def mention_rows(
    entities: Sequence[Person] | Sequence[Organization],
) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, e.name) for e in entities for m in e.mentions)


def _clause_ends(text: str, start: int, end: int, abbreviation_at: dict[int, bool]) -> list[int]:
    """Where each clause between ``start`` and ``end`` ends (a full stop after an
    abbreviation ends none, nor one closing a bracket: "Sen. Claire McCaskill (D-Mo.)
    said"), in text order; ``abbreviation_at`` remembers the stops already read."""
    ends = []
    for found in CLAUSE_END.finditer(text, start, end):
        dot = found.start()
        if text[dot] == ".":
            if text.startswith(")", dot + 1):
                continue
            known = abbreviation_at.get(dot)
            if known is None:
                known = abbreviation_at[dot] = _is_abbreviation(text, dot)
            if known:
                continue
        ends.append(found.end())
    return ends


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


# How far back a pronoun may reach for its person, in characters and in mentions.
PRONOUN_REACH = 3000


_REACH_MENTIONS = 200
