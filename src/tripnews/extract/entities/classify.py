"""What one candidate is, where it stands: an organization, a place, a person, or
nothing (an event, a lone first name), from the gazetteer, its shape, its role and the
speech cues around it."""

from __future__ import annotations

import re
from functools import cache

# Runs of capitalised words: "Leif-Eric Easley", "Kim Jong-un", "U.S.", "Sea of Japan",
# "Osama bin Laden". Each word is bounded, a run is at most twelve words, and a word's own
# hyphens take only lower-case parts ("Jong-un"), so "Kim-Kim-Kim..." splits one way only
# and the pattern stays linear on hostile input.
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


def classify_candidate(text: str, cand: Candidate, in_caps: bool) -> str | None:
    name = cand.text
    words = name.split()
    lookup = caps_lookup(name) if in_caps or (name.isupper() and len(name) > 4) else name
    start = cand.start
    before = text[start - 40 if start > 40 else 0 : start]  # (no max() call per name)
    after = text[cand.end : cand.end + SPEECH_WINDOW]
    if cand.role is None:
        cand.role = _role_before(before)
    # (an apposition opens with a comma: most names need no match at all)
    apposition = APPOSITION.match(after) if after[:1] == "," else None
    if cand.role is None and apposition and apposition["role"].split()[-1] in role_noun_set():
        cand.role = apposition["role"]
    # looked up once here, as most rules below ask them (one call, not one per list)
    places, known_orgs, org_words, minor_places, given_names, surnames = _lists()
    is_place = lookup in places
    several = len(words) > 1
    if (
        several
        and not _event_words().isdisjoint((words[0], words[-1]))
        and lookup not in known_orgs
    ):
        return None  # "Davis Cup", "Hong Kong Open", "Hurricane Edouard": an event
    if lookup in known_orgs or (several and not is_place and is_org_shape(words)):
        return "org"  # "West Bank" ends like an organization but is a place
    if not is_place and words[-1] in org_words and before.endswith(("the ", "The ")):
        return "org"
    if (
        not is_place
        and (several or after[1:2] in FACILITY_INITIALS)
        and place_shape(words, after) is not None
    ):
        return "place"  # "Long Island", "Heathrow airport": a place, never a person
    if cand.role is not None and not is_place and _is_title_role(cand.role):
        return "person"
    if is_place:
        return "place"
    if lookup in minor_places and _is_minor_place_here(text, cand, lookup, before):
        return "place"
    if not in_caps and name.isupper() and _is_prose_acronym(text, cand, name):
        return "org"  # "the SPD said", "shares in TWA": an unknown acronym in prose
    # (a candidate always has a word that may be a name: _split_run keeps no other)
    if several and (words[0] in given_names or words[-1] in surnames):
        return "person"
    if (
        2 <= len(words) <= 4
        and words[0][1:] == "."  # (an initial's full stop: most words need no match)
        and INITIAL.fullmatch(words[0])
        and words[-1][1:].islower()
    ):
        return "person"  # "M. Butcher", "J. R. Smith": an initial before a surname
    # (the cues are read last: their searches cost most, and most names fail the rest)
    if (
        len(words) <= 4
        and org_words.isdisjoint(words)
        and (apposition or SPEECH_AFTER.match(after) or speech_before(before))
    ):
        return "person"
    if cand.role is not None and len(words) <= 4:
        return "person"
    if (
        len(words) == 1
        and words[0] in known_surnames()
        and not _is_title_role(words[0])
        and not SENTENCE_START.search(text[max(0, cand.start - 4) : cand.start])
    ):
        # "Yeltsin", "Clinton": a public figure by surname alone, but not a sentence's
        # first word, where "Rice prices rose" and "Bush fires raged" are common nouns
        return "person"
    if len(words) == 1 and words[0] in given_names and words[0] not in non_entity_words():
        return None  # a lone first name with no cue: not enough to call it a person
    name_shaped = 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
    if name_shaped and any(w in surnames or w in given_names for w in words):
        return "person"
    return None


@cache
def _lists() -> tuple[
    dict[str, GazetteerEntry],
    frozenset[str],
    frozenset[str],
    dict[str, tuple[str, ...]],
    frozenset[str],
    frozenset[str],
]:
    """The lists ``classify_candidate`` asks of nearly every name, loaded once."""
    return (
        gazetteer(),
        known_org_names(),
        org_word_set(),
        minor_place_names(),
        given_name_set(),
        surname_set(),
    )


@cache
def _event_words() -> frozenset[str]:
    return load_words("event_words")


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at)\s$")


_PLACE_AFTER_COMMA = re.compile(r"\s?,\s(?P<place>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2})")


def _is_minor_place_here(text: str, cand: Candidate, lookup: str, before: str) -> bool:
    """A small town is a place where the text says so: after "in", "near", "outside" or
    "at" ("in Doboj"), or before the country or region it is in ("Doboj , Bosnia")."""
    if lookup not in minor_place_names() or _could_be_a_person(lookup):
        return False
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


def _is_prose_acronym(text: str, cand: Candidate, name: str) -> bool:
    """An acronym of three to five capitals the lists do not know, in a sentence of prose
    (not a table's row), names an organization: parties, agencies, companies."""
    if not _ACRONYM.fullmatch(name) or is_non_entity(name) or starts_title([name]):
        return False
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
