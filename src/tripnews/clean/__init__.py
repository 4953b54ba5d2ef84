"""Raw input -> the article body, what was removed and why, and the header metadata.

>>> from tripnews.model import RawInput
>>> cleaned = clean(RawInput("a.txt", "text", "Skip to content\\nA headline\\nThe body says so."))
>>> cleaned.title, cleaned.text, [r.kind for r in cleaned.removed]
('A headline', 'The body says so.', ['navigation'])

A scrape is read as a list of lines. Each line is classed by general rules
(page furniture, related-headline blocks, captions and credits, header date
and byline lines, subheadings); what is dropped is kept in ``removed`` with its
kind, so nothing is lost silently. HTML goes through ``tripnews.html`` first
and then through the same rules.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from tripnews.clean.body import (
    join_broken_sentences,
    keep_some_prose,
    mark_captions,
    mark_contributors,
    mark_footer,
    mark_furniture,
    mark_headings,
    mark_related_blocks,
)
from tripnews.clean.header import (
    SITE_MAX_WORDS,
    TITLE_SITE,
    mark_bylines,
    mark_full_stop_headline,
    mark_header,
    strip_dateline,
    strip_publisher_tag,
    strip_sign_off,
)
from tripnews.clean.text import ODD_SPACE, ZERO_WIDTH, Line, Meta, count_words
from tripnews.model import Cleaned, Published, RawInput, Removed, Span
from tripnews.pubdate import iso_date


def clean(raw: RawInput) -> Cleaned:
    """Return the article body of ``raw`` with its metadata and the removed blocks."""
    if raw.format == "html" or raw.html:
        from tripnews.html import extract_html

        page = extract_html(raw.html or raw.text)
        cleaned = clean_text(page.text, has_title=page.title is not None, chosen=True)
        cleaned = replace(
            cleaned,
            title=page.title or cleaned.title,
            publisher=page.publisher or cleaned.publisher,
            byline=page.byline or cleaned.byline,
            published=page.published or cleaned.published,
            removed=tuple(page.removed) + cleaned.removed,
            url=page.url,
        )
    else:
        cleaned = clean_text(raw.text)
    return _tidy_title(_with_caller_meta(cleaned, raw))


def _with_caller_meta(cleaned: Cleaned, raw: RawInput) -> Cleaned:
    """Fields a JSON record from another tool states outright win over what the text implies."""
    title = raw.meta.get("title")
    date = raw.meta.get("date")
    published = cleaned.published
    if isinstance(date, str) and (value := iso_date(date)):
        published = Published(value=value, text=date, origin="caller")
    return replace(
        cleaned,
        title=title.strip() if isinstance(title, str) and title.strip() else cleaned.title,
        published=published,
    )


def clean_text(text: str, has_title: bool = False, chosen: bool = False) -> Cleaned:
    """Clean a plain-text scrape: ``clean_text("Skip to content\\nBody.").text == "Body."``.

    ``chosen`` says the text is what the HTML path already chose as the article: the
    scrape rule that guesses from a line's shape alone that an unpunctuated line above the
    first paragraph is a caption does not run on it, since there it is a subheading or a
    list item of the page's own text.
    """
    if not text.isascii():  # the odd and zero-width spaces are none of them ASCII
        text = ZERO_WIDTH.sub("", ODD_SPACE.sub(" ", text))
    lines = [Line(stripped) for stripped in map(str.strip, text.split("\n")) if stripped]
    lines = join_broken_sentences(lines)
    meta = Meta()
    mark_furniture(lines)
    mark_contributors(lines)
    mark_related_blocks(lines)
    mark_captions(lines)
    mark_bylines(lines, meta)  # before the header, which takes stray short lines as captions
    mark_full_stop_headline(lines, meta, find_title=not has_title)
    unmarked = _unmarked(lines) if chosen else set()
    mark_header(lines, meta, find_title=not has_title)
    mark_footer(lines)
    _unmark_shape_guesses(lines, unmarked)
    mark_headings(lines)
    keep_some_prose(lines)
    body = [line for line in lines if line.kind is None]
    strip_sign_off(body, meta)
    strip_publisher_tag(body, meta)
    strip_dateline(body, meta)
    for line in lines:
        if line.kind is not None and line.kind != "kept":
            meta.removed.append(Removed(line.kind, line.text))
    out, headings = _assemble(body)
    return Cleaned(
        text=out,
        removed=tuple(meta.removed),
        title=meta.title,
        publisher=meta.publisher,
        byline=meta.byline,
        published=meta.published,
        dateline=meta.dateline,
        headings=headings,
    )


def _assemble(body: Sequence[Line]) -> tuple[str, tuple[Span, ...]]:
    parts: list[str] = []
    headings: list[Span] = []
    pos = 0
    for line in body:
        if line.kind is not None:
            continue
        if parts:
            pos += 2  # the blank line between paragraphs
        if line.role == "heading":
            headings.append(Span(pos, pos + len(line.text)))
        parts.append(line.text)
        pos += len(line.text)
    return "\n\n".join(parts), tuple(headings)


def _tidy_title(cleaned: Cleaned) -> Cleaned:
    """Decode HTML entities in the title and cut a trailing " | Site" (the site becomes the
    publisher when none is known): "Bridge opens &amp; traffic flows | Daily Bugle"."""
    title = cleaned.title
    if not title:
        return cleaned
    if "&" in title:
        title = html.unescape(title)
    publisher = cleaned.publisher
    match = TITLE_SITE.search(title)
    if match is not None:
        site = match["site"].strip()
        before = title[: match.start()].strip()
        if (
            len(site.split()) <= SITE_MAX_WORDS
            and (site[:1].isupper() or site[:1].isdigit() or "." in site)
            and count_words(before, 4) >= 3
        ):
            title = before
            publisher = publisher or site
    if title == cleaned.title and publisher == cleaned.publisher:
        return cleaned
    return replace(cleaned, title=title, publisher=publisher)


def _unmarked(lines: Sequence[Line]) -> set[int]:
    return {id(line) for line in lines if line.kind is None}


def _unmark_shape_guesses(lines: Sequence[Line], unmarked: set[int]) -> None:
    """Give back the lines the header rule took for captions by shape alone when the text
    was already chosen from a page's structure (measured: footers are better left to it)."""
    for line in lines:
        if id(line) in unmarked and line.kind == "caption":
            line.kind, line.role = None, "body"
