"""Rule data shipped with the package: word lists and tables, each loaded once.

Vocabulary lives in ``data/`` as plain files so that it can be read, reviewed and
extended without touching code: ``*.txt`` is one entry per line, ``*.tsv`` is
tab-separated rows; ``#`` starts a comment line in both.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    raw = resources.files("tripnews").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@cache
def load_words(name: str) -> frozenset[str]:
    """Return the entries of ``data/NAME.txt`` as a set: ``load_words("honorifics")``."""
    return frozenset(line.strip() for line in _lines(f"{name}.txt"))


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Return the entries of ``data/NAME.txt`` in file order (for ordered rules)."""
    return tuple(line.strip() for line in _lines(f"{name}.txt"))


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of ``data/NAME.tsv``, each split on tabs: ``load_table("places")``."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(f"{name}.tsv"))
