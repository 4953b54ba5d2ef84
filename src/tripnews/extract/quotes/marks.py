"""Where the quotes are: quotation marks paired within a paragraph, nested quotes
read as one, and a quote long enough to report."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tripnews.extract.quotes.common import CLOSING, MARK, MIN_WORDS, OPENING, WORD, QuoteSpan


def quote_spans(text: str) -> Iterator[QuoteSpan]:
    """The quotes of each paragraph (``segment.paragraphs``) that has a quotation mark.

    Most paragraphs have none: the marks are found in one pass over the text, and the
    paragraph of each is its line with the spaces around stripped, as ``paragraphs``
    splits them."""
    pos = 0
    while (mark := MARK.search(text, pos)) is not None:
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


def _spans_in_paragraph(text: str, start: int, end: int) -> Iterator[QuoteSpan]:
    open_at: int | None = None
    nested = (
        0  # straight marks opened inside a straight-quoted quote ('calls "force multipliers."')
    )
    for mark in MARK.finditer(text, start, end):  # only quotation marks change the state
        pos = mark.start()
        char = text[pos]
        if open_at is None:
            if char in OPENING and char != "”" and _opens(text, pos, start):
                open_at, nested = pos, 0
        elif char == '"' and text[open_at] == '"' and _opens_inner(text, pos, start, end):
            nested += 1
        elif char == '"' and nested:
            nested -= 1
        elif char in CLOSING and char != "“" and (char != '"' or _closes(text, pos, end)):
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


def _inner(
    text: str, open_mark: int, close_mark: int | None, para_end: int = 0
) -> QuoteSpan | None:
    """The quote's text between its marks, stripped of spaces and a trailing comma."""
    start = open_mark + 1
    end = close_mark if close_mark is not None else para_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    words = _word_count(text, start, end)
    if words < MIN_WORDS:
        return None
    return QuoteSpan(start, end, open_mark, close_mark, words)


# One word more than MIN_WORDS: a quote this long is counted no further. (Possessive:
# words and gaps never share a character, and a short quote fails without backtracking.)
_ENOUGH_WORDS = re.compile(rf"[\w’'-]++(?:[^\w’'-]++[\w’'-]++){{{MIN_WORDS}}}")


def _word_count(text: str, start: int, end: int) -> int:
    """How many words ``text[start:end]`` has, up to ``MIN_WORDS + 1``: a count is only
    compared with ``MIN_WORDS``, and a long quote is not split into all its words."""
    if _ENOUGH_WORDS.search(text, start, end):
        return MIN_WORDS + 1
    return len(WORD.findall(text, start, end))
