"""People, places and organizations, each linked to one canonical entry per article.

>>> found = find_entities("Mr Blinken met Antony Blinken's hosts in Tokyo. Blinken left.")
>>> [(p.name, p.count) for p in found.people], [p.name for p in found.places]
([('Antony Blinken', 3)], ['Tokyo'])

How it works, in one pass over capitalised token runs:
1. a candidate is a run of capitalised words (with hyphens, initials and name
   particles), split off its leading title ("Secretary of State") and its
   possessive;
2. it is classed by evidence, strongest first: a person's title or a
   speech verb, an organization's suffix or a known organization, the
   gazetteer, a known given name;
3. short forms are linked to the full name the article introduced ("Blinken"
   -> "Antony Blinken"); a short form that fits two people is left alone.
Rules bail out rather than guess: an unknown capitalised word with no cue is
no entity at all.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter

from tripnews.lexicon import (
    GazetteerEntry,
    coordinate,
    gazetteer,
    minor_place,
    minor_place_names,
    name_key,
)
from tripnews.model import Dateline, Entities, Mention, Organization, Person, Place, Span
from tripnews.rules import WordFinder, load_list, load_table, load_words, words_pattern

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
_RUN = re.compile(
    rf"{_FIRST_CAP_WORD}(?:(?:{_GAP}|{_GAP}{_PARTICLE}{_GAP}|{_GAP}&{_GAP}|-){_CAP_WORD}){{0,11}}(?!\w|-\w)"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_INNER_POSSESSIVE = re.compile(r"[’']s\s")
_CLOSING_ABBREVIATION = re.compile(r"\s[A-Z][a-z]{1,2}\.$")  # "Kim Jong Un." ends a sentence
_SPEECH_VERBS = (
    "said", "says", "told", "wrote", "added", "stated", "asked", "explained", "noted", "argued",
    "warned", "insisted", "tweeted", "announced", "replied", "recalled", "concluded",
)  # fmt: skip
# The verbs as a trie: the engine follows one branch per letter instead of trying each verb
# in turn, twice per name (no verb is the start of another, so the order changes nothing).
_SPEECH_AFTER = re.compile(rf"^,?\s(?:\w+\s)?(?:{words_pattern(_SPEECH_VERBS)})\b")
_SPEECH_CUES = ("said", "says", "told", "according to", "wrote", "added")
_SPEECH_BEFORE = re.compile(rf"\b(?:{'|'.join(_SPEECH_CUES)})\s$")
_APPOSITION = re.compile(
    r"^,\s(?:an?|the)\s(?P<role>[a-z][\w -]{2,60}?)\s(?:at|of|for|with|in)\s", re.UNICODE
)
# A role phrase before a name is a few words: "top US diplomat", "defence secretary".
MAX_ROLE_WORDS = 4
# Words that end a role phrase when walking back from the name.
_ROLE_STOP = frozenset(
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

_INITIAL = re.compile(r"[A-Z]\.")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n)$")
# Within this many characters after a name, a speech verb still belongs to it.
SPEECH_WINDOW = 40


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first, so "Secretary of State" beats "Secretary"."""
    words = {tuple(t.lower().split()) for t in load_list("person_titles")}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The titles, longest first, filed under their first word: one lookup per candidate."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        index.setdefault(title[0], []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


@cache
def _titles_by_last_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles of two or more words, longest first, filed under their last word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        if len(title) > 1:
            index.setdefault(title[-1], []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


def _leading_title(lowered: list[str]) -> tuple[str, ...] | None:
    """The longest title the lower-cased words open with, leaving at least one word;
    modifiers before it belong to it ("Assistant Secretary of State", "Former President")."""
    if lowered and lowered[0] not in _title_openers():
        return None  # most words open no title: one lookup, not the search below
    skip = 0
    while skip < len(lowered) - 1 and lowered[skip] in _TITLE_MODIFIERS:
        skip += 1
    for start in dict.fromkeys((skip, 0)):  # with the modifiers, else as written
        rest = lowered[start:]
        for title in _titles_by_first_word().get(rest[0], ()) if rest else ():
            if len(rest) > len(title) and tuple(rest[: len(title)]) == title:
                return tuple(lowered[:start]) + title
    return None


_TITLE_MODIFIERS = frozenset(
    ["assistant", "deputy", "acting", "former", "vice", "under", "associate", "interim",
     "senior", "chief", "principal", "special", "first"]
)  # fmt: skip


@cache
def _given_names() -> frozenset[str]:
    from tripnews.extract.names import given_names

    return given_names()


@cache
def _surnames() -> frozenset[str]:
    return load_words("surnames")


@cache
def _known_surnames() -> frozenset[str]:
    """Surnames of widely reported public figures, which news uses alone ("Yeltsin said")."""
    return frozenset(
        name.split()[-1] for name in load_words("known_people") if name.split()[-1][-1] != "."
    ) - {"II", "XVI"}


@cache
def _org_words() -> frozenset[str]:
    return load_words("org_words")


@cache
def _known_orgs() -> frozenset[str]:
    return load_words("organizations")


@cache
def _non_entities() -> frozenset[str]:
    return load_words("non_entities")


@cache
def _role_nouns() -> frozenset[str]:
    return load_words("role_nouns")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    kind: str | None = None  # person | place | org
    role: str | None = None
    in_caps: bool = False  # on a line written in capitals, where case says nothing
    cued: bool = False  # a layout or the article's other mentions say it is a person


@dataclass
class _Entity:
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    first: float = float("inf")  # where the earliest mention starts
    given: str = field(init=False)  # the name's first and last words, for short forms
    surname: str = field(init=False)

    def __post_init__(self) -> None:
        words = self.name.split() or [""]
        self.given, self.surname = words[0], _surname_of(words)


# Generational suffixes after a surname: "Ken Griffey Jr." is "Griffey" for short.
_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


def _surname_of(words: list[str]) -> str:
    """The last word of a name that is no generational suffix: "King" in "Martin Luther
    King III"."""
    if len(words) > 2 and words[-1] in _SUFFIXES:
        return words[-2]
    return words[-1]


def find_entities(
    text: str, headings: tuple[Span, ...] = (), dateline: Dateline | None = None
) -> Entities:
    """Return the people, places and organizations ``text`` names, in order of first mention;
    the places of the ``dateline`` (cut from ``text`` by the cleaner) come first."""
    every = list(_candidates(text))
    town = _dateline_town(dateline)
    if town is not None:
        for cand in every:
            if cand.text == town.name and cand.role is None and cand.kind != "org":
                cand.kind = "place"  # "TAIBE , Israel": every "Taibe" below is the town
    every = _split_capitals(every)
    sports = _is_sports_report(text)
    if sports:
        _read_players(text, every)
        _read_teams(text, every)
    _read_short_org_names(text, every)
    every = _split_capitals(every)  # again, with the teams and short names now typed
    _type_alike(text, every, sports)
    _read_relatives(every)
    candidates = [c for c in every if c.kind is not None]
    people = _link_people(text, [c for c in candidates if c.kind == "person"])
    # A single word classed by the gazetteer, or by nothing, may be the surname of a
    # person the article named: "Blinken and Austin wrote".
    places: list[_Candidate] = []
    for cand in every:
        short = " " not in cand.text
        person = _alias_of(cand, people) if cand.kind in ("place", None) and short else None
        if person is not None:
            person.mentions.append(_mention(text, cand.start, cand.end, cand.role, person))
        elif cand.kind == "place":
            places.append(cand)
    people_out = _people_records(people)
    return Entities(
        people=people_out,
        places=_with_dateline_places(_place_records(text, places, town), dateline),
        organizations=_org_records(text, [c for c in candidates if c.kind == "org"]),
    )


# ---------------------------------------------------------------------------
# candidates


def _candidates(text: str) -> Iterator[_Candidate]:
    all_caps_lines = _all_caps_spans(text)
    dropped = _lone_non_entities()
    split: dict[str, tuple[tuple[int, str, str | None], ...]] = {}  # a repeated name: once
    for match in _RUN.finditer(text):
        run = match.group()
        if run in dropped:
            continue
        start = match.start()
        # a run never crosses a line end, so all its names share one line's case
        in_caps = bool(all_caps_lines) and any(a <= start < b for a, b in all_caps_lines)
        names = split.get(run)
        if names is None:
            names = split[run] = _names_in_run(run)
        for offset, name, role in names:
            # (fields given in order: keywords cost a third more, per candidate)
            cand = _Candidate(start + offset, start + offset + len(name), name, None, role, in_caps)
            cand.kind = _classify(text, cand, in_caps)
            if cand.kind == "person" and cand.role is None:
                cand.role = _appositive_role(text, cand.end)
            yield cand


@cache
def _lone_non_entities() -> frozenset[str]:
    """Runs that are one word no name starts with ("The", "He", "But"): a third of all
    runs, dropped before any work, as ``_names_in_run`` would find no name in them."""
    return frozenset(
        word
        for word in _non_entities()
        if " " not in word and not word.endswith(("’", "'")) and not _starts_known([word])
    )


def _all_caps_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in capitals (headlines, datelines), where case says nothing."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if _in_capitals(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ASCII_LOWER = string.ascii_lowercase.encode()


def _in_capitals(line: str) -> bool:
    """At least 12 letters, more than 80% of them capitals."""
    # Counted in C on the UTF-8 bytes: deleting the ASCII letters (or capitals) leaves the
    # rest. Every other character adds at least one byte, which bounds how many capitals
    # could hide among them; only a line that bound cannot settle is counted by hand.
    if len(line) < 12:
        return False  # too few characters for 12 letters (most such lines are blank)
    raw = line.encode("utf-8")
    if len(raw) == len(line):
        # ASCII: the capitals can be over four times the lower-case letters (80%) only if
        # these are under a fifth of the line, so one count settles a line of prose
        lower_case = len(raw) - len(raw.translate(None, _ASCII_LOWER))
        if 5 * lower_case >= len(raw):
            return False
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    capitals = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    others_at_most = len(raw) - len(line)
    if others_at_most == 0:
        return letters >= 12 and capitals > 0.8 * letters
    if capitals + others_at_most <= 0.8 * letters:
        return False  # mostly lower-case ASCII, whatever the other letters are
    letters, capitals = sum(map(str.isalpha, line)), sum(map(str.isupper, line))
    return letters >= 12 and capitals > 0.8 * letters


def _names_in_run(run: str) -> tuple[tuple[int, str, str | None], ...]:
    """The names in one run of capitalised words, as (offset in the run, name, role).

    It reads the run's words alone, never the text around them, so a name an article
    repeats is split once.
    """
    # Two short paths, each giving what _split_run gives (pinned by tests): a lone word,
    # three runs in four, and plain capitalised words, most of the rest. Both read the run
    # without its possessive, as _split_run does: when only letters and spaces are left,
    # none of its rules before that cut can have applied ("Antony Blinken's").
    trimmed = _POSSESSIVE.sub("", run) if run.endswith(("’s", "'s", "’", "'")) else run
    if trimmed.isalpha():
        return _lone_word_names(trimmed)
    words = trimmed.split()
    if len(words) > 1 and trimmed.istitle() and "".join(words).isalpha() and _is_plain_name(words):
        return ((0, " ".join(words), None),)
    return tuple(_split_run(run, 0, len(run)))


def _lone_word_names(word: str) -> tuple[tuple[int, str, str | None], ...]:
    """What ``_split_run`` makes of a run of one word of letters alone (no hyphen, full
    stop or space; its possessive cut off): no title, particle, place pair or
    hyphenated pair can be split from it, so only the common word and the lone
    nationality are left to drop ("The", "Austrian"), unless a place or organization
    has that name."""
    if word in _non_entities():
        return ()
    demonym = (word.capitalize() if word.isupper() else word) in _demonyms()
    if demonym and not _starts_known([word]):
        return ()
    return ((0, word, None),)


def _is_plain_name(words: list[str]) -> bool:
    """Whether ``_split_run`` keeps these two or more capitalised words of letters whole
    ("Antony Blinken", "New York"), by the rules that could split them: no title or role
    noun stands where one could open or end, and then either the words are a known place
    or organization (which no rule cuts into, but a country after a known organization
    may be split off) or the first word is none that a rule drops and neither end is a
    country."""
    first, last = words[0], words[-1]
    if first.lower() in _title_openers() or (
        len(words) > 2
        and (
            words[1].lower() in _title_openers()
            or any(w.lower() in _role_nouns() for w in words[:-2])
        )
    ):
        return False
    whole = " ".join(words)
    if whole in gazetteer() or whole in _known_orgs():
        return (whole in gazetteer() or last not in _country_names()) and not all(
            w in _non_entities() for w in words
        )
    return (
        first not in _dropped_first_words()
        and last not in _country_names()
        and first.lower() not in _function_words()
    )


@cache
def _title_openers() -> frozenset[str]:
    """The lower-cased words a title may open with, its modifiers included."""
    return _TITLE_MODIFIERS | frozenset(_titles_by_first_word())


@cache
def _dropped_first_words() -> frozenset[str]:
    """First words after which ``_split_run`` may cut a run: common words, nationalities,
    months and days, countries."""
    return frozenset().union(
        _non_entities(), _demonyms(), _demonym_first_words(), _MONTHS_AND_DAYS, _country_names()
    )


@cache
def _function_words() -> frozenset[str]:
    """Lower-cased words that may be function words (a few more: see _is_function_word)."""
    return _opening_words() | _stopwords()


def _split_run(run: str, start: int, end: int) -> Iterator[tuple[int, str, str | None]]:
    phrase = run[start:end]
    # A possessive inside a run ends a name: "President’s Xi Jingping" is two runs.
    inner = _INNER_POSSESSIVE.search(phrase) if "’s" in phrase or "'s" in phrase else None
    if inner is not None:
        yield from _split_run(run, start, start + inner.start() + 2)
        yield from _split_run(run, start + inner.end(), end)
        return
    # "Kim Jong Un." at a sentence end: the full stop is not part of the name.
    if phrase.endswith(".") and _CLOSING_ABBREVIATION.search(phrase):
        phrase = phrase[:-1]
        end -= 1
    # Possessive: "Biden's" -> "Biden".
    trimmed = _POSSESSIVE.sub("", phrase) if phrase.endswith(("’s", "'s", "’", "'")) else phrase
    end = start + len(trimmed)
    words = trimmed.split()
    if len(words) == 1 and _is_non_entity(words[0]) and not _starts_known(words):
        return  # the commonest run of all: a sentence's capitalised first word ("The", "He")
    # "Austrian Anna Berg", "Sri Lankan", "Frenchman Luc Morel": a nationality is no name
    # and no part of one, unless it opens an organization's ("Swiss Bank Corp").
    nationality = _leading_demonym(words)
    if nationality and not (_is_org_shape(words) or _starts_known(words)):
        if nationality == len(words):
            return
        start += len(" ".join(words[:nationality])) + 1
        words = words[nationality:]
    # "US Secretary of State Antony Blinken": a place or organization before a title
    # is a mention of its own, and the title is the person's role.
    if (
        len(words) > 2
        and _starts_title(words[1:])
        and (_is_place(words[0]) or words[0] in _known_orgs())
    ):
        yield from _split_run(run, start, start + len(words[0]))
        start += len(words[0]) + 1
        words = words[1:]
    # "Golan Heights Israel", "Kashmir India": a known place, then the country it is in
    if (
        len(words) > 1
        and _is_country(words[-1])
        and (len(words) > 2 or _is_region(words[0]))
        and _is_place(" ".join(words[:-1]))
        and not _is_place(" ".join(words))
    ):
        yield from _split_run(run, start, end - len(words[-1]) - 1)
        yield from _split_run(run, end - len(words[-1]), end)
        return
    # "Ukraine Kurt Volker", "India RBI": a country before a person's name or an acronym is
    # a place of its own, never the first word of a person's name (unless it is a given
    # name too: "Jordan Rhodes").
    if (
        len(words) > 1
        and _is_country(words[0])
        and words[0] not in _given_names()
        and not _starts_known(words)
        and not _is_org_shape(words)
        and (_person_shaped(words[1:]) or (len(words) == 2 and words[1].isupper()))
    ):
        yield from _split_run(run, start, start + len(words[0]))
        start += len(words[0]) + 1
        words = words[1:]
    # "Neither Meri", "Should Rubin leave", "Am Donnerstag": a function word opening a
    # sentence is no part of a name (unless it is a given name too: "Will Carling").
    while len(words) > 1 and _is_function_word(words[0]) and not _opens_known(words):
        start += len(words[0]) + 1
        words = words[1:]
    # Leading words that are not names ("In Seoul", "The Pentagon"), unless the
    # whole is an organization ("Chinese Communist Party").
    while (
        words
        and _is_non_entity(words[0])
        and not (len(words) > 1 and _INITIAL.fullmatch(words[0]))  # "A. Stewart", "I. Lee"
        and not _starts_title(words)
        and (
            not _is_org_shape(words)
            or words[0] in ("The", "the", "A", "An")
            # "In August ...", "On Monday Federal Reserve officials": a sentence's
            # opening word before an organization's name
            or (words[0] in _OPENING_FUNCTION_WORDS and _is_org_shape(words[1:]))
            # "Jewish West Bank settlements": a describing word before a place
            or _is_place(" ".join(words[1:]))
        )
        and not _opens_known(words)
    ):
        start += len(words[0]) + 1
        words = words[1:]
    # "Minneapolis-based First Bank System Inc": the base describes, the name follows;
    # "August National Association of ...": a date's month before an organization.
    based = (
        [i for i, word in enumerate(words[:-1]) if word.endswith("-based")]
        if "-based" in trimmed  # rare: no word-by-word look without it
        else []
    )
    dropped = based[-1] + 1 if based else 0
    if (
        not dropped
        and len(words) > 2
        and words[0] in _MONTHS_AND_DAYS
        and words[1] not in load_words("paper_words")  # "Sunday Times Magazine": a paper
        and not _starts_known(words)
    ):
        dropped = int(_is_org_shape(words[1:]) or _is_known_org(words[1:]))
    if dropped:
        start += len(" ".join(words[:dropped])) + 1
        words = words[dropped:]
    if not words:
        return
    # "US-China ties", "India-Pakistan border": places joined by a hyphen are each a place.
    parts = words[0].split("-") if "-" in words[0] else ()
    if len(parts) > 1 == len(words) and not _is_place(words[0]) and all(map(_is_place, parts)):
        for part in parts:
            yield from _split_run(run, start, start + len(part))
            start += len(part) + 1
        return
    # A trailing particle is not part of the name.
    while words and words[-1] in ("of", "for", "the", "and", "on", "de", "van", "von", "bin", "al"):
        end -= len(words[-1]) + 1
        words = words[:-1]
    if not words:
        return
    # "Lynn Reaser of Barnett Banks Inc", "Chairman Alan Greenspan of the Federal Reserve":
    # a person, then the organization they are of.
    of_inside = "of" in words and "of" in words[1:-1]  # (most runs have no "of" at all)
    if of_inside and not _starts_known(words):
        cut = words.index("of")
        head, tail = words[:cut], words[cut + 1 :]
        if tail[0] in ("the", "The"):
            tail = tail[1:]
        if tail and _person_shaped(head) and (_is_org_shape(tail) or _is_known_org(tail)):
            yield from _split_run(run, start, start + len(" ".join(head)))
            yield from _split_run(run, end - len(" ".join(tail)), end)
            return
    # "Kia Motor Corp of South Korea": a company's legal form, then where it is.
    if of_inside and "of" in words[2:-1]:
        cut = len(words) - 1 - words[::-1].index("of")
        place = " ".join(words[cut + 1 :])
        if words[cut - 1] in load_words("corporate_endings") and _is_place(place):
            yield from _split_run(run, start, start + len(" ".join(words[:cut])))
            yield from _split_run(run, end - len(place), end)
            return
    # "King Abdullah of Jordan", "Dinamo of Russia": a name, then the place it is of.
    if of_inside and not _is_org_shape(words) and not _starts_known(words):
        cut = len(words) - 1 - words[::-1].index("of")
        place = " ".join(words[cut + 1 :])
        if _is_place(place) and not _is_place(" ".join(words)):
            head_end = start + len(" ".join(words[:cut]))
            yield from _split_run(run, start, head_end)
            yield from _split_run(run, end - len(place), end)
            return
    role, words, start = _strip_title(words, start)
    # "Secretary of Defence": what is left after the title is no name.
    while words and words[0].islower():
        start += len(words[0]) + 1
        words = words[1:]
    if not words or all(map(_is_non_entity, words)):
        return
    # the words joined by plain spaces: a no-break space inside a name is a space
    yield start, " ".join(words), role


_OPENING_FUNCTION_WORDS = frozenset(
    ["In", "On", "At", "For", "By", "With", "From", "After", "Before", "During", "As", "But",
     "And", "Then", "When", "While", "Since", "To", "Into", "Despite", "Although",
     "Though", "If", "Until", "Through", "About", "Against", "Among", "Between", "Within",
     "Without", "Meanwhile", "Also", "So", "Yet", "Or"]
)  # fmt: skip
_MONTHS_AND_DAYS = frozenset(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
     "Friday", "Saturday", "Sunday"]
)  # fmt: skip


def _is_function_word(word: str) -> bool:
    if not word[1:].islower():
        return False
    lowered = word.lower()
    if lowered in _opening_words():
        return True
    return lowered in _stopwords() and word not in _given_names()


@cache
def _opening_words() -> frozenset[str]:
    return load_words("opening_words")


@cache
def _stopwords() -> frozenset[str]:
    return load_words("stopwords")


@cache
def _demonyms() -> frozenset[str]:
    return load_words("demonyms")


@cache
def _demonym_first_words() -> frozenset[str]:
    return frozenset(d.split()[0] for d in _demonyms() if " " in d)


def _leading_demonym(words: list[str]) -> int:
    """How many of the leading words are a nationality ("Sri Lankan" is two), else 0."""
    first = words[0].capitalize() if words[0].isupper() else words[0]
    if len(words) > 1 and first in _demonym_first_words():
        second = words[1].capitalize() if words[1].isupper() else words[1]
        if f"{first} {second}" in _demonyms():
            return 2
    return int(first in _demonyms())


def _person_shaped(words: list[str]) -> bool:
    """A given name and a surname, with any title before them: "Alan Greenspan",
    "Chairman Alan Greenspan"."""
    _role, name, _start = _strip_title(words, 0)
    return (
        2 <= len(name) <= 3
        and name[0] in _given_names()
        and all(w[:1].isupper() and w[1:].islower() for w in name)
    )


def _is_known_org(words: list[str]) -> bool:
    return " ".join(words) in _known_orgs()


def _starts_known(words: list[str]) -> bool:
    joined = " ".join(words)
    return joined in _known_orgs() or joined in gazetteer()


def _opens_known(words: list[str]) -> bool:
    """The words, or their first two or three, name a known place or organization: "New
    York Stock Exchange" opens with "New York"."""
    return _starts_known(words) or any(
        _starts_known(words[:size]) for size in range(min(3, len(words) - 1), 1, -1)
    )


def _starts_title(words: list[str]) -> bool:
    if (words[0].lower() if words else "") not in _title_openers():
        return False  # the commonest answer, without lower-casing every word
    return _leading_title([w.lower() for w in words]) is not None


def _is_non_entity(word: str) -> bool:
    # (a word with no full stop to strip needs one lookup, not two)
    return word in _non_entities() or (word[-1:] == "." and word.rstrip(".") in _non_entities())


def _strip_title(words: list[str], start: int) -> tuple[str | None, list[str], int]:
    """Split "Secretary of State Antony Blinken" into the role and the name."""
    # (the words are lower-cased only where a title may open: most names open none)
    opens = bool(words) and words[0].lower() in _title_openers()
    title = _leading_title([w.lower() for w in words]) if opens else None
    if title is not None:
        role_text = " ".join(words[: len(title)])
        return role_text, words[len(title) :], start + len(role_text) + 1
    # "Charlotte Mayor Jennifer Roberts", "Interim DNC Chairwoman Donna Brazile": a
    # capitalised role noun with a full name after it is a role, whatever stands before.
    for i in range(len(words) - 3, -1, -1):
        if words[i].lower() in _role_nouns():  # (rare: only then are the words after it read)
            rest = words[i + 1 :]
            if _org_words().isdisjoint(rest):
                role_text = " ".join(words[: i + 1])
                return role_text, rest, start + len(role_text) + 1
    return None, words, start


def _classify(text: str, cand: _Candidate, in_caps: bool) -> str | None:
    name = cand.text
    words = name.split()
    lookup = _caps_lookup(name) if in_caps or (name.isupper() and len(name) > 4) else name
    before = text[max(0, cand.start - 40) : cand.start]
    after = text[cand.end : cand.end + SPEECH_WINDOW]
    if cand.role is None:
        cand.role = _role_before(before)
    # (an apposition opens with a comma: most names need no match at all)
    apposition = _APPOSITION.match(after) if after[:1] == "," else None
    if cand.role is None and apposition and apposition["role"].split()[-1] in _role_nouns():
        cand.role = apposition["role"]
    # looked up once here, as most rules below ask them
    known_orgs, org_words = _known_orgs(), _org_words()
    is_place = lookup in gazetteer()
    several = len(words) > 1
    if (
        several
        and not _event_words().isdisjoint((words[0], words[-1]))
        and lookup not in known_orgs
    ):
        return None  # "Davis Cup", "Hong Kong Open", "Hurricane Edouard": an event
    if lookup in known_orgs or (several and not is_place and _is_org_shape(words)):
        return "org"  # "West Bank" ends like an organization but is a place
    if not is_place and words[-1] in org_words and before.endswith(("the ", "The ")):
        return "org"
    if (
        not is_place
        and (several or after[1:2] in _FACILITY_INITIALS)
        and _place_shape(words, after) is not None
    ):
        return "place"  # "Long Island", "Heathrow airport": a place, never a person
    if cand.role is not None and not is_place and _is_title_role(cand.role):
        return "person"
    if is_place:
        return "place"
    if lookup in minor_place_names() and _is_minor_place_here(text, cand, lookup, before):
        return "place"
    if not in_caps and name.isupper() and _is_prose_acronym(text, cand, name):
        return "org"  # "the SPD said", "shares in TWA": an unknown acronym in prose
    # (a candidate always has a word that may be a name: _split_run keeps no other)
    if several and (words[0] in _given_names() or words[-1] in _surnames()):
        return "person"
    if 2 <= len(words) <= 4 and _INITIAL.fullmatch(words[0]) and words[-1][1:].islower():
        return "person"  # "M. Butcher", "J. R. Smith": an initial before a surname
    cued = apposition or _SPEECH_AFTER.match(after) or _speech_before(before)
    if cued and len(words) <= 4 and not any(w in org_words for w in words):
        return "person"
    if cand.role is not None and len(words) <= 4:
        return "person"
    if (
        len(words) == 1
        and words[0] in _known_surnames()
        and not _is_title_role(words[0])
        and not _SENTENCE_START.search(text[max(0, cand.start - 4) : cand.start])
    ):
        # "Yeltsin", "Clinton": a public figure by surname alone, but not a sentence's
        # first word, where "Rice prices rose" and "Bush fires raged" are common nouns
        return "person"
    if len(words) == 1 and words[0] in _given_names() and words[0] not in _non_entities():
        return None  # a lone first name with no cue: not enough to call it a person
    name_shaped = 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
    if name_shaped and any(w in _surnames() or w in _given_names() for w in words):
        return "person"
    return None


# The longest speech cue before a name ("according to"), its space and a line end.
_SPEECH_BEFORE_REACH = len("according to") + 2


def _speech_before(before: str) -> bool:
    """A speech verb just before a name ("said Blinken"). The cue ends the text, so the
    search starts where the longest cue could, not at every character (the word boundary
    still sees the character before that start)."""
    if not before.rstrip().endswith(_SPEECH_CUES):
        return False  # (a check in C that most names fail, before the search)
    return _SPEECH_BEFORE.search(before, max(0, len(before) - _SPEECH_BEFORE_REACH)) is not None


@cache
def _event_words() -> frozenset[str]:
    return load_words("event_words")


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at)\s$")
_PLACE_AFTER_COMMA = re.compile(r"\s?,\s(?P<place>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})")


def _is_minor_place_here(text: str, cand: _Candidate, lookup: str, before: str) -> bool:
    """A small town is a place where the text says so: after "in", "near", "outside" or
    "at" ("in Doboj"), or before the country or region it is in ("Doboj , Bosnia")."""
    if lookup not in minor_place_names() or _could_be_a_person(lookup):
        return False
    if _LOCATIVE_BEFORE.search(before):
        return True
    after = _PLACE_AFTER_COMMA.match(text, cand.end)
    return after is not None and _is_region(after["place"])


def _could_be_a_person(name: str) -> bool:
    words = name.split()
    return (
        words[0] in _given_names()
        or words[-1] in _surnames()
        or words[-1] in _known_surnames()
        or _is_non_entity(words[0])
    )


@cache
def _place_words() -> dict[str, str]:
    return dict((word, kind) for word, kind in load_table("place_words"))


_FACILITY_INITIALS = frozenset("arvsilbd")  # the first letters of the words below
_FACILITY_AFTER = re.compile(r"\s(?:airport|river|valley|stadium|island|lake|bay|desert)\b")


def _place_shape(words: list[str], after: str) -> str | None:
    """The kind of place a name is by its shape ("Golan Heights", "Amazon River", "Lake
    Kivu", "Stansted airport"), or None."""
    if len(words) >= 2:
        kind = _place_words().get(words[-1])
        if kind is not None:
            return kind
        if words[0] in ("Lake", "Mount", "Mt", "Mt."):
            return "water" if words[0] == "Lake" else "other"
    if (
        after[1:2] in _FACILITY_INITIALS
        and _FACILITY_AFTER.match(after)
        and not any(w in _org_words() for w in words)
    ):
        return "other"
    return None


_ACRONYM = re.compile(r"[A-Z][A-Z&]{2,4}")
# A sentence around an acronym has lower-case words within this many characters.
PROSE_WINDOW = 30
_PROSE_WORDS = re.compile(r"\b[a-z]{3,}\s[a-z]{2,}\b")


def _is_prose_acronym(text: str, cand: _Candidate, name: str) -> bool:
    """An acronym of three to five capitals the lists do not know, in a sentence of prose
    (not a table's row), names an organization: parties, agencies, companies."""
    if not _ACRONYM.fullmatch(name) or _is_non_entity(name) or _starts_title([name]):
        return False
    if _is_speaker_label(text, cand):
        return False  # "HOST: ..." in a transcript names who speaks, not an organization
    before = text[max(0, cand.start - PROSE_WINDOW) : cand.start]
    after = text[cand.end : cand.end + PROSE_WINDOW]
    return bool(_PROSE_WORDS.search(before) or _PROSE_WORDS.search(after))


_LABEL_OPENING = re.compile(r"[\s\"“'‘—–-]*")


def _is_speaker_label(text: str, cand: _Candidate) -> bool:
    """A word in capitals that opens its line and is followed by a colon labels a speaker
    in a transcript ("SMITH: We will", "ANCHOR: Welcome back")."""
    if not text.startswith(":", cand.end):
        return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    return _LABEL_OPENING.fullmatch(text, line_start, cand.start) is not None


def _caps_lookup(name: str) -> str:
    """The gazetteer's or the organization list's spelling of a name written in capitals:
    "NEW YORK" -> "New York", "US NAVY" -> "US Navy"."""
    words = name.split()
    if len(words) == 1:  # most are one word: no joining
        word = words[0]
        plain = word.capitalize()
        if plain in gazetteer() or plain in _known_orgs():
            return plain
        return word if len(word) <= 3 and word.isupper() else plain
    plain = " ".join(map(str.capitalize, words))
    if plain in gazetteer() or plain in _known_orgs():
        return plain
    return _title_case(name)


def _title_case(name: str) -> str:
    return " ".join(w if len(w) <= 3 and w.isupper() else w.capitalize() for w in name.split())


def _is_place(name: str) -> bool:
    return name in gazetteer()


def _is_org_shape(words: list[str]) -> bool:
    if len(words) >= 3 and any(w in _org_words() for w in words[1:-1]):
        return True  # "Major League Baseball", "Federal Reserve Bank Board"
    if len(words) >= 2 and (words[-1] in _org_words() or words[0] in _org_words()):
        return not (len(words) == 2 and words[0] in _org_words() and words[1] in _org_words())
    return False


def _is_title_role(role: str) -> bool:
    return bool(role) and (
        role.split()[-1].lower() in _role_nouns()
        or (role.lower().rstrip("."),) in _titles_by_first_word().get(role.lower().rstrip("."), ())
    )


# ", China's foreign minister,", ", the foreign minister,", ", chief executive of Kestrix
# Mining Corp,": a role set off by commas after a person's name.
_APPOSITIVE = re.compile(
    r"\s?,\s(?:(?:the|an?)\s)?(?P<role>(?:[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}\s?['’]s\s)?"
    r"(?:[a-z][\w-]*\s){0,3}(?P<noun>[a-z][\w-]*)"
    r"(?:\s(?:of|at|for)\s(?:the\s)?[A-Z][\w.&-]*(?:\s(?:[A-Z][\w.&-]*|of|and|&)){0,5})?)"
    r"(?=\s?[,.;]|\s(?:said|says|told)\b)"
)
APPOSITIVE_MAX_CHARS = 90


def _appositive_role(text: str, end: int) -> str | None:
    """The role a person's name is followed by, between commas: "Wang Yi, China's foreign
    minister, said" -> "China's foreign minister"; None when the words are no role."""
    if "," not in text[end : end + 2]:
        return None  # the role opens with a comma, at most a space away: most names lack one
    match = _APPOSITIVE.match(text, end, min(len(text), end + APPOSITIVE_MAX_CHARS))
    if match is None:
        return None
    noun = match["noun"]
    role = match["role"]
    if noun in _role_nouns() or any(
        tuple(role.lower().split()[-len(t) :]) == t for t in _titles_by_last_word().get(noun, ())
    ):
        return role
    return None


@cache
def _role_last_words() -> frozenset[str]:
    """The words a role before a name may end with: a title's last word or a role noun."""
    return frozenset(_titles_by_last_word()) | _role_nouns()


def _role_before(before: str) -> str | None:
    """A lower-case role phrase just before a name: "defence secretary", "Pentagon chief".

    Walks back from the name over lower-case words, taking one capitalised word
    only when it is an acronym or a known organization or place ("US", "Pentagon").
    """
    if not before.endswith(" "):  # (", " ends with a space too)
        return None
    kept = before.rstrip(" ,")
    if kept[kept.rfind(" ") + 1 :] not in _role_last_words():
        return None  # most names follow no role: the last word says so without a split
    words = kept.split(" ")
    # "secretary of state Antony Blinken": a title written in lower case, else a role noun
    titles = _titles_by_last_word().get(words[-1])
    title = next((t for t in titles if tuple(words[-len(t) :]) == t), None) if titles else None
    if title is not None:
        size = len(title)
    elif words[-1] in _role_nouns():
        size = 1
    else:
        return None
    taken = words[-size:][::-1]
    for word in reversed(words[:-size]):
        if len(taken) >= MAX_ROLE_WORDS or not word or word[-1] in ',.;:”"':
            break
        # before a noun, any describing word ("defence secretary"); before a title, only
        # its modifiers ("former prime minister", not "met prime minister")
        if word.islower() and (word in _TITLE_MODIFIERS if size > 1 else word not in _ROLE_STOP):
            taken.append(word)
            continue
        if word[:1].isupper() and (word.isupper() or word in _known_orgs() or _is_place(word)):
            taken.append(word)
        break
    return " ".join(reversed(taken))


# ---------------------------------------------------------------------------
# organizations' short names

_ACRONYM_AFTER = re.compile(r"^\s?\(\s?(?P<acronym>[A-Z][A-Z&.]{1,7})\s?\)")
_INITIALS_SKIP = frozenset(["of", "for", "the", "and", "in", "on", "de", "&"])


def _may_stand_alone(word: str) -> bool:
    """A company's first word that names it alone: not a common word, a title, a place, a
    nationality or a given name ("General Motors", "American Express", "Philip Morris")."""
    return (
        len(word) > 2
        and word[1:].islower()
        and not _is_non_entity(word)
        and not _is_function_word(word)
        and not _is_place(word)
        and word not in _demonyms()
        and word not in _given_names()
        and word not in _org_words()
        and not _starts_title([word])
    )


def _read_short_org_names(text: str, cands: list[_Candidate]) -> None:
    """An organization named in full lends its type to its short forms anywhere in the
    article: the name without its corporate ending, and its acronym, whether given in
    brackets ("Kurdistan Democratic Party ( KDP )") or made of its initials ("OSCE")."""
    short_names: set[str] = set()
    for cand in cands:
        if cand.kind != "org":
            continue
        words = cand.text.split()
        while len(words) > 1 and words[-1] in load_words("corporate_endings"):
            words = words[:-1]
        if len(words) < len(cand.text.split()):
            short_names.add(" ".join(words))
            if len(words) > 1 and _may_stand_alone(words[0]):
                short_names.add(words[0])  # "Halvard Mining Corp" -> "Halvard"
        # (a bracket opens at most a space after the name: no match to try without one)
        bracketed = (
            _ACRONYM_AFTER.match(text[cand.end : cand.end + 14])
            if "(" in text[cand.end : cand.end + 2]
            else None
        )
        if bracketed and not _is_place(bracketed["acronym"]):  # "( U.S. )": a nationality
            short_names.add(bracketed["acronym"])
        initials = "".join(w[0] for w in words if w not in _INITIALS_SKIP and w[0].isupper())
        if len(initials) >= 3:
            short_names.add(initials)
    for cand in cands:
        if cand.kind != "org" and cand.role is None and cand.text in short_names:
            cand.kind = "org"


# A name in a line of capitals is at most this many words: "BOSNIA AND HERZEGOVINA" is lost.
CAPS_NAME_MAX_WORDS = 4
_WORD_SPAN = re.compile(r"\S+")


def _split_capitals(cands: list[_Candidate]) -> list[_Candidate]:
    """A headline in capitals is one run of capitalised words ("CHINA TELLS JAPAN TO
    FACE PAST"); the names in it are the places and organizations the gazetteer and the
    lists know and the names the article's body types ("KOLVENAAR" after a body's
    "Kolvenaar", "HENSEL" after "Dirk Hensel"), longest first."""
    if not any(c.in_caps and c.kind is None for c in cands):
        return cands
    body: dict[str, tuple[str, str]] = {}  # case-folded name -> (kind, the body's spelling)
    for cand in cands:
        if cand.in_caps or cand.kind is None:
            continue
        body.setdefault(cand.text.casefold(), (cand.kind, cand.text))
        if cand.kind == "person" and " " in cand.text:
            surname = cand.text.split()[-1]
            body.setdefault(surname.casefold(), ("person", surname))
    out: list[_Candidate] = []
    for cand in cands:
        names = (
            list(_names_in_capitals(cand, body))
            if cand.in_caps and cand.kind is None and " " in cand.text
            else None
        )
        out.extend(names or (cand,))
    return out


def _names_in_capitals(cand: _Candidate, body: dict[str, tuple[str, str]]) -> Iterator[_Candidate]:
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(cand.text)]
    i = 0
    while i < len(words):
        for size in range(min(CAPS_NAME_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + size - 1][1]
            phrase = cand.text[start:end]
            found = _name_in_capitals(phrase, body)
            if found is not None:
                kind, spelling = found
                yield _Candidate(cand.start + start, cand.start + end, spelling, kind, None, True)
                i += size
                break
        else:
            i += 1


def _name_in_capitals(phrase: str, body: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The kind and spelling of a phrase written in capitals, or None."""
    known = body.get(phrase.casefold())
    if known is not None:
        return known
    plain = _caps_lookup(phrase)
    if _is_non_entity(plain):
        return None
    if _is_place(plain):
        return "place", phrase
    if plain in _known_orgs():
        return "org", phrase
    return None


def _read_relatives(cands: list[_Candidate]) -> None:
    """A full name with no type of its own whose surname is a person's the article names
    is a person too, a relative or a namesake: "Dzhokhar Tsarnaev" beside "Tamerlan
    Tsarnaev"."""
    surnames = _people_words(cands)
    if not surnames:
        return
    for cand in cands:
        if cand.kind is not None or " " not in cand.text:
            continue  # (a name of one word is no relative's: no split needed)
        words = cand.text.split()
        if (
            2 <= len(words) <= 3
            and words[-1] in surnames
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not any(_is_non_entity(w) for w in words[:-1])
        ):
            cand.kind = "person"


def _type_alike(text: str, cands: list[_Candidate], sports: bool) -> None:
    """A name read as an organization once is one at every occurrence in the article, in
    any case ("AJAX" in the headline, "Ajax" below): an occurrence with no type of its own
    takes it, and in a sports report so does a place or a person read only from the
    gazetteer or a given name, since there a city or a club's name names the team
    throughout. A venue ("at Leeds") and a titled person stay what they are."""
    places = {c.text for c in cands if c.kind == "place"}
    # a bare name read as a person's where a cue says so ("Dole said") is theirs where
    # no cue does ("Dole blasts Clinton" opening a headline)
    people = {c.text for c in cands if c.kind == "person" and " " not in c.text}
    for cand in cands:
        if cand.kind is None and cand.text in places and cand.text in minor_place_names():
            cand.kind = "place"  # "in Doboj" once: every "Doboj" is the town
        elif cand.kind is None and cand.text in people:
            cand.kind, cand.cued = "person", True
    orgs = {c.text.casefold() for c in cands if c.kind == "org"}
    if not orgs:
        return
    named = _people_words(cands)
    for cand in cands:
        if cand.kind == "org" or cand.role is not None or cand.text.casefold() not in orgs:
            continue
        if cand.text in named:
            continue
        if cand.kind is None:
            cand.kind = "org"
        elif sports:
            entry = _gazetteer_entry(cand.text)
            if entry is not None and entry.kind in _NOT_TEAMS:
                continue
            if _PLAYER_OR_VENUE_BEFORE.search(text, max(0, cand.start - 16), cand.start):
                continue
            cand.kind = "org"


# ---------------------------------------------------------------------------
# sports teams

# A text with this many sports words or scores reads as a sports report.
SPORTS_EVIDENCE = 4
# "3-1", "429-7": one to three digits, a hyphen, one to three digits, and no date, decimal
# or longer figure ("1996-08-22", "2.5-3"). Matched from its hyphen, which the engine finds
# at C speed (from every digit it cost ten times as much): the look-behinds read the one to
# three digits before it, with no digit, point, slash or hyphen before them.
_SCORE_FIGURES_BEFORE = "|".join(rf"(?<=(?<![\d./-])\d{{{n}}}-)" for n in (1, 2, 3))
_SCORE = re.compile(rf"-(?<=\d-)(?:{_SCORE_FIGURES_BEFORE})\d{{1,3}}(?![\d/-])")
# Where a team stands: before a result verb or a team role, after "beat" or "v"; a place
# name also before a score ("CHICAGO 71 64 .526", "Surrey 429-7").
_RESULT_AFTER = re.compile(
    r"^(?:\s\(\s?[A-Z][\w. ]{1,20}\)\s?)?"
    r"(?:\s(?:beat|beats|defeated|drew|rallied|edged|routed|thrashed|AT)\b"
    r"|\s(?:captain|coach|manager|striker|goalkeeper|pitcher|batsman|bowler|skipper)\b"
    r"|\s?['’]s\s(?:win|victory|defeat|innings|captain|coach|manager|bowlers|batsmen)\b"
    # a place taking a plural verb is a team ("Essex are", "Marseille were")
    r"|\s(?:are|were|have)\s(?!been\b|to\b)"
    # "the Marseille soccer team", "Leeds side"
    r"|\s(?:(?:soccer|football|cricket|rugby|basketball|hockey|baseball)\s)?"
    r"(?:team|club|side|squad)\b)"
)
_RESULT_BEFORE = re.compile(
    r"\b(?:beat|beating|defeated|v|vs\.?|against|lost to|drew with|win over|victory over"
    r"|(?:play|plays|played|playing|signed|signs) for|joined)\s$"
)
_SCORE_AFTER = re.compile(r"^\s\d{1,3}(?![\d,.]\d|\d)(?!-\d\d-)")
_NOT_TEAMS = ("country", "continent", "water")
# "P. Simmons 4-38" is a player; "in Chicago", "at Leeds" a venue.
_PLAYER_OR_VENUE_BEFORE = re.compile(r"\b[A-Z]\.\s?$|\b(?:in|at|from|to|of)\s$")


def _is_sports_report(text: str) -> bool:
    head = text[:3000]
    # lower-cased, so capitalised headlines count too (cheaper than case-blind matching)
    words = len(_sports_words().spans(head.lower()))
    evidence = words + len(_SCORE.findall(head))
    if evidence >= SPORTS_EVIDENCE:
        return True
    # a results list pairs sides by scores ("Auxerre 0 Marseille 0") without a hyphen,
    # under a heading with a word of sport or two (looked for only then: it costs)
    if evidence < SPORTS_EVIDENCE // 2:
        return False
    return evidence + len(_PAIRED_SCORES.findall(head)) >= SPORTS_EVIDENCE


_PAIRED_SCORES = re.compile(
    r"(?m)^[A-Z][\w.' -]{1,30}\s\d{1,3}\s,?\s?[A-Z][\w.' -]{1,30}\s\d{1,3}\b"
)


@cache
def _sports_words() -> WordFinder:
    return WordFinder(load_words("sports_words"))


def _read_teams(text: str, cands: list[_Candidate]) -> None:
    """In a sports report, a name where a team stands is a team: "Leicestershire beat
    Somerset", "CHICAGO 71 64 .526", "Lotte 6 Hyundai 2". Nations stay places, the
    convention of news taggers; a name after an initial ("P. Simmons 4-38") is a player,
    and an unknown name before a score may be a player too, unless its line pairs two
    sides ("Lotte 6 Hyundai 2"). A club's name ("Werder Bremen", "Crystal Palace") and a
    standings row ("Tromvik 3 2 1 0 9 4 7") make a team even of a name read as a person's."""
    named = _people_words(cands)
    for cand in cands:
        if cand.kind not in (None, "place", "person") or cand.role is not None:
            continue
        if " " not in cand.text and cand.text in named:
            continue  # "Mickelson 's victory" after "Phil Mickelson": the player
        entry = _gazetteer_entry(cand.text)
        if entry is not None and entry.kind in _NOT_TEAMS:
            continue
        before = text[max(0, cand.start - 16) : cand.start]
        if _PLAYER_OR_VENUE_BEFORE.search(before):
            continue
        if _nation_after(text, cand.end):
            continue  # "Ana Ruiz ( Spain )": an athlete and her nation
        if (cand.kind != "person" or " " not in cand.text) and _nation_before(text, cand.start):
            cand.kind = "org"  # "2. Ana Ruiz ( Spain ) Kestrel 38:30.1": her team or make
            continue
        if _is_club_name(cand.text.split(), entry) or _heads_standings_row(text, cand):
            cand.kind = "org"
            continue
        after = text[cand.end : cand.end + 40]
        if cand.kind == "person":
            # "Sampras beat Agassi": players stand where teams do, except where a line
            # pairs two sides by their scores or a side is followed by its scorers
            if (_SCORE_AFTER.match(after) and _pairs_two_sides(text, cand)) or (
                _SCORE_THEN_SCORERS.match(after)
            ):
                cand.kind = "org"
        elif _stands_as_team(text, cand, before, after, known_place=entry is not None):
            cand.kind = "org"


# A cricket scorecard's dismissals ("c Croft b Mullally", "lbw b Akram", "st Latif") and
# a scorer's minute ("Klinsmann 15th", "Zieger 24th and 90th") mark players.
_DISMISSAL_BEFORE = re.compile(r"(?:^|\s)(?:c|b|st|c &|lbw b|run out \()\s$")
_MINUTE_AFTER = re.compile(r"\s\d{1,3}(?:st|nd|rd|th)\b")


# "At Trent Bridge :", "at Old Trafford ,": where a match is played, before a colon or
# a comma that ends the phrase.
_VENUE_BEFORE = re.compile(r"(?:^|\s)[Aa]t\s(?:[Tt]he\s)?$")
_VENUE_AFTER = re.compile(r"\s?[:,;.]")


def _read_players(text: str, cands: list[_Candidate]) -> None:
    """In a sports report, a name in a scorecard's dismissal or before a scorer's minute
    is a player, whatever the gazetteer says of it ("b Cork", "Vannes 15th" is no club);
    an unknown name after "at" closing its phrase is the ground ("At Trent Bridge :")."""
    for cand in cands:
        if cand.kind not in (None, "place") or cand.role is not None or _is_region(cand.text):
            continue
        before = text[max(0, cand.start - 12) : cand.start]
        if _DISMISSAL_BEFORE.search(before) or _MINUTE_AFTER.match(text, cand.end):
            cand.kind, cand.cued = "person", True
        elif (
            cand.kind is None
            and _VENUE_BEFORE.search(before)
            and _VENUE_AFTER.match(text, cand.end)
        ):
            cand.kind, cand.cued = "place", True  # "At Trent Bridge :": the ground


def _people_words(cands: list[_Candidate]) -> frozenset[str]:
    """The surnames of the people an article names in full, whose bare surname stays theirs."""
    return frozenset(
        _surname_of(c.text.split()) for c in cands if c.kind == "person" and " " in c.text
    )


def _is_club_name(words: list[str], entry: GazetteerEntry | None) -> bool:
    """ "Manchester United", "Real Madrid", "Werder Bremen": two to four words, not a place
    themselves, holding a word of club names or ending in a city after a word that is no
    given name ("Bayern Munich", but not "Paul London")."""
    if not 2 <= len(words) <= 4 or entry is not None:
        return False
    if any(word in _club_words() for word in words):
        return True
    # "Houston Astros", "St. Louis Cardinals": a city or state, then the team's plural name
    for cut in range(len(words) - 1, 0, -1):
        if _is_place(" ".join(words[:cut])) and all(
            w[:1].isupper() and w[1:].islower() for w in words[cut:]
        ):
            return words[-1].endswith("s") and not _is_place(" ".join(words[cut:]))
    last = _gazetteer_entry(words[-1])
    return (
        last is not None
        and last.kind == "city"
        and words[0] not in _given_names()
        and not _INITIAL.fullmatch(words[0])  # "J. Crawley": a player
        and not any(w.lower() in _CLUB_NAME_BREAKS for w in words)  # "BOSTON AT CHICAGO"
        and not _is_place(" ".join(words[:-1]))
        and not _starts_title(words)
    )


_CLUB_NAME_BREAKS = frozenset(["at", "v", "vs", "vs.", "and", "of", "in", "beat", "to"])


@cache
def _club_words() -> frozenset[str]:
    return load_words("club_words")


# A standings row has at least this many columns of figures after the name (played,
# won, drawn, lost, for, against, points); a golfer's row has at most five.
STANDINGS_MIN_COLUMNS = 6
_STANDINGS_AFTER = re.compile(rf"(?:\s\d{{1,4}}(?![\d.:,-]\d)){{{STANDINGS_MIN_COLUMNS}}}")
_ROW_START = re.compile(r"(?:^|\n)(?:\d{1,3}[.)]?\s)?$")


def _heads_standings_row(text: str, cand: _Candidate) -> bool:
    """The name opening a line of whole numbers in columns: "Tromvik 3 2 1 0 9 4 7"."""
    return bool(
        _ROW_START.search(text, max(0, cand.start - 5), cand.start)
        and _STANDINGS_AFTER.match(text, cand.end)
    )


def _stands_as_team(
    text: str, cand: _Candidate, before: str, after: str, known_place: bool
) -> bool:
    if _RESULT_AFTER.match(after):
        return True
    if _RESULT_BEFORE.search(before):
        return True
    if (
        _CLUB_IN_BRACKETS_BEFORE.search(before)
        and _CLOSING_BRACKET.match(after)
        and len(cand.text) > 2  # "( b )": a list's letter
        and cand.text not in _given_names()
    ):
        return True  # "Anto Drobnjak ( Bastia )": a player's club (a nation stays a place)
    if _SCORE_THEN_SCORERS.match(after):
        return True  # "Guingamp 2 ( Wreh 15th ) Monaco 1": a side, its score, its scorers
    return bool(_SCORE_AFTER.match(after)) and (known_place or _pairs_two_sides(text, cand))


_NATION_IN_BRACKETS = re.compile(r"\s\(\s?(?P<nation>[A-Z][\w.' ]{1,24}?)\s?\)")


_BRACKETS_BEFORE = re.compile(r"\(\s?(?P<nation>[A-Z][\w.' ]{1,24}?)\s?\)\s$")


def _nation_before(text: str, start: int) -> bool:
    bracket = _BRACKETS_BEFORE.search(text, max(0, start - 30), start)
    return bracket is not None and _is_place(bracket["nation"])


def _nation_after(text: str, end: int) -> bool:
    bracket = _NATION_IN_BRACKETS.match(text, end)
    return bracket is not None and _is_place(bracket["nation"])


_CLUB_IN_BRACKETS_BEFORE = re.compile(r"[a-z]\s?\(\s?$")
_CLOSING_BRACKET = re.compile(r"\s?\)")
_SCORE_THEN_SCORERS = re.compile(r"\s\d{1,2}\s\(\s?[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)*\s\d")


def _pairs_two_sides(text: str, cand: _Candidate) -> bool:
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    return bool(_TWO_SIDES.match(line))


_TWO_SIDES = re.compile(r"^[A-Z][\w.' -]{1,30}\s\d{1,3}\s,?\s?[A-Z][\w.' -]{1,30}\s\d{1,3}\s?$")


# ---------------------------------------------------------------------------
# people


class _People(list[_Entity]):
    """The article's people, with those of two or more words filed under their first and
    last words, so a short form finds its candidates at once however many people there
    are (a list of thousands of names must not make linking quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_word: dict[str, list[_Entity]] = {}

    def append(self, entity: _Entity) -> None:
        super().append(entity)
        if " " in entity.name:
            for word in dict.fromkeys((entity.given, entity.surname)):
                self._by_word.setdefault(word, []).append(entity)

    def fitting(self, word: str) -> list[_Entity]:
        """People of two or more words whose first or last word is ``word``."""
        return self._by_word.get(word, [])


def _link_people(text: str, cands: list[_Candidate]) -> _People:
    people = _People()
    by_key: dict[str, _Entity] = {}
    pending_short: list[_Candidate] = []
    for cand in cands:
        words = cand.text.split()
        if len(words) >= 2:
            key = name_key(cand.text)
            entity = by_key.get(key)
            if entity is None:
                entity = _Entity(cand.text, "person")
                people.append(entity)
                by_key[key] = entity
            entity.mentions.append(_mention(text, cand.start, cand.end, cand.role, entity))
        else:
            pending_short.append(cand)
    for cand in pending_short:
        target = _person_for(cand.text, people, cand.start)
        if target is None:
            if (
                cand.role is None
                and not cand.cued
                and not _has_cue(text, cand)
                and cand.text not in _known_surnames()
            ):
                continue
            key = name_key(cand.text)
            target = by_key.get(key)
            if target is None:
                target = _Entity(cand.text, "person")
                people.append(target)
                by_key[key] = target
        target.mentions.append(_mention(text, cand.start, cand.end, cand.role, target))
    return people


def _has_cue(text: str, cand: _Candidate) -> bool:
    after = text[cand.end : cand.end + SPEECH_WINDOW]
    before = text[max(0, cand.start - 20) : cand.start]
    return bool(_SPEECH_AFTER.match(after) or _speech_before(before))


def _person_for(word: str, people: _People, pos: int | None = None) -> _Entity | None:
    """The one person a bare ``word`` names: by surname, else by the first word of the name
    ("Park" for Park Jin); None when none or several fit. People introduced before ``pos``
    are asked first, so "Kim" after "Patricia Kim" is hers even if "Kim Jong-un" comes
    later; a headline's "Biden" still finds the Joe Biden of the body."""
    named = people.fitting(word)
    if not named:
        return None
    if pos is not None:
        earlier = [p for p in named if p.first < pos]
        if _fits(word, earlier):
            return _one_person_for(word, earlier, pos)
    return _one_person_for(word, named, pos)


def _fits(word: str, people: list[_Entity]) -> list[_Entity]:
    return [p for p in people if word in (p.given, p.surname)]


def _one_person_for(word: str, people: list[_Entity], pos: int | None = None) -> _Entity | None:
    surname = [p for p in people if p.surname == word]
    fits = _fits(word, people)
    if len(surname) == 1 and len(fits) == 1:
        return surname[0]
    if len(surname) > 1 and len(fits) == len(surname) and pos is not None:
        # two people share a surname ("Tamerlan Tsarnaev", "Dzhokhar Tsarnaev"): the bare
        # surname is the one named in full most recently before it, never both
        return _last_named_before(surname, pos)
    if surname:
        return None  # a surname and a first word ("Sung Kim", "Kim Jong Un"): force neither
    return fits[0] if len(fits) == 1 else None


def _last_named_before(people: list[_Entity], pos: int) -> _Entity | None:
    latest: dict[int, _Entity] = {}
    for person in people:
        full = [m.start for m in person.mentions if m.start < pos and " " in m.text]
        if full:
            latest[max(full)] = person
    return latest[max(latest)] if latest else None


def _mention(text: str, start: int, end: int, role: str | None, entity: _Entity) -> Mention:
    if role and role not in entity.roles:
        entity.roles.append(role)
    if start < entity.first:
        entity.first = start
    return Mention(text[start:end], start, end)


def _people_records(people: list[_Entity]) -> tuple[Person, ...]:
    out = []
    for entity in people:
        mentions = tuple(sorted(entity.mentions, key=attrgetter("start")))
        roles = (
            tuple(_clean_role(r) for r in entity.roles if not _is_honorific(r))
            if entity.roles
            else ()
        )
        out.append(Person(entity.name, tuple(dict.fromkeys(roles)), len(mentions), mentions))
    return tuple(sorted(out, key=lambda p: p.mentions[0].start))


def _is_honorific(role: str) -> bool:
    return role.rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "sir", "dame")


def _clean_role(role: str) -> str:
    return role.strip(" ,")


# ---------------------------------------------------------------------------
# places and organizations


def _place_records(
    text: str, cands: list[_Candidate], town: GazetteerEntry | None = None
) -> tuple[Place, ...]:
    grouped: dict[tuple[str, str | None], tuple[GazetteerEntry, list[Mention]]] = {}
    for cand in cands:
        entry = _gazetteer_entry(cand.text) or minor_place(cand.text)
        if entry is None and town is not None and cand.text == town.name:
            entry = town
        if entry is None and cand.cued:
            entry = GazetteerEntry(cand.text, "other", None, None, None)  # a ground, say
        if entry is None:
            after = text[cand.end : cand.end + SPEECH_WINDOW]
            kind = _place_shape(cand.text.split(), after)
            if kind is None:
                continue
            entry = GazetteerEntry(cand.text, kind, None, None, None)  # known by its shape
        entry = _reading_in_context(text, cand, entry)
        grouped.setdefault((entry.name, entry.country), (entry, []))[1].append(
            Mention(text[cand.start : cand.end], cand.start, cand.end)
        )
    places = [
        Place(e.name, e.kind, e.country, e.lat, e.lon, len(ms), tuple(ms))
        for e, ms in grouped.values()
    ]
    return tuple(sorted(places, key=lambda p: p.mentions[0].start))


def _dateline_town(dateline: Dateline | None) -> GazetteerEntry | None:
    """The dateline's place when the gazetteer does not know it: a small town, or a place
    known only from the dateline, with the country written beside it."""
    if dateline is None or not dateline.place or _gazetteer_entry(dateline.place):
        return None
    country = None
    for match in _RUN.finditer(dateline.text):
        entry = _gazetteer_entry(match.group())
        if entry is not None and entry.kind == "country":
            country = entry.country
    town = minor_place(dateline.place)
    if town is not None and (country is None or town.country == country):
        return GazetteerEntry(dateline.place, "city", town.country, town.lat, town.lon)
    return GazetteerEntry(dateline.place, "other", country, None, None)


def _with_dateline_places(
    places: tuple[Place, ...], dateline: Dateline | None
) -> tuple[Place, ...]:
    """The dateline's place, and the country written beside it ("KVALSUND , Norway"), are
    places of the story even when the text never names them again: such a place joins the
    record with no mention in the text (count 0). A dateline place the gazetteer does not
    know is a small town's, or keeps its name, kind "other" and the country written beside
    it, if any."""
    if dateline is None or not dateline.place:
        return places
    have = {p.name for p in places}
    added: list[Place] = []
    for match in _RUN.finditer(dateline.text):
        entry = _gazetteer_entry(match.group())
        if entry is None:
            continue
        if entry.name not in have:
            have.add(entry.name)
            added.append(Place(entry.name, entry.kind, entry.country, entry.lat, entry.lon, 0, ()))
    town = _dateline_town(dateline)
    if town is not None and town.name not in have:
        added.insert(0, Place(town.name, town.kind, town.country, town.lat, town.lon, 0, ()))
    return (*added, *places)


# Kinds of place whose name is never a person's alias ("Yemen" is no short form of a
# person named "... Yemen"); a city may be a surname ("Malivai Washington").
_NEVER_ALIASES = ("country", "continent", "region", "state", "water")


def _is_country(name: str) -> bool:
    if name in _country_names():
        return True
    return not name.istitle() and _caps_lookup(name) in _country_names()


@cache
def _country_names() -> frozenset[str]:
    """Countries' names and aliases, for the many single-word tests of a run."""
    return frozenset(name for name, entry in gazetteer().items() if entry.kind == "country")


def _is_region(name: str) -> bool:
    entry = _gazetteer_entry(name)
    return entry is not None and entry.kind in _NEVER_ALIASES


def _alias_of(cand: _Candidate, people: _People) -> _Entity | None:
    """The person a bare word names, introduced by the article ("Blinken" after "Antony
    Blinken"), or None; a country or region names one only as the surname of a person
    whose given name is a given name ("Jordan" after "Michael Jordan"; never "Yemen" after
    a "Sunni Yemen" read as a person)."""
    person = _person_for(cand.text, people, cand.start)
    if person is None:
        return None
    entry = _gazetteer_entry(cand.text)
    if entry is None or entry.kind not in _NEVER_ALIASES:
        return person
    if person.surname == cand.text and _is_given_not_place(person.given):
        return person
    return None


def _is_given_not_place(word: str) -> bool:
    return word in _given_names() and not _is_place(word)


def _gazetteer_entry(name: str) -> GazetteerEntry | None:
    found = gazetteer().get(name)
    if found is not None or name.istitle():
        return found  # a name already written as the gazetteer writes names
    return gazetteer().get(_caps_lookup(name))


@cache
def _readings() -> dict[str, tuple[GazetteerEntry, ...]]:
    """Second readings of ambiguous names: Georgia the US state beside Georgia the country."""
    readings: dict[str, list[GazetteerEntry]] = {}
    for name, kind, country, lat, lon in load_table("place_readings"):
        entry = GazetteerEntry(name, kind, country, coordinate(lat), coordinate(lon))
        readings.setdefault(name, []).append(entry)
    return {name: tuple(entries) for name, entries in readings.items()}


_PLACE_BEFORE = re.compile(r"(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}),\s$")
_PLACE_AFTER = re.compile(r",\s(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})")


def _reading_in_context(text: str, cand: _Candidate, entry: GazetteerEntry) -> GazetteerEntry:
    """The reading of an ambiguous name its own phrase supports, else the gazetteer's: a
    place written beside it ("Atlanta, Georgia", "Paris, Texas") or the word "state"
    after it ("Washington state"). The rest of the article is no evidence: a story set in
    Washington may well name Georgia the country."""
    alternatives = _readings().get(entry.name, ())
    if not alternatives:
        return entry  # most names have one reading: no phrase to read
    before = _PLACE_BEFORE.search(text[max(0, cand.start - 40) : cand.start])
    after = _PLACE_AFTER.match(text[cand.end : cand.end + 40])
    beside = [_gazetteer_entry(m["place"].rstrip(".")) for m in (before, after) if m]
    after_state = text[cand.end : cand.end + 6] == " state"
    for alternative in alternatives:
        if any(e is not None and e.country == alternative.country for e in beside):
            return alternative
        if after_state and alternative.kind == "state":
            return alternative
    return entry


def _org_records(text: str, cands: list[_Candidate]) -> tuple[Organization, ...]:
    grouped: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    for cand in cands:
        key = name_key(cand.text)
        names.setdefault(key, cand.text)
        grouped.setdefault(key, []).append(
            Mention(text[cand.start : cand.end], cand.start, cand.end)
        )
    orgs = [Organization(names[k], len(ms), tuple(ms)) for k, ms in grouped.items()]
    return tuple(sorted(orgs, key=lambda o: o.mentions[0].start))
