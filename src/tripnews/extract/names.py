"""Given names from the gender-guesser package's name dictionary, loaded once.

The dictionary (Jörg Michael's ``nam_dict.txt``, about 48,000 first names from
many countries) ships inside the gender-guesser package. tripnews reads the name
column to recognise given names, and the gender column only to choose between
people when resolving "he" or "she" in a quote's attribution; a gender is never
written into a record.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# The name sits in fixed columns 3..29 of each entry line; the gender code before it.
_NAME_COLUMNS = slice(3, 29)
_GENDER_CODES = {"M": "m", "1M": "m", "F": "f", "1F": "f"}


@cache
def _entries() -> tuple[tuple[str, str], ...]:
    """(gender code, name) for every dictionary line, decoded once."""
    try:
        raw = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return ()
    out = []
    for line in raw.decode("iso-8859-1").splitlines():
        if not line or line[0] == "#" or line[:1] not in "MF?1=":
            continue
        name = line[_NAME_COLUMNS].strip()
        if name and "+" not in name and name[0].isupper():
            out.append((line[:2].strip(), name))
    return tuple(out)


@cache
def given_names() -> frozenset[str]:
    """Every given name in the dictionary, e.g. ``"Antony" in given_names()``."""
    names: set[str] = set()
    for _code, name in _entries():
        names.add(name)
        if "-" in name:
            names.update(part for part in name.split("-") if part)
    return frozenset(names)


@cache
def _genders() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for code, name in _entries():
        seen.setdefault(name, set()).add(_GENDER_CODES.get(code, "?"))
    # A name used for both ("Kim") is unknown, so it never rules a person out.
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1 and "?" not in g}


def gender_of(full_name: str) -> str | None:
    """'m', 'f' or None for a person's full name, read from the first given name."""
    first = full_name.split()[0] if full_name.split() else ""
    return _genders().get(first)
