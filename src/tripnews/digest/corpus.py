"""The articles of a digest, held so that a large corpus fits in memory.

    with Corpus() as corpus:
        for article in articles:
            corpus.add(article)
        stories = list(digest_stories(corpus))

Grouping needs of each article only its terms and publication day (``grouping``'s
``TermTable``); a story's view needs its own articles, and only while it is built.
So each article added is counted into the term table and written, pickled, to an
anonymous temporary file (unlinked from the start: nothing is left behind, even
when the run is killed), and read back by its offset when its story is built. A
corpus made with ``spill=False`` keeps its articles in a list instead, for the few
articles a library caller hands over at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from tripnews.digest.grouping import TermTable, terms
from tripnews.model import Article
from tripnews.pubdate import published_day


@dataclass(frozen=True, slots=True)
class Packed:
    """An article made ready for a ``Corpus`` where it is made: its terms counted, its
    day read and the article pickled, in the worker process that ingested it (the
    main process only files it; a pickled article crosses as one string of bytes)."""

    source: str
    has_text: bool
    language: str | None
    bag: Counter[str]
    day: dt.date | None
    data: bytes


def for_digest(article: Article) -> Article:
    """The article without what no story shows (the blocks the cleaner removed), so a
    corpus held for grouping takes less memory and crosses from workers faster."""
    return dataclasses.replace(article, removed=()) if article.removed else article


def pack(article: Article) -> Packed:
    """``article`` for a corpus (``for_digest``), packed where it is made."""
    article = for_digest(article)
    return Packed(
        article.source,
        bool(article.text.strip()),
        article.language,
        terms(article),
        published_day(article.published),
        pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL),
    )


class Corpus:
    """Articles by number (in the order added), their grouping features in memory."""

    def __init__(
        self, articles: Iterable[Article] = (), spill: bool = True, folder: str | None = None
    ) -> None:
        self.table = TermTable()
        self._held: list[Article] = []
        # closed by close(), which the with-statement of a caller runs
        self._file: IO[bytes] | None = (
            tempfile.TemporaryFile(dir=folder) if spill else None  # noqa: SIM115
        )
        self._offsets = array("q", [0])  # article i's bytes are offsets[i]:offsets[i+1]
        for article in articles:
            self.add(article)

    def __len__(self) -> int:
        return len(self.table)

    def add(self, article: Article | Packed) -> None:
        """Add an article, or one already packed (by ``pack``, in a worker)."""
        if self._file is None:
            held = pickle.loads(article.data) if isinstance(article, Packed) else article
            self.table.add(held)
            self._held.append(held)
            return
        if isinstance(article, Article):
            article = pack(article)
        self.table.add_bag(article.bag, article.day)
        self._file.write(article.data)
        self._offsets.append(self._offsets[-1] + len(article.data))

    def articles(self, numbers: Sequence[int]) -> list[Article]:
        """The articles of ``numbers``, in that order (read back from disk when spilled)."""
        if self._file is None:
            return [self._held[i] for i in numbers]
        out = []
        for i in numbers:
            start = self._offsets[i]
            self._file.seek(start)
            out.append(pickle.loads(self._file.read(self._offsets[i + 1] - start)))
        self._file.seek(0, 2)  # back to the end, where the next article is written
        return out

    def close(self) -> None:
        """Let go of the articles (the temporary file is deleted as it is closed)."""
        if self._file is not None:
            self._file.close()
        self._held = []

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
