"""Lines and words: what every cleaning rule measures (word counts in any script,
sentence ends, table rows) and the vocabulary they read, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from tripnews.model import Dateline, Published, Removed
from tripnews.rules import load_list, load_table
from tripnews.timegrammar import MONTH

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
ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


# Soft hyphens (U+00AD) mark where a word may break at a line's end: a reader never sees
# them mid-line, and left in they cut every word they sit in (for matching, for names).
ZERO_WIDTH = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


# A line of a results table or list: "Name ( Country ) 1:23.45", "Romania - Contra ( 31st )",
# "Attendance : 200", "Team 3 1 0 2 4 5 3".
TABLE_ROW = re.compile(r"\(\s?[\w .'-]+\s?\)|\d[\d.:,-]*\s.*\d|\s:\s\d|\s-\s[A-Z]")


# A line of a table, by shape (see ``is_table_row``): tokens that are numbers ("3", "1:23.45",
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
# or not the gazetteer knows the place ("KELLOW 2004-05-11").
PLACE_DATE_LINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,3})(?:\s?,\s?[A-Z][\w .'-]{1,30})?"
    r"\s(?P<date>\d{4}-\d{2}-\d{2})$"
)


# Latin, CJK (。！？ and their half-width forms) and Devanagari (।) sentence ends, then any
# closing quotes or brackets.
_SENTENCE_END = re.compile(r"""[.!?…:。！？．｡।]["'”’)\]」』）》]*$""")


# The same test read off the line's end with str methods (see ``ends_sentence``).
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


QUOTE_OPEN = ("“", '"', "‘", "'")


# Photo credits: "Picture: PA", "Photo: Reuters", "[File Photo]", "(Alex Brandon/AP)",
# "(Getty Images)", "Image source, Getty".
CREDIT = re.compile(
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
CAPTION_DATE = re.compile(rf",\s{MONTH}\.?\s\d{{1,2}},\s\d{{4}}\.?$")


BYLINE = re.compile(r"^By\s(?P<name>[A-Z][\w.'’-]*(?:\s(?:and\s)?[A-Z][\w.'’-]*){0,5})$")


# "(ANI)" closing the last paragraph: an agency sign-off, not article text.
SIGN_OFF = re.compile(r"\s?\((?P<agency>[A-Z][A-Za-z]{1,12})\)$")


# The longest sign-off (a space, brackets, 13 letters) and a final newline ``$`` allows.
SIGN_OFF_MAX_CHARS = 17


# "Washington [US], March 15 (ANI): ", "WASHINGTON: ", "ROME 2004-05-11", "WASHINGTON (Reuters) - "
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]{1,25}(?:\s[A-Z][A-Za-z.'’-]{1,25}){0,3})"
    r"(?:\s?\[[A-Za-z .]{1,20}\])?"
    r"(?:,\s?(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}|\d{1,2}\s[A-Z][a-z]{2,8}))?"
    r"\s?(?:\((?P<agency>[A-Za-z]{2,12})\))?\s?(?::|\s[-–—])\s"
)


CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{1,25}(?:\s[A-Z][A-Z.'’-]{1,25}){0,3})"
    r"(?:,\s[A-Z][A-Za-z.]{1,15})?"
    r"(?:\s(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}))?"
    r"(?:\s\((?P<agency>[A-Za-z]{2,12})\))?"
    r"(?P<sep>\s?:|\s[-–—]|\s(?=\d{4}-\d{2}-\d{2}$)|$)"
)


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The boilerplate table as one pattern with a group per row, and each row's kind: one
    fullmatch per line, where the first row that matches the whole line wins, as when the
    rows were tried in turn (the rows hold no groups of their own)."""
    rows = load_table("boilerplate")
    pattern = "|".join(f"((?:{row_pattern})[.!:]?)" for _kind, row_pattern in rows)
    return re.compile(pattern, re.IGNORECASE), tuple(kind for kind, _pattern in rows)


@cache
def related_heading() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load_list("related_headings")), re.IGNORECASE)


@cache
def agencies() -> dict[str, str]:
    """Agency tags as printed ("PA", "ANI") to the publisher's name."""
    return {tag.lower(): name for tag, name in load_table("agencies")}


@dataclass
class Line:
    text: str
    kind: str | None = None  # a Removed kind when dropped; "heading" when kept as one
    role: str = "body"  # body | title | heading | header | guessed (a caption by shape)


@dataclass
class Meta:
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    published: Published | None = None
    dateline: Dateline | None = None
    removed: list[Removed] = field(default_factory=list)


def word_list(text: str) -> list[str]:
    return _WORD.findall(text)


def count_words(text: str, limit: int) -> int:
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
        if not text.isascii() and _NON_ASCII_WORD_CHAR.search(beyond_ascii(text)):
            return len(_WORD.findall(text))
    marked = text.encode("ascii", "replace").translate(_WORD_MARKS)
    runs = (b" " + marked).count(b" a")
    if b"'" not in marked:
        return runs
    joins = marked.count(b"a'a")
    if joins and _JOINED_THRICE.search(marked):
        return len(_WORD.findall(text))
    return runs + marked.count(b"'a") - joins


def beyond_ascii(text: str) -> str:
    """The characters of ``text`` that are not ASCII, in order: its UTF-8 bytes without the
    ASCII ones, all in C, where a regex over the whole text steps through every character
    ("surrogatepass": a lone surrogate is kept, as the regex would see it).

    >>> beyond_ascii("It’s 5 €")
    '’€'
    """
    utf8 = text.encode("utf-8", "surrogatepass")
    return utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


_ASCII_BYTES = bytes(range(128))


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


def ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)`` without a regex scan of the whole line: a mark
    before the closing quotes and brackets that end it (``$`` also stands before a final
    newline)."""
    if text.endswith("\n"):
        text = text[:-1]
    return text.rstrip(_SENTENCE_CLOSERS)[-1:] in _SENTENCE_END_MARKS


def starts_like_a_name(text: str) -> bool:
    """Upper case, a digit, or a letter of a script without case (Chinese, Arabic, Thai)."""
    first = text[:1]
    return (
        first.isupper()
        or first.isdigit()
        or (first.isalpha() and first == first.lower() == first.upper())
    )


def is_table_row(text: str) -> bool:
    """A row of a results table, standings, a price list or a line-up: content, never a
    caption or a footer however short and unpunctuated it is.

    >>> is_table_row("Fulham 3 2 1 0 5 2 7"), is_table_row("Hanwha 5 Kiwoom 3")
    (True, True)
    >>> is_table_row("Ana Ruiz ( Spain ) 1:23.45"), is_table_row("Boston at Chicago")
    (True, True)
    >>> is_table_row("Home team: Ana Ruiz, Eva Diaz, Lia Moro"), is_table_row("A photo")
    (True, False)
    """
    if len(text) > TABLE_ROW_MAX_CHARS or ends_sentence(text):
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
