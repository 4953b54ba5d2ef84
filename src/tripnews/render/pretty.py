"""``Article`` -> rich renderables for the terminal (returned, never printed here).

Article text is always wrapped in ``rich.text.Text`` and scrubbed by the one terminal
sanitiser (``render.terminal.safe``), so a scraped "[bold red]" or an escape sequence
prints as harmless text instead of styling or moving the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tripnews.model import Article
from tripnews.render.terminal import safe

_MAX_ROWS = 12  # a panel shows the first entities; the JSON output has them all


def plain(text: str | None, style: str = "") -> Text:
    """A ``Text`` that rich will never read as markup."""
    return Text(safe(text or ""), style=style)


def article_panel(article: Article) -> Panel:
    """One panel per article: heading facts, summary, then tables of what was found."""
    parts: list[RenderableType] = [_facts_line(article)]
    if article.summary:
        parts.append(Text())
        for sentence in article.summary:
            parts.append(Text.assemble(("• ", "bold"), plain(sentence)))
    for table in (
        _people(article),
        _places(article),
        _dates(article),
        _quotes(article),
        _trip(article),
    ):
        if table is not None:
            parts.append(Text())
            parts.append(table)
    title = plain(article.title or "(no headline)", "bold")
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED)


def _facts_line(article: Article) -> Text:
    published = article.published.value if article.published else "date unknown"
    bits = [article.publisher or "publisher unknown", published, article.source]
    if article.dateline and article.dateline.place:
        bits.insert(0, article.dateline.place)
    return plain(" · ".join(bits), "dim")


def _table(title: str, columns: Sequence[str]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _more(table: Table, total: int) -> None:
    if total > _MAX_ROWS:
        table.caption = f"… and {total - _MAX_ROWS} more (see --format json)"


def _people(article: Article) -> Table | None:
    if not article.people:
        return None
    table = _table("People", ("name", "roles", "n"))
    for person in article.people[:_MAX_ROWS]:
        table.add_row(plain(person.name), plain(", ".join(person.roles)), str(person.count))
    _more(table, len(article.people))
    return table


def _places(article: Article) -> Table | None:
    if not article.places:
        return None
    table = _table("Places", ("name", "kind", "country", "n"))
    for place in article.places[:_MAX_ROWS]:
        table.add_row(plain(place.name), place.kind, place.country or "", str(place.count))
    _more(table, len(article.places))
    return table


def _dates(article: Article) -> Table | None:
    if not article.dates:
        return None
    table = _table("Dates", ("text", "value", "granularity"))
    for mention in article.dates[:_MAX_ROWS]:
        value = mention.value if mention.value is not None else "unresolved"
        table.add_row(plain(mention.text), plain(value), mention.granularity)
    _more(table, len(article.dates))
    return table


def _quotes(article: Article) -> Table | None:
    if not article.quotes:
        return None
    table = _table("Quotes", ("speaker", "quote"))
    for quote in article.quotes[:_MAX_ROWS]:
        speaker = quote.speaker
        if isinstance(speaker, tuple):
            speaker = " & ".join(speaker)
        table.add_row(plain(speaker or "unattributed"), plain(_shorten(quote.text, 160)))
    _more(table, len(article.quotes))
    return table


def _trip(article: Article) -> Table | None:
    if not article.trip:
        return None
    table = _table("Trip", ("who", "where", "when"))
    for leg in article.trip[:_MAX_ROWS]:
        when = leg.date or "date unknown"
        if leg.planned:
            when += " (planned)"
        table.add_row(plain(", ".join(leg.travellers)), plain(leg.place), plain(when))
    _more(table, len(article.trip))
    return table


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
