"""A page's article text: furniture dropped, blocks scored, the best container read whole.

Each paragraph scores its container by text length and link density; the best container's
blocks, and sibling blocks that carry prose (a lead in its own block), are kept in reading
order, one line a block, tables one line a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from tripnews.html.tree import (
    BLOCK_TAGS,
    COMMENTS,
    DROP_TAGS,
    FURNITURE,
    INVISIBLE_TAGS,
    MAX_DEPTH,
    MAX_LINK_DENSITY,
    MIN_PAGE_PROSE,
    MIN_SCORED_CHARS,
    MOST_PROSE,
    REMOVED_KINDS,
    SPACE,
    THIN_SHARE,
    TWIN_SHARE,
    class_words,
    drop_keep_tail,
    is_consent,
    line_per_block,
    text_of,
)
from tripnews.model import Removed
from tripnews.rules import load_words, words_pattern


def is_thin(text: str, page_prose: int) -> bool:
    return page_prose >= MIN_PAGE_PROSE and len(text) < page_prose * THIN_SHARE


# What a gentle second reading still drops: text no reader sees, and the page's own
# navigation and footer elements.
_GENTLE_DROP = frozenset(DROP_TAGS) - {"form", "aside", "figure", "label"}


# Furniture tags that a broken or lazy page can wrap round its whole content.
_WRAPPING_TAGS = frozenset(
    {"nav", "footer", "aside", "form", "header", "menu", "dialog", "button", "label"}
)


def drop_furniture(
    root: Any, page_prose: int, gentle: bool = False, dialogs: bool = True
) -> list[Removed]:
    """Drop page furniture from the tree; return the visible text it held, by kind.

    ``gentle`` drops only invisible elements, navigation and footers: no class words,
    no forms, asides or headers. ``dialogs=False`` says the page's markup names no
    dialog role, which spares a search of the whole tree.
    """
    doomed = []
    shown_over = set(_DIALOGS(root)) if dialogs else set()
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _WRAPPING_TAGS and _holds_most_prose(node, page_prose):
            continue  # an unclosed <nav> or a <form> round the whole page holds the story
        if gentle:
            if tag in _GENTLE_DROP or (
                tag not in _PAGE_TAGS and (node in shown_over or is_consent(class_words(node)))
            ):
                doomed.append(node)  # a pop-up is never the story: see below
            continue
        if tag in DROP_TAGS or (tag == "header" and not _is_story_header(node)):
            doomed.append(node)
            continue
        if tag in _PAGE_TAGS:
            continue  # "cookie-banner-open" on <body> says a box is shown, not what it is
        # a heading's id is an anchor made from its own words ("nav_the_vote" for a
        # contents list to jump to): only its class can name it furniture
        words = node.get("class") or "" if tag in _HEADINGS else class_words(node)
        furniture = FURNITURE.search(words)
        if (shown_over and node in shown_over) or (words != " " and is_consent(words)):
            # A box the page shows over its content (a consent notice, a sign-up offer):
            # never the story, however much prose it holds, so a gentle reading drops it too.
            doomed.append(node)
            continue
        if (
            (furniture and not _is_embedded_post(node))
            or node.get("hidden") is not None
            or node.get("aria-hidden") == "true"
        ) and not _holds_most_prose(node, page_prose):
            doomed.append(node)
    removed = []
    gone: set[Any] = set()
    for node in doomed:
        gone.add(node)
        if any(a in gone for a in node.iterancestors()):
            continue  # inside a block already dropped: its text is counted there
        if node.tag not in INVISIBLE_TAGS and (text := text_of(node)):
            removed.append(Removed(_removed_kind(node), text))
        if node.getparent() is not None:
            drop_keep_tail(node)
    return removed


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# Elements that hold the page or the story: never furniture, whatever their class says.
_PAGE_TAGS = frozenset({"html", "body", "article", "main"})


# A pop-up by its ARIA role: a dialog, or a modal box.
_DIALOGS = etree.XPath('//*[@role="dialog" or @role="alertdialog" or @aria-modal="true"]')


# Posts a story embeds (a tweet, an Instagram caption) are what someone said, quoted
# whole: article text, though their wrappers are often named "social"
# (data/embedded_posts.txt).
_EMBEDDED_POST = re.compile(rf"\b(?:{words_pattern(load_words('embedded_posts'))})\b")


def _is_embedded_post(node: Any) -> bool:
    """A post's own element, or a wrapper that holds little besides posts."""
    if _EMBEDDED_POST.search(node.get("class") or ""):
        return True
    posts = [b for b in node.iter("blockquote") if _EMBEDDED_POST.search(b.get("class") or "")]
    return bool(posts) and len(text_of(node)) <= sum(len(text_of(p)) for p in posts) + 200


def _removed_kind(node: Any) -> str:
    if node.tag in ("figure", "figcaption"):
        return "caption"
    if node.tag in ("nav", "menu"):
        return "navigation"
    if node.tag == "footer":
        return "footer"
    marks = class_words(node).lower()
    for kind, words in REMOVED_KINDS:
        if any(word in marks for word in words):
            return kind
    return "other"


def prose_chars(node: Any) -> int:
    """Visible text outside links, in characters: the prose a node holds, whether it sits
    in <p> tags, in loose text between <br>s, in list items or in table cells."""
    total = 0
    for element in node.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in INVISIBLE_TAGS and tag != "a" and element.text:
            total += len(element.text.strip())
        if element is not node and element.tail:
            total += len(element.tail.strip())
    return total


def _holds_most_prose(node: Any, page_prose: int) -> bool:
    """A wrapper named "content-with-sidebar" or "non-ad-column" that holds the article.
    Readers' comments and a cookie notice's terms are prose too, and can outrun the story:
    they are never its wrapper."""
    marks = class_words(node)
    if page_prose <= 0 or COMMENTS.search(marks) or is_consent(marks):
        return False
    return prose_chars(node) > page_prose * MOST_PROSE


def _is_story_header(node: Any) -> bool:
    """A <header> that is the story's own (inside its <article>: headline, standfirst,
    byline), or one that holds the article text; a page's masthead is neither."""
    return next(node.iterancestors("article"), None) is not None or _has_article_text(node)


def _has_article_text(node: Any) -> bool:
    return sum(len(text_of(p)) for p in node.iter("p")) > 400


def _link_density(node: Any, length: int) -> float:
    if length == 0:
        return 1.0
    links = sum(len(text_of(a)) for a in node.iter("a"))
    return links / length


def _blocks(root: Any) -> Iterator[Any]:
    """Block elements in document order, innermost only (a <p> inside an <li> counts once)."""
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCK_TAGS:
            parent = node.getparent()
            inside = False
            while parent is not None:
                if isinstance(parent.tag, str) and parent.tag in BLOCK_TAGS:
                    inside = True
                    break
                parent = parent.getparent()
            if not inside:
                yield node
        elif tag in ("div", "td", "section") and _own_text(node):
            yield node


def _own_text(node: Any) -> bool:
    """A <div> holding prose directly (not only through child blocks) is a paragraph too."""
    direct = (node.text or "") + "".join(
        (child.tail or "")
        for child in node
        if not isinstance(child.tag, str)
        or child.tag in ("br", "a", "b", "i", "em", "strong", "span")
    )
    return len(direct.strip()) >= MIN_SCORED_CHARS * 4


def main_text(root: Any, h1: str | None, removed: list[Removed], page_prose: int = 0) -> str:
    """The best-scoring container's text; link lists inside it are added to ``removed``.

    A container holding a thin share of the prose the furniture left widens to its parent
    (a recipe's steps or a page of short sections, each a container of its own);
    ``page_prose``, the page's prose before the furniture went, bounds that share."""
    body = root.find(".//body")
    if body is None:
        body = root
    scores: dict[Any, float] = {}
    for block in _blocks(body):
        text = text_of(block)
        if len(text) < MIN_SCORED_CHARS or block.tag not in (
            "p",
            "div",
            "td",
            "pre",
            "blockquote",
            "section",
        ):
            continue
        score = 1 + text.count(",") + text.count("，") + min(len(text) / 100, 3)
        score *= 1 - _link_density(block, len(text))
        parent = block.getparent()
        for share in (1.0, 0.5, 0.25):
            if parent is None:
                break
            scores[parent] = scores.get(parent, 0.0) + score * share
            parent = parent.getparent()
    if not scores:
        return _fallback_text(body)
    best = max(scores, key=lambda node: (scores[node], -_depth(node)))
    best_prose = prose_chars(best)
    if best_prose < page_prose * THIN_SHARE or not page_prose:
        # maybe thin: weigh it against the prose the furniture left (the page's prose before
        # the furniture went bounds that, and spares most pages a second walk)
        kept = prose_chars(body)
        if kept >= MIN_PAGE_PROSE and best_prose < kept * THIN_SHARE:
            best = _widened(best, kept)
    lines: list[str] = []
    heading_last = False  # whether the last line kept is a subheading
    parts = _article_parts(best, scores)
    units = [*_lead_units(parts[0], parts), *(u for part in parts for u in _units(part))]
    for tag, text, links in units:
        if (
            links > MAX_LINK_DENSITY * len(text)
            and len(text) < 300
            and not _linked_sentence(tag, text)
        ):
            removed.append(Removed("related-links", text))
            if heading_last:
                # "Read also", "More on this": the heading over a list of links goes with it
                removed.append(Removed("related-links", lines.pop()))
                heading_last = False
            continue
        if tag == "h1" or (h1 and text == h1):
            continue  # the headline is the title, not body text
        if (
            tag == "li"
            and links
            and len(text) < MIN_SCORED_CHARS
            and not text.endswith((".", "!", "?"))
        ):
            continue  # a short linked item: a menu's entry (an ingredient, a fact stay)
        lines.append(text)
        heading_last = tag in _SUBHEADINGS and len(text) <= HEADING_MAX_CHARS
    if heading_last:
        removed.append(Removed("related-links", lines.pop()))  # a heading over nothing
    return "\n".join(_dedupe_adjacent(lines))


_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


# A paragraph of this many words or more that ends like a sentence is prose, however much of
# it is linked ("... said the minister of transport." with both names linked); a related
# link's headline rarely ends with a full stop.
LINKED_SENTENCE_MIN_WORDS = 16


def _linked_sentence(tag: str, text: str) -> bool:
    return (
        tag == "p"
        and text.endswith((".", "!", "?", "。", "！", "？"))
        and text.count(" ") + 1 >= LINKED_SENTENCE_MIN_WORDS
    )


# A heading tag holding more than this is a standfirst set large, not a heading.
HEADING_MAX_CHARS = 80


# How many levels a thin container may widen to its parents.
WIDEN_LEVELS = 4


# A parent whose text is more link text than this is a list of links, not the story.
WIDEN_MAX_LINK_DENSITY = 0.3


def _widened(best: Any, page_prose: int) -> Any:
    """The best container, or the nearest parent holding a fair share of the page's prose
    when the best holds a thin one; never a parent made of links or holding readers'
    comments (a gentle reading keeps them), never <body>."""
    node = best
    for level in range(WIDEN_LEVELS):
        if level and prose_chars(node) >= page_prose * THIN_SHARE:
            return node
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        text = text_of(parent)
        if _link_density(parent, len(text)) > WIDEN_MAX_LINK_DENSITY or any(
            COMMENTS.search(class_words(d)) for d in parent.iterdescendants()
        ):
            break
        node = parent
    return node if prose_chars(node) >= page_prose * THIN_SHARE else best


# How many levels above the article's container a lead paragraph in its own block is sought
# (the search ends sooner at a block of links or other text without prose). Prose after the
# container was tried the same way and measured: it brings comments and bios, not story.
LEAD_LEVELS = 8


# A lead is prose (a standfirst, or a subheading over a lead paragraph): this long at
# least, hardly any of it links.
LEAD_MIN_CHARS = MIN_SCORED_CHARS


LEAD_MAX_LINK_DENSITY = 0.2


# A block without prose longer than this (a menu, a list of links) ends the search.
LEAD_GAP_CHARS = 400


def _lead_units(first: Any, parts: list[Any]) -> list[Unit]:
    """Prose just before the article's container in blocks of their own (a standfirst, a
    lead paragraph the CMS keeps apart), nearest first, up to the first block without any."""
    found: list[Unit] = []
    node = first
    for _ in range(LEAD_LEVELS):
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or any(
                p is sibling or sibling in p.iterancestors() for p in parts
            ):
                break
            prose = [
                u
                for u in _units(sibling)
                if len(u[1]) >= LEAD_MIN_CHARS and u[2] <= LEAD_MAX_LINK_DENSITY * len(u[1])
            ]
            if not prose:
                if len(text_of(sibling)) > LEAD_GAP_CHARS:
                    return found
                continue  # a byline, a date, an image's wrapper between lead and story
            found[:0] = prose
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break
    return found


# Elements that flow inside a line of text.
_INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr", "img",
})  # fmt: skip


# Past this depth inside the article a node is read as one line (no recursion without end).
MAX_UNIT_DEPTH = 100


Unit = tuple[str, str, int]  # (tag, text, characters of link text)


def _units(node: Any, depth: int = 0) -> Iterator[Unit]:
    """Every line of text in a container, in reading order: its blocks (paragraphs,
    headings, list items, table rows: one line each) and the loose text between them
    (text after inline tags, lines between ``<br>``s), none of it lost or read twice."""
    if depth > MAX_UNIT_DEPTH:
        if text := text_of(node):
            yield node.tag, text, _link_chars(node)
        return
    loose: list[str] = [node.text or ""]
    links = 0
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            loose.append("\n")
        elif tag in _INLINE_TAGS and not _holds_blocks(child):
            loose.append(child.text_content())
            links += _link_chars(child)
        elif tag:
            yield from _loose_lines(loose, links)
            loose, links = [], 0
            if tag == "tr" and not _holds_blocks(child):
                cells = [text_of(cell) for cell in child if isinstance(cell.tag, str)]
                if text := " ".join(c for c in cells if c):
                    yield tag, text, _link_chars(child)
            elif tag in BLOCK_TAGS:
                yield from _block_lines(child)
            else:
                yield from _units(child, depth + 1)
        loose.append(child.tail or "")
    yield from _loose_lines(loose, links)


def _block_lines(block: Any) -> Iterator[Unit]:
    """A paragraph's text, a line for each run between ``<br>``s ("Jane Roe<br>Berlin")."""
    links = _link_chars(block)
    if block.find(".//br") is None:
        if text := text_of(block):
            yield block.tag, text, links
        return
    for br in block.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [SPACE.sub(" ", line).strip() for line in block.text_content().split("\n")]
    total = sum(len(line) for line in lines) or 1
    for line in lines:
        if line:
            yield block.tag, line, links * len(line) // total


def _loose_lines(pieces: list[str], links: int) -> Iterator[Unit]:
    lines = [SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n")]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    if total < MIN_SCORED_CHARS * 4:
        return  # a label, a caption, a teaser between blocks: not a run of the story's text
    for line in lines:
        # link text is spread over the lines in proportion: a run of links stays link-dense
        yield "", line, links * len(line) // total if total else 0


_HOLDERS = frozenset({"div", "article", "section", "main", "table", "ul", "ol"})


def _holds_blocks(node: Any) -> bool:
    return any(
        isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag in _HOLDERS)
        for d in node.iterdescendants()
    )


def _link_chars(node: Any) -> int:
    if node.tag == "a":
        return len(text_of(node))
    return sum(len(text_of(a)) for a in node.iter("a"))


def _article_parts(best: Any, scores: dict[Any, float]) -> list[Any]:
    """The best container and its twins: CMSs cut long articles into chunks of one class
    between ads, and each chunk is a container of its own. A chunk without a class of its
    own is known by its parent's ("paragraph" round each classless block)."""
    marks = (best.get("class") or "").strip()
    if not marks:
        parent = best.getparent()
        if parent is None or not (parent.get("class") or "").strip() or parent not in scores:
            return [best]
        parts = _twins(parent, scores)
        return parts if len(parts) > 1 else [best]
    return _twins(best, scores)


def _twins(best: Any, scores: dict[Any, float]) -> list[Any]:
    marks = (best.get("class") or "").strip()
    twins = {
        node
        for node, score in scores.items()
        if node.tag == best.tag
        and (node.get("class") or "").strip() == marks
        and score >= scores.get(best, 0.0) * TWIN_SHARE
    }
    nested = {n for n in twins for a in n.iterancestors() if a in twins}
    twins -= nested
    if best not in twins or len(twins) == 1:
        return [best]
    order = {node: i for i, node in enumerate(best.getroottree().getroot().iter())}
    return sorted(twins, key=order.__getitem__)


def _depth(node: Any) -> int:
    depth = 0
    while node is not None and depth < MAX_DEPTH:
        node = node.getparent()
        depth += 1
    return depth


def _dedupe_adjacent(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not out or out[-1] != line:
            out.append(line)
    return out


def _fallback_text(body: Any) -> str:
    """Text of a page with no scoring block: its blocks a line each; a page that is all
    links (a section front, a link farm) has no article text."""
    text = text_of(body)
    if not text or _link_density(body, len(text)) > MAX_LINK_DENSITY:
        return ""
    return line_per_block(body)
