"""Candidates: every run of capitalised words, split into the names it holds (a title
and the name after it, a country before a person, a person of an organization), each
classified where it stands."""

from __future__ import annotations

import string
from collections.abc import Iterator
from functools import cache

from tripnews.extract.entities.classify import appositive_role, classify
from tripnews.extract.entities.vocab import (
    CLOSING_ABBREVIATION,
    INITIAL,
    INNER_POSSESSIVE,
    POSSESSIVE,
    RUN,
    Candidate,
    country_names,
    given_name_set,
    is_country,
    is_known_place,
    is_non_entity,
    is_org_shape,
    is_region,
    known_org_names,
    leading_title,
    non_entity_words,
    org_word_set,
    role_noun_set,
    starts_title,
    title_openers,
)
from tripnews.lexicon import (
    gazetteer,
)
from tripnews.rules import load_words


def find_candidates(text: str, decided_by: list[str] | None = None) -> list[Candidate]:
    """Every name in ``text``'s runs of capitalised words, typed where it stands; when a
    list is given as ``decided_by``, the name of the classifier's rule that typed each
    candidate is added to it, in order (a bench's error output shows them)."""
    all_caps_lines = _all_caps_spans(text)
    dropped = _lone_non_entities()
    split: dict[str, tuple[tuple[int, str, str | None], ...]] = {}  # a repeated name: once
    found: list[Candidate] = []  # (a list, not a generator: no resumption per name)
    for match in RUN.finditer(text):
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
            begin = start + offset
            cand = Candidate(begin, begin + len(name), name, None, role, in_caps)
            rule = classify(text, cand, in_caps)
            cand.kind = rule.kind
            if decided_by is not None:
                decided_by.append(rule.name)
            if cand.kind == "person" and cand.role is None:
                cand.role = appositive_role(text, cand.end)
            found.append(cand)
    return found


@cache
def _lone_non_entities() -> frozenset[str]:
    """Runs that are one word no name starts with ("The", "He", "But"): a third of all
    runs, dropped before any work, as ``_names_in_run`` would find no name in them."""
    return frozenset(
        word
        for word in non_entity_words()
        if " " not in word and not word.endswith(("’", "'")) and not _starts_known([word])
    )


def _all_caps_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in capitals (headlines, datelines), where case says nothing."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= 12 and _in_capitals(line):  # (a blank line needs no call)
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
    trimmed = POSSESSIVE.sub("", run) if run.endswith(("’s", "'s", "’", "'")) else run
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
    if word in non_entity_words():
        return ()
    demonym = (word.capitalize() if word.isupper() else word) in demonym_words()
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
    if first.lower() in title_openers() or (
        len(words) > 2
        and (
            words[1].lower() in title_openers()
            or any(w.lower() in role_noun_set() for w in words[:-2])
        )
    ):
        return False
    whole = " ".join(words)
    if whole in gazetteer() or whole in known_org_names():
        return (whole in gazetteer() or last not in country_names()) and not all(
            w in non_entity_words() for w in words
        )
    return (
        first not in _dropped_first_words()
        and last not in country_names()
        and first.lower() not in _function_words()
    )


@cache
def _dropped_first_words() -> frozenset[str]:
    """First words after which ``_split_run`` may cut a run: common words, nationalities,
    months and days, countries."""
    return frozenset().union(
        non_entity_words(),
        demonym_words(),
        _demonym_first_words(),
        _MONTHS_AND_DAYS,
        country_names(),
    )


@cache
def _function_words() -> frozenset[str]:
    """Lower-cased words that may be function words (a few more: see is_function_word)."""
    return _opening_words() | _stopwords()


def _split_run(run: str, start: int, end: int) -> Iterator[tuple[int, str, str | None]]:
    phrase = run[start:end]
    # A possessive inside a run ends a name: "President’s Xi Jingping" is two runs.
    inner = INNER_POSSESSIVE.search(phrase) if "’s" in phrase or "'s" in phrase else None
    if inner is not None:
        yield from _split_run(run, start, start + inner.start() + 2)
        yield from _split_run(run, start + inner.end(), end)
        return
    # "Kim Jong Un." at a sentence end: the full stop is not part of the name.
    if phrase.endswith(".") and CLOSING_ABBREVIATION.search(phrase):
        phrase = phrase[:-1]
        end -= 1
    # Possessive: "Biden's" -> "Biden".
    trimmed = POSSESSIVE.sub("", phrase) if phrase.endswith(("’s", "'s", "’", "'")) else phrase
    end = start + len(trimmed)
    words = trimmed.split()
    if len(words) == 1 and is_non_entity(words[0]) and not _starts_known(words):
        return  # the commonest run of all: a sentence's capitalised first word ("The", "He")
    # "Austrian Anna Berg", "Sri Lankan", "Frenchman Luc Morel": a nationality is no name
    # and no part of one, unless it opens an organization's ("Swiss Bank Corp").
    nationality = _leading_demonym(words)
    if nationality and not (is_org_shape(words) or _starts_known(words)):
        if nationality == len(words):
            return
        start += len(" ".join(words[:nationality])) + 1
        words = words[nationality:]
    # "US Secretary of State Antony Blinken": a place or organization before a title
    # is a mention of its own, and the title is the person's role.
    if (
        len(words) > 2
        and starts_title(words[1:])
        and (is_known_place(words[0]) or words[0] in known_org_names())
    ):
        yield from _split_run(run, start, start + len(words[0]))
        start += len(words[0]) + 1
        words = words[1:]
    # "Golan Heights Israel", "Kashmir India": a known place, then the country it is in
    if (
        len(words) > 1
        and is_country(words[-1])
        and (len(words) > 2 or is_region(words[0]))
        and is_known_place(" ".join(words[:-1]))
        and not is_known_place(" ".join(words))
    ):
        yield from _split_run(run, start, end - len(words[-1]) - 1)
        yield from _split_run(run, end - len(words[-1]), end)
        return
    # "Ukraine Kurt Volker", "India RBI": a country before a person's name or an acronym is
    # a place of its own, never the first word of a person's name (unless it is a given
    # name too: "Jordan Rhodes").
    if (
        len(words) > 1
        and is_country(words[0])
        and words[0] not in given_name_set()
        and not _starts_known(words)
        and not is_org_shape(words)
        and (_person_shaped(words[1:]) or (len(words) == 2 and words[1].isupper()))
    ):
        yield from _split_run(run, start, start + len(words[0]))
        start += len(words[0]) + 1
        words = words[1:]
    # "Neither Meri", "Should Rubin leave", "Am Donnerstag": a function word opening a
    # sentence is no part of a name (unless it is a given name too: "Will Carling").
    while len(words) > 1 and is_function_word(words[0]) and not _opens_known(words):
        start += len(words[0]) + 1
        words = words[1:]
    # Leading words that are not names ("In Seoul", "The Pentagon"), unless the
    # whole is an organization ("Chinese Communist Party").
    while (
        words
        and is_non_entity(words[0])
        and not (len(words) > 1 and INITIAL.fullmatch(words[0]))  # "A. Stewart", "I. Lee"
        and not starts_title(words)
        and (
            not is_org_shape(words)
            or words[0] in ("The", "the", "A", "An")
            # "In August ...", "On Monday Federal Reserve officials": a sentence's
            # opening word before an organization's name
            or (words[0] in _OPENING_FUNCTION_WORDS and is_org_shape(words[1:]))
            # "Christian West Bank schools": a describing word before a place
            or is_known_place(" ".join(words[1:]))
        )
        and not _opens_known(words)
    ):
        start += len(words[0]) + 1
        words = words[1:]
    # "Tulsa-based Prairie Rail Holdings Inc": the base describes, the name follows;
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
        dropped = int(is_org_shape(words[1:]) or _is_known_org(words[1:]))
    if dropped:
        start += len(" ".join(words[:dropped])) + 1
        words = words[dropped:]
    if not words:
        return
    # "US-China ties", "India-Pakistan border": places joined by a hyphen are each a place.
    parts = words[0].split("-") if "-" in words[0] else ()
    if (
        len(parts) > 1 == len(words)
        and not is_known_place(words[0])
        and all(map(is_known_place, parts))
    ):
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
    # "Mara Quist of Harbor Mutual Inc", "Chairman Alan Greenspan of the Federal Reserve":
    # a person, then the organization they are of.
    of_inside = "of" in words and "of" in words[1:-1]  # (most runs have no "of" at all)
    if of_inside and not _starts_known(words):
        cut = words.index("of")
        head, tail = words[:cut], words[cut + 1 :]
        if tail[0] in ("the", "The"):
            tail = tail[1:]
        if tail and _person_shaped(head) and (is_org_shape(tail) or _is_known_org(tail)):
            yield from _split_run(run, start, start + len(" ".join(head)))
            yield from _split_run(run, end - len(" ".join(tail)), end)
            return
    # "Daewon Steel Corp of South Korea": a company's legal form, then where it is.
    if of_inside and "of" in words[2:-1]:
        cut = len(words) - 1 - words[::-1].index("of")
        place = " ".join(words[cut + 1 :])
        if words[cut - 1] in load_words("corporate_endings") and is_known_place(place):
            yield from _split_run(run, start, start + len(" ".join(words[:cut])))
            yield from _split_run(run, end - len(place), end)
            return
    # "King Abdullah of Jordan", "Dinamo of Russia": a name, then the place it is of.
    if of_inside and not is_org_shape(words) and not _starts_known(words):
        cut = len(words) - 1 - words[::-1].index("of")
        place = " ".join(words[cut + 1 :])
        if is_known_place(place) and not is_known_place(" ".join(words)):
            head_end = start + len(" ".join(words[:cut]))
            yield from _split_run(run, start, head_end)
            yield from _split_run(run, end - len(place), end)
            return
    role, words, start = _strip_title(words, start)
    # "Secretary of Defence": what is left after the title is no name.
    while words and words[0].islower():
        start += len(words[0]) + 1
        words = words[1:]
    if not words or all(map(is_non_entity, words)):
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


def is_function_word(word: str) -> bool:
    if not word[1:].islower():
        return False
    lowered = word.lower()
    if lowered in _opening_words():
        return True
    return lowered in _stopwords() and word not in given_name_set()


@cache
def _opening_words() -> frozenset[str]:
    return load_words("opening_words")


@cache
def _stopwords() -> frozenset[str]:
    return load_words("stopwords")


@cache
def demonym_words() -> frozenset[str]:
    return load_words("demonyms")


@cache
def _demonym_first_words() -> frozenset[str]:
    return frozenset(d.split()[0] for d in demonym_words() if " " in d)


def _leading_demonym(words: list[str]) -> int:
    """How many of the leading words are a nationality ("Sri Lankan" is two), else 0."""
    first = words[0].capitalize() if words[0].isupper() else words[0]
    if len(words) > 1 and first in _demonym_first_words():
        second = words[1].capitalize() if words[1].isupper() else words[1]
        if f"{first} {second}" in demonym_words():
            return 2
    return int(first in demonym_words())


def _person_shaped(words: list[str]) -> bool:
    """A given name and a surname, with any title before them: "Alan Greenspan",
    "Chairman Alan Greenspan"."""
    _role, name, _start = _strip_title(words, 0)
    return (
        2 <= len(name) <= 3
        and name[0] in given_name_set()
        and all(w[:1].isupper() and w[1:].islower() for w in name)
    )


def _is_known_org(words: list[str]) -> bool:
    return " ".join(words) in known_org_names()


def _starts_known(words: list[str]) -> bool:
    joined = " ".join(words)
    return joined in known_org_names() or joined in gazetteer()


def _opens_known(words: list[str]) -> bool:
    """The words, or their first two or three, name a known place or organization: "New
    York Stock Exchange" opens with "New York"."""
    return _starts_known(words) or any(
        _starts_known(words[:size]) for size in range(min(3, len(words) - 1), 1, -1)
    )


def _strip_title(words: list[str], start: int) -> tuple[str | None, list[str], int]:
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
