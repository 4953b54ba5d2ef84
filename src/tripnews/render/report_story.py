"""One story's section of the HTML report: its map, timeline, people, places,
organizations, quotes, summary and articles, each fact with its evidence.

It lays out a story view (``tripnews.digest.model``) and computes no fact of its own;
every string passes through ``esc`` (``html.escape``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Sequence

from tripnews.digest import Evidence, MergedEntity, Story, StoryLeg
from tripnews.model import Article
from tripnews.render.digest import NAME_CHARS, TITLE_CHARS, shown, story_title
from tripnews.render.worldmap import MapArrow, MapPoint, esc, render_map

# A fact shows at most this many sentences of evidence; the rest are counted.
MAX_EVIDENCE = 3


# A story's section lists at most this many people, places, organizations and quotes.
LISTED = 30


# A sentence of evidence is cut to this many characters (one scraped "sentence" can be
# a whole page without stops).
SENTENCE_CHARS = 600


# Kinds of place drawn as a point: a country or continent centroid would be a
# misleading dot, and seas have no single spot.
POINT_KINDS = frozenset({"city", "state", "region", "other"})


# The overview map marks at most this many places (those in most stories), so a
# corpus of thousands of places still draws at once.
OVERVIEW_PLACES = 150


# Anchor ids are made from at most this many characters of a name (unique by a suffix).
SLUG_CHARS = 40


# The name index lists at most this many names (the JSON digest has them all).
NAME_ROWS = 200


# A name in the index links to at most this many of its stories.
NAME_STORY_LINKS = 12


# People and places named in an index row.
INDEX_NAMES = 3


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def slug(text: str) -> str:
    """Return an anchor-safe form of ``text``: ``slug("São Paulo") == "s-o-paulo"``."""
    return _SLUG_JUNK.sub("-", text[:SLUG_CHARS].lower()).strip("-") or "x"


class Anchors:
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


def _article_link(story: int, article: int, rows: Sequence[Article]) -> str:
    row = rows[article] if 0 <= article < len(rows) else None
    label = shown(row.title or row.source, TITLE_CHARS) if row else f"article {article + 1}"
    publisher = f" ({esc(shown(row.publisher, NAME_CHARS))})" if row and row.publisher else ""
    return f'<a href="#s{story}-article-{article + 1}">{esc(label)}</a>{publisher}'


def _evidence_block(
    story: int, evidence: Sequence[Evidence], rows: Sequence[Article], beyond: int = 0
) -> str:
    if not evidence:
        return '<p class="none">No sentence recorded.</p>'
    items = [
        f"<li><blockquote>{esc(shown(ev.sentence, SENTENCE_CHARS))}</blockquote>"
        f'<p class="from">from {_article_link(story, ev.article, rows)}</p></li>'
        for ev in evidence[:MAX_EVIDENCE]
    ]
    more = len(evidence) - len(items) + beyond
    tail = (
        f'<p class="more">and {more} more sentence{"s" if more != 1 else ""}</p>'
        if more > 0
        else ""
    )
    return f'<ul class="evidence">{"".join(items)}</ul>{tail}'


def details_block(anchor: str, summary: str, body: str) -> str:
    """Return a closed ``<details>`` whose body carries ``anchor``.

    The id sits inside the body, not on ``<details>``: a link to an element
    hidden in a closed ``<details>`` makes the browser open it, so following
    a map marker or arrow shows its evidence without any script.
    """
    return (
        f'<details class="fact"><summary>{summary}</summary>'
        f'<div class="evidence-body" id="{anchor}">{body}</div></details>'
    )


def _fact(n: int, anchor: str, label: str, entity: MergedEntity, story: Story) -> str:
    """Return a fact that opens to its evidence sentences."""
    body = _evidence_block(n, entity.evidence, story.articles, entity.more_evidence)
    return details_block(anchor, label, body)


def plural(count: int, word: str) -> str:
    """``plural(2, "story") == "2 stories"``, ``plural(1, "article") == "1 article"``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def _leg_title(number: int, leg: StoryLeg) -> str:
    who = ", ".join(shown(t, NAME_CHARS) for t in leg.travellers) or "unnamed travellers"
    route = f"{leg.origin} → {leg.place}" if leg.origin else f"to {leg.place}"
    when = leg.date or "date not known"
    when += " (inferred)" if leg.date_inferred else ""
    planned = " (planned)" if leg.planned else ""
    return f"Leg {number}: {who}, {route}, {when}{planned}"


def _short_names(names: Sequence[str]) -> str:
    """Surnames for a map label: ``["Antony Blinken", "Lloyd Austin"] -> "Blinken, Austin"``."""
    return ", ".join(shown(name.split()[-1], NAME_CHARS) for name in names if name.split()) or "?"


def _short_date(value: str | None) -> str:
    if value is None or _ISO_DAY.match(value) is None:
        return "date?"
    try:
        return dt.date.fromisoformat(value[:10]).strftime("%d %b").lstrip("0")
    except ValueError:
        return "date?"


def on_earth(lat: float, lon: float) -> bool:
    """Coordinates a record could hold but no map can: NaN, infinities, |lat| > 90."""
    return math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0


def _map_svg(
    n: int, story: Story, place_ids: dict[str, str], leg_ids: Sequence[str], shared: bool
) -> str:
    leg_places = {leg.place for leg in story.legs} | {
        leg.origin for leg in story.legs if leg.origin
    }
    points = [
        MapPoint(
            place_ids[p.name].removeprefix("place-"),
            shown(p.name, NAME_CHARS),
            p.lat,
            p.lon,
            p.count,
            p.name in leg_places,
        )
        for p in story.places
        if (p.place_kind in POINT_KINDS or p.name in leg_places)
        and p.lat is not None
        and p.lon is not None
        and on_earth(p.lat, p.lon)
    ]
    keys = {p.name: place_ids[p.name].removeprefix("place-") for p in story.places}
    keys = {name: key for name, key in keys.items() if key in {q.key for q in points}}
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
    fitted = [p for p in points if p.visited] or points
    located = ", ".join(p.label for p in fitted) or "no located places"
    return render_map(
        points,
        arrows,
        fit=[(p.lat, p.lon) for p in fitted],
        named_countries=frozenset(
            p.country for p in story.places if p.place_kind == "country" and p.country
        ),
        title=f"Map of story {n}: {story_title(story)}",
        description=(
            f"Places of the story marked at their gazetteer coordinates, sized by mentions, "
            f"ringed where a trip leg goes ({located}); arrows show "
            f"{len(arrows)} trip leg{'s' if len(arrows) != 1 else ''}."
        ),
        ids=f"s{n}",
        shared_land=shared,
    )


def _highlight(sentence: str, words: str) -> str:
    """Return the escaped sentence with the first occurrence of ``words`` marked."""
    sentence = shown(sentence, SENTENCE_CHARS)
    at = sentence.find(words) if words else -1
    if at < 0:
        return esc(sentence)
    end = at + len(words)
    return f"{esc(sentence[:at])}<mark>{esc(words)}</mark>{esc(sentence[end:])}"


def _timeline(n: int, story: Story, leg_ids: Sequence[str]) -> str:
    """Return the timeline list: dated items by day, then what could not be placed."""
    by_day: dict[str, list[str]] = {}
    undated: list[str] = []
    for number, leg in enumerate(story.legs, 1):
        badge = '<span class="badge planned">planned</span> ' if leg.planned else ""
        if leg.date_inferred:
            badge += (
                '<span class="badge inferred">day inferred from the story’s other articles</span> '
            )
        who = esc(", ".join(shown(t, NAME_CHARS) for t in leg.travellers) or "unnamed travellers")
        place = esc(shown(leg.place, NAME_CHARS))
        route = f"{esc(shown(leg.origin, NAME_CHARS))} → {place}" if leg.origin else f"to {place}"
        item = (
            "<li>"
            + details_block(
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


def _people(n: int, story: Story, anchors: Anchors) -> str:
    if not story.people:
        return '<p class="none">No people found.</p>'
    rows = []
    for person in story.people:
        roles = (
            esc(shown("; ".join(person.roles), TITLE_CHARS))
            if person.roles
            else '<span class="none">—</span>'
        )
        anchor = anchors.make(f"s{n}-person-{slug(person.name)}")
        label = esc(shown(person.name, NAME_CHARS))
        rows.append(
            f"<tr><td>{_fact(n, anchor, label, person, story)}"
            f'</td><td>{roles}</td><td class="num">{person.count}</td></tr>'
        )
    return (
        '<table><thead><tr><th scope="col">Person</th><th scope="col">Roles</th>'
        f'<th scope="col">Mentions</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _coords(place: MergedEntity) -> str:
    if place.lat is None or place.lon is None:
        return '<span class="none">—</span>'
    return f"{place.lat:.2f}, {place.lon:.2f}"


def _places(n: int, story: Story, place_ids: dict[str, str]) -> str:
    if not story.places:
        return '<p class="none">No places found.</p>'
    rows = [
        f"<tr><td>{_fact(n, place_ids[p.name], esc(shown(p.name, NAME_CHARS)), p, story)}"
        f"</td><td>{_e(p.place_kind)}</td><td>{_e(p.country)}</td><td>{_coords(p)}</td>"
        f'<td class="num">{p.count}</td></tr>'
        for p in story.places
    ]
    return (
        '<table><thead><tr><th scope="col">Place</th><th scope="col">Kind</th>'
        '<th scope="col">Country</th><th scope="col">Lat, lon</th><th scope="col">Mentions</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _organizations(n: int, story: Story, anchors: Anchors) -> str:
    if not story.organizations:
        return '<p class="none">No organizations found.</p>'
    items = [
        "<li>"
        + details_block(
            anchors.make(f"s{n}-org-{slug(org.name)}"),
            f'{esc(shown(org.name, NAME_CHARS))} <span class="count">({org.count})</span>',
            _evidence_block(n, org.evidence, story.articles, org.more_evidence),
        )
        + "</li>"
        for org in story.organizations
    ]
    return f'<ul class="orgs">{"".join(items)}</ul>'


def _quotes(n: int, story: Story, anchors: Anchors) -> str:
    if not story.quotes:
        return '<p class="none">No quotes found.</p>'
    items = []
    for i, quote in enumerate(story.quotes, 1):
        speaker = (
            esc(shown(quote.speaker, NAME_CHARS))
            if quote.speaker
            else '<span class="none">speaker not known</span>'
        )
        items.append(
            f'<li><figure><blockquote class="quote">“{esc(shown(quote.text, SENTENCE_CHARS))}”'
            "</blockquote>"
            f"<figcaption>— {speaker}</figcaption></figure>"
            + details_block(
                anchors.make(f"s{n}-quote-{i}"),
                "Where it was said",
                _evidence_block(n, (quote.evidence,), story.articles),
            )
            + "</li>"
        )
    return f'<ul class="quotes">{"".join(items)}</ul>'


def _summary(n: int, story: Story) -> str:
    if not story.summary:
        return '<p class="none">No summary sentences.</p>'
    items = [
        f"<li>{esc(shown(ev.sentence, SENTENCE_CHARS))} "
        f'<span class="from">({_article_link(n, ev.article, story.articles)})</span></li>'
        for ev in story.summary
    ]
    return f'<ol class="summary">{"".join(items)}</ol>'


def _articles(n: int, story: Story) -> str:
    rows = [
        f'<tr id="s{n}-article-{i}"><td class="num">{i}</td>'
        f"<td>{_e(a.title and shown(a.title, TITLE_CHARS), 'untitled')}</td>"
        f"<td>{_e(a.publisher and shown(a.publisher, NAME_CHARS))}</td>"
        f"<td>{_e(a.published.value if a.published else None)}</td>"
        f"<td><code>{esc(shown(a.source, TITLE_CHARS))}</code></td></tr>"
        for i, a in enumerate(story.articles, 1)
    ]
    return (
        '<table><thead><tr><th scope="col">#</th><th scope="col">Title</th>'
        '<th scope="col">Publisher</th><th scope="col">Published</th>'
        f'<th scope="col">Source file</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _shown_part(story: Story) -> Story:
    """The story with at most ``LISTED`` people, places and organizations (the most
    mentioned, and every place a leg goes to) and ``LISTED`` quotes: a story of hundreds
    of articles still draws at once; the JSON digest lists everything."""
    legs = {leg.place for leg in story.legs} | {leg.origin for leg in story.legs if leg.origin}
    return dataclasses.replace(
        story,
        people=story.people[:LISTED],
        places=tuple(p for i, p in enumerate(story.places) if i < LISTED or p.name in legs),
        organizations=story.organizations[:LISTED],
        quotes=story.quotes[:LISTED],
    )


def story_section(n: int, whole: Story, anchors: Anchors, shared: bool) -> str:
    story = _shown_part(whole)
    cut = any(
        len(getattr(story, part)) < len(getattr(whole, part))
        for part in ("people", "places", "organizations", "quotes")
    )
    note = (
        f'<p class="note">Showing the {LISTED} most mentioned people, places and '
        "organizations, and the first quotes; the JSON digest lists them all.</p>"
        if cut
        else ""
    )
    place_ids = {p.name: anchors.make(f"place-s{n}-{slug(p.name)}") for p in story.places}
    leg_ids = [anchors.make(f"s{n}-leg-{i}") for i in range(1, len(story.legs) + 1)]
    count = len(story.articles)
    return "\n".join(
        [
            f'<section class="story" id="story-{n}" aria-labelledby="story-{n}-title">',
            f'<h2 id="story-{n}-title">{esc(story_title(story))}</h2>',
            f'<p class="meta">Story {n}: {count} article{"s" if count != 1 else ""}, '
            f"{len(story.legs)} trip leg{'s' if len(story.legs) != 1 else ''}, "
            f"{len(whole.people)} people, {len(whole.places)} places"
            f"{story_span(story)}{_named_from(story)}</p>",
            note,
            '<figure class="map">',
            _map_svg(n, story, place_ids, leg_ids, shared),
            "<figcaption>Markers sit at each place's gazetteer coordinates, sized by mentions; "
            "ringed markers are places a trip leg goes to, plain ones are only mentioned; "
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


def story_span(story: Story) -> str:
    if story.first is None or story.last is None:
        return ""
    first, last = _day_of(story.first), _day_of(story.last)
    return f", published {esc(first)}" + (f" to {esc(last)}" if last != first else "")


def _named_from(story: Story) -> str:
    """Say where a story's name comes from when no article gave a title."""
    return {
        "lead": " (named from its lead sentence)",
        "names": " (named from its most mentioned names)",
    }.get(story.title_from, "")
