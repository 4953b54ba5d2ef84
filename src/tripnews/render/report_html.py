"""Render a digest as one self-contained HTML page: map, timeline and evidence per story.

    from tripnews.digest import build_digest
    page = digest_to_html(build_digest(articles))

The page needs no network and no JavaScript: styles are inline, the map is an
inline SVG drawn from the shipped basemap (``render/worldmap.py``), and each fact
opens its evidence with ``<details>``. A Content-Security-Policy forbids every
external load, so a copied page cannot leak a request. All article text passes
through ``html.escape`` (via ``worldmap.esc``); the same digest always gives the same bytes (no
clock, stable order, fixed number formats).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tripnews.model import Article, DateMention, Mention, Place, TripLeg
from tripnews.render.worldmap import MapArrow, MapPoint, esc, render_map
from tripnews.segment import sentences

# A fact shows at most this many sentences of evidence; the rest are counted.
MAX_EVIDENCE = 4
# Timeline events are dated sentences; a long story is capped so the timeline
# stays a timeline rather than a copy of the articles.
MAX_EVENTS = 40
# Kinds of place drawn as a point: a country or continent centroid would be a
# misleading dot, and seas have no single spot.
POINT_KINDS = frozenset({"city", "state", "region", "other"})
# Date granularities precise enough to sit on a day of the timeline.
DAY_GRANULARITIES = frozenset({"day", "time"})

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports a fact, and the index of the article it is in."""

    sentence: str
    article: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    title: str | None
    publisher: str | None
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    name: str
    roles: tuple[str, ...]
    count: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    count: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class OrgRow:
    name: str
    count: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class LegRow:
    """A trip leg: who went where, from where (if known), when (if known)."""

    travellers: tuple[str, ...]
    origin: str | None
    place: str
    date: str | None
    planned: bool
    evidence: tuple[Evidence, ...]
    date_inferred: bool = False  # the day comes from the story's other articles


@dataclass(frozen=True, slots=True)
class EventRow:
    """A dated sentence: ``value`` is None when the words could not be placed on a date."""

    value: str | None
    words: str
    granularity: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str | None
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything the page shows about one story, already merged and ordered."""

    title: str
    articles: tuple[ArticleRow, ...]
    summary: tuple[Evidence, ...]
    people: tuple[PersonRow, ...]
    places: tuple[PlaceRow, ...]
    organizations: tuple[OrgRow, ...]
    legs: tuple[LegRow, ...]
    events: tuple[EventRow, ...]
    quotes: tuple[QuoteRow, ...]


# --- from records to views -------------------------------------------------------------


class _SentenceIndex:
    """Finds the sentence around an offset of one article's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentences(text)
        self.starts = [span.start for span in self.spans]

    def around(self, start: int, end: int | None = None) -> str:
        """Return the sentence(s) covering ``text[start:end]``, or the slice itself."""
        end = start if end is None else end
        i = bisect.bisect_right(self.starts, start) - 1
        j = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        if i < 0 or j < 0:
            return self.text[start:end].strip()
        return self.text[self.spans[i].start : max(self.spans[j].end, end)].strip()


def _mention_evidence(
    mentions_per_article: Sequence[tuple[int, Sequence[Mention]]], index: Sequence[_SentenceIndex]
) -> tuple[Evidence, ...]:
    """Return distinct sentences of mentions, taking each article's first mention first."""
    ordered: list[tuple[int, int, Mention]] = []
    for article, mentions in mentions_per_article:
        ordered.extend((rank, article, m) for rank, m in enumerate(mentions))
    ordered.sort(key=lambda item: (item[0], item[1], item[2].start))
    out: list[Evidence] = []
    seen: set[str] = set()
    for _rank, article, mention in ordered:
        sentence = index[article].around(mention.start, mention.end)
        if sentence and sentence not in seen:
            seen.add(sentence)
            out.append(Evidence(sentence, article))
    return tuple(out)


def _merge_people(
    articles: Sequence[Article], index: Sequence[_SentenceIndex]
) -> tuple[PersonRow, ...]:
    names: dict[str, list[tuple[int, Article]]] = {}
    for i, article in enumerate(articles):
        for person in article.people:
            names.setdefault(person.name, []).append((i, article))
    rows = []
    for name, found in names.items():
        people = [(i, p) for i, a in found for p in a.people if p.name == name]
        roles = tuple(dict.fromkeys(role for _i, p in people for role in p.roles))
        count = sum(p.count for _i, p in people)
        evidence = _mention_evidence([(i, p.mentions) for i, p in people], index)
        rows.append(PersonRow(name, roles, count, evidence))
    return tuple(sorted(rows, key=lambda r: -r.count))


def _merge_places(
    articles: Sequence[Article], index: Sequence[_SentenceIndex]
) -> tuple[PlaceRow, ...]:
    found: dict[str, list[tuple[int, Place]]] = {}
    for i, article in enumerate(articles):
        for place in article.places:
            found.setdefault(place.name, []).append((i, place))
    rows = []
    for name, places in found.items():
        first = places[0][1]
        located = next((p for _i, p in places if p.lat is not None and p.lon is not None), first)
        rows.append(
            PlaceRow(
                name,
                first.kind,
                first.country,
                located.lat,
                located.lon,
                sum(p.count for _i, p in places),
                _mention_evidence([(i, p.mentions) for i, p in places], index),
            )
        )
    return tuple(sorted(rows, key=lambda r: -r.count))


def _merge_orgs(articles: Sequence[Article], index: Sequence[_SentenceIndex]) -> tuple[OrgRow, ...]:
    found: dict[str, list[tuple[int, tuple[Mention, ...], int]]] = {}
    for i, article in enumerate(articles):
        for org in article.organizations:
            found.setdefault(org.name, []).append((i, org.mentions, org.count))
    rows = [
        OrgRow(
            name,
            sum(c for _i, _m, c in items),
            _mention_evidence([(i, m) for i, m, _c in items], index),
        )
        for name, items in found.items()
    ]
    return tuple(sorted(rows, key=lambda r: -r.count))


def _day_key(date: str | None) -> str:
    """Sort key that puts dated things in date order and undated ones last."""
    return date if date is not None else "\uffff"


def chain_legs(
    legs: Sequence[tuple[TripLeg, Evidence]],
    areas: Mapping[str, tuple[str, str | None]] | None = None,
) -> tuple[LegRow, ...]:
    """Order legs by date and give each the place its travellers were last seen at.

    The origin is read from the previous leg that shares a traveller; the first
    leg of a journey has no origin rather than a guessed one.
    """
    return _chain(
        [((leg.travellers, leg.place, leg.date, leg.planned), False, found) for leg, found in legs],
        areas,
    )


_LegKey = tuple[tuple[str, ...], str, str | None, bool]


def _chain(
    legs: Sequence[tuple[_LegKey, bool, Evidence]],
    areas: Mapping[str, tuple[str, str | None]] | None = None,
) -> tuple[LegRow, ...]:
    merged: dict[_LegKey, tuple[list[Evidence], list[bool]]] = {}
    for key, inferred, found in legs:
        evidence, inferred_flags = merged.setdefault(key, ([], []))
        evidence.append(found)
        inferred_flags.append(inferred)
    ordered = sorted(merged.items(), key=lambda item: _day_key(item[0][2]))
    rows: list[LegRow] = []
    for (travellers, place, date, planned), (evidence, inferred_flags) in ordered:
        origin = _origin(rows, travellers, place, areas or {}) if date is not None else None
        inferred = date is not None and all(inferred_flags)
        rows.append(LegRow(travellers, origin, place, date, planned, tuple(evidence), inferred))
    return tuple(rows)


def _origin(
    rows: Sequence[LegRow],
    travellers: tuple[str, ...],
    place: str,
    areas: Mapping[str, tuple[str, str | None]],
) -> str | None:
    """Where the travellers were last seen on a dated leg: a city before its country
    ("Tokyo", not "Japan", is where they leave for Seoul); none when the two are one
    area (Tokyo, then Japan)."""
    earlier = [r.place for r in rows if r.date is not None and set(r.travellers) & set(travellers)]
    if not earlier:
        return None
    not_countries = [p for p in earlier if areas.get(p, ("", None))[0] != "country"]
    origin = (not_countries or earlier)[-1]
    return None if _one_area(origin, place, areas) else origin


def _one_area(a: str, b: str, areas: Mapping[str, tuple[str, str | None]]) -> bool:
    if a == b:
        return True
    (kind_a, country_a), (kind_b, country_b) = areas.get(a, ("", None)), areas.get(b, ("", None))
    if "country" not in (kind_a, kind_b) or country_a is None:
        return False
    return country_a == country_b


class _StoryLegLike(Protocol):
    """The digest's story leg: a day stated, or borrowed from the story and so marked."""

    @property
    def travellers(self) -> tuple[str, ...]: ...
    @property
    def place(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def planned(self) -> bool: ...
    @property
    def date_inferred(self) -> bool: ...
    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def evidence(self) -> tuple[str, ...]: ...


def chain_story_legs(
    legs: Sequence[_StoryLegLike],
    articles: Sequence[Article],
    areas: Mapping[str, tuple[str, str | None]] | None = None,
) -> tuple[LegRow, ...]:
    """Rows for the digest's legs, each sentence tied to the article that holds it."""
    index = {a.source: i for i, a in enumerate(articles)}
    items: list[tuple[_LegKey, bool, Evidence]] = []
    for leg in legs:
        key = (leg.travellers, leg.place, leg.date, leg.planned)
        for sentence in leg.evidence:
            holders = [index[s] for s in leg.sources if s in index]
            found = next((i for i in holders if sentence in articles[i].text), holders[0])
            items.append((key, leg.date_inferred, Evidence(sentence, found)))
    return _chain(items, areas)


def _events(articles: Sequence[Article], index: Sequence[_SentenceIndex]) -> tuple[EventRow, ...]:
    """Return day-precise or unresolved date mentions with their sentences, one per sentence."""
    rows: list[EventRow] = []
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
            rows.append(EventRow(date.value, date.text, date.granularity, Evidence(sentence, i)))
    rows.sort(key=lambda r: _day_key(r.value))
    return tuple(rows[:MAX_EVENTS])


def _is_event(date: DateMention) -> bool:
    """Day- or time-precise mentions are events, resolved or not; weeks and years are not,
    nor "now" and "currently" (PRESENT_REF), which name no day."""
    if date.value is not None and _ISO_DAY.match(date.value) is None:
        return False
    return date.granularity in DAY_GRANULARITIES


def _speaker_label(speaker: str | tuple[str, ...] | None) -> str | None:
    """A joint statement's speakers read as one label: "Antony Blinken and Lloyd Austin"."""
    if isinstance(speaker, tuple):
        return " and ".join(speaker) if speaker else None
    return speaker


def story_from_articles(
    articles: Sequence[Article],
    title: str | None = None,
    story_legs: Sequence[_StoryLegLike] | None = None,
) -> StoryView:
    """Build one story's view from article records, merging entities by name; the trip
    comes from the digest's ``story_legs`` when given (days borrowed from the story's
    other articles, marked as inferred), else from each article's own legs."""
    index = [_SentenceIndex(a.text) for a in articles]
    places = _merge_places(articles, index)
    areas = {p.name: (p.kind, p.country) for p in places}
    if story_legs is not None:
        legs = chain_story_legs(story_legs, articles, areas)
    else:
        legs = chain_legs(
            [(leg, Evidence(leg.evidence, i)) for i, a in enumerate(articles) for leg in a.trip],
            areas,
        )
    quotes = tuple(
        QuoteRow(
            _speaker_label(q.speaker),
            q.text,
            Evidence(index[i].around(q.start, q.end) or q.text, i),
        )
        for i, a in enumerate(articles)
        for q in a.quotes
    )
    summary_source = next((i for i, a in enumerate(articles) if a.summary), 0)
    summary = tuple(
        Evidence(s, summary_source) for s in (articles[summary_source].summary if articles else ())
    )
    return StoryView(
        title=title or next((a.title for a in articles if a.title), None) or "Untitled story",
        articles=tuple(
            ArticleRow(a.title, a.publisher, a.published.value if a.published else None, a.source)
            for a in articles
        ),
        summary=summary,
        people=_merge_people(articles, index),
        places=places,
        organizations=_merge_orgs(articles, index),
        legs=legs,
        events=_events(articles, index),
        quotes=quotes,
    )


# --- from views to HTML ----------------------------------------------------------------


def slug(text: str) -> str:
    """Return an anchor-safe form of ``text``: ``slug("São Paulo") == "s-o-paulo"``."""
    return _SLUG_JUNK.sub("-", text.lower()).strip("-") or "x"


class _Anchors:
    """Hands out unique, stable anchor ids within one page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, base: str) -> str:
        anchor, n = base, 2
        while anchor in self.used:
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        return anchor


def _e(text: str | None, empty: str = "—") -> str:
    return esc(text) if text else f'<span class="none">{empty}</span>'


def _day_of(value: str) -> str:
    """Return the ISO day a value falls on (``2021-03-15T10:00`` -> ``2021-03-15``)."""
    match = _ISO_DAY.match(value)
    return match.group() if match else value


def _day_label(value: str) -> str:
    """Return ``2021-03-15 (Monday)`` for an ISO day; a coarser value says it has no day."""
    match = _ISO_DAY.match(value)
    if match is None:
        return f"{esc(value)} (no day given)"
    try:
        day = dt.date.fromisoformat(match.group())
    except ValueError:
        return esc(value)
    rest = value[match.end() :].lstrip("T")
    time = f" {esc(rest)}" if rest else ""
    return f"{esc(match.group())}{time} ({day.strftime('%A')})"


def _article_link(story: int, article: int, rows: Sequence[ArticleRow]) -> str:
    row = rows[article] if 0 <= article < len(rows) else None
    label = (row.title or row.source) if row else f"article {article + 1}"
    publisher = f" ({esc(row.publisher)})" if row and row.publisher else ""
    return f'<a href="#s{story}-article-{article + 1}">{esc(label)}</a>{publisher}'


def _evidence_block(story: int, evidence: Sequence[Evidence], rows: Sequence[ArticleRow]) -> str:
    if not evidence:
        return '<p class="none">No sentence recorded.</p>'
    items = [
        f"<li><blockquote>{esc(ev.sentence)}</blockquote>"
        f'<p class="from">from {_article_link(story, ev.article, rows)}</p></li>'
        for ev in evidence[:MAX_EVIDENCE]
    ]
    more = len(evidence) - MAX_EVIDENCE
    tail = (
        f'<p class="more">and {more} more sentence{"s" if more != 1 else ""}</p>'
        if more > 0
        else ""
    )
    return f'<ul class="evidence">{"".join(items)}</ul>{tail}'


def _details(anchor: str, summary: str, body: str) -> str:
    """Return a closed ``<details>`` whose body carries ``anchor``.

    The id sits inside the body, not on ``<details>``: a link to an element
    hidden in a closed ``<details>`` makes the browser open it, so following
    a map marker or arrow shows its evidence without any script.
    """
    return (
        f'<details class="fact"><summary>{summary}</summary>'
        f'<div class="evidence-body" id="{anchor}">{body}</div></details>'
    )


def _fact(n: int, anchor: str, label: str, evidence: Sequence[Evidence], story: StoryView) -> str:
    """Return a fact that opens to its evidence sentences."""
    return _details(anchor, label, _evidence_block(n, evidence, story.articles))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _leg_title(number: int, leg: LegRow) -> str:
    who = ", ".join(leg.travellers) or "unnamed travellers"
    route = f"{leg.origin} → {leg.place}" if leg.origin else f"to {leg.place}"
    when = leg.date or "date not known"
    when += " (inferred)" if leg.date_inferred else ""
    planned = " (planned)" if leg.planned else ""
    return f"Leg {number}: {who}, {route}, {when}{planned}"


def _short_names(names: Sequence[str]) -> str:
    """Surnames for a map label: ``["Antony Blinken", "Lloyd Austin"] -> "Blinken, Austin"``."""
    return ", ".join(name.split()[-1] for name in names if name.split()) or "?"


def _short_date(value: str | None) -> str:
    if value is None or _ISO_DAY.match(value) is None:
        return "date?"
    try:
        return dt.date.fromisoformat(value[:10]).strftime("%d %b").lstrip("0")
    except ValueError:
        return "date?"


def _on_earth(lat: float, lon: float) -> bool:
    """Coordinates a record could hold but no map can: NaN, infinities, |lat| > 90."""
    return math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0


def _map_svg(n: int, story: StoryView, place_ids: dict[str, str], leg_ids: Sequence[str]) -> str:
    leg_places = {leg.place for leg in story.legs} | {
        leg.origin for leg in story.legs if leg.origin
    }
    points = [
        MapPoint(place_ids[p.name].removeprefix("place-"), p.name, p.lat, p.lon, p.count)
        for p in story.places
        if (p.kind in POINT_KINDS or p.name in leg_places)
        and p.lat is not None
        and p.lon is not None
        and _on_earth(p.lat, p.lon)
    ]
    keys = {point.label: point.key for point in points}
    arrows = [
        MapArrow(
            keys[leg.origin],
            keys[leg.place],
            f"{number}. {_short_names(leg.travellers)} · {_short_date(leg.date)}"
            + ("?" if leg.date_inferred else "")
            + (" (planned)" if leg.planned else ""),
            str(number),
            _leg_title(number, leg),
            f"#{leg_ids[number - 1]}",
        )
        for number, leg in enumerate(story.legs, 1)
        if leg.origin in keys and leg.place in keys
    ]
    fitted = [p for p in points if p.label in leg_places] or points
    shown = ", ".join(p.label for p in fitted) or "no located places"
    return render_map(
        points,
        arrows,
        fit=[(p.lat, p.lon) for p in fitted],
        named_countries=frozenset(
            p.country for p in story.places if p.kind == "country" and p.country
        ),
        title=f"Map of story {n}: {story.title}",
        description=(
            f"Places of the story marked at their gazetteer coordinates, sized by mentions "
            f"({shown}); arrows show {len(arrows)} trip leg{'s' if len(arrows) != 1 else ''}."
        ),
    )


def _highlight(sentence: str, words: str) -> str:
    """Return the escaped sentence with the first occurrence of ``words`` marked."""
    at = sentence.find(words) if words else -1
    if at < 0:
        return esc(sentence)
    end = at + len(words)
    return f"{esc(sentence[:at])}<mark>{esc(words)}</mark>{esc(sentence[end:])}"


def _timeline(n: int, story: StoryView, leg_ids: Sequence[str]) -> str:
    """Return the timeline list: dated items by day, then what could not be placed."""
    by_day: dict[str, list[str]] = {}
    undated: list[str] = []
    for number, leg in enumerate(story.legs, 1):
        badge = '<span class="badge planned">planned</span> ' if leg.planned else ""
        if leg.date_inferred:
            badge += (
                '<span class="badge inferred">day inferred from the story’s other articles</span> '
            )
        who = esc(", ".join(leg.travellers) or "unnamed travellers")
        route = f"{esc(leg.origin)} → {esc(leg.place)}" if leg.origin else f"to {esc(leg.place)}"
        item = (
            "<li>"
            + _details(
                leg_ids[number - 1],
                f'{badge}<span class="kind">Leg {number}</span> {who}: {route}',
                _evidence_block(n, leg.evidence, story.articles),
            )
            + "</li>"
        )
        if leg.date is None:
            undated.append(item.replace("<li>", '<li class="unresolved">', 1))
        else:
            by_day.setdefault(_day_of(leg.date), []).append(item)
    told = {(leg.date, ev.sentence) for leg in story.legs for ev in leg.evidence}
    for event in story.events:
        if (event.value, event.evidence.sentence) in told:
            continue  # a leg already shows this sentence on this day
        summary = (
            f'<span class="kind">Event</span> {_highlight(event.evidence.sentence, event.words)}'
        )
        body = (
            f'<p class="from">from {_article_link(n, event.evidence.article, story.articles)}</p>'
        )
        if event.value is None:
            undated.append(
                f'<li class="unresolved"><details><summary>{summary} '
                f'<span class="badge unresolved">date not resolved: “{esc(event.words)}”</span>'
                f"</summary>{body}</details></li>"
            )
        else:
            by_day.setdefault(_day_of(event.value), []).append(
                f"<li><details><summary>{summary}</summary>{body}</details></li>"
            )
    if not by_day and not undated:
        return '<p class="none">No dated legs or events.</p>'
    days = [
        f'<li><h4><time datetime="{esc(day)}">{_day_label(day)}</time></h4>'
        f"<ul>{''.join(items)}</ul></li>"
        for day, items in sorted(by_day.items())
    ]
    out = f'<ol class="timeline">{"".join(days)}</ol>' if days else ""
    if undated:
        out += (
            "<h4>Not placed on a day</h4>"
            '<p class="note">Planned or unresolved: the text gives no date that can be fixed, '
            "so none is guessed.</p>"
            f'<ul class="timeline undated">{"".join(undated)}</ul>'
        )
    return out


def _people(n: int, story: StoryView, anchors: _Anchors) -> str:
    if not story.people:
        return '<p class="none">No people found.</p>'
    rows = []
    for person in story.people:
        roles = esc("; ".join(person.roles)) if person.roles else '<span class="none">—</span>'
        anchor = anchors.make(f"s{n}-person-{slug(person.name)}")
        rows.append(
            f"<tr><td>{_fact(n, anchor, esc(person.name), person.evidence, story)}"
            f'</td><td>{roles}</td><td class="num">{person.count}</td></tr>'
        )
    return (
        '<table><thead><tr><th scope="col">Person</th><th scope="col">Roles</th>'
        f'<th scope="col">Mentions</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _coords(place: PlaceRow) -> str:
    if place.lat is None or place.lon is None:
        return '<span class="none">—</span>'
    return f"{place.lat:.2f}, {place.lon:.2f}"


def _places(n: int, story: StoryView, place_ids: dict[str, str]) -> str:
    if not story.places:
        return '<p class="none">No places found.</p>'
    rows = [
        f"<tr><td>{_fact(n, place_ids[p.name], esc(p.name), p.evidence, story)}"
        f"</td><td>{esc(p.kind)}</td><td>{_e(p.country)}</td><td>{_coords(p)}</td>"
        f'<td class="num">{p.count}</td></tr>'
        for p in story.places
    ]
    return (
        '<table><thead><tr><th scope="col">Place</th><th scope="col">Kind</th>'
        '<th scope="col">Country</th><th scope="col">Lat, lon</th><th scope="col">Mentions</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _organizations(n: int, story: StoryView, anchors: _Anchors) -> str:
    if not story.organizations:
        return '<p class="none">No organizations found.</p>'
    items = [
        "<li>"
        + _details(
            anchors.make(f"s{n}-org-{slug(org.name)}"),
            f'{esc(org.name)} <span class="count">({org.count})</span>',
            _evidence_block(n, org.evidence, story.articles),
        )
        + "</li>"
        for org in story.organizations
    ]
    return f'<ul class="orgs">{"".join(items)}</ul>'


def _quotes(n: int, story: StoryView, anchors: _Anchors) -> str:
    if not story.quotes:
        return '<p class="none">No quotes found.</p>'
    items = []
    for i, quote in enumerate(story.quotes, 1):
        speaker = (
            esc(quote.speaker) if quote.speaker else '<span class="none">speaker not known</span>'
        )
        items.append(
            f'<li><figure><blockquote class="quote">“{esc(quote.text)}”</blockquote>'
            f"<figcaption>— {speaker}</figcaption></figure>"
            + _details(
                anchors.make(f"s{n}-quote-{i}"),
                "Where it was said",
                _evidence_block(n, (quote.evidence,), story.articles),
            )
            + "</li>"
        )
    return f'<ul class="quotes">{"".join(items)}</ul>'


def _summary(n: int, story: StoryView) -> str:
    if not story.summary:
        return '<p class="none">No summary sentences.</p>'
    items = [
        f"<li>{esc(ev.sentence)} "
        f'<span class="from">({_article_link(n, ev.article, story.articles)})</span></li>'
        for ev in story.summary
    ]
    return f'<ol class="summary">{"".join(items)}</ol>'


def _articles(n: int, story: StoryView) -> str:
    rows = [
        f'<tr id="s{n}-article-{i}"><td class="num">{i}</td><td>{_e(a.title, "untitled")}</td>'
        f"<td>{_e(a.publisher)}</td><td>{_e(a.published)}</td><td><code>{esc(a.source)}</code></td></tr>"
        for i, a in enumerate(story.articles, 1)
    ]
    return (
        '<table><thead><tr><th scope="col">#</th><th scope="col">Title</th>'
        '<th scope="col">Publisher</th><th scope="col">Published</th>'
        f'<th scope="col">Source file</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _story_section(n: int, story: StoryView, anchors: _Anchors) -> str:
    place_ids = {p.name: anchors.make(f"place-s{n}-{slug(p.name)}") for p in story.places}
    leg_ids = [anchors.make(f"s{n}-leg-{i}") for i in range(1, len(story.legs) + 1)]
    count = len(story.articles)
    return "\n".join(
        [
            f'<section class="story" id="story-{n}" aria-labelledby="story-{n}-title">',
            f'<h2 id="story-{n}-title">{esc(story.title)}</h2>',
            f'<p class="meta">{count} article{"s" if count != 1 else ""}, '
            f"{len(story.legs)} trip leg{'s' if len(story.legs) != 1 else ''}, "
            f"{len(story.people)} people, {len(story.places)} places</p>",
            '<figure class="map">',
            _map_svg(n, story, place_ids, leg_ids),
            "<figcaption>Markers sit at each place's gazetteer coordinates, sized by mentions; "
            "arrows are trip legs, numbered as in the timeline. Select a marker or arrow for "
            "its evidence. Shaded: countries the story names. "
            "Basemap: Natural Earth (public domain).</figcaption></figure>",
            f'<h3 id="s{n}-timeline">Timeline</h3>',
            _timeline(n, story, leg_ids),
            f'<h3 id="s{n}-summary">Summary</h3>',
            _summary(n, story),
            f'<h3 id="s{n}-people">People</h3>',
            _people(n, story, anchors),
            f'<h3 id="s{n}-places">Places</h3>',
            _places(n, story, place_ids),
            f'<h3 id="s{n}-orgs">Organizations</h3>',
            _organizations(n, story, anchors),
            f'<h3 id="s{n}-quotes">Quotes</h3>',
            _quotes(n, story, anchors),
            f'<h3 id="s{n}-articles">Articles</h3>',
            _articles(n, story),
            "</section>",
        ]
    )


# Every load is forbidden but inline styles: the page can make no request at all.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--link:#0b4f9c;--rule:#d0d0d0;--leg:#a3211b;--pin:#1d4f91}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:#fff;margin:0 auto;max-width:72rem;padding:1rem 1.5rem 3rem}
a{color:var(--link)}h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.4rem;margin-top:2.5rem;
border-bottom:2px solid var(--rule);padding-bottom:.25rem}h3{font-size:1.15rem;margin-top:1.8rem}
h4{font-size:1rem;margin:.6rem 0 .2rem}.meta,.note,.from,.more,figcaption{color:var(--muted)}
.none{color:var(--muted);font-style:italic}
figure.map{margin:1rem 0}svg.worldmap{width:100%;height:auto;display:block;
border:1px solid var(--rule);border-radius:4px}
.sea{fill:#dde9f3}.graticule{fill:none;stroke:#c2d4e4;stroke-width:.6;vector-effect:non-scaling-stroke}
.land path{fill:#f2efe6;stroke:#8f8f8f;stroke-width:.7;vector-effect:non-scaling-stroke}
.land path.named{fill:#e8dcb5}
.legs path{fill:none;stroke:var(--leg);stroke-width:2.2;vector-effect:non-scaling-stroke}
#tn-arrowhead path{fill:var(--leg);stroke:none}
.legs text,.places text{fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;
stroke-linejoin:round;vector-effect:non-scaling-stroke}
.places circle{fill:var(--pin);fill-opacity:.85;stroke:#fff;stroke-width:1.2;
vector-effect:non-scaling-stroke}
.places a:hover circle,.places a:focus circle{fill:#0a2e5c}.legs a:hover path{stroke-width:3.5}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;
padding:.3rem .5rem;border-bottom:1px solid var(--rule)}td.num{text-align:right;width:4rem}
:target{outline:2px solid #b08900;outline-offset:2px}
details summary{cursor:pointer}mark{background:#fff1a8;color:inherit}
details[open]{background:#f7f7f4}
blockquote{margin:.3rem 0 .1rem;padding:.1rem .8rem;border-left:3px solid var(--rule)}
ul.evidence,ul.quotes,ul.orgs{list-style:none;padding-left:0}.from{margin:0 0 .5rem;font-size:.9rem}
ol.timeline{list-style:none;padding-left:0;border-left:3px solid var(--rule)}
ol.timeline>li{padding-left:1rem;margin-bottom:.6rem}ol.timeline ul{padding-left:1rem}
.kind{font-weight:600}.badge{font-size:.8rem;padding:0 .4rem;border-radius:3px;border:1px solid}
.badge.planned{background:#fff4d6;color:#5c4300;border-color:#b08900}
.badge.unresolved{background:#eeeeee;color:#333;border-color:#888}
.badge.inferred{background:#e8f0fe;color:#1a3d7c;border-color:#5b7fc7}
figure{margin:.5rem 0}blockquote.quote{font-size:1.05rem}code{font-size:.9rem;word-break:break-all}
nav ol{padding-left:1.2rem}
"""


def views_to_html(stories: Sequence[StoryView], title: str = "tripnews report") -> str:
    """Return the whole page for already-built story views."""
    anchors = _Anchors()
    toc = "".join(
        f'<li><a href="#story-{n}">{esc(s.title)}</a> '
        f'<span class="meta">({_plural(len(s.articles), "article")})</span></li>'
        for n, s in enumerate(stories, 1)
    )
    sections = [_story_section(n, s, anchors) for n, s in enumerate(stories, 1)]
    articles = sum(len(s.articles) for s in stories)
    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="tripnews">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{len(stories)} stor{"ies" if len(stories) != 1 else "y"} from '
        f"{articles} article{'s' if articles != 1 else ''}. Every fact opens to the sentence it "
        "was read from.</p>",
        f'<nav aria-label="Stories"><ol>{toc}</ol></nav>'
        if stories
        else '<p class="none">No articles were given.</p>',
        "</header>",
        "<main>",
        *sections,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(body) + "\n"


def articles_to_html(articles: Iterable[Article]) -> str:
    """Return a one-story page for ``articles`` (no story grouping): a fallback view."""
    records = list(articles)
    return views_to_html([story_from_articles(records)] if records else [])


class _StoryLike(Protocol):
    @property
    def articles(self) -> Sequence[Article]: ...
    @property
    def legs(self) -> Sequence[_StoryLegLike]: ...


class _DigestLike(Protocol):
    @property
    def stories(self) -> Sequence[_StoryLike]: ...


def digest_to_html(digest: _DigestLike) -> str:
    """Return the report page for a digest: one section per story, in digest order."""
    return views_to_html(
        [story_from_articles(list(s.articles), story_legs=s.legs) for s in digest.stories]
    )
