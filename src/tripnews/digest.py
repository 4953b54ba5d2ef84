"""Across articles: stories, merged entities and one trip timeline per story (stub)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tripnews.model import Article


@dataclass(frozen=True, slots=True)
class Story:
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    stories: tuple[Story, ...]


def build_digest(articles: Iterable[Article]) -> Digest:
    """Group ``articles`` into stories (placeholder: one story of all)."""
    found = tuple(articles)
    return Digest(stories=(Story(found),) if found else ())
