"""The page's author as its byline element prints it, and the test that tells a name from
a label, a date or a site's name in an author slot."""

from __future__ import annotations

import html
import re
from typing import Any

from tripnews.html.tree import COMMENTS, SPACE, class_words, text_of
from tripnews.rules import load_groups, load_words, words_pattern

# class/id words, itemprops and rels of the element that prints the author's name
# (data/byline_marks.txt).
_BYLINE_MARKS = re.compile(
    rf"(?:^|[\s_-])(?:{words_pattern(load_words('byline_marks'))})(?:$|[\s_-])",
    re.IGNORECASE,
)


# What opens a byline before the name, in the languages of the pages read most
# (data/byline_leads.tsv): "Posted by", "Von", "Autorin:".
_LEADS = load_groups("byline_leads")
_BYLINE_LEAD = re.compile(
    rf"^\W*(?:(?:{words_pattern(_LEADS['verb'])})\s+)?(?:{words_pattern(_LEADS['by'])})?\b\s*[:：]?\s*",
    re.IGNORECASE,
)


# Where a name ends in a byline line: a separator, a date or a time, "on"/"am" before one
# (the words: data/byline_ends.txt).
_BYLINE_END = re.compile(
    rf"\s*(?:[|•·●/]|\s[-–—]\s|,?\s(?:{words_pattern(load_words('byline_ends'))})\s"
    r"|\d{1,2}[./:]\d|\d{4}|\n)",
    re.IGNORECASE,
)


# A byline is a name or a few: longer is a sentence or a bio.
MAX_BYLINE_WORDS = 8


MAX_BYLINE_CHARS = 80


def byline_element(root: Any, site: str | None) -> str | None:
    """The name printed in the page's author element: ``itemprop=author`` (its ``name``
    inside it when there is one), ``rel=author``, a class or id such as "byline" or
    "author-name"; the innermost such element, first in the page, that reads as a name."""
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag in ("html", "body", "meta", "script"):
            continue
        prop = (node.get("itemprop") or "").lower()
        rel = (node.get("rel") or "").lower()
        if not (
            prop == "author"
            or rel == "author"
            or (_BYLINE_MARKS.search(class_words(node)) and node.tag not in ("article", "main"))
        ):
            continue
        if any(
            a.tag in ("figure", "figcaption") or COMMENTS.search(class_words(a))
            for a in node.iterancestors()
        ):
            continue  # a commenter or a photographer, not the story's author
        named = next((n for n in node.iter() if n.get("itemprop") == "name"), None)
        text = text_of(named if named is not None else node)
        if (name := author_name(text, site)) is not None:
            return name
    return None


def author_name(value: str, site: str | None) -> str | None:
    """A byline's name: its lead ("By", "Von") and what follows the name cut; ``None`` for
    a site name, a date, a web address or a sentence."""
    value = SPACE.sub(" ", html.unescape(value) if "&" in value else value).strip()
    value = _BYLINE_LEAD.sub("", value, count=1)
    if (end := _BYLINE_END.search(value)) is not None:
        value = value[: end.start()]
    value = value.strip(" ,;:-–—|")
    words = value.split()
    if not words or len(words) > MAX_BYLINE_WORDS or len(value) > MAX_BYLINE_CHARS:
        return None
    if not any(ch.isalpha() for ch in value) or re.search(
        r"https?:|www\.|\.(?:com|de|org)\b|@", value
    ):
        return None
    if site and value.casefold() in (site.casefold(), site.casefold().split(".")[0]):
        return None
    if value.casefold() in _NOT_NAMES or _NOT_A_BYLINE.search(value):
        return None
    return value


# What author slots hold when they hold no name (data/author_placeholders.txt): labels,
# placeholders, function words.
_NOT_NAMES = load_words("author_placeholders")


# A commenter ("Anna says:") or a picture credit in an author slot
# (data/not_byline_words.txt).
_NOT_A_BYLINE = re.compile(
    rf"\b(?:{words_pattern(load_words('not_byline_words'))})\b", re.IGNORECASE
)
