"""HTML page -> main article text (one paragraph a line) and the page's own metadata.

>>> page = extract_html("<html><title>A - Site</title><body><article><p>One two three "
...     "four five six seven eight nine ten eleven twelve.</p></article></body></html>")
>>> page.title, page.text
('A', 'One two three four five six seven eight nine ten eleven twelve.')

The body is found readability-style: page furniture is dropped by tag and by
class/id words, each paragraph scores its container by text length and link
density, and the best container's blocks are kept in reading order. lxml is
used directly (it is already the parser behind beautifulsoup4 here, and a
tree walk without bs4's wrappers is several times faster on large pages).
Metadata follows a cascade from most to least trusted: JSON-LD, OpenGraph and
``article:*`` meta, ``<time datetime>``, ``<h1>``, ``<title>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tripnews.html.body import drop_furniture, is_thin, main_text, prose_chars
from tripnews.html.meta import page_metadata
from tripnews.html.tree import (
    MIN_SCORED_CHARS,
    THIN_TEXT_CHARS,
    flat_text,
    markup_free,
    parse_page,
    thin_beside,
)
from tripnews.model import Published, Removed


@dataclass
class Page:
    """What a page yields: body text, metadata, and what was dropped."""

    text: str
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: Published | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)


def extract_html(markup: str) -> Page:
    """Return the main article text and metadata of an HTML page."""
    root = parse_page(markup)
    if root is None:
        return Page(text="")
    meta = page_metadata(root)
    parsed_chars = len(root.text_content())
    page_prose = prose_chars(root)
    templates = [
        node.text
        for node in root.iter("script")
        if (node.get("type") or "").lower() in _TEMPLATE_TYPES and "<p" in (node.text or "")
    ]
    # most pages name no dialog role: the search of the tree for one is skipped
    dialogs = "aria-modal" in markup or ("dialog" in markup and bool(_DIALOG_ROLE.search(markup)))
    removed = drop_furniture(root, page_prose, dialogs=dialogs)
    text = main_text(root, meta.get("h1"), removed, page_prose)
    if is_thin(text, page_prose) and (second := parse_page(markup)) is not None:
        # A removal step cut the article: a wrapper named like furniture ("widget",
        # "tag-news"), a <form> round the whole page, a header holding the lead. Read the
        # page again dropping only what no reader sees, and keep that when it holds more.
        gentle = drop_furniture(second, page_prose, gentle=True, dialogs=dialogs)
        retry = main_text(second, meta.get("h1"), gentle, page_prose)
        if len(retry) > 2 * len(text) + MIN_SCORED_CHARS:
            text, removed = retry, gentle
    if len(text) < THIN_TEXT_CHARS and templates:
        # a page that renders its post from a client-side template holds it as markup
        shown = parse_page(f"<html><body>{''.join(templates)}</body></html>")
        if shown is not None:
            drop_furniture(shown, prose_chars(shown))
            rendered = main_text(shown, meta.get("h1"), [])
            if len(rendered) > 2 * len(text) + MIN_SCORED_CHARS:
                text = rendered
    body = meta.get("body")
    if isinstance(body, str) and thin_beside(text, body):
        text = markup_free(body)  # the page's own JSON-LD articleBody beats a thin extraction
    elif len(text) < THIN_TEXT_CHARS:
        flat = flat_text(markup)
        if len(flat) > 2 * parsed_chars + MIN_SCORED_CHARS:
            text = flat  # the parser gave up (tags nested thousands deep): keep the words
    return Page(
        text=text,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        byline=meta.get("author"),
        published=meta.get("published"),
        url=meta.get("url"),
        removed=removed,
    )


_DIALOG_ROLE = re.compile(r"""role\s*=\s*["']?(?:alert)?dialog""", re.IGNORECASE)


# Script types that carry markup for the page's own script to render, not code.
_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})
