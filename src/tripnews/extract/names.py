"""Given names from the gender-guesser package's name dictionary, loaded once.

The dictionary (Jörg Michael's ``nam_dict.txt``, about 48,000 first names from
many countries) ships inside the gender-guesser package; tripnews reads only the
name column, so a name's gender is never used or stored.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# The name sits in fixed columns 3..29 of each entry line.
_NAME_COLUMNS = slice(3, 29)


@cache
def given_names() -> frozenset[str]:
    """Every given name in the dictionary, e.g. ``"Antony" in given_names()``."""
    try:
        raw = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    names: set[str] = set()
    for line in raw.decode("iso-8859-1").splitlines():
        if not line or line[0] == "#" or line[:1] not in "MF?1=":
            continue
        name = line[_NAME_COLUMNS].strip()
        if name and "+" not in name and name[0].isupper():
            names.add(name)
            if "-" in name:
                names.update(part for part in name.split("-") if part)
    return frozenset(names)
