"""A speaker as the record names them: the full name the article uses, a pronoun's
person, a pair, or an unnamed source described ("a senior official")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from tripnews.extract.names import gender_of, given_names
from tripnews.extract.quotes.common import Index, QuoteSpan, Speaker, Unnamed
from tripnews.rules import load_words


def resolved(text: str, found: tuple[str, ...], index: Index) -> Speaker:
    """Names from the coreference, each in the full form the article uses."""
    if not found:
        return None
    names = tuple(full_name(text, clean_name(name), index) for name in found)
    return names if len(names) > 1 else names[0]


# An unnamed source's description is short: "a senior Trump campaign official".
_MAX_DESCRIPTION_WORDS = 8


@cache
def _source_nouns() -> frozenset[str]:
    return load_words("source_nouns") | _role_words()


def describe(text: str, start: int, phrase: str) -> Unnamed | None:
    """An unnamed source as the text describes it; "the official" takes the fuller
    description written before it ("a senior administration official")."""
    words = phrase.split()
    first_comma = next((i for i, w in enumerate(words) if w.endswith(",")), len(words) - 1)
    words = [w.strip(",") for w in words[: first_comma + 1]]
    head = words[-1].lower()
    if len(words) > _MAX_DESCRIPTION_WORDS or head not in _source_nouns():
        return None
    description = " ".join(words)
    if words[0].lower() == "the":
        earlier = _fuller_description(words[-1])
        floor = max(0, start - 3000)
        # the pattern only where the head noun stands at all (found in C)
        fuller = (
            [m.group(0) for m in earlier.finditer(text, floor, start)]
            if text.find(words[-1], floor, start) >= 0
            else []
        )
        if fuller:
            description = fuller[-1]
    return Unnamed(description[:1].lower() + description[1:])


@cache  # the head is a source noun of the word list as written: few patterns, each compiled once
def _fuller_description(head: str) -> re.Pattern[str]:
    """ "a senior administration official" for "the official"."""
    return re.compile(rf"\b[Aa]n? (?:[\w.’'-]+ ){{0,5}}{re.escape(head)}\b")


def clean_name(name: str) -> str:
    """A name without the words a run of capitals carries before it: a title or role
    ("Northern District Judge Omar Salas", "Ports Chief Marta Ilves"), an article or a
    sentence opener ("The Lena Okoro", "But Ines Calder"), nor "of" and an
    organization after it; at least the surname stays."""
    words = name.split()
    if "of" in words[1:-1]:
        words = words[: words.index("of")]  # "Rui Matos of Harbour Watch"
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _is_title_word(word):
            cut = i + 1
    return " ".join(words[cut:])


def _is_title_word(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered.rstrip(".") in _lower_titles()
        or lowered in _lower_titles()
        or lowered in _role_words()
        or word in non_names()
    )


@cache
def _role_words() -> frozenset[str]:
    return load_words("role_nouns") | {"the", "a", "an"}


def trailing_name(run: str) -> str | None:
    """The person's name that ends a run of capitals: "United Auto Workers
    Secretary-Treasurer Gary Casteel" -> "Gary Casteel"; None when no given name starts
    one."""
    words = run.split()
    for i in range(max(0, len(words) - 4), len(words) - 1):
        if words[i] in given_names() and name_shaped(" ".join(words[i:])):
            return " ".join(words[i:])
    return None


_INITIALS = re.compile(r"(?:[A-Z]\.?){1,3}")


def name_shaped(name: str) -> bool:
    """A person's name as a fallback speaker: a known given name or an initial, then a surname.

    Anything else ("Citing China's") is a clause that happened to be capitalised.
    """
    words = name.split()
    if len(words) < 2 or len(words) > 5 or any(w.endswith(("’s", "'s")) for w in words):
        return False
    first = words[0].rstrip(".")
    return first in given_names() or bool(_INITIALS.fullmatch(words[0]))


_HEAD_END = re.compile(r",|\s\(|\swho\b")


def head_length(phrase: str) -> int:
    """Length of a phrase up to its first comma or parenthesis (the apposition comes after)."""
    cut = _HEAD_END.search(phrase)
    return cut.start() if cut else len(phrase)


_NAME_WORD = r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w’'-]*\.?)"


_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}")


_ENDS_IN_INITIAL = re.compile(r"\b[A-Z]\.$")


def name_in(head: str) -> str | None:
    """The last capitalised run in a phrase, titles and initials' dots kept as written."""
    runs = [m.group(0) for m in _NAME_RUN.finditer(head)]
    if not runs:
        return None
    words = runs[-1].split()
    while words and (words[0].lower() in _lower_titles() or words[0] in non_names()):
        words = words[1:]
    if not words:
        return None
    name = " ".join(words)
    if name.endswith(".") and not _ENDS_IN_INITIAL.search(name):
        name = name[:-1]
    if name.isupper() and len(name) > 3:
        name = name.title()  # "PENCE:" in a transcript
    return name


@cache
def non_names() -> frozenset[str]:
    """Capitalised words that start sentences, not names: "In", "But", "She", "Asked"."""
    return load_words("non_entities") | {"I", "Asked", "Said", "Told"}


@cache
def _lower_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load_words("person_titles"))


def full_name(text: str, name: str, index: Index) -> str:
    """A one-word name expanded to the full name the article uses most: "Clarke" -> "Tom Clarke"."""
    if " " in name:
        return name
    # the same text and people each time: the answer of the first ask, kept on the index
    full = index.full_names.get(name)
    if full is None:
        full = index.full_names[name] = _full_name(text, name, index)
    return full


def _full_name(text: str, name: str, index: Index) -> str:
    longer = [n for n in index.person_names if n.endswith(" " + name)]
    if len(set(longer)) == 1:
        return longer[0]
    found = _names_before(text, name)
    titles = _lower_titles()
    found = [
        f
        for f in found
        if f.split()[0].lower().rstrip(".") not in titles and f.split()[0].lower() not in titles
    ]
    if not found:
        return name
    best = max(sorted(set(found)), key=found.count)
    return f"{best} {name}"


# Up to three capitalised words (or initials) ending just before a name.
_WORDS_BEFORE = re.compile(r"\b((?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'-]+|[A-Z]\.)){0,2})\s$")


def _names_before(text: str, name: str) -> list[str]:
    """The capitalised words written before each use of ``name``: "Tom" in "Tom Clarke".
    Only the text just before each occurrence is read, not the article once per name."""
    found = []
    for at in _uses(text, name):
        before = _WORDS_BEFORE.search(text, max(0, at - 80), at)
        if before is not None:
            found.append(before.group(1))
    return found


def _uses(text: str, name: str) -> Iterator[int]:
    """Where ``name`` stands after a space and ends at a word boundary: what
    ``(?<=\\s)NAME\\b`` finds, by str.find (no regex compiled per name: on real news
    every name is new)."""
    if not name:  # never asked for, but answered as the pattern would
        yield from (use.start() for use in re.finditer(r"(?<=\s)\b", text))
        return
    ends_in_word = _is_word_char(name[-1])
    at = text.find(name, 1)
    while at >= 0:
        end = at + len(name)
        # \b after the name: the next character is of the other kind than its last
        after_word = end < len(text) and _is_word_char(text[end])
        if text[at - 1].isspace() and after_word != ends_in_word:
            yield at
            at = text.find(name, end)  # matches never overlap
        else:
            at = text.find(name, at + 1)


def _is_word_char(char: str) -> bool:
    # what \w means to a regular expression: letters, digits and the underscore
    return char.isalnum() or char == "_"


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s")


def honorific_fit(head: str, name: str) -> str:
    """ "Mr. Obama" is not "Michelle Obama": a title of the other gender keeps the bare surname."""
    title = _HONORIFIC.search(head)
    if title is None or " " not in name:
        return name
    wanted = "m" if title.group(1) == "Mr" else "f"
    known = gender_of(name)
    return name.split()[-1] if known is not None and known != wanted else name


def is_plural_description(words: Sequence[str]) -> bool:
    """'the two secretaries', 'both men', 'the Secretaries of State and Defense'."""
    lowered = [w.lower() for w in words]
    if lowered[0] not in ("the", "both") or len(lowered) < 2 or len(lowered) > 7:
        return False
    return lowered[1] == "two" or lowered[0] == "both" or lowered[1].endswith(("ies", "men"))


def looks_like_subject(who: str) -> bool:
    """A lower-case description can be a speaker ("the spokesman"); a clause cannot."""
    first = who.split()[0].lower()
    return first in ("the", "a", "an", "one", "another", "two", "both", "officials")


def names_by_surname(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(name.split()[-1], []).append(name)
    return {word: tuple(found) for word, found in index.items()}


def antecedent(index: Index, offset: int, number: str, gender: str) -> Speaker:
    """The people a pronoun before ``offset`` most likely refers to: the subject of its
    sentence or of one before (see ``coref``), else the nearest fitting name."""
    if index.coref is not None:
        found = index.coref.pronoun(offset, number, gender)
        if found:
            return resolved(index.coref.text, found, index)
    before = list(index.people_before(offset))
    if number == "p":
        return _last_pair(before)
    for _s, _e, name in before:
        known = gender_of(name)
        if gender == "-" or known is None or known == gender:
            return name
    return None


def _last_pair(before: Sequence[tuple[int, int, str]]) -> Speaker:
    """The two distinct people named last, close together (within a sentence or so)."""
    if not before:
        return None
    first = before[0]
    for s, _e, name in before[1:]:
        if name != first[2]:
            if first[0] - s > 200:
                return None
            return (name, first[2])  # in the order the text names them
    return None


def carries_on(text: str, previous: QuoteSpan | None, span: QuoteSpan) -> bool:
    """A paragraph that only goes on quoting: the previous quote ran on, or sits just before."""
    if previous is None:
        return False
    if previous.close_mark is None:
        return True
    gap = text[(previous.close_mark or previous.end) + 1 : span.open_mark]
    return "\n" in gap and len(gap.strip()) < 80
