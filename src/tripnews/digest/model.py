"""The story view: one plain, frozen structure per story that every format renders.

Everything a renderer shows is here, already merged, ordered and tied to its
evidence; JSON, Markdown, the terminal and the HTML page only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from tripnews.model import Article


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports a fact, and the index (in its story) of its article."""

    sentence: str
    article: int


@dataclass(frozen=True, slots=True)
class MergedEntity:
    """One person, place or organization of a story, its spellings merged."""

    name: str
    kind: str  # person | place | organization
    count: int
    aliases: tuple[str, ...]  # other spellings and forms found in the text
    sources: tuple[str, ...]
    note: str | None = None  # "probable misspelling: Xi Jingping"
    roles: tuple[str, ...] = ()  # people: "Secretary of State"
    place_kind: str | None = None  # places: city | country | ...
    country: str | None = None  # places: ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    evidence: tuple[Evidence, ...] = ()  # the first few sentences naming it
    more_evidence: int = 0  # sentences naming it beyond those


@dataclass(frozen=True, slots=True)
class StoryLeg:
    """A trip leg as the story's articles tell it: who, where, from where, when."""

    travellers: tuple[str, ...]
    place: str
    date: str | None
    planned: bool
    date_inferred: bool  # the day is borrowed from the story's other articles
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    origin: str | None = None  # where the travellers were last seen; None when not known


@dataclass(frozen=True, slots=True)
class Event:
    """A day-precise date in a sentence (``value`` None when the words name no fixed day)."""

    value: str | None
    words: str
    granularity: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StoryQuote:
    speaker: str | None  # a joint statement's speakers joined: "A and B"
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its articles and everything merged from them."""

    # the articles' headers (source, title, publisher, dates): their texts and facts
    # are merged into the fields below, and a story does not hold them twice
    articles: tuple[Article, ...]
    similarity: tuple[float, ...] = ()  # each article's best link inside the story (1.0 alone)
    topic: int = 0  # stories of one kind of news share a topic number
    title: str | None = None
    title_from: str = "none"  # title | lead | names | none: where the story's name comes from
    central: int = 0  # the article most like the others: the story's name and summary
    people: tuple[MergedEntity, ...] = ()
    places: tuple[MergedEntity, ...] = ()
    organizations: tuple[MergedEntity, ...] = ()
    legs: tuple[StoryLeg, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    summary: tuple[Evidence, ...] = ()
    first: str | None = None  # earliest publication date of its articles
    last: str | None = None  # latest publication date of its articles


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A name across the whole corpus: its spellings, and how many stories and articles."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    stories: tuple[int, ...]  # story numbers, from 1
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Digest:
    stories: tuple[Story, ...]
    names: tuple[NameEntry, ...] = ()
