"""People, places and organizations across the whole corpus, each spelling merged.

    name_index(stories)[0]   # NameEntry("Barack Obama", "person", ("Obama",), (1, 4), 9, 31)

A story has already merged its own spellings ("Kim Jong-un" / "Kim Jong Un", a
surname alone into its one full name). Across stories the same is done again on
the stories' names and aliases: one key per folded spelling, and a person named by
a surname alone joins the one full name of the corpus that ends with it (when two
people share the surname, it stays apart rather than guess).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tripnews.digest.model import MergedEntity, NameEntry, Story
from tripnews.lexicon import name_key


@dataclass(slots=True)
class _Seen:
    name: str
    kind: str
    aliases: dict[str, None] = field(default_factory=dict)
    stories: dict[int, None] = field(default_factory=dict)
    sources: dict[str, None] = field(default_factory=dict)
    mentions: int = 0

    def add(self, entity: MergedEntity, story: int) -> None:
        self.aliases.update(dict.fromkeys((entity.name, *entity.aliases)))
        self.stories[story] = None
        self.sources.update(dict.fromkeys(entity.sources))
        self.mentions += entity.count

    def absorb(self, other: _Seen) -> None:
        self.aliases.update(other.aliases)
        self.stories.update(other.stories)
        self.sources.update(other.sources)
        self.mentions += other.mentions


def name_index(stories: Sequence[Story]) -> tuple[NameEntry, ...]:
    """Every name of ``stories``, merged across them, most widespread first."""
    index = NameIndex()
    for number, story in enumerate(stories, 1):
        index.add(story, number)
    return index.entries()


class NameIndex:
    """``name_index`` gathered a story at a time, for stories that are not all held at
    once: ``add`` each story with its number, then take the ``entries``."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], _Seen] = {}

    def add(self, story: Story, number: int) -> None:
        seen = self._seen
        for entity in (*story.people, *story.places, *story.organizations):
            key = (entity.kind, name_key(entity.name))
            seen.setdefault(key, _Seen(entity.name, entity.kind)).add(entity, number)

    def entries(self) -> tuple[NameEntry, ...]:
        seen = dict(self._seen)
        _fold_surnames(seen)
        entries = [
            NameEntry(
                name=s.name,
                kind=s.kind,
                aliases=tuple(sorted(a for a in s.aliases if a != s.name)),
                stories=tuple(sorted(s.stories)),
                articles=len(s.sources),
                mentions=s.mentions,
            )
            for s in seen.values()
        ]
        return tuple(sorted(entries, key=lambda e: (-len(e.stories), -e.articles, e.kind, e.name)))


def _fold_surnames(seen: dict[tuple[str, str], _Seen]) -> None:
    """ "Obama" alone joins "Barack Obama" when the corpus names one person so."""
    full: dict[str, list[tuple[str, str]]] = {}
    for key, entry in seen.items():
        if entry.kind == "person" and " " in entry.name:
            full.setdefault(name_key(entry.name.split()[-1]), []).append(key)
    for key in [k for k, e in seen.items() if e.kind == "person" and " " not in e.name]:
        targets = full.get(key[1], [])
        if len(targets) == 1:
            seen[targets[0]].absorb(seen.pop(key))
