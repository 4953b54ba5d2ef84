"""Who "he", "they" or "the Secretary of Defence" is: one answer for quotes and trip legs.

>>> from tripnews.extract.entities import find_entities
>>> text = "Lloyd Austin met Patricia Kim in Tokyo. Later he spoke to reporters."
>>> people = find_entities(text).people
>>> Coref(text, people).pronoun(text.index("he spoke"), "s", "m")
('Lloyd Austin',)

News names a person as the subject of a sentence and then goes on with "he" or
"she": a pronoun points to the subject of its own sentence (the part before it)
or of a sentence before, not to the nearest name, which is often the person
spoken to or about ("Austin met Kim. He said ..."). A subject is the first
person named in a sentence who is neither a modifier ("Biden's adviser", "the
Trump campaign") nor the object of a preposition or a verb of address ("told
Smith", "with Kim"). A role phrase ("the Secretary of Defence") is the one
person of the article who holds that role. When nothing fits, the answer is
empty: no guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from tripnews.extract.names import gender_of
from tripnews.model import Person, Span
from tripnews.segment import sentences

Row = tuple[int, int, str]

# How many sentences back a pronoun may look for its subject.
_SENTENCES_BACK = 4
# A name used as a modifier is nobody's subject: "Biden's adviser", "the Trump campaign".
_MODIFIER = re.compile(
    r"(?:[’']s?\b|\s(?:regime|administration|government|campaign|policy|team|era|family|"
    r"doctrine|aides?|camp|officials|review|summits?|presidency|spokes(?:man|woman|person)|"
    r"supporters|allies|rally|rallies|voters|critics|adviser|advisor|surrogate)\b)"
)
# A name after one of these words is an object, not the subject.
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|with|by|for|from|of|about|against|than|like|at|on|in|under|over|between|among|"
    r"towards?|told|tells|telling|asked|asking|thanked|met|meeting|meets|called|calling|"
    r"accused|accusing|praised|criticized|criticised|attacked|endorsed|endorsing|"
    r"interviewed|before|after|as|behind|unlike|versus|vs\.?)\s+(?:[A-Z][\w.’'-]*\s+){0,4}$",
)
_JOINED = re.compile(r"\s*(?:and|&)\s*$")


class Coref:
    """The people of one article, ready to answer "who is meant here"."""

    def __init__(
        self,
        text: str,
        people: Sequence[Person],
        skip: Callable[[int], bool] = lambda _offset: False,
        rows: list[Row] | None = None,
    ) -> None:
        self.text = text
        self.people = people
        # (start, end, name) of every mention, sorted; a caller that has them passes them
        self.rows: list[Row] = (
            sorted((m.start, m.end, p.name) for p in people for m in p.mentions)
            if rows is None
            else rows
        )
        self._skip = skip  # mentions inside quotes speak of people, they are not subjects
        self._sentences: list[Span] | None = None
        self._starts: list[int] = []

    def sentence_spans(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = sentences(self.text)
            self._starts = [span.start for span in self._sentences]
        return self._sentences

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (-1 before the first)."""
        self.sentence_spans()
        return bisect.bisect_right(self._starts, offset) - 1

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding ``offset`` starts."""
        self.sentence_spans()
        at = bisect.bisect_right(self._starts, offset) - 1
        return self._starts[at] if at >= 0 else 0

    def subject(self, start: int, end: int) -> tuple[str, ...]:
        """The subject person (or pair, "Blinken and Austin") of the text in ``start:end``."""
        text = self.text
        low = bisect.bisect_left(self.rows, (start,))
        high = bisect.bisect_left(self.rows, (end,))
        rows = [r for r in self.rows[low:high] if r[1] <= end and not self._skip(r[0])]
        for i, (s, e, name) in enumerate(rows):
            if not self.may_be_subject(start, s, e):
                continue
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if nxt is not None and nxt[2] != name and _JOINED.fullmatch(text, e, nxt[0]):
                return (name, nxt[2])
            return (name,)
        return ()

    def may_be_subject(self, start: int, s: int, e: int) -> bool:
        """Whether the name at ``s:e`` can be the subject of a clause starting at ``start``:
        neither a modifier nor after a preposition or a verb of address."""
        text = self.text
        return not (_MODIFIER.match(text, e) or _OBJECT_BEFORE.search(text, max(start, s - 60), s))

    def pronoun(self, offset: int, number: str, gender: str) -> tuple[str, ...]:
        """The person (number "s") or pair ("p") a pronoun at ``offset`` points to:
        the subject of its own sentence before it, else of the sentences before."""
        spans = self.sentence_spans()
        at = self.sentence_index(offset)
        end = offset
        for index in range(at, max(-1, at - _SENTENCES_BACK - 1), -1):
            if index < 0:
                break
            found = self.subject(spans[index].start, end)
            end = spans[index - 1].end if index > 0 else 0
            if not found:
                continue
            if number == "p":
                if len(found) == 2:
                    return found
                continue
            name = found[0]
            known = gender_of(name)
            if gender == "-" or known is None or known == gender:
                return (name,)
        return ()

    def role_holder(self, phrase: str) -> str | None:
        """The one person whose role is ``phrase`` ("the Secretary of Defence")."""
        key = _role_key(phrase)
        if not key:
            return None
        holders = [p.name for p in self.people if any(_role_key(r) == key for r in p.roles)]
        return holders[0] if len(holders) == 1 else None


def _role_key(role: str) -> str:
    """A role compared without case, articles, a country adjective or spelling variants."""
    words = re.sub(r"[^\w\s-]", "", role.lower()).split()
    while words and words[0] in ("the", "a", "an", "us", "u.s.", "american", "top"):
        words = words[1:]
    return " ".join(words).replace("defence", "defense")
