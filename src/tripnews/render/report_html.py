"""Render a digest as one self-contained HTML page: an index, maps, timelines, evidence.

    from tripnews.digest import build_digest
    page = digest_to_html(build_digest(articles))

The page lays out the digest's story views (``tripnews.digest.model``) and
computes no fact of its own. It opens with an overview map of the corpus and an
index of the stories (ranked by size, then recency, filterable without script),
then one section per story of several articles (map, timeline, evidence), the
single-article stories folded into one list, and the names found across stories.

The page needs no network and no JavaScript: styles are inline, the maps are
inline SVG drawing the shipped basemap (``render/worldmap.py``) once per page,
and each fact opens its evidence with ``<details>``. A Content-Security-Policy
forbids every external load, so a copied page cannot leak a request. All text
passes through ``html.escape`` (via ``worldmap.esc``), titles and names cut to a
readable length (the JSON digest keeps them whole); the same digest always gives
the same bytes (no clock, stable order, fixed number formats).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from tripnews.digest import Digest, MergedEntity, NameEntry, Story, story_of
from tripnews.model import Article
from tripnews.render.digest import NAME_CHARS, TITLE_CHARS, shown, story_title
from tripnews.render.report_story import (
    INDEX_NAMES,
    NAME_ROWS,
    NAME_STORY_LINKS,
    OVERVIEW_PLACES,
    POINT_KINDS,
    Anchors,
    details_block,
    on_earth,
    plural,
    slug,
    story_section,
    story_span,
)
from tripnews.render.worldmap import MapPoint, esc, land_defs, render_map


def ranked(stories: Sequence[Story]) -> list[int]:
    """Story numbers (from 1) by size, then most recent publication, then digest order."""
    return sorted(
        range(1, len(stories) + 1),
        key=lambda n: (-len(stories[n - 1].articles), _negated(stories[n - 1].last), n),
    )


def _negated(value: str | None) -> tuple[int, tuple[int, ...]]:
    """A sort key putting later dates first and undated stories after dated ones."""
    if value is None:
        return (1, ())
    return (0, tuple(-ord(c) for c in value))


def _top_names(entities: Sequence[MergedEntity]) -> str:
    return ", ".join(esc(shown(e.name, NAME_CHARS)) for e in entities[:INDEX_NAMES])


def _index(stories: Sequence[Story], order: Sequence[int]) -> str:
    """The stories of several articles as a table, with filters that need no script (the
    page's own search, Ctrl+F, finds any story, name or place in it)."""
    rows = []
    for rank, n in enumerate(order, 1):
        story = stories[n - 1]
        if len(story.articles) < 2:
            continue
        kinds = (
            ["row"]
            + (["trip"] if story.legs else [])
            + (["big"] if len(story.articles) >= 3 else [])
        )
        dates = story_span(story).removeprefix(", published ") or "—"
        rows.append(
            f'<tr class="{" ".join(kinds)}"><td class="num">{rank}</td>'
            f'<td><a href="#story-{n}">{esc(story_title(story))}</a></td>'
            f'<td class="num">{len(story.articles)}</td><td class="num">{len(story.legs)}</td>'
            f"<td>{dates}</td><td>{_top_names(story.people)}</td>"
            f"<td>{_top_names(story.places)}</td></tr>"
        )
    if not rows:
        return '<p class="none">No story has more than one article.</p>'
    filters = "".join(
        f'<input type="radio" name="tn-filter" id="tn-filter-{key}"'
        f"{' checked' if key == 'all' else ''}>"
        f'<label for="tn-filter-{key}">{label}</label> '
        for key, label in (
            ("all", "all stories"),
            ("trip", "with trip legs"),
            ("big", "three articles or more"),
        )
    )
    return (
        f'<p class="filters">Show: {filters}</p>'
        '<table class="index"><thead><tr><th scope="col">#</th><th scope="col">Story</th>'
        '<th scope="col">Articles</th><th scope="col">Legs</th><th scope="col">Published</th>'
        '<th scope="col">People</th><th scope="col">Places</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _singles(stories: Sequence[Story], order: Sequence[int]) -> str:
    """The single-article stories, folded into one list: title, source and top names."""
    items = []
    for n in order:
        story = stories[n - 1]
        if len(story.articles) != 1:
            continue
        article = story.articles[0]
        when = f" · {esc(article.published.value)}" if article.published else ""
        publisher = f" · {esc(shown(article.publisher, NAME_CHARS))}" if article.publisher else ""
        names = ", ".join(
            esc(shown(e.name, NAME_CHARS))
            for e in sorted((*story.people, *story.places), key=lambda e: -e.count)[:4]
        )
        items.append(
            f'<li id="story-{n}"><span class="title">{esc(story_title(story))}</span>'
            f'<span class="meta">{publisher}{when} · '
            f"<code>{esc(shown(article.source, TITLE_CHARS))}</code>"
            f"{' · ' + names if names else ''}</span></li>"
        )
    if not items:
        return ""
    return (
        '<section id="single" aria-labelledby="single-title">'
        f'<h2 id="single-title">{plural(len(items), "single-article story")}</h2>'
        f'<details class="singles"><summary>Show the list</summary><ol>{"".join(items)}</ol>'
        "</details></section>"
    )


def _overview_places(stories: Sequence[Story]) -> list[tuple[str, MergedEntity, int, bool]]:
    """The located places of the corpus named in most stories: (name, place, stories,
    visited by a trip leg), at most ``OVERVIEW_PLACES``."""
    found: dict[str, tuple[MergedEntity, int, bool]] = {}
    for story in stories:
        visited = {leg.place for leg in story.legs} | {
            leg.origin for leg in story.legs if leg.origin
        }
        for p in story.places:
            if p.lat is None or p.lon is None or not on_earth(p.lat, p.lon):
                continue
            if p.place_kind not in POINT_KINDS and p.name not in visited:
                continue
            seen, count, was = found.get(p.name, (p, 0, False))
            found[p.name] = (seen, count + 1, was or p.name in visited)
    top = sorted(found.items(), key=lambda item: (-item[1][1], item[0]))[:OVERVIEW_PLACES]
    return [(name, p, count, visited) for name, (p, count, visited) in top]


def _overview(top: Sequence[tuple[str, MergedEntity, int, bool]], place_ids: dict[str, str]) -> str:
    """One map of the whole corpus: each located place once, sized by its stories."""
    if not top:
        return ""
    points = [
        MapPoint(
            place_ids[name].removeprefix("place-"),
            shown(name, NAME_CHARS),
            p.lat or 0.0,
            p.lon or 0.0,
            count,
            visited,
        )
        for name, p, count, visited in top
    ]
    svg = render_map(
        points,
        [],
        title="Where the stories are",
        description=(
            f"The {len(points)} places named in most stories, sized by the number of stories; "
            "ringed where a trip leg goes."
        ),
        ids="overview",
        shared_land=True,
    )
    return (
        '<figure class="map overview">'
        + svg
        + "<figcaption>Places named in the most stories, sized by how many; ringed markers "
        "are places a trip leg goes to. Select one for its stories.</figcaption></figure>"
    )


def _names(names: Sequence[NameEntry], place_ids: dict[str, str], anchors: Anchors) -> str:
    """The names found across stories, each opening to its spellings and stories."""
    if not names:
        return ""
    # every place on the overview map is listed, its marker's link lands on it
    listed = list(names[:NAME_ROWS])
    listed += [e for e in names[NAME_ROWS:] if e.kind == "place" and e.name in place_ids]
    rows = []
    for entry in listed:
        if entry.kind == "place" and entry.name in place_ids:
            anchor = place_ids[entry.name]
        else:
            anchor = anchors.make(f"name-{entry.kind}-{slug(entry.name)}")
        links = " ".join(f'<a href="#story-{n}">{n}</a>' for n in entry.stories[:NAME_STORY_LINKS])
        more = len(entry.stories) - NAME_STORY_LINKS
        if more > 0:
            links += f" and {more} more"
        aliases = ", ".join(esc(shown(a, NAME_CHARS)) for a in entry.aliases[:8])
        body = f"<p>Stories: {links}</p>" + (f"<p>Also written: {aliases}</p>" if aliases else "")
        rows.append(
            f"<tr><td>{details_block(anchor, esc(shown(entry.name, NAME_CHARS)), body)}</td>"
            f'<td>{esc(entry.kind)}</td><td class="num">{len(entry.stories)}</td>'
            f'<td class="num">{entry.articles}</td></tr>'
        )
    return (
        '<section id="names" aria-labelledby="names-title">'
        '<h2 id="names-title">Names across stories</h2>'
        '<p class="note">People, places and organizations merged across stories (a surname '
        "alone joins the one full name that ends with it), most widespread first.</p>"
        '<table><thead><tr><th scope="col">Name</th><th scope="col">Kind</th>'
        '<th scope="col">Stories</th><th scope="col">Articles</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


# Every load is forbidden but inline styles: the page can make no request at all.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@cache
def _css() -> str:
    """The page's styles (``data/report.css``), read once."""
    return resources.files("tripnews").joinpath("data", "report.css").read_text("utf-8")


def _page(title: str, meta: str, body: Sequence[str], shared: bool) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="tripnews">',
        f"<title>{esc(title)}</title>",
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        land_defs() if shared else "",
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{meta}</p>',
        "</header>",
        "<main>",
    ]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"


def digest_to_html(digest: Digest, title: str = "tripnews report") -> str:
    """The report page for a digest: overview map, index, stories of several articles,
    the single-article stories in one list, and the names across stories."""
    stories = digest.stories
    order = ranked(stories)
    anchors = Anchors()
    top = _overview_places(stories)
    overview_ids = {name: anchors.make(f"place-all-{slug(name)}") for name, *_rest in top}
    articles = sum(len(s.articles) for s in stories)
    several = [n for n in order if len(stories[n - 1].articles) > 1]
    meta = (
        f"{plural(len(stories), 'story')} from {plural(articles, 'article')}; "
        f"{len(several)} told by several articles. Every fact opens to the sentence it was "
        "read from."
    )
    if not stories:
        body = ['<p class="none">No articles were given.</p>']
    else:
        body = [
            _overview(top, overview_ids),
            '<section id="index" aria-labelledby="index-title">',
            '<h2 id="index-title">Stories</h2>',
            _index(stories, order),
            "</section>",
            *(story_section(n, stories[n - 1], anchors, True) for n in several),
            _singles(stories, order),
            _names(digest.names, overview_ids, anchors),
        ]
    return _page(title, meta, body, shared=bool(stories))


def articles_to_html(articles: Iterable[Article]) -> str:
    """A one-story page for ``articles`` (no grouping): a view of a hand-picked set."""
    records = list(articles)
    if not records:
        return _page(
            "tripnews report",
            "No articles.",
            ['<p class="none">No articles were given.</p>'],
            False,
        )
    story = story_of(records)
    meta = (
        f"1 story from {plural(len(records), 'article')}. "
        "Every fact opens to the sentence it was read from."
    )
    return _page("tripnews report", meta, [story_section(1, story, Anchors(), True)], True)
