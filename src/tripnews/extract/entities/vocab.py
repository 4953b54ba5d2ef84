"""What the entity rules read: titles and role nouns, name and organization word lists,
the patterns of a capitalised run, the candidate and entity types, and the lexical
predicates every rule asks (is it a place, a country, an organization's shape?)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tripnews.lexicon import (
    GazetteerEntry,
    gazetteer,
)
from tripnews.model import Mention
from tripnews.rules import load_list, load_table, load_words, words_pattern

# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.


# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.
_CAP_WORD = r"(?:[A-Z][a-z]{0,2}\.(?:[A-Z]\.){0,3}|[A-Z][\w’'&]{0,30}(?:-[a-z]{1,12}){0,2}|[A-Z])"


# "and" is no particle: "Blinken and Austin" are two names ("Bosnia and Herzegovina" is lost).
_GAP = r"[^\S\n]"  # a name never runs across a line end: "W L PCT GB\nCHICAGO" is two


_PARTICLE = r"(?:of|for|the|de|da|del|der|van|von|bin|al|la|le|du|dos)"


# The run's first word, written capital-first with the look-behind after it, so the
# engine skips straight to capitals instead of trying every position (twice as fast).
_FIRST_CAP_WORD = (
    r"[A-Z](?<![\w’'-][A-Z])(?:[a-z]{0,2}\.(?:[A-Z]\.){0,3}|[\w’'&]{0,30}(?:-[a-z]{1,12}){0,2}|)"
)


RUN = re.compile(
    rf"{_FIRST_CAP_WORD}(?:(?:{_GAP}|{_GAP}{_PARTICLE}{_GAP}|{_GAP}&{_GAP}|-){_CAP_WORD}){{0,11}}(?!\w|-\w)"
)


POSSESSIVE = re.compile(r"[’']s?$")


INNER_POSSESSIVE = re.compile(r"[’']s\s")


CLOSING_ABBREVIATION = re.compile(r"\s[A-Z][a-z]{1,2}\.$")  # "Kim Jong Un." ends a sentence


_SPEECH_VERBS = (
    "said", "says", "told", "wrote", "added", "stated", "asked", "explained", "noted", "argued",
    "warned", "insisted", "tweeted", "announced", "replied", "recalled", "concluded",
)  # fmt: skip


# The verbs as a trie: the engine follows one branch per letter instead of trying each verb
# in turn, twice per name (no verb is the start of another, so the order changes nothing).
SPEECH_AFTER = re.compile(rf"^,?\s(?:\w+\s)?(?:{words_pattern(_SPEECH_VERBS)})\b")


_SPEECH_CUES = ("said", "says", "told", "according to", "wrote", "added")


_SPEECH_BEFORE = re.compile(rf"\b(?:{'|'.join(_SPEECH_CUES)})\s$")


APPOSITION = re.compile(
    r"^,\s(?:an?|the)\s(?P<role>[a-z][\w -]{2,60}?)\s(?:at|of|for|with|in)\s", re.UNICODE
)


# A role phrase before a name is a few words: "top US diplomat", "defence secretary".
MAX_ROLE_WORDS = 4


# Words that end a role phrase when walking back from the name.
ROLE_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "with",
        "to",
        "by",
        "that",
        "which",
        "who",
        "whom",
        "as",
        "in",
        "on",
        "at",
        "from",
        "for",
        "his",
        "her",
        "their",
        "its",
        "our",
        "is",
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "be",
        "been",
        "said",
        "says",
        "told",
    ]
)


INITIAL = re.compile(r"[A-Z]\.")


SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n)$")


# Within this many characters after a name, a speech verb still belongs to it.
SPEECH_WINDOW = 40


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first, so "Secretary of State" beats "Secretary"."""
    words = {tuple(t.lower().split()) for t in load_list("person_titles")}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The titles, longest first, filed under their first word: one lookup per candidate."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        index.setdefault(title[0], []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


@cache
def titles_by_last_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles of two or more words, longest first, filed under their last word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        if len(title) > 1:
            index.setdefault(title[-1], []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


def leading_title(lowered: list[str]) -> tuple[str, ...] | None:
    """The longest title the lower-cased words open with, leaving at least one word;
    modifiers before it belong to it ("Assistant Secretary of State", "Former President")."""
    if lowered and lowered[0] not in title_openers():
        return None  # most words open no title: one lookup, not the search below
    skip = 0
    while skip < len(lowered) - 1 and lowered[skip] in TITLE_MODIFIERS:
        skip += 1
    for start in dict.fromkeys((skip, 0)):  # with the modifiers, else as written
        rest = lowered[start:]
        for title in titles_by_first_word().get(rest[0], ()) if rest else ():
            if len(rest) > len(title) and tuple(rest[: len(title)]) == title:
                return tuple(lowered[:start]) + title
    return None


TITLE_MODIFIERS = frozenset(
    ["assistant", "deputy", "acting", "former", "vice", "under", "associate", "interim",
     "senior", "chief", "principal", "special", "first"]
)  # fmt: skip


@cache
def given_name_set() -> frozenset[str]:
    from tripnews.extract.names import given_names

    return given_names()


@cache
def surname_set() -> frozenset[str]:
    return load_words("surnames")


@cache
def known_surnames() -> frozenset[str]:
    """Surnames of widely reported public figures, which news uses alone ("Yeltsin said")."""
    return frozenset(
        name.split()[-1] for name in load_words("known_people") if name.split()[-1][-1] != "."
    ) - {"II", "XVI"}


@cache
def org_word_set() -> frozenset[str]:
    return load_words("org_words")


@cache
def known_org_names() -> frozenset[str]:
    return load_words("organizations")


@cache
def non_entity_words() -> frozenset[str]:
    return load_words("non_entities")


@cache
def role_noun_set() -> frozenset[str]:
    return load_words("role_nouns")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    kind: str | None = None  # person | place | org
    role: str | None = None
    in_caps: bool = False  # on a line written in capitals, where case says nothing
    cued: bool = False  # a layout or the article's other mentions say it is a person


@dataclass
class Entity:
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    first: float = float("inf")  # where the earliest mention starts
    given: str = field(init=False)  # the name's first and last words, for short forms
    surname: str = field(init=False)

    def __post_init__(self) -> None:
        words = self.name.split() or [""]
        self.given, self.surname = words[0], surname_of(words)


# Generational suffixes after a surname: "Ken Griffey Jr." is "Griffey" for short.
_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


def surname_of(words: list[str]) -> str:
    """The last word of a name that is no generational suffix: "King" in "Martin Luther
    King III"."""
    if len(words) > 2 and words[-1] in _SUFFIXES:
        return words[-2]
    return words[-1]


@cache
def title_openers() -> frozenset[str]:
    """The lower-cased words a title may open with, its modifiers included."""
    return TITLE_MODIFIERS | frozenset(titles_by_first_word())


def starts_title(words: list[str]) -> bool:
    if (words[0].lower() if words else "") not in title_openers():
        return False  # the commonest answer, without lower-casing every word
    return leading_title([w.lower() for w in words]) is not None


def is_non_entity(word: str) -> bool:
    # (a word with no full stop to strip needs one lookup, not two)
    return word in non_entity_words() or (
        word[-1:] == "." and word.rstrip(".") in non_entity_words()
    )


# The longest speech cue before a name ("according to"), its space and a line end.
_SPEECH_BEFORE_REACH = len("according to") + 2


def speech_before(before: str) -> bool:
    """A speech verb just before a name ("said Blinken"). The cue ends the text, so the
    search starts where the longest cue could, not at every character (the word boundary
    still sees the character before that start)."""
    if not before.rstrip().endswith(_SPEECH_CUES):
        return False  # (a check in C that most names fail, before the search)
    return _SPEECH_BEFORE.search(before, max(0, len(before) - _SPEECH_BEFORE_REACH)) is not None


@cache
def _place_words() -> dict[str, str]:
    return dict((word, kind) for word, kind in load_table("place_words"))


FACILITY_INITIALS = frozenset("arvsilbd")  # the first letters of the words below


_FACILITY_AFTER = re.compile(r"\s(?:airport|river|valley|stadium|island|lake|bay|desert)\b")


def place_shape(words: list[str], after: str) -> str | None:
    """The kind of place a name is by its shape ("Golan Heights", "Amazon River", "Lake
    Kivu", "Stansted airport"), or None."""
    if len(words) >= 2:
        kind = _place_words().get(words[-1])
        if kind is not None:
            return kind
        if words[0] in ("Lake", "Mount", "Mt", "Mt."):
            return "water" if words[0] == "Lake" else "other"
    if (
        after[1:2] in FACILITY_INITIALS
        and _FACILITY_AFTER.match(after)
        and not any(w in org_word_set() for w in words)
    ):
        return "other"
    return None


def caps_lookup(name: str) -> str:
    """The gazetteer's or the organization list's spelling of a name written in capitals:
    "NEW YORK" -> "New York", "US NAVY" -> "US Navy"."""
    words = name.split()
    if len(words) == 1:  # most are one word: no joining
        word = words[0]
        plain = word.capitalize()
        if plain in gazetteer() or plain in known_org_names():
            return plain
        return word if len(word) <= 3 and word.isupper() else plain
    plain = " ".join(map(str.capitalize, words))
    if plain in gazetteer() or plain in known_org_names():
        return plain
    return _title_case(name)


def _title_case(name: str) -> str:
    return " ".join(w if len(w) <= 3 and w.isupper() else w.capitalize() for w in name.split())


def is_known_place(name: str) -> bool:
    return name in gazetteer()


def is_org_shape(words: list[str]) -> bool:
    if len(words) >= 3 and any(w in org_word_set() for w in words[1:-1]):
        return True  # "Major League Baseball", "Federal Reserve Bank Board"
    if len(words) >= 2 and (words[-1] in org_word_set() or words[0] in org_word_set()):
        return not (len(words) == 2 and words[0] in org_word_set() and words[1] in org_word_set())
    return False


# Kinds of place whose name is never a person's alias ("Yemen" is no short form of a
# person named "... Yemen"); a city may be a surname ("Malivai Washington").
NEVER_ALIASES = ("country", "continent", "region", "state", "water")


def is_country(name: str) -> bool:
    if name in country_names():
        return True
    return not name.istitle() and caps_lookup(name) in country_names()


@cache
def country_names() -> frozenset[str]:
    """Countries' names and aliases, for the many single-word tests of a run."""
    return frozenset(name for name, entry in gazetteer().items() if entry.kind == "country")


def is_region(name: str) -> bool:
    entry = gazetteer_entry(name)
    return entry is not None and entry.kind in NEVER_ALIASES


def gazetteer_entry(name: str) -> GazetteerEntry | None:
    found = gazetteer().get(name)
    if found is not None or name.istitle():
        return found  # a name already written as the gazetteer writes names
    return gazetteer().get(caps_lookup(name))


@cache
def demonym_words() -> frozenset[str]:
    return load_words("demonyms")


@cache
def demonym_first_words() -> frozenset[str]:
    return frozenset(d.split()[0] for d in demonym_words() if " " in d)


def leading_demonym(words: list[str]) -> int:
    """How many of the leading words are a nationality ("Sri Lankan" is two), else 0."""
    first = words[0].capitalize() if words[0].isupper() else words[0]
    if len(words) > 1 and first in demonym_first_words():
        second = words[1].capitalize() if words[1].isupper() else words[1]
        if f"{first} {second}" in demonym_words():
            return 2
    return int(first in demonym_words())


def is_known_org(words: list[str]) -> bool:
    return " ".join(words) in known_org_names()


def starts_known(words: list[str]) -> bool:
    joined = " ".join(words)
    return joined in known_org_names() or joined in gazetteer()


def opens_known(words: list[str]) -> bool:
    """The words, or their first two or three, name a known place or organization: "New
    York Stock Exchange" opens with "New York"."""
    return starts_known(words) or any(
        starts_known(words[:size]) for size in range(min(3, len(words) - 1), 1, -1)
    )


def person_shaped(words: list[str]) -> bool:
    """A given name and a surname, with any title before them: "Alan Greenspan",
    "Chairman Alan Greenspan"."""
    _role, name, _start = strip_title(words, 0)
    return (
        2 <= len(name) <= 3
        and name[0] in given_name_set()
        and all(w[:1].isupper() and w[1:].islower() for w in name)
    )


def strip_title(words: list[str], start: int) -> tuple[str | None, list[str], int]:
    """Split "Secretary of State Antony Blinken" into the role and the name."""
    # (the words are lower-cased only where a title may open: most names open none)
    opens = bool(words) and words[0].lower() in title_openers()
    title = leading_title([w.lower() for w in words]) if opens else None
    if title is not None:
        role_text = " ".join(words[: len(title)])
        return role_text, words[len(title) :], start + len(role_text) + 1
    # "Brookfield Mayor Ada Whitcombe", "Interim Party Chairwoman Lena Okoro": a
    # capitalised role noun with a full name after it is a role, whatever stands before.
    for i in range(len(words) - 3, -1, -1):
        if words[i].lower() in role_noun_set():  # (rare: only then are the words after it read)
            rest = words[i + 1 :]
            if org_word_set().isdisjoint(rest):
                role_text = " ".join(words[: i + 1])
                return role_text, rest, start + len(role_text) + 1
    return None, words, start
