"""Rule data shipped with the package: word lists and tables, each loaded once.

Vocabulary lives in ``data/`` as plain files so that it can be read, reviewed and
extended without touching code: ``*.txt`` is one entry per line, ``*.tsv`` is
tab-separated rows; ``#`` starts a comment line in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
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
    return tuple(tuple(map(str.strip, line.split("\t"))) for line in _lines(f"{name}.tsv"))


@cache
def load_groups(name: str) -> Mapping[str, tuple[str, ...]]:
    """Return the rows of the two-column ``data/NAME.tsv`` grouped by their first column,
    groups and members in file order: ``load_groups("credit_words")["job"]``."""
    groups: dict[str, list[str]] = {}
    for group, member in load_table(name):
        groups.setdefault(group, []).append(member)
    return MappingProxyType({group: tuple(members) for group, members in groups.items()})


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


class WordFinder:
    """Whole-word occurrences of fixed lower-case words (each starting and ending with a
    letter or digit), found in one Aho-Corasick pass: what ``\\b(?:words)\\b`` finds
    (the leftmost, then the longest, never overlapping), without trying every word at
    every position.

    >>> WordFinder(["goal", "goals", "half-time"]).spans("two goals by half-time")
    [(4, 9), (13, 22)]
    """

    def __init__(self, words: Iterable[str]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word, len(word))
        if len(self._automaton):
            self._automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not len(self._automaton):
            return []
        found = []
        size = len(text)
        for last, length in self._automaton.iter(text):
            start, end = last + 1 - length, last + 1
            # whole words only: the characters on either side are no word characters
            # (inlined: this loop runs over every hit, "said" in "essaid" included)
            if start > 0 and ((before := text[start - 1]).isalnum() or before == "_"):
                continue
            if end < size and ((after := text[end]).isalnum() or after == "_"):
                continue
            found.append((start, -end))
        found.sort()
        kept: list[tuple[int, int]] = []
        for start, negative_end in found:  # leftmost, then longest
            if not kept or start >= kept[-1][1]:
                kept.append((start, -negative_end))
        return kept


# ASCII letters lower-cased and nothing else: the same length as the text, always.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, with every offset still pointing at the same character: a
    letter that lower-cases to two ("İ") leaves the non-ASCII letters as they are.

    >>> len(lower_same_length("İstanbul")) == len("İstanbul")
    True
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.translate(_ASCII_LOWER)
