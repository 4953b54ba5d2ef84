"""Paragraph and sentence boundaries, as spans into the text (never copies).

Every stage that reasons per sentence (summaries, quotes, trip legs) takes its
boundaries from here, so that they agree with each other.

>>> text = "Mr. Kim said so. He left."
>>> [text[s.start:s.end] for s in sentences(text)]
['Mr. Kim said so.', 'He left.']
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import lru_cache

from tripnews.model import Span
from tripnews.rules import load_words

# A blank line, or a single line break, ends a paragraph: scrapes use both.
_PARAGRAPH_BREAK = re.compile(r"\n\s*")

# A sentence may end at . ! ? (or an ellipsis), optionally followed by closing quotes
# or brackets, when white space and a plausible sentence opening come next.
_SENTENCE_END = re.compile(r"""(?:[.!?]|…)["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
# The letters and dots an abbreviation is written with ("Feb", "U.S"), read back from a dot.
_ABBREVIATION_CHARS = string.ascii_letters + "."
# Longer than any abbreviation or initialism the rules know.
_LOOKBACK = 32


def paragraphs(text: str) -> Iterator[Span]:
    """Yield one span per non-empty line-delimited paragraph, stripped of edge spaces."""
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        yield from _stripped(text, pos, brk.start())
        pos = brk.end()
    yield from _stripped(text, pos, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)


# No abbreviation the rules know is this long (the word list's longest has six letters),
# so a dot after as many letters (a common sentence end) closes a sentence; checked
# first, in C, before the word is read back.
_PAST_ABBREVIATIONS = 7


def _is_long_word(tail: str) -> bool:
    return tail.isascii() and tail.isalpha()


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    # Look back a bounded stretch only: searching from 0 made long lines quadratic.
    # The word is what r"[A-Za-z][A-Za-z.]*$" finds there, read back with rstrip (in C)
    # instead of a regex tried at each of the 32 positions; like "$", it may end before a
    # newline that ends the stretch.
    if dot >= _PAST_ABBREVIATIONS and _is_long_word(text[dot - _PAST_ABBREVIATIONS : dot]):
        return False  # "meeting.": seven letters, longer than any rule below takes
    start = max(0, dot - _LOOKBACK)
    end = dot - 1 if dot > start and text[dot - 1] == "\n" else dot
    stretch = text[start:end]
    word = stretch[len(stretch.rstrip(_ABBREVIATION_CHARS)) :].lstrip(".")
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if "." in word and len(word.replace(".", "")) <= 3:
        return True  # "U.S.", "D.C." (a sentence may still end here; we prefer not to split)
    return word.lower().rstrip(".") in load_words("abbreviations")


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Split ``text`` (or the part ``within``) into sentence spans, paragraph by paragraph."""
    return list(_sentence_spans(text, within))


@lru_cache(maxsize=8)  # the summary, the trip legs and the stats each ask for one article
def _sentence_spans(text: str, within: Span | None) -> tuple[Span, ...]:
    region = within or Span(0, len(text))
    out: list[Span] = []
    for para in paragraphs(text[region.start : region.end]):
        p_start, p_end = para.start + region.start, para.end + region.start
        start = p_start
        for end_mark in _SENTENCE_END.finditer(text, p_start, p_end):
            if text[end_mark.start()] == "." and _is_abbreviation(text, end_mark.start()):
                continue
            end = end_mark.end()
            # _stripped's work inline (one span, no generator per sentence); the end is
            # a mark or a closing quote, never a space
            while start < end and text[start].isspace():
                start += 1
            if end > start:
                out.append(Span(start, end))
            start = end
        out.extend(_stripped(text, start, p_end))
    return tuple(out)
