"""Across articles: stories, merged entities and one trip timeline per story.

Articles are grouped into stories, and stories into topics, by the similarity of
what they say (``grouping``: TF-IDF over content words and names, candidate pairs
from an inverted index, average link, never across publication dates more than
``MAX_DAYS_APART`` apart). A story merges its articles' people, places and organizations by name
(folding spellings such as "Kim Jong-un" / "Kim Jong Un", and a one-letter slip
of a longer name, marked as a probable misspelling), and their trip legs into
one timeline where each leg lists its sources. An article that states no date
in a story whose other articles do borrows the earliest of their dates as its
anchor; the legs dated that way say ``date_inferred``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tripnews.digest.grouping import cluster
from tripnews.extract.entities import name_key
from tripnews.model import Article, Organization, Person, Place, TripLeg
from tripnews.pubdate import published_day
from tripnews.rules import load_words


@dataclass(frozen=True, slots=True)
class MergedEntity:
    name: str
    kind: str  # person | place | organization
    count: int
    aliases: tuple[str, ...]  # other spellings and forms found in the text
    sources: tuple[str, ...]
    note: str | None = None  # "probable misspelling: Xi Jingping"


@dataclass(frozen=True, slots=True)
class StoryLeg:
    travellers: tuple[str, ...]
    place: str
    date: str | None
    planned: bool
    date_inferred: bool
    sources: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    articles: tuple[Article, ...]
    similarity: tuple[float, ...] = ()  # each article's best link inside the story (1.0 alone)
    topic: int = 0  # stories of one kind of news share a topic number
    title: str | None = None
    people: tuple[MergedEntity, ...] = ()
    places: tuple[MergedEntity, ...] = ()
    organizations: tuple[MergedEntity, ...] = ()
    legs: tuple[StoryLeg, ...] = ()


@dataclass(frozen=True, slots=True)
class Digest:
    stories: tuple[Story, ...]


def build_digest(articles: Iterable[Article]) -> Digest:
    """Group ``articles`` into stories, in order of each story's first article."""
    found = tuple(articles)
    groups = cluster(found)
    return Digest(
        stories=tuple(
            _story([found[i] for i in g], [groups.best[i] for i in g], topic)
            for g, topic in zip(groups.stories, groups.topics, strict=True)
        )
    )


# ---------------------------------------------------------------------------
# helpers


def _day(article: Article) -> dt.date | None:
    return published_day(article.published)


# ---------------------------------------------------------------------------
# one story


def _story(articles: list[Article], similarity: list[float], topic: int) -> Story:
    legs = _legs(articles)
    return Story(
        articles=tuple(articles),
        similarity=tuple(similarity),
        topic=topic,
        title=next((a.title for a in articles if a.title), None),
        people=_merge(articles, "person"),
        places=_merge(articles, "place"),
        organizations=_merge(articles, "organization"),
        legs=legs,
    )


def _entities(article: Article, kind: str) -> Sequence[tuple[str, int, tuple[str, ...]]]:
    group: Sequence[Person | Place | Organization] = (
        article.people
        if kind == "person"
        else article.places
        if kind == "place"
        else article.organizations
    )
    return [(e.name, e.count, tuple(dict.fromkeys(m.text for m in e.mentions))) for e in group]


def _merge(articles: Sequence[Article], kind: str) -> tuple[MergedEntity, ...]:
    names: dict[str, str] = {}  # folded key -> canonical name (the commonest spelling)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    aliases: dict[str, dict[str, None]] = {}
    sources: dict[str, dict[str, None]] = {}
    for article in articles:
        for name, count, mentions in _entities(article, kind):
            key = name_key(name)
            spellings.setdefault(key, Counter())[name] += count
            counts[key] += count
            aliases.setdefault(key, {}).update(dict.fromkeys(mentions))
            sources.setdefault(key, {})[article.source] = None
    for key, spelled in spellings.items():
        names[key] = max(sorted(spelled), key=lambda n: spelled[n])
    notes: dict[str, str] = {}
    if kind == "person":
        _fold_surnames(names, counts, aliases, sources)
        _fold_misspellings(names, counts, aliases, sources, notes)
    merged = [
        MergedEntity(
            name=names[key],
            kind=kind,
            count=counts[key],
            aliases=tuple(a for a in aliases[key] if a != names[key]),
            sources=tuple(sources[key]),
            note=notes.get(key),
        )
        for key in names
    ]
    return tuple(sorted(merged, key=lambda e: (-e.count, e.name)))


def _fold_surnames(
    names: dict[str, str],
    counts: Counter[str],
    aliases: dict[str, dict[str, None]],
    sources: dict[str, dict[str, None]],
) -> None:
    """ "Biden" alone in one article is the story's "Joe Biden" when no other Biden is named."""
    for key, name in list(names.items()):
        if " " in name:
            continue
        fuller = [k for k, n in names.items() if " " in n and n.split()[-1] == name]
        if len(fuller) == 1:
            target = fuller[0]
            counts[target] += counts.pop(key)
            aliases[target].update({name: None, **aliases.pop(key)})
            sources[target].update(sources.pop(key))
            del names[key]


def _fold_misspellings(
    names: dict[str, str],
    counts: Counter[str],
    aliases: dict[str, dict[str, None]],
    sources: dict[str, dict[str, None]],
    notes: dict[str, str],
) -> None:
    """Merge a two-word-or-longer name one letter away from a more frequent one."""
    known_names = {name_key(n): n for n in load_words("known_people")}
    known = set(known_names)
    for key in [k for k in names if k not in known and " " in names[k] and len(k) >= 8]:
        match = next((k for k in known_names if _one_edit(key, k)), None)
        if match is not None and match not in names:
            # "Xi Jingping" alone in a story: the name it misspells is still the name meant.
            notes[match] = f"probable misspelling: {names[key]}"
            names[match] = known_names[match]
            counts[match] = counts.pop(key)
            aliases[match] = {names[key]: None, **aliases.pop(key)}
            sources[match] = sources.pop(key)
            del names[key]
    # The spelling a reference list knows wins, then the commoner one.
    keys = sorted(names, key=lambda k: (k not in known, -counts[k], k))
    for rare in reversed(keys):
        if " " not in names[rare] or len(rare) < 8 or rare in known:
            continue
        for common in keys:
            if common == rare or common not in names:
                continue
            if common not in known and counts[common] < counts[rare]:
                continue
            if _one_edit(rare, common) and names[common].split()[0] == names[rare].split()[0]:
                notes[common] = f"probable misspelling: {names[rare]}"
                counts[common] += counts.pop(rare)
                aliases[common].update({names[rare]: None, **aliases.pop(rare)})
                sources[common].update(sources.pop(rare))
                del names[rare]
                break


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


@dataclass(slots=True)
class _LegSeen:
    """One leg as the articles of a story tell it, gathered before it is frozen."""

    leg: TripLeg
    inferred: bool
    sources: dict[str, None] = field(default_factory=dict)
    evidence: dict[str, None] = field(default_factory=dict)


def _legs(articles: Sequence[Article]) -> tuple[StoryLeg, ...]:
    anchor = min((d for a in articles if (d := _day(a)) is not None), default=None)
    seen: dict[tuple[frozenset[str], str, str | None], _LegSeen] = {}
    for article in articles:
        if anchor is not None and _day(article) is None:
            legs = _reanchored(article, anchor)
        else:
            legs = [(leg, False) for leg in article.trip]
        for leg, inferred in legs:
            key = (frozenset(leg.travellers), leg.place, leg.date)
            entry = seen.setdefault(key, _LegSeen(leg, inferred))
            entry.sources[article.source] = None
            entry.evidence[leg.evidence] = None
            entry.inferred = entry.inferred and inferred  # one stated date is enough
            if not leg.planned:
                entry.leg = leg  # a leg told as done outranks the same leg told as planned
    _fold_undated(seen)
    out = [
        StoryLeg(
            travellers=e.leg.travellers,
            place=e.leg.place,
            date=e.leg.date,
            planned=e.leg.planned,
            date_inferred=e.inferred and e.leg.date is not None,
            sources=tuple(e.sources),
            evidence=tuple(e.evidence),
        )
        for e in seen.values()
    ]
    return tuple(sorted(out, key=lambda leg: leg.date or "\uffff"))


def _fold_undated(seen: dict[tuple[frozenset[str], str, str | None], _LegSeen]) -> None:
    """An undated leg that a dated one of the same people and place already tells joins it."""
    for key in [k for k in seen if k[2] is None]:
        dated = [k for k in seen if k[:2] == key[:2] and k[2] is not None]
        if len(dated) == 1:
            undated = seen.pop(key)
            seen[dated[0]].sources.update(undated.sources)
            seen[dated[0]].evidence.update(undated.evidence)


def _reanchored(article: Article, anchor: dt.date) -> list[tuple[TripLeg, bool]]:
    """The article's legs with weekdays resolved against the story's anchor."""
    from tripnews.extract.dates import tag_dates
    from tripnews.extract.trip import extract_trip

    dates = tag_dates(article.text, anchor)
    legs = extract_trip(article.text, article.people, article.places, dates)
    known = {(leg.travellers, leg.place, leg.evidence): leg.date for leg in article.trip}
    return [(leg, known.get((leg.travellers, leg.place, leg.evidence)) != leg.date) for leg in legs]
