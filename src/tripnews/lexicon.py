"""Vocabulary that several stages read: the place gazetteer, small towns, and the key
that folds the spellings of one name together.

The cleaner (is a dateline's first word a place?), the entity extractor and the digest
(one person across outlets) all read it; living here, none of them imports another
stage to get it. Each table is loaded once, on first use.

>>> gazetteer()["Tokyo"].country, name_key("Kim Jong-un") == name_key("Kim Jong Un")
('JP', True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from tripnews.rules import load_table, load_words


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """Place names (and aliases) to their entries: the shipped table plus the supplement."""
    places: dict[str, GazetteerEntry] = {}
    for table in ("gazetteer", "places_extra"):
        for row in load_table(table):
            name, kind, country, lat, lon = (*row, "", "", "", "")[:5]
            places[name] = GazetteerEntry(
                name, kind, country or None, coordinate(lat), coordinate(lon)
            )
    for alias, canonical in load_table("place_aliases"):
        if canonical in places:
            places[alias] = places[canonical]
    # Wire copy drops accents: "Sao Paulo", "Zurich", "Montreal" name the same places.
    for name, entry in list(places.items()):
        plain = without_accents(name)
        if plain != name:
            places.setdefault(plain, entry)
    for word in load_words("place_stopwords"):
        places.pop(word, None)
    return places


@cache
def minor_place_names() -> dict[str, tuple[str, ...]]:
    """Towns too small for the gazetteer (and their names without accents) to their rows;
    the rows become entries only when a text names one (``minor_place``): most runs never
    need one of the 20,000."""
    rows: dict[str, tuple[str, ...]] = {}
    for row in load_table("minor_places"):
        rows[row[0]] = row
        if not row[0].isascii():
            rows.setdefault(without_accents(row[0]), row)
    return rows


@cache
def minor_place(name: str) -> GazetteerEntry | None:
    """The small town of that name (a place only where the text says so), or None."""
    row = minor_place_names().get(name)
    if row is None:
        return None
    town, country, lat, lon = row
    return GazetteerEntry(town, "city", country, coordinate(lat), coordinate(lon))


def without_accents(name: str) -> str:
    """ "São Paulo" -> "Sao Paulo": the letters without their combining marks."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def coordinate(value: str) -> float | None:
    """A table's latitude or longitude, to four places; None where the cell is empty."""
    try:
        return round(float(value), 4)
    except ValueError:
        return None


_NAME_PUNCTUATION = re.compile(r"[\s.’'-]+")


def name_key(name: str) -> str:
    """Spellings of one name fold together: "Kim Jong-un" == "Kim Jong Un"."""
    plain = name.replace(" ", "")
    if plain.isalnum():
        return plain.lower()  # spaces were its only punctuation: no pattern needed
    return _NAME_PUNCTUATION.sub("", name).lower()
