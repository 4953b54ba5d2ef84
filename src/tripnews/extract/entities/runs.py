"""Candidates: every run of capitalised words, split into the names it holds (a title
and the name after it, a country before a person, a person of an organization), each
classified where it stands.

A run is split by the table ``SPLIT_RULES``, read in order: each rule passes, trims the
run's words and hands them on, or settles the run (its parts, each read again from the
first rule, or nothing). Two short paths ahead of the table (a lone word, plain
capitalised words) give what it gives without reading it; tests pin that.

>>> [name for _offset, name, _role in _split_run("Tokyo Governor Ana Ruiz's", 0, 25)]
['Tokyo', 'Ana Ruiz']
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from tripnews.extract.entities.capitals import all_caps_spans
from tripnews.extract.entities.classify import appositive_role, classify, new_plans
from tripnews.extract.entities.vocab import (
    CLOSING_ABBREVIATION,
    INITIAL,
    INNER_POSSESSIVE,
    POSSESSIVE,
    RUN,
    Candidate,
    country_names,
    demonym_first_words,
    demonym_words,
    given_name_set,
    is_country,
    is_known_org,
    is_known_place,
    is_non_entity,
    is_org_shape,
    is_region,
    known_org_names,
    leading_demonym,
    non_entity_words,
    opens_known,
    person_shaped,
    role_noun_set,
    starts_known,
    starts_title,
    strip_title,
    title_openers,
)
from tripnews.lexicon import gazetteer
from tripnews.rules import load_words
from tripnews.timegrammar import MONTH_NAMES, WEEKDAY_NAMES


def find_candidates(text: str, decided_by: list[str] | None = None) -> list[Candidate]:
    """Every name in ``text``'s runs of capitalised words, typed where it stands; when a
    list is given as ``decided_by``, it gets for each candidate, in order, the split rules
    that cut its run and the classifier's rule that typed it, as "rule > ... > rule" (a
    bench's error output shows them)."""
    all_caps_lines = all_caps_spans(text)
    dropped = _lone_non_entities()
    split: dict[str, tuple[tuple[int, str, str | None], ...]] = {}  # a repeated run: once
    plans = new_plans()
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
            rule = classify(text, cand, in_caps, plans)
            cand.kind = rule.kind
            if decided_by is not None:  # the run read the long way, to see the rules cut it
                cut_by: list[str] = []
                list(_split_run(run, 0, len(run), cut_by))
                decided_by.append(" > ".join([*cut_by, rule.name]))
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
        if " " not in word and not word.endswith(("’", "'")) and not starts_known([word])
    )


def _names_in_run(run: str) -> tuple[tuple[int, str, str | None], ...]:
    """The names in one run of capitalised words, as (offset in the run, name, role).

    It reads the run's words alone, never the text around them, so a name the articles
    repeat is split once (``find_candidates`` keeps the answer).
    """
    short = _short_path(run)
    return short if short is not None else tuple(_split_run(run, 0, len(run)))


def _short_path(run: str) -> tuple[tuple[int, str, str | None], ...] | None:
    """What ``_split_run`` gives for a lone word or plain capitalised words, without
    reading its table; None for any other run."""
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
    return None


def _lone_word_names(word: str) -> tuple[tuple[int, str, str | None], ...]:
    """What ``_split_run`` makes of a run of one word of letters alone (no hyphen, full
    stop or space; its possessive cut off): no title, particle, place pair or
    hyphenated pair can be split from it, so only the common word and the lone
    nationality are left to drop ("The", "Austrian"), unless a place or organization
    has that name."""
    if word in non_entity_words():
        return ()
    demonym = (word.capitalize() if word.isupper() else word) in demonym_words()
    if demonym and not starts_known([word]):
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
        demonym_first_words(),
        _MONTHS_AND_DAYS,
        country_names(),
    )


class Piece:
    """The part of a run the split rules are reading: ``run[start:end]``, its words (as the
    rules trim them), the role a title before the name gave, and the parts cut off its
    front, each to be split on its own before the rest."""

    # (a plain class with slots: one is made per part of a run read the long way)
    __slots__ = ("ahead", "end", "role", "run", "start", "words")

    def __init__(self, run: str, start: int, end: int) -> None:
        self.run, self.start, self.end = run, start, end
        self.words = run[start:end].split()
        self.role: str | None = None
        self.ahead: list[tuple[int, int]] = []

    def drop_first(self, count: int = 1) -> None:
        """Cut the first ``count`` words off the piece."""
        self.start += len(" ".join(self.words[:count])) + 1
        del self.words[:count]

    def cut_ahead(self) -> None:
        """Cut the first word off the piece, to be a name of its own."""
        self.ahead.append((self.start, self.start + len(self.words[0])))
        self.drop_first()


# What a split rule returns: None when it does not apply; TRIMMED when it cut the piece
# and the next rules read what is left; else the parts that replace the piece, each split
# on its own from the first rule (none: the piece names nothing).
TRIMMED = True
SplitOutcome = bool | tuple[tuple[int, int], ...] | None


def split_at_an_inner_possessive(p: Piece) -> SplitOutcome:
    """A possessive inside a run ends a name: "President's Xi Jingping" is two runs."""
    phrase = p.run[p.start : p.end]
    inner = INNER_POSSESSIVE.search(phrase) if "’s" in phrase or "'s" in phrase else None
    if inner is None:
        return None
    return (p.start, p.start + inner.start() + 2), (p.start + inner.end(), p.end)


def no_closing_full_stop(p: Piece) -> SplitOutcome:
    """The full stop after "Kim Jong Un." at a sentence's end is no part of the name."""
    if not p.words[-1].endswith(".") or not CLOSING_ABBREVIATION.search(p.run, p.start, p.end):
        return None
    p.end -= 1
    p.words[-1] = p.words[-1][:-1]
    return TRIMMED


def no_possessive(p: Piece) -> SplitOutcome:
    """A possessive is no part of a name: "Biden's" -> "Biden"."""
    last = p.words[-1]
    if not last.endswith(("’s", "'s", "’", "'")):
        return None
    p.words[-1] = bare = POSSESSIVE.sub("", last)
    p.end -= len(last) - len(bare)
    return TRIMMED


def no_lone_common_word(p: Piece) -> SplitOutcome:
    """A sentence's capitalised first word alone is no name: "The", "He"."""
    words = p.words
    if len(words) == 1 and is_non_entity(words[0]) and not starts_known(words):
        return ()
    return None


def no_nationality(p: Piece) -> SplitOutcome:
    """A nationality is no name and no part of one ("Austrian Anna Berg", "Sri Lankan",
    "Frenchman Luc Morel"), unless it opens an organization's ("Swiss Bank Corp")."""
    words = p.words
    nationality = leading_demonym(words)
    if not nationality or is_org_shape(words) or starts_known(words):
        return None
    if nationality == len(words):
        return ()
    p.drop_first(nationality)
    return TRIMMED


def split_a_place_before_a_title(p: Piece) -> SplitOutcome:
    """A place or organization before a title is a mention of its own, and the title is
    the person's role: "US Secretary of State Antony Blinken"."""
    words = p.words
    if (
        len(words) > 2
        and starts_title(words[1:])
        and (is_known_place(words[0]) or words[0] in known_org_names())
    ):
        p.cut_ahead()
        return TRIMMED
    return None


def split_a_place_from_its_country(p: Piece) -> SplitOutcome:
    """A known place, then the country it is in, are two places: "Golan Heights Israel",
    "Kashmir India"."""
    words = p.words
    if (
        len(words) > 1
        and is_country(words[-1])
        and (len(words) > 2 or is_region(words[0]))
        and is_known_place(" ".join(words[:-1]))
        and not is_known_place(" ".join(words))
    ):
        return (p.start, p.end - len(words[-1]) - 1), (p.end - len(words[-1]), p.end)
    return None


def split_a_country_before_a_name(p: Piece) -> SplitOutcome:
    """A country before a person's name or an acronym is a place of its own ("Ukraine Kurt
    Volker", "India RBI"), unless it is a given name too ("Jordan Rhodes")."""
    words = p.words
    if (
        len(words) > 1
        and is_country(words[0])
        and words[0] not in given_name_set()
        and not starts_known(words)
        and not is_org_shape(words)
        and (person_shaped(words[1:]) or (len(words) == 2 and words[1].isupper()))
    ):
        p.cut_ahead()
        return TRIMMED
    return None


def no_opening_function_word(p: Piece) -> SplitOutcome:
    """A function word opening a sentence is no part of a name ("Neither Meri", "Should
    Rubin leave", "Am Donnerstag"), unless a given name too ("Will Carling")."""
    words = p.words
    count = 0
    while len(words) - count > 1 and is_function_word(words[count]):
        if opens_known(words[count:]):
            break
        count += 1
    if not count:
        return None
    p.drop_first(count)
    return TRIMMED


def no_leading_common_word(p: Piece) -> SplitOutcome:
    """Leading words that are no name ("In Seoul", "The Pentagon"), unless the whole is an
    organization's name ("Chinese Communist Party")."""
    words = p.words
    count = 0
    # (the common word is looked up first: most pieces open with none, and need no more)
    while count < len(words) and is_non_entity(words[count]) and _drops_leading(words[count:]):
        count += 1
    if not count:
        return None
    if count == len(words):
        return ()
    p.drop_first(count)
    return TRIMMED


def _drops_leading(words: list[str]) -> bool:
    """Whether the common word opening ``words`` is dropped."""
    return (
        not (len(words) > 1 and INITIAL.fullmatch(words[0]))  # "A. Stewart", "I. Lee"
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
        and not opens_known(words)
    )


def no_base_or_month_before_a_company(p: Piece) -> SplitOutcome:
    """A base describes and the name follows ("Tulsa-based Prairie Rail Holdings Inc"); a
    date's month or day is no part of the organization after it ("August National
    Association of ...")."""
    words = p.words
    based = (
        [i for i, word in enumerate(words[:-1]) if word.endswith("-based")]
        if "-based" in p.run[p.start : p.end]  # rare: no word-by-word look without it
        else []
    )
    dropped = based[-1] + 1 if based else 0
    if (
        not dropped
        and len(words) > 2
        and words[0] in _MONTHS_AND_DAYS
        and words[1] not in load_words("paper_words")  # "Sunday Times Magazine": a paper
        and not starts_known(words)
    ):
        dropped = int(is_org_shape(words[1:]) or is_known_org(words[1:]))
    if not dropped:
        return None
    p.drop_first(dropped)
    return TRIMMED


def split_places_joined_by_a_hyphen(p: Piece) -> SplitOutcome:
    """Places joined by a hyphen are each a place: "US-China ties", "India-Pakistan
    border"."""
    words = p.words
    parts = words[0].split("-") if "-" in words[0] else ()
    if not (
        len(parts) > 1 == len(words)
        and not is_known_place(words[0])
        and all(map(is_known_place, parts))
    ):
        return None
    pieces = []
    start = p.start
    for part in parts:
        pieces.append((start, start + len(part)))
        start += len(part) + 1
    return tuple(pieces)


_TRAILING_PARTICLES = ("of", "for", "the", "and", "on", "de", "van", "von", "bin", "al")


def no_trailing_particle(p: Piece) -> SplitOutcome:
    """A particle ending a run is no part of the name: "Bank of" -> "Bank"."""
    words = p.words
    if words[-1] not in _TRAILING_PARTICLES:
        return None
    while words and words[-1] in _TRAILING_PARTICLES:
        p.end -= len(words[-1]) + 1
        words.pop()
    return TRIMMED if words else ()


def split_a_person_of_an_organization(p: Piece) -> SplitOutcome:
    """A person, then the organization they are of: "Mara Quist of Harbor Mutual Inc",
    "Chairman Alan Greenspan of the Federal Reserve"."""
    words = p.words
    if "of" not in words or "of" not in words[1:-1] or starts_known(words):
        return None
    cut = words.index("of")
    head, tail = words[:cut], words[cut + 1 :]
    if tail[0] in ("the", "The"):
        tail = tail[1:]
    if tail and person_shaped(head) and (is_org_shape(tail) or is_known_org(tail)):
        return (p.start, p.start + len(" ".join(head))), (p.end - len(" ".join(tail)), p.end)
    return None


def split_a_company_from_its_country(p: Piece) -> SplitOutcome:
    """A company's legal form, then where it is: "Daewon Steel Corp of South Korea"."""
    words = p.words
    if "of" not in words or "of" not in words[2:-1]:
        return None
    cut = len(words) - 1 - words[::-1].index("of")
    place = " ".join(words[cut + 1 :])
    if words[cut - 1] in load_words("corporate_endings") and is_known_place(place):
        return (p.start, p.start + len(" ".join(words[:cut]))), (p.end - len(place), p.end)
    return None


def split_a_name_from_its_place(p: Piece) -> SplitOutcome:
    """A name, then the place it is of: "King Abdullah of Jordan", "Dinamo of Russia"."""
    words = p.words
    if "of" not in words or "of" not in words[1:-1] or is_org_shape(words) or starts_known(words):
        return None
    cut = len(words) - 1 - words[::-1].index("of")
    place = " ".join(words[cut + 1 :])
    if is_known_place(place) and not is_known_place(" ".join(words)):
        return (p.start, p.start + len(" ".join(words[:cut]))), (p.end - len(place), p.end)
    return None


def a_title_is_a_role(p: Piece) -> SplitOutcome:
    """A title before a name is the person's role, and no part of the name: "Secretary of
    State Antony Blinken"; what is left in lower case is no name ("Secretary of
    Defence")."""
    role, words, start = strip_title(p.words, p.start)
    while words and words[0].islower():
        start += len(words[0]) + 1
        words = words[1:]
    if role is None and start == p.start:
        return None
    p.role, p.words, p.start = role, words, start
    return TRIMMED if words else ()


def no_name_of_common_words(p: Piece) -> SplitOutcome:
    """Words that are each no name are none together: "The Other"."""
    return () if all(map(is_non_entity, p.words)) else None


# The rules of a run, in the order they read it: each either passes, trims the piece and
# passes it on, or settles it (its parts, each read again from the first rule, or none).
SPLIT_RULES = (
    split_at_an_inner_possessive,
    no_closing_full_stop,
    no_possessive,
    no_lone_common_word,
    no_nationality,
    split_a_place_before_a_title,
    split_a_place_from_its_country,
    split_a_country_before_a_name,
    no_opening_function_word,
    no_leading_common_word,
    no_base_or_month_before_a_company,
    split_places_joined_by_a_hyphen,
    no_trailing_particle,
    split_a_person_of_an_organization,
    split_a_company_from_its_country,
    split_a_name_from_its_place,
    a_title_is_a_role,
    no_name_of_common_words,
)


# Rules that cut only a piece holding these letters ("Kim Jong Un.", "US-China", "King
# Abdullah of Jordan"): the table asks them of no other (most pieces hold none).
_MARKS = {
    no_closing_full_stop: ".",
    split_places_joined_by_a_hyphen: "-",
    split_a_person_of_an_organization: "of",
    split_a_company_from_its_country: "of",
    split_a_name_from_its_place: "of",
}


_SPLIT_TABLE = tuple((rule, _MARKS.get(rule, "")) for rule in SPLIT_RULES)


def _split_run(
    run: str, start: int, end: int, trace: list[str] | None = None
) -> Iterator[tuple[int, str, str | None]]:
    """The names in ``run[start:end]``, as (offset, name, role), by the rules of
    ``SPLIT_RULES``; ``trace``, when given, gets the name of each rule that cut (and
    the parts the rules cut are read the long way too, so that none is missed)."""
    p = Piece(run, start, end)
    phrase = run[start:end]  # (the rules only trim it: a mark not in it is in no part)
    for rule, mark in _SPLIT_TABLE:
        if mark not in phrase:
            continue
        outcome = rule(p)
        if outcome is None:
            continue
        if trace is not None:
            trace.append(rule.__name__)
        for ahead in p.ahead:
            yield from _split_part(run, *ahead, trace)
        p.ahead.clear()
        if isinstance(outcome, tuple):  # the parts that replace the piece
            for part in outcome:
                yield from _split_part(run, *part, trace)
            return
    # the words joined by plain spaces: a no-break space inside a name is a space
    yield p.start, " ".join(p.words), p.role


def _split_part(
    run: str, start: int, end: int, trace: list[str] | None
) -> Iterator[tuple[int, str, str | None]]:
    """A part of a run that a rule cut off, split as a run of its own: by a short path
    where one serves (a rule reads only the part's own words, so a part is split as the
    same words alone would be), else by the table."""
    short = None if trace is not None else _short_path(run[start:end])
    if short is None:
        yield from _split_run(run, start, end, trace)
        return
    for offset, name, role in short:
        yield start + offset, name, role


_OPENING_FUNCTION_WORDS = frozenset(
    ["In", "On", "At", "For", "By", "With", "From", "After", "Before", "During", "As", "But",
     "And", "Then", "When", "While", "Since", "To", "Into", "Despite", "Although",
     "Though", "If", "Until", "Through", "About", "Against", "Among", "Between", "Within",
     "Without", "Meanwhile", "Also", "So", "Yet", "Or"]
)  # fmt: skip


_MONTHS_AND_DAYS = frozenset(MONTH_NAMES + WEEKDAY_NAMES)


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
def _function_words() -> frozenset[str]:
    """Lower-cased words that may be function words (a few more: see is_function_word)."""
    return _opening_words() | _stopwords()
