"""Digest renderers: a JSON-ready dict, a Markdown report, and rich tables with a timeline.

Each lays out the digest's story views (``tripnews.digest.model``) and computes
nothing of its own. JSON keeps every text whole; the views meant for reading cut
titles and names to ``TITLE_CHARS`` and ``NAME_CHARS`` (a page of a thousand
articles must not repeat a megabyte-long title in every link).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import orjson
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tripnews.digest import Digest, MergedEntity, NameEntry, Story, StoryLeg
from tripnews.digest.names import NameIndex

# Entities listed per story in the Markdown and pretty views (JSON has them all).
TOP_ENTITIES = 12
# Names listed in the Markdown name index (JSON has them all).
TOP_NAMES = 50
# Displayed titles and names are cut to this many characters; JSON keeps them whole.
TITLE_CHARS = 120
NAME_CHARS = 60
UNTITLED = "Untitled story"


def shown(text: str, limit: int) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis marking the cut.

    >>> shown("A very\\nlong title", 10)
    'A very lo…'
    """
    # a few times the limit is enough to fill it once runs of spaces are folded
    cut = len(text) > limit * 4
    flat = " ".join(text[: limit * 4].split())
    if not cut and len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"


def story_title(story: Story) -> str:
    """The story's name as shown to a reader: cut, or a placeholder when it has none."""
    return shown(story.title, TITLE_CHARS) if story.title else UNTITLED


def digest_to_json(digest: Digest) -> str:
    """The digest as indented JSON (``--format json``): what
    ``json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2)`` writes."""
    return "".join(_json_pieces(digest.stories, lambda: digest.names))


def stream_digest_json(stories: Iterable[Story]) -> Iterator[str]:
    """``digest_to_json`` of the digest of ``stories``, in pieces, a story at a time:
    the stories need not all be in memory (each is written and let go), and the name
    index is gathered as they pass."""
    index = NameIndex()

    def numbered() -> Iterator[Story]:
        for number, story in enumerate(stories, 1):
            index.add(story, number)
            yield story

    return _json_pieces(numbered(), index.entries)


def _json_pieces(
    stories: Iterable[Story], names: Callable[[], Sequence[NameEntry]]
) -> Iterator[str]:
    """The pieces of the digest's JSON: each story and each name is written by orjson
    (several times faster than ``json`` on a large corpus) and indented to its depth,
    since a JSON text holds no raw newline but between its tokens."""
    yield '{\n  "stories": ['
    count = 0
    for count, story in enumerate(stories, 1):
        yield ("\n" if count == 1 else ",\n") + _indented(_story_dict(count, story))
    yield "\n  ]" if count else "]"
    yield ',\n  "names": ['
    count = 0
    for count, entry in enumerate(names(), 1):
        yield ("\n" if count == 1 else ",\n") + _indented(_name_dict(entry))
    yield "\n  ]\n}" if count else "]\n}"


def _indented(data: dict[str, Any]) -> str:
    """``data`` as indented JSON at the depth of a list's item inside the digest (the
    slow writer takes what orjson refuses)."""
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return "    " + text.replace("\n", "\n    ")


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """The digest as plain data, stories in order of their first article."""
    return {
        "stories": [_story_dict(n, story) for n, story in enumerate(digest.stories, 1)],
        "names": [_name_dict(entry) for entry in digest.names],
    }


def _story_dict(number: int, story: Story) -> dict[str, Any]:
    return {
        "story": number,
        "title": story.title,
        "articles": [
            {
                "source": a.source,
                "title": a.title,
                "publisher": a.publisher,
                "published": a.published.value if a.published else None,
                "similarity": sim,
            }
            for a, sim in zip(story.articles, story.similarity, strict=False)
        ],
        "people": [_entity_dict(e) for e in story.people],
        "places": [_entity_dict(e) for e in story.places],
        "organizations": [_entity_dict(e) for e in story.organizations],
        "trip": [_leg_dict(leg) for leg in story.legs],
        "topic": story.topic + 1,
        "title_from": story.title_from,
        "first_published": story.first,
        "last_published": story.last,
        "summary": [ev.sentence for ev in story.summary],
        "quotes": [
            {
                "speaker": q.speaker,
                "text": q.text,
                "source": story.articles[q.evidence.article].source,
            }
            for q in story.quotes
        ],
        "events": [
            {
                "date": e.value,
                "words": e.words,
                "sentence": e.evidence.sentence,
                "source": story.articles[e.evidence.article].source,
            }
            for e in story.events
        ],
    }


def _entity_dict(entity: MergedEntity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": entity.name,
        "count": entity.count,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "note": entity.note,
    }
    if entity.kind == "person":
        out["roles"] = list(entity.roles)
    if entity.kind == "place":
        out |= {
            "kind": entity.place_kind,
            "country": entity.country,
            "lat": entity.lat,
            "lon": entity.lon,
        }
    return out


def _leg_dict(leg: StoryLeg) -> dict[str, Any]:
    return {
        "travellers": list(leg.travellers),
        "place": leg.place,
        "date": leg.date,
        "date_inferred": leg.date_inferred,
        "planned": leg.planned,
        "sources": list(leg.sources),
        "evidence": [ev.sentence for ev in leg.evidence],
        "origin": leg.origin,
    }


def _name_dict(entry: NameEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "kind": entry.kind,
        "aliases": list(entry.aliases),
        "stories": list(entry.stories),
        "articles": entry.articles,
        "mentions": entry.mentions,
    }


# ---------------------------------------------------------------------------
# Markdown

# Characters Markdown gives a meaning to (CommonMark's ASCII punctuation that opens or
# closes emphasis, code, links, images, headings, lists and table cells; ":" and "." so
# that no bare address becomes a link), escaped with a backslash; "<", ">" and "&" become
# entities, so no tag can be written at all.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")
_HTML_SPECIAL = re.compile(r"[&<>]")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md(text: str, limit: int | None = None) -> str:
    r"""Text safe anywhere in the Markdown digest: one line, every character Markdown or
    HTML reads as markup escaped, so a title can make no tag, image, link or table cell.

    >>> print(md('<img src=x onerror=alert(1)> *hi* [a](http://b.c)'))
    &lt;img src=x onerror=alert\(1\)&gt; \*hi\* \[a\]\(http\://b\.c\)
    """
    flat = shown(text, limit) if limit else " ".join(text.split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _HTML_SPECIAL.sub(lambda m: _ENTITY[m.group()], escaped)


def digest_to_markdown(digest: Digest) -> str:
    """A report to paste into a document: one section per story, then the names."""
    lines = ["# tripnews digest", ""]
    if not digest.stories:
        lines += ["No articles.", ""]
    for number, story in enumerate(digest.stories, 1):
        lines += [f"## Story {number}: {md(story.title or UNTITLED, TITLE_CHARS)}", ""]
        lines += ["| article | publisher | published | similarity |", "|---|---|---|---:|"]
        for article, sim in zip(story.articles, story.similarity, strict=False):
            published = md(article.published.value) if article.published else "—"
            lines.append(
                f"| {md(article.title or article.source, TITLE_CHARS)}"
                f" | {md(article.publisher or '—', NAME_CHARS)} | {published} | {sim:.2f} |"
            )
        lines.append("")
        if story.legs:
            lines += ["### Trip", ""]
            lines += [f"- {_leg_line(leg)}" for leg in story.legs]
            lines.append("")
        for heading, entities in (
            ("People", story.people),
            ("Places", story.places),
            ("Organizations", story.organizations),
        ):
            if entities:
                lines += [f"### {heading}", ""]
                lines += [f"- {_entity_line(e)}" for e in entities[:TOP_ENTITIES]]
                lines.append("")
    if digest.names:
        lines += ["## Names across stories", ""]
        lines += ["| name | kind | stories | articles |", "|---|---|---:|---:|"]
        for entry in digest.names[:TOP_NAMES]:
            lines.append(
                f"| {md(entry.name, NAME_CHARS)} | {entry.kind} | {len(entry.stories)}"
                f" | {entry.articles} |"
            )
        lines.append("")
    return "\n".join(lines)


def _leg_line(leg: StoryLeg) -> str:
    when = md(leg.date) if leg.date else "date unknown"
    if leg.date_inferred:
        when += " (inferred from the story's other articles)"
    planned = " (planned)" if leg.planned else ""
    who = " and ".join(md(t, NAME_CHARS) for t in leg.travellers)
    route = f"from {md(leg.origin, NAME_CHARS)} to " if leg.origin else "in "
    sources = f"{len(leg.sources)} source" + ("s" if len(leg.sources) > 1 else "")
    return f"**{when}**: {who} {route}{md(leg.place, NAME_CHARS)}{planned} ({sources})"


def _entity_line(entity: MergedEntity) -> str:
    aliases = ", ".join(md(a, NAME_CHARS) for a in entity.aliases)
    also = f" (also: {aliases})" if aliases else ""
    note = f" \\[{md(entity.note, NAME_CHARS)}\\]" if entity.note else ""
    return f"{md(entity.name, NAME_CHARS)}: {entity.count}{also}{note}"


# ---------------------------------------------------------------------------
# rich


def digest_renderables(digest: Digest) -> Iterator[RenderableType]:
    """One panel per story: articles, a trip timeline, and the top people and places."""
    if not digest.stories:
        yield Text("No articles.")
    for number, story in enumerate(digest.stories, 1):
        parts: list[RenderableType] = [_articles_table(story)]
        if story.legs:
            parts.append(_timeline(story.legs))
        parts.append(_entities_table("People", story.people))
        parts.append(_entities_table("Places", story.places))
        yield Panel(
            Group(*parts),
            title=Text(f"Story {number}: {story_title(story)}", style="bold"),
            title_align="left",
        )


def _articles_table(story: Story) -> Table:
    table = Table(title="Articles", title_justify="left", expand=True)
    for column in ("article", "published", "similarity"):
        table.add_column(column, justify="right" if column == "similarity" else "left")
    for article, sim in zip(story.articles, story.similarity, strict=False):
        published = article.published.value if article.published else "—"
        label = shown(article.title or article.source, TITLE_CHARS)
        table.add_row(Text(label), published, f"{sim:.2f}")
    return table


def _timeline(legs: Sequence[StoryLeg]) -> Table:
    table = Table(title="Trip timeline", title_justify="left", expand=True)
    for column in ("date", "who", "where", "sources"):
        table.add_column(column)
    for leg in legs:
        when = leg.date or "unknown"
        if leg.date_inferred:
            when += " (inferred)"
        where = shown(leg.place, NAME_CHARS) + (" (planned)" if leg.planned else "")
        if leg.origin:
            where = f"{shown(leg.origin, NAME_CHARS)} → {where}"
        who = " & ".join(shown(t, NAME_CHARS) for t in leg.travellers)
        table.add_row(when, Text(who), Text(where), str(len(leg.sources)))
    return table


def _entities_table(title: str, entities: Sequence[MergedEntity]) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("name")
    table.add_column("count", justify="right")
    table.add_column("also written")
    for entity in entities[:TOP_ENTITIES]:
        also = ", ".join(shown(a, NAME_CHARS) for a in entity.aliases)
        if entity.note:
            also = f"{also} [{shown(entity.note, NAME_CHARS)}]".strip()
        table.add_row(Text(shown(entity.name, NAME_CHARS)), str(entity.count), Text(also))
    return table
