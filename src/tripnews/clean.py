"""Raw input -> cleaned article text plus the metadata found on the way (stub)."""

from __future__ import annotations

from tripnews.model import Cleaned, RawInput


def clean(raw: RawInput) -> Cleaned:
    """Return the article body of ``raw`` (placeholder: the text, stripped)."""
    return Cleaned(text=raw.text.strip())
