"""Lines written in capitals (headlines, datelines), where a word's case says nothing of
whether it is a name."""

from __future__ import annotations

import string


def all_caps_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in capitals (headlines, datelines), where case says nothing."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= 12 and in_capitals(line):  # (a blank line needs no call)
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_ASCII_LETTERS = string.ascii_letters.encode()


_ASCII_CAPITALS = string.ascii_uppercase.encode()


_ASCII_LOWER = string.ascii_lowercase.encode()


def in_capitals(line: str) -> bool:
    """At least 12 letters, more than 80% of them capitals."""
    # Counted in C on the UTF-8 bytes: deleting the ASCII letters (or capitals) leaves the
    # rest. Every other character adds at least one byte, which bounds how many capitals
    # could hide among them; only a line that bound cannot settle is counted by hand.
    if len(line) < 12:
        return False  # too few characters for 12 letters (most such lines are blank)
    raw = line.encode("utf-8")
    if len(raw) == len(line):
        # ASCII: the capitals can be over four times the lower-case letters (80%) only if
        # these are under a fifth of the line, so one count settles a line of prose
        lower_case = len(raw) - len(raw.translate(None, _ASCII_LOWER))
        if 5 * lower_case >= len(raw):
            return False
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    capitals = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    others_at_most = len(raw) - len(line)
    if others_at_most == 0:
        return letters >= 12 and capitals > 0.8 * letters
    if capitals + others_at_most <= 0.8 * letters:
        return False  # mostly lower-case ASCII, whatever the other letters are
    letters, capitals = sum(map(str.isalpha, line)), sum(map(str.isupper, line))
    return letters >= 12 and capitals > 0.8 * letters
