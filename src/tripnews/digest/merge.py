"""One story's view from its articles: merged names, a trip with origins, events, quotes.

People, places and organizations are merged by name (folding spellings such as
"Kim Jong-un" / "Kim Jong Un", a surname alone into the one full name that ends
with it, and a one-letter slip of a longer name, marked as a probable misspelling).
Trip legs become one timeline where each leg lists its sources and, once dated,
where its travellers were last seen; a visit told by its country in one article and
by its city in another is one leg, at the city. An article that states no date in a story
whose other articles do borrows the earliest of their dates as its anchor; the
legs dated that way say ``date_inferred``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tripnews.digest.model import Event, Evidence, MergedEntity, Story, StoryLeg, StoryQuote
from tripnews.lexicon import name_key
from tripnews.model import Article, DateMention, Mention, Place, TripLeg
from tripnews.pubdate import published_day
from tripnews.rules import load_words
from tripnews.segment import sentences

# A fact keeps this many sentences of evidence; the rest are counted.
MAX_EVIDENCE = 4
# Timeline events are dated sentences; a long story is capped so the timeline stays a
# timeline rather than a copy of the articles.
MAX_EVENTS = 40
# Date granularities precise enough to sit on a day of the timeline.
DAY_GRANULARITIES = frozenset({"day", "time"})
# A story named from its lead sentence or its names keeps at most this many characters.
HEADLINE_CHARS = 90
# Names shown in a story's name when no article gives a title or a sentence.
NAMES_IN_TITLE = 3

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_story(articles: Sequence[Article], similarity: Sequence[float], topic: int) -> Story:
    """The story view of ``articles`` (see the module's docstring)."""
    index = [_SentenceIndex(a.text) for a in articles]
    people = _merge(articles, "person", index)
    places = _merge(articles, "place", index)
    organizations = _merge(articles, "organization", index)
    central = max(range(len(articles)), key=lambda i: (similarity[i], -i)) if articles else 0
    title, title_from = _name(articles, central, people, places, organizations, index)
    days = sorted(p.value for a in articles if (p := a.published) is not None)
    return Story(
        articles=tuple(_header(a) for a in articles),
        similarity=tuple(similarity),
        topic=topic,
        title=title,
        title_from=title_from,
        central=central,
        people=people,
        places=places,
        organizations=organizations,
        legs=_with_origins(_legs(articles), places),
        events=_events(articles, index),
        quotes=_quotes(articles, index),
        summary=_summary(articles, central),
        first=days[0] if days else None,
        last=days[-1] if days else None,
    )


def _header(article: Article) -> Article:
    """The article without its text and facts, which the story has merged: a digest of
    a large corpus holds every story at once, and the texts would double its memory."""
    emptied: dict[str, Any] = dict.fromkeys(_FACTS, ())
    return dataclasses.replace(article, text="", **emptied)


# An article's parts that a story merges, and does not keep with its articles.
_FACTS = ("removed", "people", "places", "organizations", "dates", "quotes", "trip", "summary")


# ---------------------------------------------------------------------------
# sentences


class _SentenceIndex:
    """Finds the sentence around an offset of one article's text (split on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def around(self, start: int, end: int | None = None) -> str:
        """The sentence(s) covering ``text[start:end]``, or the slice itself."""
        if self._spans is None:
            self._spans = [(s.start, s.end) for s in sentences(self.text)]
            self._starts = [s for s, _e in self._spans]
        end = start if end is None else end
        i = bisect.bisect_right(self._starts, start) - 1
        j = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        if i < 0 or j < 0:
            return self.text[start:end].strip()
        return self.text[self._spans[i][0] : max(self._spans[j][1], end)].strip()

    def first(self) -> str | None:
        self.around(0)
        spans = self._spans or []
        return self.text[spans[0][0] : spans[0][1]].strip() if spans else None


def _mention_evidence(
    mentions: Sequence[tuple[int, Sequence[Mention]]], index: Sequence[_SentenceIndex]
) -> tuple[tuple[Evidence, ...], int]:
    """The first distinct sentences naming a fact (each article's first mention first),
    and how many more sentences name it."""
    ordered = sorted(
        ((rank, article, m) for article, found in mentions for rank, m in enumerate(found)),
        key=lambda item: (item[0], item[1], item[2].start),
    )
    out: list[Evidence] = []
    seen: set[str] = set()
    more = 0
    for _rank, article, mention in ordered:
        if len(out) >= MAX_EVIDENCE:
            more += 1  # counted, not split into sentences: a big story has thousands
            continue
        sentence = index[article].around(mention.start, mention.end)
        if sentence and sentence not in seen:
            seen.add(sentence)
            out.append(Evidence(sentence, article))
    return tuple(out), more


# ---------------------------------------------------------------------------
# names


@dataclass(slots=True)
class _Gathered:
    """One name's findings across a story's articles, before it is frozen."""

    spellings: Counter[str] = field(default_factory=Counter)
    count: int = 0
    aliases: dict[str, None] = field(default_factory=dict)
    sources: dict[str, None] = field(default_factory=dict)
    mentions: list[tuple[int, tuple[Mention, ...]]] = field(default_factory=list)
    roles: dict[str, None] = field(default_factory=dict)
    place: Place | None = None
    name: str = ""
    note: str | None = None

    def absorb(self, other: _Gathered) -> None:
        self.count += other.count
        self.aliases.update({other.name: None, **other.aliases})
        self.sources.update(other.sources)
        self.mentions.extend(other.mentions)
        self.roles.update(other.roles)


def _merge(
    articles: Sequence[Article], kind: str, index: Sequence[_SentenceIndex]
) -> tuple[MergedEntity, ...]:
    found: dict[str, _Gathered] = {}
    for i, article in enumerate(articles):
        group = (
            article.people
            if kind == "person"
            else article.places
            if kind == "place"
            else article.organizations
        )
        for entity in group:
            entry = found.setdefault(name_key(entity.name), _Gathered())
            entry.spellings[entity.name] += entity.count
            entry.count += entity.count
            entry.aliases.update(dict.fromkeys(m.text for m in entity.mentions))
            entry.sources[article.source] = None
            entry.mentions.append((i, entity.mentions))
            if isinstance(entity, Place):
                located = entity.lat is not None and entity.lon is not None
                if entry.place is None or (located and entry.place.lat is None):
                    entry.place = entity
            else:
                entry.roles.update(dict.fromkeys(getattr(entity, "roles", ())))
    for entry in found.values():
        entry.name = max(sorted(entry.spellings), key=lambda n: entry.spellings[n])
    if kind == "person":
        _fold_surnames(found)
        _fold_misspellings(found)
    merged = []
    for entry in found.values():
        evidence, more = _mention_evidence(entry.mentions, index)
        place = entry.place
        merged.append(
            MergedEntity(
                name=entry.name,
                kind=kind,
                count=entry.count,
                aliases=tuple(a for a in entry.aliases if a != entry.name),
                sources=tuple(entry.sources),
                note=entry.note,
                roles=tuple(entry.roles),
                place_kind=place.kind if place else None,
                country=place.country if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                evidence=evidence,
                more_evidence=more,
            )
        )
    return tuple(sorted(merged, key=lambda e: (-e.count, e.name)))


def _fold_surnames(found: dict[str, _Gathered]) -> None:
    """ "Biden" alone in one article is the story's "Joe Biden" when no other Biden is named."""
    by_surname: dict[str, list[str]] = {}
    for key, entry in found.items():
        if " " in entry.name:
            by_surname.setdefault(entry.name.split()[-1], []).append(key)
    for key in [k for k, e in found.items() if " " not in e.name]:
        fuller = by_surname.get(found[key].name, [])
        if len(fuller) == 1:
            found[fuller[0]].absorb(found.pop(key))


def _fold_misspellings(found: dict[str, _Gathered]) -> None:
    """Merge a two-word-or-longer name one letter away from a more frequent one."""
    known_names = _known_people()
    by_length = _known_by_length()
    for key in [k for k in found if k not in known_names and " " in found[k].name and len(k) >= 8]:
        near = (
            k for size in (len(key) - 1, len(key), len(key) + 1) for k in by_length.get(size, ())
        )
        match = next((k for k in near if _one_edit(key, k)), None)
        if match is not None and match not in found:
            # "Xi Jingping" alone in a story: the name it misspells is still the name meant.
            entry = found.pop(key)
            target = found[match] = _Gathered(name=known_names[match])
            target.absorb(entry)
            target.note = f"probable misspelling: {entry.name}"
    # The spelling a reference list knows wins, then the commoner one; only names that
    # share their first word are compared, so a story's many names are not all pairs.
    keys = sorted(found, key=lambda k: (k not in known_names, -found[k].count, k))
    by_first: dict[str, list[str]] = {}
    for key in keys:
        by_first.setdefault(found[key].name.split()[0], []).append(key)
    for rare in reversed(keys):
        seen = found.get(rare)
        if seen is None or " " not in seen.name or len(rare) < 8 or rare in known_names:
            continue
        for common in by_first[seen.name.split()[0]]:
            if common == rare or common not in found:
                continue
            if common not in known_names and found[common].count < seen.count:
                continue
            if _one_edit(rare, common):
                found[common].note = f"probable misspelling: {seen.name}"
                found[common].absorb(found.pop(rare))
                break


@cache
def _known_people() -> dict[str, str]:
    return {name_key(n): n for n in sorted(load_words("known_people"))}


@cache
def _known_by_length() -> dict[int, tuple[str, ...]]:
    """Known names' keys by length: a one-letter slip is within one letter of length."""
    out: dict[int, list[str]] = {}
    for key in _known_people():
        out.setdefault(len(key), []).append(key)
    return {size: tuple(keys) for size, keys in out.items()}


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


def _name(
    articles: Sequence[Article],
    central: int,
    people: Sequence[MergedEntity],
    places: Sequence[MergedEntity],
    organizations: Sequence[MergedEntity],
    index: Sequence[_SentenceIndex],
) -> tuple[str | None, str]:
    """The story's name: the central article's title (else any article's), else its lead
    sentence cut to a headline, else its most named people, places and organizations."""
    if not articles:
        return None, "none"
    order = [central, *(i for i in range(len(articles)) if i != central)]
    title = next((articles[i].title for i in order if articles[i].title), None)
    if title:
        return title, "title"
    lead = index[central].first()
    if lead:
        return headline(lead), "lead"
    top = sorted((*people, *places, *organizations), key=lambda e: (-e.count, e.name))
    if top:
        return ", ".join(e.name for e in top[:NAMES_IN_TITLE]), "names"
    return None, "none"


def headline(sentence: str, limit: int = HEADLINE_CHARS) -> str:
    """A sentence cut at a word to at most ``limit`` characters, an ellipsis marking the cut.

    >>> headline("Floodwater swept through the riverside villages after the dam burst.", 40)
    'Floodwater swept through the riverside…'
    """
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",;:") + "…"


# ---------------------------------------------------------------------------
# trip legs


@dataclass(slots=True)
class _LegSeen:
    """One leg as the articles of a story tell it, gathered before it is frozen."""

    leg: TripLeg
    inferred: bool
    sources: dict[str, None] = field(default_factory=dict)
    evidence: dict[str, int] = field(default_factory=dict)  # sentence -> article index


def _legs(articles: Sequence[Article]) -> list[StoryLeg]:
    anchor = min(
        (d for a in articles if (d := published_day(a.published)) is not None), default=None
    )
    seen: dict[tuple[frozenset[str], str, str | None], _LegSeen] = {}
    for i, article in enumerate(articles):
        if anchor is not None and published_day(article.published) is None and _unresolved(article):
            legs = _reanchored(article, anchor)
        else:
            legs = [(leg, False) for leg in article.trip]
        for leg, inferred in legs:
            key = (frozenset(leg.travellers), leg.place, leg.date)
            entry = seen.setdefault(key, _LegSeen(leg, inferred))
            entry.sources[article.source] = None
            entry.evidence.setdefault(leg.evidence, i)
            entry.inferred = entry.inferred and inferred  # one stated date is enough
            if not leg.planned:
                entry.leg = leg  # a leg told as done outranks the same leg told as planned
    _fold_undated(seen)
    _fold_countries(seen, _place_areas(articles), [a.source for a in articles])
    out = [
        StoryLeg(
            travellers=e.leg.travellers,
            place=e.leg.place,
            date=e.leg.date,
            planned=e.leg.planned,
            date_inferred=e.inferred and e.leg.date is not None,
            sources=tuple(e.sources),
            evidence=tuple(Evidence(s, i) for s, i in e.evidence.items()),
        )
        for e in seen.values()
    ]
    return sorted(out, key=lambda leg: leg.date or "\uffff")


def _fold_undated(seen: dict[tuple[frozenset[str], str, str | None], _LegSeen]) -> None:
    """An undated leg that a dated one of the same people and place already tells joins it."""
    dated: dict[tuple[frozenset[str], str], list[tuple[frozenset[str], str, str | None]]] = {}
    for key in seen:
        if key[2] is not None:
            dated.setdefault(key[:2], []).append(key)
    for key in [k for k in seen if k[2] is None]:
        told = dated.get(key[:2], [])
        if len(told) == 1:
            undated = seen.pop(key)
            seen[told[0]].sources.update(undated.sources)
            for sentence, i in undated.evidence.items():
                seen[told[0]].evidence.setdefault(sentence, i)


def _place_areas(articles: Sequence[Article]) -> dict[str, tuple[str, str | None]]:
    """Each place named in the story: its kind and its country's code."""
    return {p.name: (p.kind, p.country) for a in articles for p in a.places}


def _fold_countries(
    seen: dict[tuple[frozenset[str], str, str | None], _LegSeen],
    areas: Mapping[str, tuple[str, str | None]],
    story_order: Sequence[str],
) -> None:
    """A visit one article tells by its country and another by its city ("Japan", "Tokyo")
    is one leg, at the city: a country leg joins the one city leg of the story that lies
    in that country, shares a traveller with it and has no other date. Two candidate
    cities, or two dates, may be two visits: the legs stay apart rather than guess."""
    for key in [k for k in seen if areas.get(k[1], ("", None))[0] == "country"]:
        code = areas[key[1]][1]
        if code is None:
            continue
        country = seen[key]
        cities = [
            k
            for k in seen
            if areas.get(k[1], ("", None)) == ("city", code)
            and k[0] & key[0]
            and (k[2] is None or key[2] is None or k[2] == key[2])
        ]
        if len(cities) != 1:
            continue
        city = seen[cities[0]]
        seen.pop(key)
        told = city.leg
        travellers = (
            *told.travellers,
            *(t for t in country.leg.travellers if t not in told.travellers),
        )
        if told.date is None and country.leg.date is not None:
            city.inferred = country.inferred
        elif told.date is not None and country.leg.date is not None:
            city.inferred = city.inferred and country.inferred  # one stated date is enough
        city.leg = TripLeg(
            travellers,
            told.place,
            told.date or country.leg.date,
            told.evidence,
            told.planned and country.leg.planned,  # told as done anywhere: done
        )
        # both tellings' sources and sentences, in the story's article order
        rank = {source: i for i, source in enumerate(story_order)}
        sources = sorted({**city.sources, **country.sources}, key=lambda s: rank.get(s, len(rank)))
        city.sources = dict.fromkeys(sources)
        evidence = {**city.evidence}
        for sentence, i in country.evidence.items():
            evidence.setdefault(sentence, i)
        city.evidence = dict(sorted(evidence.items(), key=lambda item: item[1]))


def _unresolved(article: Article) -> bool:
    """The article has legs and a date it could not place ("on Monday" with no anchor):
    only then can the story's anchor tell it more."""
    return bool(article.trip) and any(d.value is None for d in article.dates)


def _reanchored(article: Article, anchor: dt.date) -> list[tuple[TripLeg, bool]]:
    """The article's legs with weekdays resolved against the story's anchor."""
    from tripnews.extract.dates import tag_dates
    from tripnews.extract.trip import extract_trip

    dates = tag_dates(article.text, anchor)
    legs = extract_trip(article.text, article.people, article.places, dates)
    known = {(leg.travellers, leg.place, leg.evidence): leg.date for leg in article.trip}
    return [(leg, known.get((leg.travellers, leg.place, leg.evidence)) != leg.date) for leg in legs]


def _with_origins(legs: Sequence[StoryLeg], places: Sequence[MergedEntity]) -> tuple[StoryLeg, ...]:
    """Each dated leg with the place its travellers were last seen at on an earlier dated
    leg; the first leg of a journey has no origin rather than a guessed one."""
    areas = {p.name: (p.place_kind or "", p.country) for p in places}
    out: list[StoryLeg] = []
    for leg in legs:
        origin = _origin(out, leg, areas) if leg.date is not None else None
        out.append(
            StoryLeg(
                leg.travellers,
                leg.place,
                leg.date,
                leg.planned,
                leg.date_inferred,
                leg.sources,
                leg.evidence,
                origin,
            )
        )
    return tuple(out)


def _origin(
    earlier_legs: Sequence[StoryLeg], leg: StoryLeg, areas: Mapping[str, tuple[str, str | None]]
) -> str | None:
    """Where the travellers were last seen on a dated leg: a city before its country
    ("Tokyo", not "Japan", is where they leave for Seoul); none when the two are one
    area (Tokyo, then Japan)."""
    travellers = set(leg.travellers)
    earlier = [
        r.place for r in earlier_legs if r.date is not None and set(r.travellers) & travellers
    ]
    if not earlier:
        return None
    not_countries = [p for p in earlier if areas.get(p, ("", None))[0] != "country"]
    origin = (not_countries or earlier)[-1]
    return None if _one_area(origin, leg.place, areas) else origin


def _one_area(a: str, b: str, areas: Mapping[str, tuple[str, str | None]]) -> bool:
    if a == b:
        return True
    (kind_a, country_a), (kind_b, country_b) = areas.get(a, ("", None)), areas.get(b, ("", None))
    if "country" not in (kind_a, kind_b) or country_a is None:
        return False
    return country_a == country_b


# ---------------------------------------------------------------------------
# events, quotes, summary


def _events(articles: Sequence[Article], index: Sequence[_SentenceIndex]) -> tuple[Event, ...]:
    """Day-precise or unresolved date mentions with their sentences, one per sentence."""
    rows: list[Event] = []
    seen: set[tuple[str | None, str]] = set()
    for i, article in enumerate(articles):
        for date in article.dates:
            if not _is_event(date):
                continue
            sentence = index[i].around(date.start, date.end)
            key = (date.value, sentence)
            if key in seen:
                continue
            seen.add(key)
            rows.append(Event(date.value, date.text, date.granularity, Evidence(sentence, i)))
    rows.sort(key=lambda r: r.value if r.value is not None else "\uffff")
    return tuple(rows[:MAX_EVENTS])


def _is_event(date: DateMention) -> bool:
    """Day- or time-precise mentions are events, resolved or not; weeks and years are not,
    nor "now" and "currently", which name no day."""
    if date.value is not None and _ISO_DAY.match(date.value) is None:
        return False
    return date.granularity in DAY_GRANULARITIES


def _quotes(articles: Sequence[Article], index: Sequence[_SentenceIndex]) -> tuple[StoryQuote, ...]:
    out = []
    for i, article in enumerate(articles):
        for quote in article.quotes:
            speaker = quote.speaker
            label = " and ".join(speaker) or None if isinstance(speaker, tuple) else speaker
            sentence = index[i].around(quote.start, quote.end) or quote.text
            out.append(StoryQuote(label, quote.text, Evidence(sentence, i)))
    return tuple(out)


def _summary(articles: Sequence[Article], central: int) -> tuple[Evidence, ...]:
    """The central article's summary, else the first article's that has one."""
    order = [central, *(i for i in range(len(articles)) if i != central)]
    source = next((i for i in order if articles[i].summary), None)
    if source is None:
        return ()
    return tuple(Evidence(s, source) for s in articles[source].summary)
