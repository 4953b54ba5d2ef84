"""Offset arithmetic in one place: grouping mentions, trimming spans, checking slices."""

from __future__ import annotations

from tripnews.model import Mention


def mention(text: str, start: int, end: int) -> Mention:
    """Build a mention whose ``text`` is exactly ``text[start:end]``."""
    return Mention(text[start:end], start, end)


def trim(text: str, start: int, end: int, chars: str = " \t\n.,;:!?\"'“”‘’()[]") -> tuple[int, int]:
    """Shrink ``start:end`` past any ``chars`` at either edge."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when half-open ranges ``a`` and ``b`` share at least one character."""
    return a[0] < b[1] and b[0] < a[1]
