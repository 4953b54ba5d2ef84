"""People, places and organizations (stub)."""

from __future__ import annotations

from tripnews.model import Entities, Span


def find_entities(text: str, headings: tuple[Span, ...] = ()) -> Entities:
    """Return the entities mentioned in ``text`` (placeholder: none)."""
    return Entities()
