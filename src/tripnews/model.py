"""Records that mirror the JSON contract (``SCHEMA.md``), field for field, in key order.

The renderer walks these fields in declaration order, so the JSON keys come out
in contract order without sorting. Sequences are tuples so records stay frozen
and hashable; unknown values are ``None``, never a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    roles: tuple[str, ...]
    count: int
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # city | country | region | state | continent | water | other
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    count: int
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    count: int
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression, normalised TIMEX3-style (``value`` is None when unresolved)."""

    text: str
    start: int
    end: int
    value: str | None
    granularity: str  # day | week | month | year | time | duration | set
    resolved: bool


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | tuple[str, ...] | None  # a tuple for a joint statement ("they wrote")
    text: str
    start: int
    end: int
    # extension: the speakers as one shape, always a list (empty when unattributed)
    speakers: tuple[str, ...] = ()
    # extension: an unnamed source as the text describes it ("a senior administration
    # official"); only when ``speaker`` is null
    speaker_description: str | None = None


@dataclass(frozen=True, slots=True)
class TripLeg:
    travellers: tuple[str, ...]
    place: str
    date: str | None
    evidence: str
    planned: bool = False  # extension: the text speaks of the leg as yet to happen


@dataclass(frozen=True, slots=True)
class Published:
    value: str  # ISO 8601, as precise as the evidence allows
    text: str  # the words the value was read from
    origin: str  # dateline | meta | caller


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    kind: str  # navigation | related-links | caption | credit | footer | duplicate | other
    text: str


@dataclass(frozen=True, slots=True)
class DatesAnchor:
    """The day relative dates ("on Monday") were resolved against, and where it came from:
    the article's own publication date, or the caller's ``--reference-date`` for an
    article that states none."""

    value: str  # YYYY-MM-DD
    origin: str  # published | reference-date


@dataclass(frozen=True, slots=True)
class Stats:
    chars_in: int
    chars_out: int
    words: int
    sentences: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article's full record, as ``tripnews ingest`` emits it."""

    id: str
    source: str
    # Extensions of the contract, keyword-only with defaults so that code building an
    # Article by name keeps working; declared here so the record shows them beside
    # ``source`` and ``format``, which is where a reader looks for them.
    source_id: str | None = field(default=None, kw_only=True)  # the input's own id/_id/guid
    url: str | None = field(default=None, kw_only=True)  # input's url, else canonical/og:url
    format: str  # text | html | json
    language: str | None = field(default=None, kw_only=True)  # ISO 639-1; None: too short
    title: str | None
    publisher: str | None
    byline: str | None
    published: Published | None
    dateline: Dateline | None
    text: str
    removed: tuple[Removed, ...]
    people: tuple[Person, ...]
    places: tuple[Place, ...]
    organizations: tuple[Organization, ...]
    dates: tuple[DateMention, ...]
    quotes: tuple[Quote, ...]
    trip: tuple[TripLeg, ...]
    summary: tuple[str, ...]
    stats: Stats
    dates_anchor: DatesAnchor | None = None  # extension: what relative dates count from
    schema: int = field(default=SCHEMA_VERSION)


@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as read from disk or stdin, before any cleaning."""

    source: str
    format: str  # text | html | json
    text: str  # plain text, or the HTML markup when format == "html"
    meta: dict[str, Any] = field(default_factory=dict)  # title/url/date from JSON inputs
    html: str | None = None  # markup carried by a JSON record, if any
    warnings: tuple[str, ...] = ()  # things the user should know, e.g. a guessed encoding


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range into a text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the cleaner hands to the extractors: body text plus the metadata it found."""

    text: str
    removed: tuple[Removed, ...] = ()
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: Published | None = None
    dateline: Dateline | None = None
    headings: tuple[Span, ...] = ()  # subheadings kept in text: never summary sentences
    url: str | None = None  # the page's canonical link or og:url


@dataclass(frozen=True, slots=True)
class Entities:
    """The entity extractors' joint result, in order of first mention."""

    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    organizations: tuple[Organization, ...] = ()
