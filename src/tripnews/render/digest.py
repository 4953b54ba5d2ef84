"""Digest renderers: a JSON-ready dict, a Markdown report, and rich tables with a timeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tripnews.digest import Digest, MergedEntity, Story, StoryLeg

# Entities listed per story in the Markdown and pretty views (JSON has them all).
TOP_ENTITIES = 12


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """The digest as plain data, stories in order of their first article."""
    return {"stories": [_story_dict(n, story) for n, story in enumerate(digest.stories, 1)]}


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
    }


def _entity_dict(entity: MergedEntity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "count": entity.count,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "note": entity.note,
    }


def _leg_dict(leg: StoryLeg) -> dict[str, Any]:
    return {
        "travellers": list(leg.travellers),
        "place": leg.place,
        "date": leg.date,
        "date_inferred": leg.date_inferred,
        "planned": leg.planned,
        "sources": list(leg.sources),
        "evidence": list(leg.evidence),
    }


# ---------------------------------------------------------------------------
# Markdown


def digest_to_markdown(digest: Digest) -> str:
    """A report to paste into a document: one section per story."""
    lines = ["# tripnews digest", ""]
    if not digest.stories:
        lines += ["No articles.", ""]
    for number, story in enumerate(digest.stories, 1):
        lines += [f"## Story {number}: {_md(story.title or 'Untitled story')}", ""]
        lines += ["| article | publisher | published | similarity |", "|---|---|---|---:|"]
        for article, sim in zip(story.articles, story.similarity, strict=False):
            published = article.published.value if article.published else "—"
            lines.append(
                f"| {_md(article.title or article.source)} | {_md(article.publisher or '—')}"
                f" | {published} | {sim:.2f} |"
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
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or heading."""
    return text.replace("|", "\\|").replace("\n", " ")


def _leg_line(leg: StoryLeg) -> str:
    when = leg.date or "date unknown"
    if leg.date_inferred:
        when += " (inferred from the story's other articles)"
    planned = " (planned)" if leg.planned else ""
    who = " and ".join(leg.travellers)
    sources = f"{len(leg.sources)} source" + ("s" if len(leg.sources) > 1 else "")
    return f"**{when}**: {_md(who)} in {_md(leg.place)}{planned} ({sources})"


def _entity_line(entity: MergedEntity) -> str:
    aliases = f" (also: {', '.join(entity.aliases)})" if entity.aliases else ""
    note = f" [{entity.note}]" if entity.note else ""
    return f"{_md(entity.name)}: {entity.count}{_md(aliases)}{_md(note)}"


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
            title=Text(f"Story {number}: {story.title or 'Untitled story'}", style="bold"),
            title_align="left",
        )


def _articles_table(story: Story) -> Table:
    table = Table(title="Articles", title_justify="left", expand=True)
    for column in ("article", "published", "similarity"):
        table.add_column(column, justify="right" if column == "similarity" else "left")
    for article, sim in zip(story.articles, story.similarity, strict=False):
        published = article.published.value if article.published else "—"
        table.add_row(Text(article.title or article.source), published, f"{sim:.2f}")
    return table


def _timeline(legs: Sequence[StoryLeg]) -> Table:
    table = Table(title="Trip timeline", title_justify="left", expand=True)
    for column in ("date", "who", "where", "sources"):
        table.add_column(column)
    for leg in legs:
        when = leg.date or "unknown"
        if leg.date_inferred:
            when += " (inferred)"
        where = leg.place + (" (planned)" if leg.planned else "")
        table.add_row(when, Text(" & ".join(leg.travellers)), Text(where), str(len(leg.sources)))
    return table


def _entities_table(title: str, entities: Sequence[MergedEntity]) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("name")
    table.add_column("count", justify="right")
    table.add_column("also written")
    for entity in entities[:TOP_ENTITIES]:
        also = ", ".join(entity.aliases)
        if entity.note:
            also = f"{also} [{entity.note}]".strip()
        table.add_row(Text(entity.name), str(entity.count), Text(also))
    return table
