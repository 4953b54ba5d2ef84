"""What one candidate is, where it stands: an organization, a place, a person, or
nothing (an event, a lone first name), from the gazetteer, its shape, its role and the
speech cues around it.

The rules are the table ``CLASSIFY_RULES``, strongest evidence first; the first a mention
passes gives its kind, and ``classify`` returns that rule, whose name a bench can show:

>>> text = "Talks ended, Ana Ruiz said."
>>> classify(text, Candidate(13, 21, "Ana Ruiz"), False).name
'a_known_given_name_or_surname'

A rule reads the name alone (``Name``: its words, the gazetteer, the lists), the words
around the mention (``Reading``), or both: what the name alone says is worked out once
per name and kept (``_plan``), so a name met again is put only to the rules it may pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tripnews.extract.entities.vocab import (
    APPOSITION,
    FACILITY_INITIALS,
    INITIAL,
    MAX_ROLE_WORDS,
    ROLE_STOP,
    SENTENCE_START,
    SPEECH_AFTER,
    SPEECH_WINDOW,
    TITLE_MODIFIERS,
    Candidate,
    caps_lookup,
    given_name_set,
    is_known_place,
    is_non_entity,
    is_org_shape,
    is_region,
    known_org_names,
    known_surnames,
    non_entity_words,
    org_word_set,
    place_shape,
    role_noun_set,
    speech_before,
    starts_title,
    surname_set,
    titles_by_first_word,
    titles_by_last_word,
)
from tripnews.lexicon import (
    GazetteerEntry,
    gazetteer,
    minor_place_names,
)
from tripnews.rules import load_words


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lists the rules ask of nearly every name, loaded once."""

    places: dict[str, GazetteerEntry]
    known_orgs: frozenset[str]
    org_words: frozenset[str]
    minor_places: dict[str, tuple[str, ...]]
    given_names: frozenset[str]
    surnames: frozenset[str]
    known_surnames: frozenset[str]
    non_entities: frozenset[str]
    event_words: frozenset[str]


@cache
def _lexicon() -> Lexicon:
    return Lexicon(
        gazetteer(),
        known_org_names(),
        org_word_set(),
        minor_place_names(),
        given_name_set(),
        surname_set(),
        known_surnames(),
        non_entity_words(),
        load_words("event_words"),
    )


@dataclass(slots=True)  # (not frozen: made once per name, a frozen one costs thrice)
class Name:
    """What the rules read of a name alone, wherever it stands: its words, the spelling
    to look up (title-cased on a line in capitals), and whether the gazetteer knows it."""

    text: str
    words: list[str]
    lookup: str
    in_caps: bool
    several: bool  # more than one word
    is_place: bool
    lex: Lexicon

    @classmethod
    def read(cls, text: str, in_caps: bool) -> Name:
        words = text.split()
        lookup = caps_lookup(text) if in_caps or (text.isupper() and len(text) > 4) else text
        lex = _lexicon()
        return cls(text, words, lookup, in_caps, len(words) > 1, lookup in lex.places, lex)


class Reading:
    """What the rules read of one mention: its name, and the text just before and after."""

    # (a plain class with slots: made once per mention, it must cost little)
    __slots__ = ("after", "apposition", "before", "cand", "name", "text")

    def __init__(self, text: str, cand: Candidate, name: Name) -> None:
        self.text, self.cand, self.name = text, cand, name
        start = cand.start
        self.before = before = text[start - 40 if start > 40 else 0 : start]  # (no max())
        self.after = after = text[cand.end : cand.end + SPEECH_WINDOW]
        if cand.role is None:
            cand.role = _role_before(before)
        # (an apposition opens with a comma: most names need no match at all)
        self.apposition = apposition = APPOSITION.match(after) if after[:1] == "," else None
        if cand.role is None and apposition and apposition["role"].split()[-1] in role_noun_set():
            cand.role = apposition["role"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the classifier and the kind it gives a name that passes it (None: no
    entity). ``fits`` reads the name alone: the whole rule when ``test`` is None, else
    what the name must be for ``test``, which reads the mention, to be asked; a rule that
    ``needs_role`` passes no mention without one (most have none, and skip it)."""

    kind: str | None
    fits: Callable[[Name], bool] | None
    test: Callable[[Reading], bool] | None = None
    needs_role: bool = False

    @property
    def name(self) -> str:
        rule = self.test or self.fits
        return rule.__name__ if rule is not None else "no_rule_applies"


# --- what a name alone may be -------------------------------------------------------


def an_event(n: Name) -> bool:
    """A name opening or ending with an event's word is an event, no entity: "Davis Cup",
    "Hurricane Edouard" (unless a known organization)."""
    words = n.words
    return (
        n.several
        and not n.lex.event_words.isdisjoint((words[0], words[-1]))
        and n.lookup not in n.lex.known_orgs
    )


def an_organization_known_or_shaped(n: Name) -> bool:
    """A known organization, or several words shaped like one: "Acme Widget Corp" (but
    "West Bank", in the gazetteer, only ends like one)."""
    return n.lookup in n.lex.known_orgs or (n.several and not n.is_place and is_org_shape(n.words))


def a_place_in_the_gazetteer(n: Name) -> bool:
    """A name the gazetteer knows is a place: "Tokyo", "Sea of Japan"."""
    return n.is_place


def a_known_given_name_or_surname(n: Name) -> bool:
    """Words opening with a known given name, or ending with a known surname, are a
    person: "Ana Ruiz"."""
    # (a candidate always has a word that may be a name: _split_run keeps no other)
    return n.several and (n.words[0] in n.lex.given_names or n.words[-1] in n.lex.surnames)


def an_initial_before_a_surname(n: Name) -> bool:
    """An initial before a surname is a person: "M. Butcher", "J. R. Smith"."""
    words = n.words
    return (
        2 <= len(words) <= 4
        and words[0][1:] == "."  # (an initial's full stop: most words need no match)
        and INITIAL.fullmatch(words[0]) is not None
        and words[-1][1:].islower()
    )


def a_lone_given_name(n: Name) -> bool:
    """A lone first name with no cue is no entity: not enough to call it a person."""
    word = n.words[0]
    return not n.several and word in n.lex.given_names and word not in n.lex.non_entities


def a_name_with_a_known_part(n: Name) -> bool:
    """Two or three capitalised words, one a known given name or surname, are a person:
    "Tomas Ruiz Vega"."""
    words = n.words
    if not (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)):
        return False
    surnames, given_names = n.lex.surnames, n.lex.given_names
    return any(w in surnames or w in given_names for w in words)


def no_known_place(n: Name) -> bool:
    """The gazetteer does not know the name."""
    return not n.is_place


def ends_with_an_organization_word(n: Name) -> bool:
    """No known place, and the last word is an organization's: "Council", "Bank"."""
    return not n.is_place and n.words[-1] in n.lex.org_words


def a_small_town_name(n: Name) -> bool:
    """A small town's name that is no person's: "Doboj"."""
    return n.lookup in n.lex.minor_places and not _could_be_a_person(n.lookup)


def an_unknown_acronym(n: Name) -> bool:
    """Three to five capitals, in a line of prose case, that no list knows: "SPD"."""
    name = n.text
    return (
        not n.in_caps
        and name.isupper()
        and _ACRONYM.fullmatch(name) is not None
        and not is_non_entity(name)
        and not starts_title([name])
    )


def short_and_no_organization(n: Name) -> bool:
    """At most four words, none an organization's."""
    return len(n.words) <= 4 and n.lex.org_words.isdisjoint(n.words)


def short(n: Name) -> bool:
    """At most four words: a person's name is rarely longer."""
    return len(n.words) <= 4


def a_known_surname(n: Name) -> bool:
    """One word, a public figure's surname and no title: "Yeltsin"."""
    word = n.words[0]
    return not n.several and word in n.lex.known_surnames and not _is_title_role(word)


# --- what the mention's surroundings say ----------------------------------------------


def an_organization_word_after_the(r: Reading) -> bool:
    """A name ending in an organization's word after "the": "the Harbor Council"."""
    return r.before.endswith(("the ", "The "))


def a_place_by_shape(r: Reading) -> bool:
    """A name shaped like a place is one, never a person: "Long Island", "Heathrow
    airport"."""
    n = r.name
    return (n.several or r.after[1:2] in FACILITY_INITIALS) and place_shape(
        n.words, r.after
    ) is not None


def a_person_by_title(r: Reading) -> bool:
    """A name after a title or a role noun is a person: "Foreign Minister Ana Ruiz"."""
    role = r.cand.role
    return role is not None and _is_title_role(role)


def a_small_town_in_place(r: Reading) -> bool:
    """A small town is a place where the text says so: "in Doboj", "Doboj, Bosnia"."""
    return _is_minor_place_here(r.text, r.cand, r.before)


def an_acronym_in_prose(r: Reading) -> bool:
    """An unknown acronym in a sentence of prose is an organization: "the SPD said",
    "shares in TWA"."""
    return _is_prose_acronym(r.text, r.cand)


def a_speaker(r: Reading) -> bool:
    """A short name with a speech verb beside it, or a role set off after it, is a
    person: "Ruiz said", "said Ruiz", "Ruiz, a spokeswoman for"."""
    return bool(r.apposition or SPEECH_AFTER.match(r.after) or speech_before(r.before))


def a_short_name_with_a_role(r: Reading) -> bool:
    """A short name with a role beside it is a person: "defence secretary Ruiz"."""
    return r.cand.role is not None


def a_known_surname_alone(r: Reading) -> bool:
    """A public figure's surname alone is a person ("Yeltsin"), but not as a sentence's
    first word, where "Rice prices rose" and "Bush fires raged" are common nouns."""
    start = r.cand.start
    return not SENTENCE_START.search(r.text[max(0, start - 4) : start])


# The classifier, strongest evidence first: the first rule a mention passes gives its
# kind. (The cues are read late: their searches cost most, and most names fail the rest.)
CLASSIFY_RULES = (
    Rule(None, an_event),
    Rule("org", an_organization_known_or_shaped),
    Rule("org", ends_with_an_organization_word, an_organization_word_after_the),
    Rule("place", no_known_place, a_place_by_shape),
    Rule("person", no_known_place, a_person_by_title, needs_role=True),
    Rule("place", a_place_in_the_gazetteer),
    Rule("place", a_small_town_name, a_small_town_in_place),
    Rule("org", an_unknown_acronym, an_acronym_in_prose),
    Rule("person", a_known_given_name_or_surname),
    Rule("person", an_initial_before_a_surname),
    Rule("person", short_and_no_organization, a_speaker),
    Rule("person", short, a_short_name_with_a_role, needs_role=True),
    Rule("person", a_known_surname, a_known_surname_alone),
    Rule(None, a_lone_given_name),
    Rule("person", a_name_with_a_known_part),
)


# No rule takes the name: bail out rather than guess (an unknown capitalised word).
NO_RULE = Rule(None, None)


# A name's plan: the name; the rules it may pass that read the mention, in order (each
# beside its test), for a mention with no role and for one with a role; then the first
# rule the name alone passes (NO_RULE when none does).
_Tests = tuple[tuple[Callable[[Reading], bool], Rule], ...]
_Plan = tuple[Name, _Tests, _Tests, Rule]


def _plan(name: Name) -> _Plan:
    tests: list[tuple[Callable[[Reading], bool], Rule]] = []
    last = NO_RULE
    for rule in CLASSIFY_RULES:
        if rule.fits is not None and not rule.fits(name):
            continue  # the name alone rules it out
        if rule.test is None:
            last = rule
            break  # no rule after it can be reached
        tests.append((rule.test, rule))
    with_role = tuple(tests)
    return name, tuple(t for t in with_role if not t[1].needs_role), with_role, last


# What is known of a name in one article, by whether it stands on a line in capitals: the
# name when it was met once, its plan once met again (an article names the same people and
# places again and again; a name met once is not worth a plan). One article's memo only:
# kept longer, a benchmark that repeats its corpus would time the memo, not the rules.
Plans = tuple[dict[str, Name | _Plan], dict[str, Name | _Plan]]


def classify(text: str, cand: Candidate, in_caps: bool, memo: Plans | None = None) -> Rule:
    """The rule that decides what ``cand`` is (its ``kind``; ``NO_RULE`` when none does);
    sets the candidate's role when a title or an apposition gives one. ``memo``, one per
    article (``new_plans()``), keeps what each name allows for its next mention."""
    plans: dict[str, Name | _Plan] = {} if memo is None else memo[in_caps]
    known = plans.get(cand.text)
    if known is None:  # met for the first time: the table, read in turn
        name = plans[cand.text] = Name.read(cand.text, in_caps)
        return _in_turn(text, cand, name)
    if isinstance(known, Name):  # met again: worth a plan
        known = plans[cand.text] = _plan(known)
    name, without_role, with_role, last = known
    r = Reading(text, cand, name)
    for test, rule in without_role if cand.role is None else with_role:
        if test(r):
            return rule
    return last


def new_plans() -> Plans:
    """An empty memo of names for one article."""
    return ({}, {})


def classify_in_turn(text: str, cand: Candidate, in_caps: bool) -> Rule:
    """What ``classify`` answers, by the table read in turn, every rule asked (no plan):
    the definition the plans keep to (tests compare the two)."""
    return _in_turn(text, cand, Name.read(cand.text, in_caps))


# The table's parts, unpacked once: (fits, test, rule).
_PARTS = tuple((rule.fits, rule.test, rule) for rule in CLASSIFY_RULES)


def _in_turn(text: str, cand: Candidate, name: Name) -> Rule:
    r = Reading(text, cand, name)
    for fits, test, rule in _PARTS:
        if (fits is None or fits(name)) and (test is None or test(r)):
            return rule
    return NO_RULE


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at)\s$")


_PLACE_AFTER_COMMA = re.compile(r"\s?,\s(?P<place>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})")


def _is_minor_place_here(text: str, cand: Candidate, before: str) -> bool:
    """A small town is a place where the text says so: after "in", "near", "outside" or
    "at" ("in Doboj"), or before the country or region it is in ("Doboj , Bosnia")."""
    if _LOCATIVE_BEFORE.search(before):
        return True
    after = _PLACE_AFTER_COMMA.match(text, cand.end)
    return after is not None and is_region(after["place"])


def _could_be_a_person(name: str) -> bool:
    words = name.split()
    return (
        words[0] in given_name_set()
        or words[-1] in surname_set()
        or words[-1] in known_surnames()
        or is_non_entity(words[0])
    )


_ACRONYM = re.compile(r"[A-Z][A-Z&]{2,4}")


# A sentence around an acronym has lower-case words within this many characters.
PROSE_WINDOW = 30


_PROSE_WORDS = re.compile(r"\b[a-z]{3,}\s[a-z]{2,}\b")


def _is_prose_acronym(text: str, cand: Candidate) -> bool:
    """An acronym of three to five capitals the lists do not know, in a sentence of prose
    (not a table's row), names an organization: parties, agencies, companies."""
    if _is_speaker_label(text, cand):
        return False  # "HOST: ..." in a transcript names who speaks, not an organization
    before = text[max(0, cand.start - PROSE_WINDOW) : cand.start]
    after = text[cand.end : cand.end + PROSE_WINDOW]
    return bool(_PROSE_WORDS.search(before) or _PROSE_WORDS.search(after))


_LABEL_OPENING = re.compile(r"[\s\"“'‘—–-]*")


def _is_speaker_label(text: str, cand: Candidate) -> bool:
    """A word in capitals that opens its line and is followed by a colon labels a speaker
    in a transcript ("SMITH: We will", "ANCHOR: Welcome back")."""
    if not text.startswith(":", cand.end):
        return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    return _LABEL_OPENING.fullmatch(text, line_start, cand.start) is not None


def _is_title_role(role: str) -> bool:
    return bool(role) and (
        role.split()[-1].lower() in role_noun_set()
        or (role.lower().rstrip("."),) in titles_by_first_word().get(role.lower().rstrip("."), ())
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


def appositive_role(text: str, end: int) -> str | None:
    """The role a person's name is followed by, between commas: "Wang Yi, China's foreign
    minister, said" -> "China's foreign minister"; None when the words are no role."""
    if "," not in text[end : end + 2]:
        return None  # the role opens with a comma, at most a space away: most names lack one
    match = _APPOSITIVE.match(text, end, min(len(text), end + APPOSITIVE_MAX_CHARS))
    if match is None:
        return None
    noun = match["noun"]
    role = match["role"]
    if noun in role_noun_set() or any(
        tuple(role.lower().split()[-len(t) :]) == t for t in titles_by_last_word().get(noun, ())
    ):
        return role
    return None


@cache
def _role_last_words() -> frozenset[str]:
    """The words a role before a name may end with: a title's last word or a role noun."""
    return frozenset(titles_by_last_word()) | role_noun_set()


def _role_before(before: str) -> str | None:
    """A lower-case role phrase just before a name: "defence secretary", "Pentagon chief".

    Walks back from the name over lower-case words, taking one capitalised word
    only when it is an acronym or a known organization or place ("US", "Pentagon").
    """
    if not before.endswith(" "):  # (", " ends with a space too)
        return None
    kept = before.rstrip(" ,")
    if kept.rpartition(" ")[2] not in _role_last_words():
        return None  # most names follow no role: the last word says so without a split
    words = kept.split(" ")
    # "secretary of state Antony Blinken": a title written in lower case, else a role noun
    titles = titles_by_last_word().get(words[-1])
    title = next((t for t in titles if tuple(words[-len(t) :]) == t), None) if titles else None
    if title is not None:
        size = len(title)
    elif words[-1] in role_noun_set():
        size = 1
    else:
        return None
    taken = words[-size:][::-1]
    for word in reversed(words[:-size]):
        if len(taken) >= MAX_ROLE_WORDS or not word or word[-1] in ',.;:”"':
            break
        # before a noun, any describing word ("defence secretary"); before a title, only
        # its modifiers ("former prime minister", not "met prime minister")
        if word.islower() and (word in TITLE_MODIFIERS if size > 1 else word not in ROLE_STOP):
            taken.append(word)
            continue
        if word[:1].isupper() and (
            word.isupper() or word in known_org_names() or is_known_place(word)
        ):
            taken.append(word)
        break
    return " ".join(reversed(taken))
