"""Direct quotations and their speakers (stub)."""

from __future__ import annotations

from tripnews.model import Organization, Person, Quote


def extract_quotes(
    text: str, people: tuple[Person, ...], organizations: tuple[Organization, ...]
) -> tuple[Quote, ...]:
    """Return the direct quotes in ``text`` (placeholder: none)."""
    return ()
