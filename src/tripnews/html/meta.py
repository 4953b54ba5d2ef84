"""A page's own metadata: JSON-LD, meta tags, dates by the headline, bylines.

A cascade from most to least trusted: JSON-LD, OpenGraph and ``article:*`` meta,
``<time datetime>``, a labelled or visible date near the headline, ``<h1>``, ``<title>``.
The publication date is the exception: a date printed under the headline is the one the
page tells its readers, and wins over the metadata's stamps (see ``_printed_date``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from tripnews import safejson
from tripnews.html.byline import author_name, byline_element
from tripnews.html.tree import (
    DATE_MARKS,
    INVISIBLE_TAGS,
    SITE_SUFFIX,
    SPACE,
    class_words,
    marks_pattern,
    text_of,
)
from tripnews.model import Published
from tripnews.pubdate import date_in_line, iso_date, short_year_date, url_date
from tripnews.rules import load_groups, load_words, words_pattern


def page_metadata(root: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    items = list(_json_ld(root))
    # Nodes of a JSON-LD graph by their @id: an article names its author by reference.
    graph = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        _take_json_ld(item, meta, graph)
    if "published" not in meta and (work := _ld_work_date(items)):
        meta["published"] = work
    props = _meta_props(root)
    if "title" not in meta:
        title = props.get("og:title") or props.get("twitter:title")
        if title:
            meta["title"] = title
    if "published" not in meta and (named := _meta_date(props, "published")):
        meta["published"] = named
    if "published" not in meta and (marked := _marked_date(root)):
        meta["published"] = marked
    # a bare "date" names no event: often the page's last change or its generation
    if "published" not in meta and (bare := _meta_date(props, "date")):
        meta["published"] = bare
    url = props.get("og:url") or _canonical(root)
    if url:
        meta["url"] = url
        day = url_date(url)
        # a UTC timestamp past midnight is a day off: the URL keeps the site's calendar day
        if day and ("published" not in meta or _one_day_apart(day, meta["published"].value)):
            meta["published"] = Published(value=day, text=url, origin="meta")
    headline = _headline(root, props.get("og:title") or _title(root))
    if shown := _dates_by_headline(root, headline):
        meta["published"] = _printed_date(shown, meta.get("published"))
    if "published" not in meta and (visible := _visible_date(root, headline)):
        meta["published"] = visible
    if "published" not in meta and (labelled := _labelled_date(root)):
        meta["published"] = labelled
    if "published" not in meta and (scripted := _script_date(root)):
        meta["published"] = scripted
    if "published" not in meta:
        # Last: the day the page was last changed, which for most pages that print no
        # publication date is the day they went up.
        for key in _META_NAMES["modified"]:
            if (value := props.get(key) or meta.get("modified")) and (iso := iso_date(value)):
                meta["published"] = Published(value=iso, text=value, origin="meta")
                break
    if "publisher" not in meta and props.get("og:site_name"):
        meta["publisher"] = props["og:site_name"]
    site = meta.get("publisher") or props.get("og:site_name")
    if "author" not in meta and (shown_by := byline_element(root, site)):
        meta["author"] = shown_by
    if "author" not in meta:
        for key in _META_NAMES["author"]:
            if (value := props.get(key)) and (name := author_name(value, site)):
                meta["author"] = name
                break
    h1 = next((text_of(h) for h in root.iter("h1") if text_of(h)), None)
    if h1:
        meta["h1"] = h1
    if "title" not in meta:
        title_node = root.find(".//title")
        title = text_of(title_node) if title_node is not None else ""
        title = SITE_SUFFIX.sub("", title) if title else ""
        meta["title"] = h1 or title or None
    return meta


# Names of <meta> tags by the field they give, in the order they are tried
# (data/meta_names.tsv): published, date (a bare one), modified, author.
_META_NAMES = load_groups("meta_names")


# Elements marked as the publication date in microdata or RDFa, besides <time>
# (data/date_props.txt).
_PUBLISHED_PROPS = load_words("date_props")


def _meta_date(props: dict[str, str], field: str) -> Published | None:
    """The first of the ``field`` meta names (data/meta_names.tsv) holding an ISO date."""
    for key in _META_NAMES[field]:
        value = props.get(key)
        if value and (iso := iso_date(value)):
            return Published(value=iso, text=value, origin="meta")
    return None


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
        line = text_of(node)
        if line and (value := _date_in(line)):
            return Published(value=value, text=line, origin="dateline")
    return None


def _date_in(line: str, day_first: bool | None = None) -> str | None:
    """The date in a line the page marks as a date line (by its element, its place under
    the headline or its label): there a two-digit year ("13.07.20") is a date too."""
    return date_in_line(line, day_first) or short_year_date(line)


# How far after the headline a date may stand to be the article's: a standfirst and a
# byline, not the body's first dates.
HEADLINE_DATE_CHARS = 300
# A piece of text longer than this by the headline is a sentence of the standfirst, and a
# date in it is the date of an event it tells of, not the page's date line.
HEADLINE_DATE_PIECE_CHARS = 120
# The date line under a headline holds a date or two (published, updated); more are a list.
HEADLINE_DATES = 3


def _dates_by_headline(root: Any, h1: Any) -> list[Published]:
    """The unambiguous dates printed just after the headline, by the byline, in reading
    order: a masthead's "today" stands before it."""
    if h1 is None:
        return []
    seen = 0
    found: list[Published] = []
    day_first = _writes_day_first(root.get("lang") or "")
    before = ""
    for piece in _pieces_after(h1):
        if _MEMBER_LABEL_START.search(piece) or _MEMBER_LABEL_END.search(before):
            pass  # a forum poster's join date, in the piece or after its label
        elif len(piece) <= HEADLINE_DATE_PIECE_CHARS and (value := _date_in(piece, day_first)):
            found.append(Published(value=value, text=piece, origin="dateline"))
            if len(found) == HEADLINE_DATES:
                break
            continue
        seen += len(piece)
        before = piece
        if seen > HEADLINE_DATE_CHARS:
            break
    if not found:
        # a kicker's date line reads published first, updated after: keep reading order
        found = [
            Published(value=value, text=piece, origin="dateline")
            for piece in _pieces_before(h1)
            if (value := _date_in(piece, day_first))
        ][::-1][:HEADLINE_DATES]
    return found


# How far before the headline, inside its own block, a kicker or top line may print the
# date ("Politik, 13.07.20" above the headline).
KICKER_CHARS = 150


def _pieces_before(node: Any) -> Iterator[str]:
    """The visible text just before a node inside the block that holds it (and the block
    round that), nearest first; never a page-wide header's, whose date is a masthead's
    "today"."""
    seen = 0
    for level in (node, node.getparent()):
        parent = level.getparent() if level is not None else None
        if parent is None or parent.tag in ("body", "html"):
            return
        for sibling in level.itersiblings(preceding=True):
            for piece in reversed(list(_visible_pieces(sibling))):
                yield piece
                seen += len(piece)
                if seen > KICKER_CHARS:
                    return


# Labels of the day a forum's member joined (data/member_labels.txt): "Joined",
# "Registriert:", "Mitglied seit", "Member since", "dabei seit", "Inscrit le".
_MEMBER_WORDS = f"(?:{words_pattern(load_words('member_labels'))})"
_MEMBER_LABEL_END = re.compile(rf"\b{_MEMBER_WORDS}\W{{0,3}}$", re.IGNORECASE)
_MEMBER_LABEL_START = re.compile(rf"^\W{{0,3}}{_MEMBER_WORDS}\b", re.IGNORECASE)


def _headline(root: Any, title: str | None) -> Any:
    """The article's headline: the ``<h1>`` the page's title repeats, else the first one
    with text outside the navigation (sites put their name or a "Navigation" label for
    screen readers in an ``<h1>`` too), else the ``<h2>`` the title repeats (blogs and
    forums that give the site's name the ``<h1>`` or none)."""
    h1s = _headings(root, "h1")
    if (named := _named_by(h1s, title)) is not None:
        return named
    outside = (h for h, _ in h1s if not any(a.tag == "nav" for a in h.iterancestors()))
    if (first := next(outside, None)) is not None:
        return first
    return _named_by(_headings(root, "h2"), title)


def _headings(root: Any, tag: str) -> list[tuple[Any, str]]:
    return [(h, text) for h in root.iter(tag) if (text := text_of(h))]


def _named_by(headings: list[tuple[Any, str]], title: str | None) -> Any:
    """The heading the title repeats, the longest when several do: a title is often
    "Headline | Site", and the site's name a heading too."""
    if not title:
        return None
    folded = _folded(title)
    named = [
        (len(text), h)
        for h, text in headings
        if (heading := _folded(text)) in folded or folded in heading
    ]
    return max(named, key=lambda pair: pair[0])[1] if named else None


# Typography a title and its heading may write differently: dashes, quotes, apostrophes.
_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2013\u2014", "-")  # hyphens and dashes
    | dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"')  # double quotes
    | dict.fromkeys("\u2018\u2019\u201a", "'")  # single quotes and apostrophes
)


def _folded(text: str) -> str:
    return text.translate(_TYPOGRAPHY).casefold()


def _printed_date(shown: list[Published], recorded: Published | None) -> Published:
    """The date a page prints under its headline over the one its metadata records: the
    printed date is the one readers are told, while a CMS stamp may be the first draft's,
    a UTC instant past the site's midnight, or the original date of a piece since updated
    and re-dated. Of several printed dates (published, updated) the one the metadata also
    records; the recorded stamp itself when it names that day, since it holds the time."""
    if recorded is not None:
        for date in shown:
            if recorded.value[:10] in (date.value[:10], _swapped(date)):
                return recorded
    return shown[0]


def _swapped(date: Published) -> str | None:
    """A printed numeric date read the other way round (11/01 as 1 November), the order
    the page's language only suggests; ``None`` when it cannot be swapped."""
    year, month, day = date.value[:4], date.value[5:7], date.value[8:10]
    if int(day) > 12 or not _NUMERIC_DAY.search(date.text):
        return None
    return f"{year}-{day}-{month}"


# A day and a month in figures, in either order (a written month cannot be misread).
_NUMERIC_DAY = re.compile(r"(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)")


def _pieces_after(node: Any) -> Iterator[str]:
    """The visible text after a node in reading order, piece by piece."""
    if node.tail and node.tail.strip():
        yield SPACE.sub(" ", node.tail).strip()
    for level in (node, *node.iterancestors()):
        for sibling in level.itersiblings():
            yield from _visible_pieces(sibling)
            if sibling.tail and sibling.tail.strip():
                yield SPACE.sub(" ", sibling.tail).strip()
        if level is not node and level.tail and level.tail.strip():
            yield SPACE.sub(" ", level.tail).strip()


# Words that label a publication date in a page's text ("Erschienen am: 01.11.2023"),
# and the words after them ("on", "am"): data/date_labels.txt, data/date_label_particles.txt.
_DATE_LABEL = re.compile(
    rf"^[\[(]?(?:{words_pattern(load_words('date_labels'))})\b"
    rf"(?:\s(?:{words_pattern(load_words('date_label_particles'))}))?\W{{0,3}}",
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
        if (value := _date_in(line, day_first)) is not None:
            return Published(value=value, text=line, origin="dateline")
    return None


def _visible_pieces(node: Any) -> Iterator[str]:
    """A node's visible text, piece by piece (element texts and tails), stripped."""
    for element in node.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in INVISIBLE_TAGS and element.text and element.text.strip():
            yield SPACE.sub(" ", element.text).strip()
        if element is not node and element.tail and element.tail.strip():
            yield SPACE.sub(" ", element.tail).strip()


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


def _visible_date(root: Any, h1: Any) -> Published | None:
    """The date a page prints in its date or byline element, the one nearest the headline
    when it has one (a kicker above it before a related teaser far below), never a
    reader's comment."""
    day_first = _writes_day_first(root.get("lang") or "")
    # (one walk of the tree: each candidate beside its place in document order)
    at = None
    placed = []
    for i, node in enumerate(root.iter()):
        if node is h1:
            at = i
        if _names_a_date(node) and not _in_comments(node):
            placed.append((i, node))
    if at is not None:
        placed.sort(key=lambda pair: abs(pair[0] - at))
    for _, node in placed:
        # an icon (a calendar, a clock) or the author's name marks the date printed just
        # after it ("<a class='author'>Ann Lee</a>, 8.5.12")
        for line in (text_of(node), SPACE.sub(" ", node.tail or "").strip()):
            if line and (value := _date_in(line, day_first)):
                return Published(value=value, text=line, origin="dateline")
        stamp = node.get("datetime") or node.get("content") or node.get("title") or ""
        if stamp[:1].isdigit() and (iso := iso_date(stamp)):
            return Published(value=iso, text=stamp, origin="meta")
    return None


# Class words of a reader's comment: its date is the commenter's, never the page's.
_COMMENT_MARKS = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-]|meta)", re.IGNORECASE)


def _in_comments(node: Any) -> bool:
    return any(
        _COMMENT_MARKS.search(class_words(element))
        for element in (node, *node.iterancestors())
        if isinstance(element.tag, str)
    )


def _names_a_date(node: Any) -> bool:
    if not isinstance(node.tag, str) or node.tag in ("html", "body", "script", "style"):
        return False
    return bool(DATE_MARKS.search(class_words(node)))


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


def _title(root: Any) -> str | None:
    node = root.find(".//title")
    return text_of(node) if node is not None else None


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


# Types of the article itself (data/article_types.txt).
_ARTICLE_TYPES = load_words("article_types")


def _take_json_ld(item: dict[str, Any], meta: dict[str, Any], graph: dict[str, Any]) -> None:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if not any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds):
        return
    is_page = kinds == ["WebPage"]
    headline = item.get("headline")
    if isinstance(headline, str) and headline.strip() and "title" not in meta and not is_page:
        meta["title"] = SPACE.sub(" ", headline).strip()
    date = item.get("datePublished") or item.get("dateCreated")
    if isinstance(date, str) and "published" not in meta and (iso := iso_date(date)):
        meta["published"] = Published(value=iso, text=date, origin="meta")
    modified = item.get("dateModified")
    if isinstance(modified, str) and "modified" not in meta:
        meta["modified"] = modified
    author = _name_of(item.get("author"), graph)
    if author and "author" not in meta and (name := author_name(author, None)):
        meta["author"] = name
    publisher = _name_of(item.get("publisher"))
    if publisher and "publisher" not in meta:
        meta["publisher"] = publisher
    body = item.get("articleBody")
    if isinstance(body, str) and "body" not in meta:
        meta["body"] = body.strip()


# Types of the page's own work besides articles, whose datePublished dates the page
# (data/work_types.txt): "...Article" and "...Posting" kinds, a recipe, a how-to, a review.
_WORK_TYPES = re.compile(rf"(?:^|/)(?:{marks_pattern(load_words('work_types'))})$")


def _ld_work_date(items: list[dict[str, Any]]) -> Published | None:
    """The publication date of the first JSON-LD item that is the page's own work, of a
    kind the article types above do not name (LiveBlogPosting, Recipe, a schema.org URL)."""
    for item in items:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and _WORK_TYPES.search(k) for k in kinds):
            continue
        date = item.get("datePublished") or item.get("dateCreated")
        if isinstance(date, str) and (iso := iso_date(date)):
            return Published(value=iso, text=date, origin="meta")
    return None


# A publication date a page's script holds for its own rendering ("publishedAt":
# "2022-01-31T15:58:43+01:00"), in JSON state or a variable, under a key of
# data/script_date_keys.tsv; a creation date only when no script states a publication date.
_SCRIPT_DATE_KEYS = load_groups("script_date_keys")
_SCRIPT_DATE = re.compile(
    rf"""(?:(?P<published>{words_pattern(_SCRIPT_DATE_KEYS["published"])})|{words_pattern(_SCRIPT_DATE_KEYS["created"])})"""
    r"""["']?\s*[:=]\s*"""
    r"""["'](?P<date>\d{4}-\d{2}-\d{2}(?:[T ][\d:.]{5,12}(?:Z|[+-]\d{2}:?\d{2})?)?)["']"""
)


def _script_date(root: Any) -> Published | None:
    """The first publication date the page's scripts state, as a last resort: read as
    text, since page state is often not JSON, or not valid JSON."""
    created = None
    for node in root.iter("script"):
        if (node.get("type") or "").lower() == "application/ld+json":
            continue  # read by type above: an image's or a video's date is not the page's
        text = node.text or ""
        if "ublish" not in text and "reated" not in text:
            continue  # a plain substring test skips most script bytes at memory speed
            # (every key of data/script_date_keys.tsv holds one of the two)
        for match in _SCRIPT_DATE.finditer(text):
            if not (iso := iso_date(match["date"])):
                continue
            if match["published"]:
                return Published(value=iso, text=match["date"], origin="meta")
            created = created or Published(value=iso, text=match["date"], origin="meta")
    return created


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
