"""Trip legs: who went where, and when (stub)."""

from __future__ import annotations

from tripnews.model import DateMention, Person, Place, TripLeg


def extract_trip(
    text: str,
    people: tuple[Person, ...],
    places: tuple[Place, ...],
    dates: tuple[DateMention, ...],
) -> tuple[TripLeg, ...]:
    """Return the legs of any journey ``text`` describes (placeholder: none)."""
    return ()
