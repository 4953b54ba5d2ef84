"""Summary sentences (stub: the first N)."""

from __future__ import annotations

from tripnews.model import Entities, Span
from tripnews.segment import sentences


def summarize(
    text: str, count: int, headings: tuple[Span, ...] = (), found: Entities | None = None
) -> tuple[str, ...]:
    """Return up to ``count`` sentences of ``text`` in text order (placeholder: the lead)."""
    return tuple(text[s.start : s.end] for s in sentences(text)[:count])
