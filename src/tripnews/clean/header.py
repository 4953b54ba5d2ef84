"""The lines above and around the story's first paragraph: headline, date lines,
bylines, wire datelines, the publisher's tag and an agency's sign-off."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tripnews.clean.text import (
    BYLINE,
    CAPS_DATELINE,
    CAPTION_MAX_WORDS,
    DATELINE,
    HEADLINE_MAX_WORDS,
    PLACE_DATE_LINE,
    SIGN_OFF,
    SIGN_OFF_MAX_CHARS,
    Line,
    Meta,
    agencies,
    count_words,
    ends_sentence,
    is_table_row,
    starts_like_a_name,
)
from tripnews.lexicon import gazetteer
from tripnews.model import Dateline, Published, Removed
from tripnews.pubdate import header_agency, header_date, iso_date


def _is_body_paragraph(text: str) -> bool:
    """A sentence of some length, or a line longer than any headline however it ends (Thai
    and some other scripts close a paragraph without a mark)."""
    if ends_sentence(text):
        return count_words(text, HEADLINE_MAX_WORDS // 2 + 1) > HEADLINE_MAX_WORDS // 2
    return count_words(text, HEADLINE_MAX_WORDS + 1) > HEADLINE_MAX_WORDS


def mark_header(lines: Sequence[Line], meta: Meta, find_title: bool) -> None:
    """Lines above the first body paragraph: the headline, date lines, stray captions."""
    for line in lines:
        if line.kind is not None:
            continue
        if _is_body_paragraph(line.text) or DATELINE.match(line.text):
            break
        if _LONE_LINK.fullmatch(line.text):
            line.kind = "navigation"  # the page's own address printed above the story
            continue
        place_date = PLACE_DATE_LINE.match(line.text)
        if place_date and _is_dateline_place(place_date["place"]) and meta.dateline is None:
            # "ROME 2004-05-11", "KELLOW , Tajikistan 2004-05-11": a wire dateline line
            meta.dateline = Dateline(place=_title_case(place_date["place"]), text=line.text)
            if meta.published is None and (day := iso_date(place_date["date"])):
                meta.published = Published(value=day, text=line.text, origin="dateline")
            line.kind = "other"
            break  # a wire dateline opens the story: what follows is body, not header
        stated = header_date(line.text)
        if stated is not None:
            if meta.published is None:
                meta.published = Published(value=stated, text=line.text, origin="dateline")
            agency = header_agency(line.text)
            if agency and meta.publisher is None:
                meta.publisher = agencies().get(agency.lower(), agency)
            line.kind = "other"
            continue
        if find_title and meta.title is None and _is_headline(line.text):
            meta.title = line.text
            line.kind = "kept"
            line.role = "title"
            continue
        if (
            (meta.title is not None or not find_title)
            and not ends_sentence(line.text)
            and count_words(line.text, CAPTION_MAX_WORDS + 1) <= CAPTION_MAX_WORDS
            and not is_table_row(line.text)
        ):
            line.kind = "caption"  # an unpunctuated line between headline and body
            line.role = "guessed"  # by shape alone: given back if nothing else is left


# A line that is nothing but a web address (a link in the body's prose stays).
_LONE_LINK = re.compile(r"https?://\S+")


def _is_headline(text: str) -> bool:
    if not 2 <= count_words(text, HEADLINE_MAX_WORDS + 1) <= HEADLINE_MAX_WORDS:
        return False
    if text.endswith(".") or text.endswith(_LEAD_IN_DASHES):
        return False  # a line ending in a dash leads into the next: "CITY, May 4 (Agency) --"
    return starts_like_a_name(text)


# Dashes that end a dateline or a kicker standing on its own line; no headline ends so.
_LEAD_IN_DASHES = ("--", "—", "–", " -")


def mark_bylines(lines: Sequence[Line], meta: Meta) -> None:
    for line in lines:
        if line.kind is not None:
            continue
        match = BYLINE.match(line.text)
        if match is None:
            continue
        meta.byline = meta.byline or line.text
        publisher = agencies().get(match["name"].lower())
        if publisher and meta.publisher is None:
            meta.publisher = publisher
        line.kind = "credit"


def strip_sign_off(body: list[Line], meta: Meta) -> None:
    if not body:
        return
    last = body[-1]
    # the sign-off ends the line: search only the characters it can span
    match = SIGN_OFF.search(last.text, max(0, len(last.text) - SIGN_OFF_MAX_CHARS))
    if match is None:
        return
    name = agencies().get(match["agency"].lower())
    if name is None:
        return
    meta.publisher = meta.publisher or name
    meta.removed.append(Removed("credit", match.group(0).strip()))
    last.text = last.text[: match.start()].rstrip()


def strip_dateline(body: list[Line], meta: Meta) -> None:
    """Cut "Washington [US], March 15 (ANI):" or "WASHINGTON:" off the first paragraph."""
    if meta.dateline is None and _take_place_date_line(body, meta):
        return
    for line in body[:3]:
        if line.role != "body":
            continue
        match = CAPS_DATELINE.match(line.text)
        if match is not None and not _caps_dateline_ok(match, line.text):
            match = None
        if match is None:
            match = DATELINE.match(line.text)
        if match is None:
            return
        place = match["place"].strip()
        if place.lower() in agencies():
            return
        agency = match["agency"]
        if not agency and not re.search(r"\d", match.group(0)) and not _known_place(place):
            return  # "SOCCER - ROMANIA BEAT ...": a section label, not a place
        if agency and agencies().get(agency.lower()):
            meta.publisher = meta.publisher or agencies()[agency.lower()]
        meta.dateline = Dateline(place=_title_case(place), text=match.group(0).strip())
        rest = line.text[match.end() :].lstrip()
        if rest:
            line.text = rest
        else:
            line.kind = "other"
            meta.removed.append(Removed("other", line.text))
            body.remove(line)
        return


def _take_place_date_line(body: list[Line], meta: Meta) -> bool:
    """A wire dateline on its own line under a section label the header stopped at
    ("SOCCER - LEAGUE STANDINGS" then "KVALSUND 2031-02-03"): the dateline, cut out."""
    for line in body[1:3]:
        match = PLACE_DATE_LINE.match(line.text)
        if match is None or not _is_dateline_place(match["place"]):
            continue
        meta.dateline = Dateline(place=_title_case(match["place"]), text=line.text)
        if meta.published is None and (day := iso_date(match["date"])):
            meta.published = Published(value=day, text=line.text, origin="dateline")
        meta.removed.append(Removed("other", line.text))
        body.remove(line)
        return True
    return False


def _is_dateline_place(name: str) -> bool:
    """A place written in capitals before a date is a dateline by its shape alone; in
    mixed case ("Results 1996-08-30") it must be a known place."""
    return name.isupper() or _known_place(name)


def _known_place(name: str) -> bool:
    return name in gazetteer() or _title_case(name) in gazetteer()


def _caps_dateline_ok(match: re.Match[str], text: str) -> bool:
    """A capitalised place is a dateline before a colon, or before a dash after an agency."""
    sep = match["sep"].strip()
    if sep == ":":
        return True
    if sep:
        return match["agency"] is not None
    return _is_dateline_line(text)


def _is_dateline_line(text: str) -> bool:
    """A line that is nothing but a capitalised place and a date: ``ROME 2004-05-11``."""
    return bool(re.fullmatch(r"[A-Z][A-Z .'’-]{1,40}\s\d{4}-\d{2}-\d{2}", text))


def _title_case(place: str) -> str:
    if place.isupper():
        return " ".join(word.capitalize() for word in place.split())
    return place


# "(CNN)", "(Reuters) -" opening the story: the publisher's tag, not the first words.
_PUBLISHER_TAG = re.compile(r"^\((?P<tag>[A-Z][A-Za-z.]{1,15})\)\s?(?:[-–—]\s?)?(?=\S)")


def strip_publisher_tag(body: list[Line], meta: Meta) -> None:
    """Cut an opening "(CNN)" tag; the agency it names is the publisher when none is known."""
    first = next((line for line in body if line.role == "body"), None)
    if first is None or (match := _PUBLISHER_TAG.match(first.text)) is None:
        return
    tag = match["tag"]
    name = agencies().get(tag.lower())
    if name is None and not (tag.isupper() and len(tag) <= 6):
        return  # "(Updated)", "(Photo)": not a publisher
    meta.publisher = meta.publisher or name or tag
    meta.removed.append(Removed("credit", match.group().strip()))
    first.text = first.text[match.end() :]


def mark_full_stop_headline(lines: Sequence[Line], meta: Meta, find_title: bool) -> None:
    """A first line that reads as a headline is the title even when it ends with a full
    stop: one short sentence standing alone above a paragraph of the story."""
    if not find_title or meta.title is not None:
        return
    rest = [line for line in lines if line.kind is None]
    if len(rest) < 2:
        return
    first, second = rest[0], rest[1]
    text = first.text
    if (
        text.endswith(".")
        and not text.endswith("..")
        and 2 <= count_words(text, FULL_STOP_HEADLINE_MAX_WORDS + 1) <= FULL_STOP_HEADLINE_MAX_WORDS
        and not _INNER_SENTENCE_END.search(text[:-1])
        and not _PROSE_MARKS.search(text)
        and starts_like_a_name(text)
        and _is_body_paragraph(second.text)
        and not DATELINE.match(text)
        and header_date(text) is None
    ):
        meta.title = text
        first.kind = "kept"
        first.role = "title"


# A headline that ends with a full stop is told from a one-sentence lead paragraph by
# headline style: short, with no article and no comma ("Town finally gets its bridge.");
# a lead reads "The company posted a 20% gain in quarterly profit, citing ...".
FULL_STOP_HEADLINE_MAX_WORDS = 12


_PROSE_MARKS = re.compile(r"\b(?:a|an|the)\b|,")


# A sentence ending inside a line: two sentences are a paragraph, not a headline.
_INNER_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"“]")


# " | Site", " - Site", " – Site": the site's name after a page title.
TITLE_SITE = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—]{2,40})$")


SITE_MAX_WORDS = 5
