"""The page tree: parsing, the furniture vocabulary and the limits every reading shares."""

from __future__ import annotations

import html
import re
from typing import Any

import lxml.html
from lxml import etree

from tripnews.rules import load_groups, load_list, load_words, words_pattern

DROP_TAGS = (
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "figcaption", "figure", "menu", "dialog", "object",
    "embed", "canvas", "video", "audio", "picture", "input", "textarea", "label", "rt", "rp",
)  # fmt: skip


# class/id words of page furniture (data/furniture_words.txt), matched as whole words
# between spaces, hyphens or underscores.
FURNITURE = re.compile(
    rf"(?:^|[\s_-])(?:{words_pattern(load_words('furniture_words'))})(?:$|[\s_-])"
    # Whole class words only: "tag-election" and "category-news" label a post by its topic,
    # "hidden-xs" hides a block on phones alone and "field-label-hidden" hides a label.
    r"|(?:^|\s)(?:[\w-]*[_-])?tags?(?:$|\s)|(?:^|\s)(?:is-|u-)?hidden(?:$|\s)",
    re.IGNORECASE,
)


# Dropped tags whose text no reader ever sees: not worth reporting as removed.
# <rt>/<rp> are ruby glosses (the reading printed over Japanese or Chinese characters): left
# in, each gloss would sit in the line between its characters.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "rt", "rp"})


# class/id words -> the kind a dropped block is reported as, tried in order, the first
# match winning (data/removed_kinds.tsv).
REMOVED_KINDS = tuple(load_groups("removed_kinds").items())


def marks_pattern(entries: frozenset[str]) -> str:
    """An alternation of words (class words, type names) where a ``*`` at a word's start or
    end stands for any run of word characters: ``marks_pattern(frozenset({"publish*"}))``
    -> ``'publish\\w*'``."""
    branches = [words_pattern(entry for entry in entries if "*" not in entry)]
    for entry in sorted(entry for entry in entries if "*" in entry):
        before = r"\w*" if entry.startswith("*") else ""
        after = r"\w*" if entry.endswith("*") else ""
        branches.append(before + re.escape(entry.strip("*")) + after)
    return "|".join(branch for branch in branches if branch)


# class/id words of an element that prints the publication date or the byline
# (data/date_marks.txt).
DATE_MARKS = re.compile(
    rf"(?:^|[\s_-])(?:{marks_pattern(load_words('date_marks'))})(?:$|[\s_-])"
    # run together with another word: "publishingdate", "catdate", "postdate", "datetime"
    r"|\w(?:date|datum)(?:$|[\s_-])|(?:^|[\s_-])date\w",
    re.IGNORECASE,
)


BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"})


SPACE = re.compile(r"\s+")


SITE_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+[^|\-–—:·•»]{2,60}$")


# A chunk of the article's own class scoring this share of the best chunk is kept too.
TWIN_SHARE = 0.1


# A DOM extraction shorter than this may be a page that renders its text by script.
THIN_TEXT_CHARS = 1000


# A paragraph shorter than this adds nothing to its container's score.
MIN_SCORED_CHARS = 25


# Blocks whose text is mostly link text are navigation or related links.
MAX_LINK_DENSITY = 0.5


# A furniture-named node holding more than this share of the page's <p> text is the
# article's wrapper ("td-transition-content-and-menu"), not furniture.
MOST_PROSE = 0.5


# An extraction under this share of the page's prose lost the article to a removal step ...
THIN_SHARE = 0.25


# ... on a page holding at least this much prose (a short page is short, not cut).
MIN_PAGE_PROSE = 400


# Parsing is refused past this depth of nesting; deeper pages are flattened text.
MAX_DEPTH = 2000


def thin_beside(text: str, body: str) -> bool:
    """Whether the DOM gave little next to the JSON-LD body (a page rendered by script)."""
    return len(text) < THIN_TEXT_CHARS and len(body) > max(2 * len(text), 200)


def markup_free(body: str) -> str:
    """An articleBody that carries (escaped) HTML, as one paragraph a line."""
    body = html.unescape(body) if "&lt;" in body else body
    if not re.search(r"<(?:p|div|br|span|a|img|h\d)\b", body, re.I):
        return body
    root = parse_page(f"<html><body>{body}</body></html>")
    if root is None:
        return body
    for node in list(root.iter(*DROP_TAGS, "img")):
        drop_keep_tail(node)
    return line_per_block(root)


def flat_text(markup: str) -> str:
    """The page's words without any tree: scripts and styles out, tags out, entities read."""
    markup = _SCRIPT_OR_STYLE.sub(" ", markup)
    markup = re.sub(r"<(?:p|div|br|li|h\d)\b[^<>]*>", "\n", markup, flags=re.IGNORECASE)
    words = html.unescape(re.sub(r"<[^<>]*>", " ", markup))
    lines = (SPACE.sub(" ", line).strip() for line in words.split("\n"))
    return "\n".join(line for line in lines if line)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


# An inline image as a data: URI can run to megabytes, past what the parser takes in one
# attribute; it carries no words, so it goes before parsing.
_DATA_URI = re.compile(r"data:[\w/+.-]{1,100};base64,[A-Za-z0-9+/=\s]{256,}")


# "<script .../>" does not close in HTML: a browser runs what follows up to "</script>"
# as code, where the parser would print it as text.
_SELF_CLOSED_SCRIPT = re.compile(
    r"<script\b([^<>]*?)\s*/>(?=[^<]*(?:<(?!/?script\b)[^<]*)*</script>)", re.IGNORECASE
)


def parse_page(markup: str) -> Any:
    if not markup.strip():
        return None
    markup = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", markup)
    markup = _DATA_URI.sub("data:,", markup)
    if "/>" in markup:
        markup = _SELF_CLOSED_SCRIPT.sub(r"<script\1>", markup)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def text_of(element: Any) -> str:
    return SPACE.sub(" ", element.text_content()).strip()


def class_words(node: Any) -> str:
    """An element's class and id words, where pages name their furniture."""
    return f"{node.get('class') or ''} {node.get('id') or ''}"


COMMENTS = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.IGNORECASE)


# class/id words of a cookie or consent notice (data/consent_words.txt): its legal prose
# can outrun a short story, and it is never the story's wrapper. Found as plain substrings
# ("BorlabsCookieBox"): a test run on every element of every page, where a regex costs
# several times as much.
CONSENT_WORDS = load_list("consent_words")


def is_consent(words: str) -> bool:
    """Whether class/id words name a cookie or consent notice: ``is_consent("cmp-Consent")``."""
    lowered = words.lower()
    return any(word in lowered for word in CONSENT_WORDS)


def drop_keep_tail(node: Any) -> None:
    parent = node.getparent()
    tail = node.tail
    if tail and tail.strip():
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def line_per_block(node: Any) -> str:
    """A node's text with each block (paragraph, heading, list item, row) on a line."""
    for block in node.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n" + (block.tail or "")
    lines = (SPACE.sub(" ", line).strip() for line in node.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
