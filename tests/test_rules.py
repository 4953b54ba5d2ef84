"""Rule-data helpers: the trie-built alternation matches exactly its words."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tripnews.rules import WordFinder, load_groups, load_table, words_pattern

WORDS = st.sets(st.text(alphabet="abc.-", min_size=1, max_size=5), min_size=1, max_size=12)


@given(WORDS, st.text(alphabet="abc.-", max_size=6))
def test_the_pattern_matches_exactly_its_words(words: set[str], probe: str) -> None:
    pattern = re.compile(f"(?:{words_pattern(words)})")
    for word in words:
        assert pattern.fullmatch(word)
    assert bool(pattern.fullmatch(probe)) == (probe in words)


def test_a_word_and_its_longer_forms_all_match_before_a_boundary() -> None:
    pattern = re.compile(rf"\b(?:{words_pattern(['say', 'says', 'saying', 'said'])})\b")
    text = "he said it, says it, keeps saying it; say so; sayings are not"
    assert [m.group(0) for m in pattern.finditer(text)] == ["said", "says", "saying", "say"]


# words as the finder takes them: starting and ending with a letter
LOWER_WORDS = st.sets(st.from_regex(r"[ab](?:[ab -]{0,3}[ab])?", fullmatch=True), max_size=8)


@given(LOWER_WORDS, st.text("ab -_é", max_size=40))
def test_the_word_finder_finds_what_the_bounded_alternation_finds(
    words: set[str], text: str
) -> None:
    pattern = re.compile(rf"\b(?:{words_pattern(words)})\b") if words else None
    expected = [m.span() for m in pattern.finditer(text)] if pattern else []
    assert WordFinder(words).spans(text) == expected


def test_groups_keep_the_file_order_of_groups_and_members() -> None:
    rows = load_table("removed_kinds")
    groups = load_groups("removed_kinds")
    firsts = list(dict.fromkeys(group for group, _ in rows))
    assert list(groups) == firsts
    for group, members in groups.items():
        assert members == tuple(member for of, member in rows if of == group)
    assert groups["caption"] == ("caption",)
