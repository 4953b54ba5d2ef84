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

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from tripnews import safejson
from tripnews.model import Published, Removed
from tripnews.pubdate import date_in_line, iso_date, url_date

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "figcaption", "figure", "menu", "dialog", "object",
    "embed", "canvas", "video", "audio", "picture", "input", "textarea", "label",
)  # fmt: skip
# class/id words of page furniture (matched as whole words or word prefixes).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comment|share|sharing|social|related|recommend|promo|newsletter|cookie"
    r"|consent|sidebar|footer|breadcrumb|menu|navbar|nav|advert|ads?|banner|subscribe|signup"
    r"|popup|popover|rollover|tooltip|hovercard|modal|caption|credit|byline|author-info"
    r"|toolbar|widget|outbrain|taboola"
    r"|more-stories|most-popular|trending|paywall|skip|sr-only|visually-hidden)"
    r"(?:$|[\s_-])"
    # Whole class words only: "tag-election" and "category-news" label a post by its topic,
    # "hidden-xs" hides a block on phones alone and "field-label-hidden" hides a label.
    r"|(?:^|\s)(?:[\w-]*[_-])?tags?(?:$|\s)|(?:^|\s)(?:is-|u-)?hidden(?:$|\s)",
    re.IGNORECASE,
)
# Dropped tags whose text no reader ever sees: not worth reporting as removed.
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select"})
# class/id words -> the kind a dropped block is reported as (first match wins).
_REMOVED_KINDS = (
    ("related-links", ("related", "recommend", "more-stories", "most-popular", "trending",
                       "outbrain", "taboola")),
    ("caption", ("caption",)),
    ("credit", ("credit", "byline", "author")),
    ("footer", ("footer",)),
    ("navigation", ("nav", "menu", "breadcrumb", "skip", "share", "social", "subscribe",
                    "newsletter", "cookie", "consent", "toolbar")),
)  # fmt: skip
# class/id words of an element that prints the publication date or the byline.
_DATE_MARKS = re.compile(
    r"(?:^|[\s_-])(?:date|dateline|time|timestamp|published|pubdate|posted|created|byline|tagline"
    r"|entry-meta|post-meta|article-meta|meta-info|story-meta|meta|metadata|postmeta|datum"
    r"|author|autor|submitted|release|updated|info)(?:$|[\s_-])"
    # run together with another word: "publishingdate", "catdate", "postdate", "datetime"
    r"|\w(?:date|datum)(?:$|[\s_-])|(?:^|[\s_-])date\w",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"})
_CONTAINER_TAGS = frozenset({"div", "article", "section", "main", "td", "body", "span"})
_SPACE = re.compile(r"\s+")
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+[^|\-–—:·•»]{2,60}$")

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
    root = _parse(markup)
    if root is None:
        return Page(text="")
    meta = _metadata(root)
    parsed_chars = len(root.text_content())
    page_prose = _prose_chars(root)
    templates = [
        node.text
        for node in root.iter("script")
        if (node.get("type") or "").lower() in _TEMPLATE_TYPES and "<p" in (node.text or "")
    ]
    removed = _drop_furniture(root, page_prose)
    text = _main_text(root, meta.get("h1"), removed)
    if _thin(text, page_prose) and (second := _parse(markup)) is not None:
        # A removal step cut the article: a wrapper named like furniture ("widget",
        # "tag-news"), a <form> round the whole page, a header holding the lead. Read the
        # page again dropping only what no reader sees, and keep that when it holds more.
        gentle = _drop_furniture(second, page_prose, gentle=True)
        retry = _main_text(second, meta.get("h1"), gentle)
        if len(retry) > 2 * len(text) + MIN_SCORED_CHARS:
            text, removed = retry, gentle
    if len(text) < THIN_TEXT_CHARS and templates:
        # a page that renders its post from a client-side template holds it as markup
        shown = _parse(f"<html><body>{''.join(templates)}</body></html>")
        if shown is not None:
            _drop_furniture(shown, _prose_chars(shown))
            rendered = _main_text(shown, meta.get("h1"), [])
            if len(rendered) > 2 * len(text) + MIN_SCORED_CHARS:
                text = rendered
    body = meta.get("body")
    if isinstance(body, str) and _thin_beside(text, body):
        text = _markup_free(body)  # the page's own JSON-LD articleBody beats a thin extraction
    elif len(text) < THIN_TEXT_CHARS:
        flat = _flat_text(markup)
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


# Script types that carry markup for the page's own script to render, not code.
_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})


def _thin_beside(text: str, body: str) -> bool:
    """Whether the DOM gave little next to the JSON-LD body (a page rendered by script)."""
    return len(text) < THIN_TEXT_CHARS and len(body) > max(2 * len(text), 200)


def _markup_free(body: str) -> str:
    """An articleBody that carries (escaped) HTML, as one paragraph a line."""
    body = html.unescape(body) if "&lt;" in body else body
    if not re.search(r"<(?:p|div|br|span|a|img|h\d)\b", body, re.I):
        return body
    root = _parse(f"<html><body>{body}</body></html>")
    if root is None:
        return body
    for node in list(root.iter(*_DROP_TAGS, "img")):
        _drop_keep_tail(node)
    return _line_per_block(root)


def _flat_text(markup: str) -> str:
    """The page's words without any tree: scripts and styles out, tags out, entities read."""
    markup = _SCRIPT_OR_STYLE.sub(" ", markup)
    markup = re.sub(r"<(?:p|div|br|li|h\d)\b[^<>]*>", "\n", markup, flags=re.IGNORECASE)
    words = html.unescape(re.sub(r"<[^<>]*>", " ", markup))
    lines = (_SPACE.sub(" ", line).strip() for line in words.split("\n"))
    return "\n".join(line for line in lines if line)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# An inline image as a data: URI can run to megabytes, past what the parser takes in one
# attribute; it carries no words, so it goes before parsing.
_DATA_URI = re.compile(r"data:[\w/+.-]{1,100};base64,[A-Za-z0-9+/=\s]{256,}")


def _parse(markup: str) -> Any:
    if not markup.strip():
        return None
    markup = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", markup)
    markup = _DATA_URI.sub("data:,", markup)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _text(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


# ---------------------------------------------------------------------------
# metadata


def _metadata(root: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    items = list(_json_ld(root))
    # Nodes of a JSON-LD graph by their @id: an article names its author by reference.
    graph = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        _take_json_ld(item, meta, graph)
    props = _meta_props(root)
    if "title" not in meta:
        title = props.get("og:title") or props.get("twitter:title")
        if title:
            meta["title"] = title
    if "published" not in meta:
        for key in (
            "article:published_time", "og:published_time", "datepublished", "pubdate",
            "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
            "dc.date", "date", "dcterms.created", "article.published", "published_time",
            "og:article:published_time", "publication_date", "dc.date.created",
        ):  # fmt: skip
            value = props.get(key)
            if value and (iso := iso_date(value)):
                meta["published"] = Published(value=iso, text=value, origin="meta")
                break
    if "published" not in meta and (marked := _marked_date(root)):
        meta["published"] = marked
    url = props.get("og:url") or _canonical(root)
    if url:
        meta["url"] = url
        day = url_date(url)
        # a UTC timestamp past midnight is a day off: the URL keeps the site's calendar day
        if day and ("published" not in meta or _one_day_apart(day, meta["published"].value)):
            meta["published"] = Published(value=day, text=url, origin="meta")
    if "published" not in meta and (shown := _visible_date(root)):
        meta["published"] = shown
    if "published" not in meta and (near := _date_by_headline(root)):
        meta["published"] = near
    if "published" not in meta and (labelled := _labelled_date(root)):
        meta["published"] = labelled
    if "published" not in meta:
        # Last: the day the page was last changed, which for most pages that print no
        # publication date is the day they went up.
        for key in ("article:modified_time", "og:updated_time", "datemodified", "last-modified"):
            if (value := props.get(key) or meta.get("modified")) and (iso := iso_date(value)):
                meta["published"] = Published(value=iso, text=value, origin="meta")
                break
    if "publisher" not in meta and props.get("og:site_name"):
        meta["publisher"] = props["og:site_name"]
    site = meta.get("publisher") or props.get("og:site_name")
    if "author" not in meta and (shown_by := _byline_element(root, site)):
        meta["author"] = shown_by
    if "author" not in meta:
        for key in ("author", "article:author", "byl", "dc.creator", "parsely-author",
                    "sailthru.author", "cxenseparse:author"):  # fmt: skip
            if (value := props.get(key)) and (name := _author_name(value, site)):
                meta["author"] = name
                break
    h1 = next((_text(h) for h in root.iter("h1") if _text(h)), None)
    if h1:
        meta["h1"] = h1
    if "title" not in meta:
        title_node = root.find(".//title")
        title = _text(title_node) if title_node is not None else ""
        title = _SITE_SUFFIX.sub("", title) if title else ""
        meta["title"] = h1 or title or None
    return meta


# Elements marked as the publication date in microdata or RDFa, besides <time>.
_PUBLISHED_PROPS = frozenset({"datepublished", "schema:datepublished", "datecreated",
                              "schema:datecreated", "dc:date", "dcterms:created"})  # fmt: skip


def _marked_date(root: Any) -> Published | None:
    """The date a ``<time datetime>`` or an element marked ``itemprop=datePublished`` holds,
    in its ``datetime``, ``content`` or ``title`` attribute or its text; the marked one first."""
    times = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        prop = (node.get("itemprop") or node.get("property") or "").lower()
        if node.tag == "time" or prop in _PUBLISHED_PROPS:
            times.append((prop not in _PUBLISHED_PROPS, node))
    for _, node in sorted(times, key=lambda pair: pair[0]):
        for value in (node.get("datetime"), node.get("content"), node.get("title")):
            if value and (iso := iso_date(value)):
                return Published(value=iso, text=value, origin="meta")
        line = _text(node)
        if line and (value := date_in_line(line)):
            return Published(value=value, text=line, origin="dateline")
    return None


# How far after the headline a date may stand to be the article's: a standfirst and a
# byline, not the body's first dates.
HEADLINE_DATE_CHARS = 300


def _date_by_headline(root: Any) -> Published | None:
    """An unambiguous date printed just after the <h1>, by the byline (a masthead's
    "today" stands before it)."""
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return None
    seen = 0
    day_first = _writes_day_first(root.get("lang") or "")
    for piece in _pieces_after(h1):
        if (value := date_in_line(piece, day_first)) is not None:
            return Published(value=value, text=piece, origin="dateline")
        seen += len(piece)
        if seen > HEADLINE_DATE_CHARS:
            return None
    return None


def _pieces_after(node: Any) -> Iterator[str]:
    """The visible text after a node in reading order, piece by piece."""
    if node.tail and node.tail.strip():
        yield _SPACE.sub(" ", node.tail).strip()
    for level in (node, *node.iterancestors()):
        for sibling in level.itersiblings():
            yield from _visible_pieces(sibling)
            if sibling.tail and sibling.tail.strip():
                yield _SPACE.sub(" ", sibling.tail).strip()
        if level is not node and level.tail and level.tail.strip():
            yield _SPACE.sub(" ", level.tail).strip()


# Words that label a publication date in a page's text ("Erschienen am: 01.11.2023").
_DATE_LABEL = re.compile(
    r"^(?:published|posted|date|datum|erschienen|erstellt|veröffentlicht|publiziert|publié"
    r"|publicado|pubblicato|gepubliceerd|opublikowano)\b(?:\s(?:am|on|le|el|il|op))?\W{0,3}",
    re.IGNORECASE,
)


def _labelled_date(root: Any) -> Published | None:
    """A date the page labels as its publication date, in the piece of text that holds
    the label or the one after it."""
    body = root.find("body")
    if body is None:
        return None
    day_first = _writes_day_first(root.get("lang") or "")
    pieces = _visible_pieces(body)
    for piece in pieces:
        if (label := _DATE_LABEL.match(piece)) is None:
            continue
        line = piece if piece[label.end() :].strip() else next(pieces, "")
        if (value := date_in_line(line, day_first)) is not None:
            return Published(value=value, text=line, origin="dateline")
    return None


def _visible_pieces(node: Any) -> Iterator[str]:
    """A node's visible text, piece by piece (element texts and tails), stripped."""
    for element in node.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in _INVISIBLE_TAGS and element.text and element.text.strip():
            yield _SPACE.sub(" ", element.text).strip()
        if element is not node and element.tail and element.tail.strip():
            yield _SPACE.sub(" ", element.tail).strip()


def _one_day_apart(day: str, stamp: str) -> bool:
    """Whether a timestamp is the URL's day seen from another time zone: the same instant
    falls on that day somewhere between UTC-12 and UTC+14 (compared as instants, so a
    local time with its offset and a UTC time agree)."""
    try:
        want = dt.date.fromisoformat(day)
        instant = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    if instant.tzinfo is None or len(stamp) <= 10:
        return abs((want - instant.date()).days) == 1
    utc = instant.astimezone(dt.UTC).replace(tzinfo=None)
    return want != instant.date() and any(
        (utc + dt.timedelta(hours=h)).date() == want for h in range(-12, 15)
    )


def _visible_date(root: Any) -> Published | None:
    """The date a page prints in its date or byline element, after the headline if it has one."""
    day_first = _writes_day_first(root.get("lang") or "")
    candidates = [node for node in root.iter() if _names_a_date(node)]
    h1 = next(root.iter("h1"), None)
    if h1 is not None:
        order = {node: i for i, node in enumerate(root.iter())}
        after = [node for node in candidates if order[node] > order[h1]]
        candidates = after + [node for node in candidates if order[node] < order[h1]]
    for node in candidates:
        line = _text(node)
        if line and (value := date_in_line(line, day_first)):
            return Published(value=value, text=line, origin="dateline")
        stamp = node.get("datetime") or node.get("content") or node.get("title") or ""
        if stamp[:1].isdigit() and (iso := iso_date(stamp)):
            return Published(value=iso, text=stamp, origin="meta")
    return None


def _names_a_date(node: Any) -> bool:
    if not isinstance(node.tag, str) or node.tag in ("html", "body", "script", "style"):
        return False
    return bool(_DATE_MARKS.search(_marks(node)))


def _writes_day_first(lang: str) -> bool | None:
    """Whether a page in this language writes 05/11 as 5 November; None when unknown."""
    lang = lang.strip().lower()
    if not lang:
        return None
    if lang.replace("_", "-").startswith(("en-us", "en-ph")):
        return False
    if lang == "en" or lang.startswith(("zh", "ja", "ko", "hu", "lt")):
        return None  # year-first or mixed habits: only an unambiguous date counts
    return True


def _meta_props(root: Any) -> dict[str, str]:
    props: dict[str, str] = {}
    for node in root.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = node.get("content")
        if key and value and key not in props:
            props[key] = value.strip()
    return props


def _canonical(root: Any) -> str | None:
    for node in root.iter("link"):
        if (node.get("rel") or "").lower() == "canonical" and node.get("href"):
            return str(node.get("href"))
    return None


def _json_ld(root: Any) -> Iterator[dict[str, Any]]:
    for node in root.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json":
            continue
        data = _lenient_json(node.text or "")
        if data is not None:
            yield from _ld_items(data)
        elif date := _LD_DATE.search(node.text or ""):
            # past repair: the publication date is still there to be read as text
            yield {"@type": "Article", "datePublished": date.group(1)}


_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_JSON_COMMENT = re.compile(r"^\s*//[^\n]*$|/\*.*?\*/|,(?=\s*[}\]])", re.MULTILINE | re.DOTALL)


def _lenient_json(text: str) -> Any:
    """JSON-LD as pages write it: wrapped in CDATA, with comments, trailing commas, raw
    line breaks inside strings; ``None`` when even that does not parse (or is nested too
    deeply to read)."""
    try:
        return safejson.loads(text, strict=False)  # lone surrogates, deep nesting
    except ValueError:
        pass
    try:
        return safejson.loads(_JSON_COMMENT.sub("", _CDATA.sub("", text)), strict=False)
    except ValueError:
        return None


def _ld_items(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _ld_items(data["@graph"], depth + 1)
        yield data


_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage")


def _take_json_ld(item: dict[str, Any], meta: dict[str, Any], graph: dict[str, Any]) -> None:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if not any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds):
        return
    is_page = kinds == ["WebPage"]
    headline = item.get("headline")
    if isinstance(headline, str) and headline.strip() and "title" not in meta and not is_page:
        meta["title"] = _SPACE.sub(" ", headline).strip()
    date = item.get("datePublished") or item.get("dateCreated")
    if isinstance(date, str) and "published" not in meta and (iso := iso_date(date)):
        meta["published"] = Published(value=iso, text=date, origin="meta")
    modified = item.get("dateModified")
    if isinstance(modified, str) and "modified" not in meta:
        meta["modified"] = modified
    author = _name_of(item.get("author"), graph)
    if author and "author" not in meta and (name := _author_name(author, None)):
        meta["author"] = name
    publisher = _name_of(item.get("publisher"))
    if publisher and "publisher" not in meta:
        meta["publisher"] = publisher
    body = item.get("articleBody")
    if isinstance(body, str) and "body" not in meta:
        meta["body"] = body.strip()


def _name_of(value: Any, graph: dict[str, Any] | None = None) -> str | None:
    """The name a JSON-LD value gives: a string, a Person or Organization (or a list of
    them), one named by @id elsewhere in the graph, or given and family names."""
    if isinstance(value, list):
        names = [n for n in (_name_of(v, graph) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) if names else None
    if isinstance(value, dict):
        if "name" not in value and graph and isinstance(value.get("@id"), str):
            value = graph.get(value["@id"], value)
        parts = [value.get("givenName"), value.get("familyName")]
        given = " ".join(p for p in parts if isinstance(p, str) and p.strip())
        value = value.get("name") or given
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# class/id words, itemprops and rels of the element that prints the author's name.
_BYLINE_MARKS = re.compile(
    r"(?:^|[\s_-])(?:author|authors|autor|autorin|byline|byl|writer|creator|verfasser"
    r"|author-name|fn)(?:$|[\s_-])",
    re.IGNORECASE,
)
# What opens a byline before the name, in the languages of the pages read most.
_BYLINE_LEAD = re.compile(
    r"^\W*(?:(?:posted|written|published|reported|geschrieben|verfasst|ein beitrag|beitrag"
    r"|veröffentlicht)\s+)?(?:by|von|par|por|di|da|door|av|af|autor(?:in)?|author|text|texte"
    r"|fotos?|redakteur(?:in)?)?\b\s*[:：]?\s*",
    re.IGNORECASE,
)
# Where a name ends in a byline line: a separator, a date or a time, "on"/"am" before one.
_BYLINE_END = re.compile(
    r"\s*(?:[|•·●/]|\s[-–—]\s|,?\s(?:on|am|le|el|il|updated|aktualisiert|published"
    r"|veröffentlicht)\s|\d{1,2}[./:]\d|\d{4}|\n)",
    re.IGNORECASE,
)
# A byline is a name or a few: longer is a sentence or a bio.
MAX_BYLINE_WORDS = 8
MAX_BYLINE_CHARS = 80


def _byline_element(root: Any, site: str | None) -> str | None:
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
            or (_BYLINE_MARKS.search(_marks(node)) and node.tag not in ("article", "main"))
        ):
            continue
        if any(
            a.tag in ("figure", "figcaption") or _COMMENTS.search(_marks(a))
            for a in node.iterancestors()
        ):
            continue  # a commenter or a photographer, not the story's author
        named = next((n for n in node.iter() if n.get("itemprop") == "name"), None)
        text = _text(named if named is not None else node)
        if (name := _author_name(text, site)) is not None:
            return name
    return None


def _author_name(value: str, site: str | None) -> str | None:
    """A byline's name: its lead ("By", "Von") and what follows the name cut; ``None`` for
    a site name, a date, a web address or a sentence."""
    value = _SPACE.sub(" ", html.unescape(value) if "&" in value else value).strip()
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


# What author slots hold when they hold no name: labels, placeholders, function words.
_NOT_NAMES = frozenset(
    {"am", "on", "by", "von", "https", "http", "name", "author", "autor", "publisher", "admin",
     "administrator", "redaktion", "editor", "user", "guest", "anonymous", "unknown"}
)  # fmt: skip
# A commenter ("Anna says:") or a picture credit in an author slot.
_NOT_A_BYLINE = re.compile(
    r"\b(?:says|sagt|said|schreibt|wrote|antwortet|replies|Getty|Images|Foto|Photo|Bild"
    r"|Фото)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------
# main content


def _thin(text: str, page_prose: int) -> bool:
    return page_prose >= MIN_PAGE_PROSE and len(text) < page_prose * THIN_SHARE


# What a gentle second reading still drops: text no reader sees, and the page's own
# navigation and footer elements.
_GENTLE_DROP = frozenset(_DROP_TAGS) - {"form", "aside", "figure", "label"}


# Furniture tags that a broken or lazy page can wrap round its whole content.
_WRAPPING_TAGS = frozenset(
    {"nav", "footer", "aside", "form", "header", "menu", "dialog", "button", "label"}
)


def _drop_furniture(root: Any, page_prose: int, gentle: bool = False) -> list[Removed]:
    """Drop page furniture from the tree; return the visible text it held, by kind.

    ``gentle`` drops only invisible elements, navigation and footers: no class words,
    no forms, asides or headers.
    """
    doomed = []
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _WRAPPING_TAGS and _holds_most_prose(node, page_prose):
            continue  # an unclosed <nav> or a <form> round the whole page holds the story
        if gentle:
            if tag in _GENTLE_DROP:
                doomed.append(node)
            continue
        if tag in _DROP_TAGS or (tag == "header" and not _has_article_text(node)):
            doomed.append(node)
            continue
        if tag in ("html", "body", "article", "main"):
            continue
        if (
            (_FURNITURE.search(_marks(node)) and not _is_embedded_post(node))
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
        if node.tag not in _INVISIBLE_TAGS and (text := _text(node)):
            removed.append(Removed(_removed_kind(node), text))
        if node.getparent() is not None:
            _drop_keep_tail(node)
    return removed


# Posts a story embeds (a tweet, an Instagram caption) are what someone said, quoted
# whole: article text, though their wrappers are often named "social".
_EMBEDDED_POST = re.compile(
    r"\b(?:twitter-tweet|instagram-media|tiktok-embed|fb-post|reddit-embed|bluesky-embed)\b"
)


def _is_embedded_post(node: Any) -> bool:
    """A post's own element, or a wrapper that holds little besides posts."""
    if _EMBEDDED_POST.search(node.get("class") or ""):
        return True
    posts = [b for b in node.iter("blockquote") if _EMBEDDED_POST.search(b.get("class") or "")]
    return bool(posts) and len(_text(node)) <= sum(len(_text(p)) for p in posts) + 200


def _marks(node: Any) -> str:
    """An element's class and id words, where pages name their furniture."""
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def _removed_kind(node: Any) -> str:
    if node.tag in ("figure", "figcaption"):
        return "caption"
    if node.tag in ("nav", "menu"):
        return "navigation"
    if node.tag == "footer":
        return "footer"
    marks = _marks(node).lower()
    for kind, words in _REMOVED_KINDS:
        if any(word in marks for word in words):
            return kind
    return "other"


def _prose_chars(node: Any) -> int:
    """Visible text outside links, in characters: the prose a node holds, whether it sits
    in <p> tags, in loose text between <br>s, in list items or in table cells."""
    total = 0
    for element in node.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in _INVISIBLE_TAGS and tag != "a" and element.text:
            total += len(element.text.strip())
        if element is not node and element.tail:
            total += len(element.tail.strip())
    return total


def _holds_most_prose(node: Any, page_prose: int) -> bool:
    """A wrapper named "content-with-sidebar" or "non-ad-column" that holds the article.
    Readers' comments are prose too, and can outrun the story: they are never its wrapper."""
    if page_prose <= 0 or _COMMENTS.search(_marks(node)):
        return False
    return _prose_chars(node) > page_prose * MOST_PROSE


_COMMENTS = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.IGNORECASE)


def _has_article_text(node: Any) -> bool:
    return sum(len(_text(p)) for p in node.iter("p")) > 400


def _drop_keep_tail(node: Any) -> None:
    parent = node.getparent()
    tail = node.tail
    if tail and tail.strip():
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def _link_density(node: Any, length: int) -> float:
    if length == 0:
        return 1.0
    links = sum(len(_text(a)) for a in node.iter("a"))
    return links / length


def _blocks(root: Any) -> Iterator[Any]:
    """Block elements in document order, innermost only (a <p> inside an <li> counts once)."""
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parent = node.getparent()
            inside = False
            while parent is not None:
                if isinstance(parent.tag, str) and parent.tag in _BLOCK_TAGS:
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


def _main_text(root: Any, h1: str | None, removed: list[Removed]) -> str:
    """The best-scoring container's text; link lists inside it are added to ``removed``."""
    body = root.find(".//body")
    if body is None:
        body = root
    scores: dict[Any, float] = {}
    for block in _blocks(body):
        text = _text(block)
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
    lines: list[str] = []
    parts = _article_parts(best, scores)
    units = [*_lead_units(parts[0], parts), *(u for part in parts for u in _units(part))]
    for tag, text, links in units:
        if links > MAX_LINK_DENSITY * len(text) and len(text) < 300:
            removed.append(Removed("related-links", text))
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
    return "\n".join(_dedupe_adjacent(lines))


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
                if len(_text(sibling)) > LEAD_GAP_CHARS:
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
        if text := _text(node):
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
                cells = [_text(cell) for cell in child if isinstance(cell.tag, str)]
                if text := " ".join(c for c in cells if c):
                    yield tag, text, _link_chars(child)
            elif tag in _BLOCK_TAGS:
                yield from _block_lines(child)
            else:
                yield from _units(child, depth + 1)
        loose.append(child.tail or "")
    yield from _loose_lines(loose, links)


def _block_lines(block: Any) -> Iterator[Unit]:
    """A paragraph's text, a line for each run between ``<br>``s ("Jane Roe<br>Berlin")."""
    links = _link_chars(block)
    if block.find(".//br") is None:
        if text := _text(block):
            yield block.tag, text, links
        return
    for br in block.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [_SPACE.sub(" ", line).strip() for line in block.text_content().split("\n")]
    total = sum(len(line) for line in lines) or 1
    for line in lines:
        if line:
            yield block.tag, line, links * len(line) // total


def _loose_lines(pieces: list[str], links: int) -> Iterator[Unit]:
    lines = [_SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n")]
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
        isinstance(d.tag, str) and (d.tag in _BLOCK_TAGS or d.tag in _HOLDERS)
        for d in node.iterdescendants()
    )


def _link_chars(node: Any) -> int:
    if node.tag == "a":
        return len(_text(node))
    return sum(len(_text(a)) for a in node.iter("a"))


def _article_parts(best: Any, scores: dict[Any, float]) -> list[Any]:
    """The best container and its twins: CMSs cut long articles into chunks of one class
    between ads, and each chunk is a container of its own."""
    marks = (best.get("class") or "").strip()
    if not marks:
        return [best]
    twins = {
        node
        for node, score in scores.items()
        if node.tag == best.tag
        and (node.get("class") or "").strip() == marks
        and score >= scores[best] * TWIN_SHARE
    }
    nested = {n for n in twins for a in n.iterancestors() if a in twins}
    twins -= nested
    if best not in twins:
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
    text = _text(body)
    if not text or _link_density(body, len(text)) > MAX_LINK_DENSITY:
        return ""
    return _line_per_block(body)


def _line_per_block(node: Any) -> str:
    """A node's text with each block (paragraph, heading, list item, row) on a line."""
    for block in node.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n" + (block.tail or "")
    lines = (_SPACE.sub(" ", line).strip() for line in node.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
