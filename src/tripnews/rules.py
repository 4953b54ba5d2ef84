"""Rule data shipped with the package: word lists and tables, each loaded once.

Vocabulary lives in ``data/`` as plain files so that it can be read, reviewed and
extended without touching code: ``*.txt`` is one entry per line, ``*.tsv`` is
tab-separated rows; ``#`` starts a comment line in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


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


def words_pattern(words: Iterable[str]) -> str:
    """A regular expression alternation matching exactly ``words``, built as a trie so the
    engine tries one branch per letter instead of every word at every position:
    ``words_pattern(["say", "says", "said"])`` -> ``'sa(?:id|y(?:s)?)'``."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
