"""Temporal expressions (stub)."""

from __future__ import annotations

import datetime as dt

from tripnews.model import DateMention


def tag_dates(text: str, anchor: dt.date | None = None) -> tuple[DateMention, ...]:
    """Return the temporal expressions in ``text`` (placeholder: none)."""
    return ()
