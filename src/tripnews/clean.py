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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from tripnews.model import Cleaned, Dateline, Published, RawInput, Removed, Span
from tripnews.pubdate import header_agency, header_date, iso_date
from tripnews.rules import load_list, load_table

# A line of at most this many words, without closing punctuation, can be a
# headline or a subheading; longer ones are prose however they end.
HEADLINE_MAX_WORDS = 25
SUBHEADING_MAX_WORDS = 10
# Teasers in a related-headlines block are short; a paragraph this long is
# article prose again, so the block ends before it.
TEASER_MAX_WORDS = 35
# Short unpunctuated lines after the last paragraph are desk credits and footers.
FOOTER_MAX_WORDS = 12
# Two neighbouring lines sharing this share of their words are one caption
# printed twice (often once with a credit).
NEAR_DUPLICATE = 0.75
# A caption that ends with its photo's date is short.
CAPTION_MAX_WORDS = 40

# No-break, thin and other Unicode spaces become plain spaces; zero-width ones go.
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# A line of a results table or list: "Name ( Country ) 1:23.45", "Romania - Contra ( 31st )",
# "Attendance : 200", "Team 3 1 0 2 4 5 3".
_TABLE_ROW = re.compile(r"\(\s?[\w .'-]+\s?\)|\d[\d.:,-]*\s.*\d|\s:\s\d|\s-\s[A-Z]")
# A line of a table, by shape (see ``_is_table_row``): tokens that are numbers ("3", "1:23.45",
# "25-8-61-1", "23rd", "-0.5%"), a ranked entry ("2. Ana Ruiz"), a bracketed name or number
# ("( France )", "( 23rd )"), a fixture ("Boston at Chicago"), a list of names.
_NUMBER_TOKEN = re.compile(r"(?<!\S)[(+-]?\d[\d.,:/%'-]*(?:st|nd|rd|th|s)?\)?(?!\S)")
_RANKED = re.compile(r"^\d{1,3}(?:[.)=]|\s?=)?\s[A-Z]")
_BRACKETED = re.compile(r"\(\s?(?:[A-Z][A-Za-z.'-]+(?:\s[A-Za-z.'-]+){0,3}|\d[\w.,:-]*)\s?\)")
_FIXTURE = re.compile(
    r"^[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\s(?:at|AT|v|V|vs\.?|VS)\s[A-Z][\w.' -]{1,40}$"
)
_LIST_ITEM = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z]{1,3})(?:\s(?:[A-Z][\w.'’-]*|[a-z]{1,3})){0,4}$")
# A header line that is only a place in capitals and a date is a wire dateline, whether
# or not the gazetteer knows the place ("TAVILDARA 1996-08-30").
_PLACE_DATE_LINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,3})(?:\s?,\s?[A-Z][\w .'-]{1,30})?"
    r"\s(?P<date>\d{4}-\d{2}-\d{2})$"
)
# Latin, CJK (。！？ and their half-width forms) and Devanagari (।) sentence ends, then any
# closing quotes or brackets.
_SENTENCE_END = re.compile(r"""[.!?…:。！？．｡।]["'”’)\]」』）》]*$""")
# The same test read off the line's end with str methods (see ``_ends_sentence``).
_SENTENCE_END_MARKS = frozenset(".!?…:。！？．｡।")
_SENTENCE_CLOSERS = "\"'”’)]」』）》"
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese kana,
# Chinese characters): their length is counted in characters, not in spaced words.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff]+"
)
# Characters of an unspaced script that make one word's worth of length: Chinese words
# average under two characters, Japanese and Thai ones a little more.
CHARS_PER_UNSPACED_WORD = 2
_QUOTE_OPEN = ("“", '"', "‘", "'")

# Photo credits: "Picture: PA", "Photo: Reuters", "[File Photo]", "(Alex Brandon/AP)",
# "(Getty Images)", "Image source, Getty".
_CREDIT = re.compile(
    r"(?:\b(?:Picture|Photo|Photograph|Image|Credit|Source|Image source)s?\s?:\s?[\w .,/&'-]{1,60}$"
    r"|\[(?:File )?(?:Photo|Image|Picture)s?[^\]]{0,30}\]"
    r"|\((?:[\w .'-]{1,40}/)?(?:AP|AFP|Reuters|Getty(?: Images)?|PA(?: Wire| Media)?|EPA"
    r"|Shutterstock|Xinhua|Bloomberg|ANI|PTI|Yonhap|Kyodo)(?: Photo| Images)?\)$"
    r"|\b(?:Getty Images|Shutterstock|AFP via Getty Images|File Photo)\b)",
    re.IGNORECASE,
)
# How much of a long paragraph's end can hold a sign-off: "(Reuters/Getty Images)".
CREDIT_TAIL_CHARS = 80
# A caption ending with its photo's date: "... in Washington, March 11, 2021."
_CAPTION_DATE = re.compile(
    r",\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s\d{4}\.?$"
)
_BYLINE = re.compile(r"^By\s(?P<name>[A-Z][\w.'’-]*(?:\s(?:and\s)?[A-Z][\w.'’-]*){0,5})$")
# "(ANI)" closing the last paragraph: an agency sign-off, not article text.
_SIGN_OFF = re.compile(r"\s?\((?P<agency>[A-Z][A-Za-z]{1,12})\)$")
# The longest sign-off (a space, brackets, 13 letters) and a final newline ``$`` allows.
SIGN_OFF_MAX_CHARS = 17
# "Washington [US], March 15 (ANI): ", "WASHINGTON: ", "ROME 1996-12-06", "WASHINGTON (Reuters) - "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]{1,25}(?:\s[A-Z][A-Za-z.'’-]{1,25}){0,3})"
    r"(?:\s?\[[A-Za-z .]{1,20}\])?"
    r"(?:,\s?(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}|\d{1,2}\s[A-Z][a-z]{2,8}))?"
    r"\s?(?:\((?P<agency>[A-Za-z]{2,12})\))?\s?(?::|\s[-–—])\s"
)
_CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{1,25}(?:\s[A-Z][A-Z.'’-]{1,25}){0,3})"
    r"(?:,\s[A-Z][A-Za-z.]{1,15})?"
    r"(?:\s(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}))?"
    r"(?:\s\((?P<agency>[A-Za-z]{2,12})\))?"
    r"(?P<sep>\s?:|\s[-–—]|\s(?=\d{4}-\d{2}-\d{2}$)|$)"
)


@cache
def _boilerplate() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The boilerplate table as one pattern with a group per row, and each row's kind: one
    fullmatch per line, where the first row that matches the whole line wins, as when the
    rows were tried in turn (the rows hold no groups of their own)."""
    rows = load_table("boilerplate")
    pattern = "|".join(f"((?:{row_pattern})[.!:]?)" for _kind, row_pattern in rows)
    return re.compile(pattern, re.IGNORECASE), tuple(kind for kind, _pattern in rows)


@cache
def _related_heading() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load_list("related_headings")), re.IGNORECASE)


@cache
def agencies() -> dict[str, str]:
    """Agency tags as printed ("PA", "ANI") to the publisher's name."""
    return {tag.lower(): name for tag, name in load_table("agencies")}


@dataclass
class _Line:
    text: str
    kind: str | None = None  # a Removed kind when dropped; "heading" when kept as one
    role: str = "body"  # body | title | heading | header | guessed (a caption by shape)


@dataclass
class _Meta:
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: Published | None = None
    dateline: Dateline | None = None
    removed: list[Removed] = field(default_factory=list)


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
        text = _ZERO_WIDTH.sub("", _ODD_SPACE.sub(" ", text))
    lines = [_Line(line.strip()) for line in text.split("\n") if line.strip()]
    lines = _join_broken_sentences(lines)
    meta = _Meta()
    _mark_furniture(lines)
    _mark_contributors(lines)
    _mark_related_blocks(lines)
    _mark_captions(lines)
    _mark_bylines(lines, meta)  # before the header, which takes stray short lines as captions
    _mark_full_stop_headline(lines, meta, find_title=not has_title)
    unmarked = _unmarked(lines) if chosen else set()
    _mark_header(lines, meta, find_title=not has_title)
    _mark_footer(lines)
    _unmark_shape_guesses(lines, unmarked)
    _mark_headings(lines)
    _keep_some_prose(lines)
    body = [line for line in lines if line.kind is None]
    _strip_sign_off(body, meta)
    _strip_publisher_tag(body, meta)
    _strip_dateline(body, meta)
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


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _count_words(text: str, limit: int) -> int:
    """How many words ``text`` has, counting no further than ``limit``: enough for every
    "at most N words" test, without counting a long paragraph to its end."""
    if not text.isascii() and _has_unspaced(text):
        return min(limit, _count_unspaced(text))
    # Words in a prefix are never more than in the whole, so a prefix holding ``limit``
    # of them settles it; only a long text with few words is read to its end.
    in_prefix = _word_total(text[: limit * _CHARS_PER_WORD])
    if in_prefix >= limit or len(text) <= limit * _CHARS_PER_WORD:
        return min(limit, in_prefix)
    return min(limit, _word_total(text))


_CHARS_PER_WORD = 12  # generous: English words and the space after average about six

# ``_WORD`` counted in C: letters and digits become b"a", apostrophes b"'", the rest b" ".
# A word is a run of b"a" (one starts after b" " or b"'"), and two runs joined by one
# apostrophe ("it's") are one word. Three or more runs so joined ("rock'n'roll") pair up
# from the left, so such a text, and one with a non-ASCII letter or digit, is left to the
# regex.
_WORD_MARKS = (
    bytes(
        ord("a") if chr(code).isalnum() else ord("'") if chr(code) == "'" else ord(" ")
        for code in range(128)
    )
    + b" " * 128
)
_JOINED_THRICE = re.compile(rb"a'a+'a")
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")


def _word_total(text: str) -> int:
    """``len(_WORD.findall(text))``, without a string per word where it can."""
    if not text.isascii():
        text = text.replace("’", "'")
        if not text.isascii() and _NON_ASCII_WORD_CHAR.search(text):
            return len(_WORD.findall(text))
    marked = text.encode("ascii", "replace").translate(_WORD_MARKS)
    runs = (b" " + marked).count(b" a")
    if b"'" not in marked:
        return runs
    joins = marked.count(b"a'a")
    if joins and _JOINED_THRICE.search(marked):
        return len(_WORD.findall(text))
    return runs + marked.count(b"'a") - joins


@lru_cache(maxsize=4096)
def _has_unspaced(text: str) -> bool:
    """Whether a line holds an unspaced script (asked many times per line: cached)."""
    return _UNSPACED.search(text) is not None


def _count_unspaced(text: str) -> int:
    """Words of a text mixing spaced and unspaced scripts: each unspaced run counts one
    word per ``CHARS_PER_UNSPACED_WORD`` characters (rounded up).

    >>> _count_unspaced("東京で会議が開かれた"), _count_unspaced("Tokyo 東京")
    (5, 2)
    """
    runs = _UNSPACED.findall(text)
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text))) if runs else len(_WORD.findall(text))
    return spaced + sum(-(-len(run) // CHARS_PER_UNSPACED_WORD) for run in runs)


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)`` without a regex scan of the whole line: a mark
    before the closing quotes and brackets that end it (``$`` also stands before a final
    newline)."""
    if text.endswith("\n"):
        text = text[:-1]
    return text.rstrip(_SENTENCE_CLOSERS)[-1:] in _SENTENCE_END_MARKS


def _join_broken_sentences(lines: list[_Line]) -> list[_Line]:
    """Rejoin a paragraph broken mid-sentence: a line ending in a comma, the next in lower case."""
    out: list[_Line] = []
    for line in lines:
        if out and out[-1].text.endswith(",") and line.text[:1].islower():
            out[-1].text = f"{out[-1].text} {line.text}"
        else:
            out.append(line)
    return out


def _mark_furniture(lines: Sequence[_Line]) -> None:
    pattern, kinds = _boilerplate()
    for line in lines:
        if len(line.text) > 240:
            continue  # furniture is short; long lines are prose
        if match := pattern.fullmatch(line.text):
            line.kind = kinds[(match.lastindex or 1) - 1]


def _mark_related_blocks(lines: Sequence[_Line]) -> None:
    """A related-headlines heading and the short teasers after it go, up to prose again."""
    heading = _related_heading()
    for index, line in enumerate(lines):
        if (
            line.kind is not None
            or len(line.text) > 60
            or not heading.fullmatch(line.text.rstrip(":"))
        ):
            continue
        following = lines[index + 1 : index + 7]
        if not following or not all(_is_teaser(f.text) for f in following[:3]):
            continue
        # Teaser blocks are mostly headlines, which do not end like sentences;
        # article paragraphs after a "Read more" link almost always do.
        if sum(not _ends_sentence(f.text) for f in following) * 2 < len(following):
            continue
        line.kind = "related-links"
        for after in lines[index + 1 :]:
            if not _is_teaser(after.text):
                break
            after.kind = "related-links"


def _is_teaser(text: str) -> bool:
    return _count_words(text, TEASER_MAX_WORDS + 1) <= TEASER_MAX_WORDS and not text.startswith(
        _QUOTE_OPEN
    )


def _word_set(text: str) -> set[str]:
    return set(_words(text.lower()))


def _similar(wa: set[str], wb: set[str]) -> float:
    """Word overlap of two lines' word sets (``_word_set``) of similar length (a heading
    is not its paragraph's twin)."""
    if not wa or not wb or min(len(wa), len(wb)) < NEAR_DUPLICATE * max(len(wa), len(wb)):
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _mark_captions(lines: Sequence[_Line]) -> None:
    """Photo captions: credited lines, lines printed twice, lines ending with the photo's date."""
    # each line's word set, made once though a line is compared with both its neighbours
    word_sets: dict[int, set[str]] = {}

    def word_set(at: int) -> set[str]:
        if at not in word_sets:
            word_sets[at] = _word_set(lines[at].text)
        return word_sets[at]

    for index, line in enumerate(lines):
        if line.kind is not None:
            continue
        text = line.text
        if text.startswith(_QUOTE_OPEN):
            continue  # a quotation is article text, even when repeated
        words = _count_words(text, CAPTION_MAX_WORDS * 2 + 1)
        short = words <= CAPTION_MAX_WORDS * 2
        # A paragraph too long for a caption can only end in an agency's sign-off: look
        # for a credit in its tail alone.
        credit = (
            _CREDIT.search(text, 0 if short else max(0, len(text) - CREDIT_TAIL_CHARS))
            if _may_hold_credit(text)
            else None
        )
        if credit and _is_sign_off(text, credit):
            continue  # "... officials. (ANI)": the agency signing off the story
        if credit and short:
            credit_only = len(_words(_CREDIT.sub("", text))) <= 1
            line.kind = "credit" if credit_only else "caption"
            _mark_caption_before(lines, index)
            continue
        if words <= CAPTION_MAX_WORDS and _CAPTION_DATE.search(text):
            line.kind = "caption"
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if (
            nxt is not None
            and short
            and not _is_table_row(text)  # "Chelsea 3 2 1 0" above "Arsenal 3 2 1 0": rows
            and not nxt.text.startswith(_QUOTE_OPEN)
            and _similar(word_set(index), word_set(index + 1)) >= NEAR_DUPLICATE
        ):
            line.kind = "caption"
            nxt.kind = "duplicate" if text == nxt.text else "caption"


def _keep_some_prose(lines: Sequence[_Line]) -> None:
    """Never lose the whole article to a caption rule: a text that is nothing but a
    repeated line is an article said twice; a text whose only prose the header rule took
    by shape (a cut-off lead, "... Rancho Mirage, Calif,") keeps that prose."""
    if any(line.kind is None for line in lines):
        return
    for line in lines:
        if line.kind in ("caption", "duplicate") and _ends_sentence(line.text):
            line.kind = None
            return
    for line in lines:
        if line.role == "guessed" and _count_words(line.text, PROSE_MIN_WORDS) >= PROSE_MIN_WORDS:
            line.kind, line.role = None, "body"


# A line the header rule took by its shape alone is given back, when nothing else is left,
# if it has at least this many words: a sentence's worth, not a kicker or a photo label.
PROSE_MIN_WORDS = 8


def _is_sign_off(text: str, credit: re.Match[str]) -> bool:
    before = text[: credit.start()].rstrip()
    if not credit.group().startswith("("):
        return False  # "Picture: PA" credits a photo wherever it stands
    return credit.end() == len(text) and before.endswith((".", "!", "?", '"', "”"))


# Letters that match an ASCII one of the credit pattern's names case-blind in a regex but
# not after ``str.lower`` ("İ" lowers to two characters, "ſ" and "ı" stay as they are).
_ODD_CASE_LETTERS = "ıİſK"


def _may_hold_credit(text: str) -> bool:
    """A cheap test before the credit pattern, true of every line it matches: each form
    holds a colon, a bracket or one of a few names."""
    if ":" in text or "[" in text or ")" in text:
        return True
    lowered = text.lower()
    return (
        "getty images" in lowered
        or "shutterstock" in lowered
        or "file photo" in lowered
        or (not text.isascii() and any(letter in text for letter in _ODD_CASE_LETTERS))
    )


def _mark_caption_before(lines: Sequence[_Line], index: int) -> None:
    """The unpunctuated line just above a credit is the caption it credits."""
    if index == 0:
        return
    before = lines[index - 1]
    if (
        before.kind is None
        and not _ends_sentence(before.text)
        and _count_words(before.text, CAPTION_MAX_WORDS + 1) <= CAPTION_MAX_WORDS
        and index - 1 > 0  # never the very first line: that is the headline
        and not _is_table_row(before.text)
    ):
        before.kind = "caption"


def _is_body_paragraph(text: str) -> bool:
    """A sentence of some length, or a line longer than any headline however it ends (Thai
    and some other scripts close a paragraph without a mark)."""
    if _ends_sentence(text):
        return _count_words(text, HEADLINE_MAX_WORDS // 2 + 1) > HEADLINE_MAX_WORDS // 2
    return _count_words(text, HEADLINE_MAX_WORDS + 1) > HEADLINE_MAX_WORDS


def _mark_header(lines: Sequence[_Line], meta: _Meta, find_title: bool) -> None:
    """Lines above the first body paragraph: the headline, date lines, stray captions."""
    for line in lines:
        if line.kind is not None:
            continue
        if _is_body_paragraph(line.text) or _DATELINE.match(line.text):
            break
        if _LONE_LINK.fullmatch(line.text):
            line.kind = "navigation"  # the page's own address printed above the story
            continue
        place_date = _PLACE_DATE_LINE.match(line.text)
        if place_date and _is_dateline_place(place_date["place"]) and meta.dateline is None:
            # "ROME 1996-12-06", "TAVILDARA , Tajikistan 1996-08-30": a wire dateline line
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
            and not _ends_sentence(line.text)
            and _count_words(line.text, CAPTION_MAX_WORDS + 1) <= CAPTION_MAX_WORDS
            and not _is_table_row(line.text)
        ):
            line.kind = "caption"  # an unpunctuated line between headline and body
            line.role = "guessed"  # by shape alone: given back if nothing else is left


# A line that is nothing but a web address (a link in the body's prose stays).
_LONE_LINK = re.compile(r"https?://\S+")


def _is_headline(text: str) -> bool:
    if not 2 <= _count_words(text, HEADLINE_MAX_WORDS + 1) <= HEADLINE_MAX_WORDS:
        return False
    if text.endswith(".") or text.endswith(_LEAD_IN_DASHES):
        return False  # a line ending in a dash leads into the next: "CITY, May 4 (Agency) --"
    return _starts_like_a_name(text)


# Dashes that end a dateline or a kicker standing on its own line; no headline ends so.
_LEAD_IN_DASHES = ("--", "—", "–", " -")


def _starts_like_a_name(text: str) -> bool:
    """Upper case, a digit, or a letter of a script without case (Chinese, Arabic, Thai)."""
    first = text[:1]
    return (
        first.isupper()
        or first.isdigit()
        or (first.isalpha() and first == first.lower() == first.upper())
    )


def _mark_bylines(lines: Sequence[_Line], meta: _Meta) -> None:
    for line in lines:
        if line.kind is not None:
            continue
        match = _BYLINE.match(line.text)
        if match is None:
            continue
        meta.byline = meta.byline or line.text
        publisher = agencies().get(match["name"].lower())
        if publisher and meta.publisher is None:
            meta.publisher = publisher
        line.kind = "credit"


def _mark_footer(lines: Sequence[_Line]) -> None:
    body = [line for line in lines if line.kind is None]
    for line in reversed(body[1:]):
        if (
            _ends_sentence(line.text)
            or _count_words(line.text, FOOTER_MAX_WORDS + 1) > FOOTER_MAX_WORDS
        ):
            return
        if _TABLE_ROW.search(line.text) or _is_table_row(line.text):
            return  # results, scorers, standings: data at the end of a story, not a footer
        if line.text.startswith(_QUOTE_OPEN):
            return
        line.kind = "footer"


def _mark_headings(lines: Sequence[_Line]) -> None:
    """A short unpunctuated line between body paragraphs is a subheading: kept, but known."""
    body = [line for line in lines if line.kind is None]
    for index, line in enumerate(body):
        if index == 0 or index == len(body) - 1:
            continue
        if (
            1 <= _count_words(line.text, SUBHEADING_MAX_WORDS + 1) <= SUBHEADING_MAX_WORDS
            and not _ends_sentence(line.text)
            and not line.text.endswith(",")
            and _starts_like_a_name(line.text)
            and not line.text.startswith(_QUOTE_OPEN)
        ):
            line.role = "heading"


def _strip_sign_off(body: list[_Line], meta: _Meta) -> None:
    if not body:
        return
    last = body[-1]
    # the sign-off ends the line: search only the characters it can span
    match = _SIGN_OFF.search(last.text, max(0, len(last.text) - SIGN_OFF_MAX_CHARS))
    if match is None:
        return
    name = agencies().get(match["agency"].lower())
    if name is None:
        return
    meta.publisher = meta.publisher or name
    meta.removed.append(Removed("credit", match.group(0).strip()))
    last.text = last.text[: match.start()].rstrip()


def _strip_dateline(body: list[_Line], meta: _Meta) -> None:
    """Cut "Washington [US], March 15 (ANI):" or "WASHINGTON:" off the first paragraph."""
    if meta.dateline is None and _take_place_date_line(body, meta):
        return
    for line in body[:3]:
        if line.role != "body":
            continue
        match = _CAPS_DATELINE.match(line.text)
        if match is not None and not _caps_dateline_ok(match, line.text):
            match = None
        if match is None:
            match = _DATELINE.match(line.text)
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


def _is_table_row(text: str) -> bool:
    """A row of a results table, standings, a price list or a line-up: content, never a
    caption or a footer however short and unpunctuated it is.

    >>> _is_table_row("Chelsea 3 2 1 0 3 0 7"), _is_table_row("Lotte 6 Hyundai 2")
    (True, True)
    >>> _is_table_row("Ana Ruiz ( Spain ) 1:23.45"), _is_table_row("Boston at Chicago")
    (True, True)
    >>> _is_table_row("Home team: Ana Ruiz, Eva Diaz, Lia Moro"), _is_table_row("A photo")
    (True, False)
    """
    if len(text) > TABLE_ROW_MAX_CHARS or _ends_sentence(text):
        return False
    numbers = _NUMBER_TOKEN.findall(text)
    if numbers:
        tokens = text.split()
        lower = sum(token.islower() for token in tokens)
        if len(numbers) >= 2 and (
            len(numbers) * 3 >= len(tokens)
            or (_NUMBER_TOKEN.fullmatch(tokens[-1]) and lower <= len(numbers))
        ):
            # columns of figures; paired scores end on a number. A caption's date
            # ("... speaks in Paris on May 3 2021") comes after more words than figures.
            return True
        if _BRACKETED.search(text) or _RANKED.match(text):
            return True  # "Ana Ruiz ( Spain ) 1:23.45", "2. Eva Diaz 8.61"
    if _FIXTURE.match(text):
        return True
    return _is_name_list(text)


# A table row is a line, not a paragraph.
TABLE_ROW_MAX_CHARS = 200


def _is_name_list(text: str) -> bool:
    """A line-up or a list of scorers: three or more short capitalised items between commas,
    after an optional "Label :" ("Home team: Ana Ruiz, Eva Diaz, Lia Moro")."""
    label, colon, rest = text.partition(":")
    items = (rest if colon and len(label) <= 30 else text).split(",")
    items = [item.strip() for item in items]
    if items and not items[-1]:
        items.pop()  # a list broken over lines ends on a comma
    return len(items) >= 3 and all(_LIST_ITEM.match(item) for item in items)


def _take_place_date_line(body: list[_Line], meta: _Meta) -> bool:
    """A wire dateline on its own line under a section label the header stopped at
    ("SOCCER - LEAGUE STANDINGS" then "KVALSUND 2031-02-03"): the dateline, cut out."""
    for line in body[1:3]:
        match = _PLACE_DATE_LINE.match(line.text)
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
    from tripnews.extract.entities import gazetteer  # the place gazetteer, loaded once

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
    """A line that is nothing but a capitalised place and a date: ``ROME 1996-12-06``."""
    return bool(re.fullmatch(r"[A-Z][A-Z .'’-]{1,40}\s\d{4}-\d{2}-\d{2}", text))


def _title_case(place: str) -> str:
    if place.isupper():
        return " ".join(word.capitalize() for word in place.split())
    return place


def _assemble(body: Sequence[_Line]) -> tuple[str, tuple[Span, ...]]:
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


# ---------------------------------------------------------------------------
# credits, publisher tags and titles

# "Jane Roe contributed to this report.", "Reporting by Jane Roe; Editing by Tom Poe",
# "(Additional reporting by ...)", "Compiled by ...": who made the story, not what it says.
_CONTRIBUTORS = re.compile(
    r"^.{0,200}?\b(?:contributed|contributing)\s(?:reporting\s)?(?:to|for)\s(?:this|the)"
    r"\s(?:report|story|article)\.?\)?$"
    r"|^\(?(?:additional\s)?(?:reporting|writing|editing|compiled|produced|research|graphics)"
    r"\s(?:by|from)\s[^()]{2,300}\)?\.?$",
    re.IGNORECASE,
)
# The same credits in brackets closing the last paragraph.
_CONTRIBUTORS_TAIL = re.compile(
    r"\s*\((?:additional\s)?(?:reporting|writing|editing)\sby\s[^()]{2,300}\)$", re.IGNORECASE
)
_CREDIT_LEADS = ("reporting", "additional", "editing", "writing", "compiled", "produced",
                 "research", "graphics")  # fmt: skip


def _may_credit(text: str) -> bool:
    """A cheap test before the credit pattern: most lines are not credits."""
    return "contribut" in text or text[:12].lower().lstrip("(").startswith(_CREDIT_LEADS)


# A credit line is short: a long line mentioning a report is the story.
CREDIT_MAX_WORDS = 40


def _mark_contributors(lines: list[_Line]) -> None:
    """Contributor and desk credits go as credits ("Reporting by Jane Roe; Editing by Tom
    Poe"), so their names are never read as people of the story."""
    for line in lines:
        if line.kind is not None:
            continue
        if (
            _may_credit(line.text)
            and _CONTRIBUTORS.match(line.text)
            and _count_words(line.text, CREDIT_MAX_WORDS + 1) <= CREDIT_MAX_WORDS
        ):
            line.kind = "credit"
    index = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].kind is None), None)
    if index is None:
        return
    last = lines[index]
    if (
        last.text.endswith((")", ")\n"))  # the pattern's end, before a scan of the line
        and (tail := _CONTRIBUTORS_TAIL.search(last.text))
        and tail.start() > 0
    ):
        last.text = last.text[: tail.start()]
        lines.insert(index + 1, _Line(tail.group().strip(), kind="credit"))


# "(CNN)", "(Reuters) -" opening the story: the publisher's tag, not the first words.
_PUBLISHER_TAG = re.compile(r"^\((?P<tag>[A-Z][A-Za-z.]{1,15})\)\s?(?:[-–—]\s?)?(?=\S)")


def _strip_publisher_tag(body: list[_Line], meta: _Meta) -> None:
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


def _mark_full_stop_headline(lines: Sequence[_Line], meta: _Meta, find_title: bool) -> None:
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
        and 2
        <= _count_words(text, FULL_STOP_HEADLINE_MAX_WORDS + 1)
        <= FULL_STOP_HEADLINE_MAX_WORDS
        and not _INNER_SENTENCE_END.search(text[:-1])
        and not _PROSE_MARKS.search(text)
        and _starts_like_a_name(text)
        and _is_body_paragraph(second.text)
        and not _DATELINE.match(text)
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
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—]{2,40})$")
SITE_MAX_WORDS = 5


def _tidy_title(cleaned: Cleaned) -> Cleaned:
    """Decode HTML entities in the title and cut a trailing " | Site" (the site becomes the
    publisher when none is known): "Bridge opens &amp; traffic flows | Daily Bugle"."""
    title = cleaned.title
    if not title:
        return cleaned
    if "&" in title:
        title = html.unescape(title)
    publisher = cleaned.publisher
    match = _TITLE_SITE.search(title)
    if match is not None:
        site = match["site"].strip()
        before = title[: match.start()].strip()
        if (
            len(site.split()) <= SITE_MAX_WORDS
            and (site[:1].isupper() or site[:1].isdigit() or "." in site)
            and _count_words(before, 4) >= 3
        ):
            title = before
            publisher = publisher or site
    if title == cleaned.title and publisher == cleaned.publisher:
        return cleaned
    return replace(cleaned, title=title, publisher=publisher)


def _unmarked(lines: Sequence[_Line]) -> set[int]:
    return {id(line) for line in lines if line.kind is None}


def _unmark_shape_guesses(lines: Sequence[_Line], unmarked: set[int]) -> None:
    """Give back the lines the header rule took for captions by shape alone when the text
    was already chosen from a page's structure (measured: footers are better left to it)."""
    for line in lines:
        if id(line) in unmarked and line.kind == "caption":
            line.kind, line.role = None, "body"
