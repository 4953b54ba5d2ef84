"""Across articles: stories, merged names and one trip timeline per story.

    from tripnews.digest import build_digest
    digest = build_digest(articles)
    digest.stories[0].title, digest.stories[0].legs

Articles are grouped into stories, and stories into topics, by the similarity of
what they say (``grouping``: TF-IDF over content words and names, candidate pairs
from an inverted index, average link, never across publication dates more than a
month apart). Each story becomes one plain view (``model.Story``: its articles,
merged people, places and organizations with their evidence, trip legs with
origins, events, quotes and a summary; built by ``merge``) that every output
format renders without computing anything of its own. ``names`` indexes people,
places and organizations across the whole corpus.

A large corpus goes through a ``Corpus`` (``corpus``): grouping keeps only each
article's terms and day in memory, the articles wait in a temporary file, and
``digest_stories`` builds the stories one at a time from it, so that the command
line writes JSON a story at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from tripnews.digest.corpus import Corpus, Packed, for_digest, pack
from tripnews.digest.grouping import cluster_table
from tripnews.digest.merge import build_story
from tripnews.digest.model import (
    Digest,
    Event,
    Evidence,
    MergedEntity,
    NameEntry,
    Story,
    StoryLeg,
    StoryQuote,
)
from tripnews.digest.names import name_index
from tripnews.lexicon import name_key
from tripnews.model import Article
from tripnews.pubdate import published_day

__all__ = [
    "Corpus",
    "Digest",
    "Event",
    "Evidence",
    "MergedEntity",
    "NameEntry",
    "Packed",
    "Story",
    "StoryLeg",
    "StoryQuote",
    "build_digest",
    "digest_stories",
    "for_digest",
    "pack",
    "select_stories",
    "story_filter",
    "story_of",
]

Progress = Callable[[str, int, int], None]  # phase, done, total


def build_digest(
    articles: Iterable[Article] | Corpus, on_progress: Progress | None = None
) -> Digest:
    """Group ``articles`` into stories, in order of each story's first article.

    ``on_progress(phase, done, total)`` is called as the work goes ("clustering" over
    articles, "stories" over stories). A ``Corpus`` given is read as it is (its
    articles kept on disk); other articles are held in memory."""
    if isinstance(articles, Corpus):
        stories = tuple(digest_stories(articles, on_progress))
    else:
        with Corpus(articles, spill=False) as corpus:
            stories = tuple(digest_stories(corpus, on_progress))
    return Digest(stories=stories, names=name_index(stories))


def digest_stories(corpus: Corpus, on_progress: Progress | None = None) -> Iterator[Story]:
    """The stories of ``corpus``, in order of their first article, built one at a time:
    only one story's articles are read back and in memory at once (a story keeps only
    its articles' headers, see ``model.Story``)."""

    def clustering(done: int) -> None:
        if on_progress is not None:
            on_progress("clustering", done, len(corpus))

    groups = cluster_table(corpus.table, clustering if on_progress is not None else None)
    for number, (members, topic) in enumerate(zip(groups.stories, groups.topics, strict=True)):
        yield build_story(corpus.articles(members), [groups.best[i] for i in members], topic)
        if on_progress is not None:
            on_progress("stories", number + 1, len(groups.stories))


def story_of(articles: Sequence[Article]) -> Story:
    """All ``articles`` as one story, without grouping: a view of a hand-picked set."""
    return build_story(articles, [1.0] * len(articles), 0)


def select_stories(
    digest: Digest,
    person: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_articles: int = 1,
) -> Digest:
    """The stories of ``digest`` that pass every filter given, with their name index.

    ``person`` and ``place`` match a merged name or any of its spellings, whole words,
    case and punctuation aside ("biden" finds "Joe Biden"); ``since`` and ``until`` keep
    stories published (by any of their articles) within those days, so an undated story
    drops out once a date filter is given; ``min_articles`` keeps stories of that many
    articles or more.
    """
    keep = story_filter(person, place, since, until, min_articles)
    kept = [s for s in digest.stories if keep(s)]
    return Digest(stories=tuple(kept), names=name_index(kept))


def story_filter(
    person: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_articles: int = 1,
) -> Callable[[Story], bool]:
    """Whether a story passes every filter given (``select_stories``' test, for stories
    that come one at a time)."""

    def keep(story: Story) -> bool:
        return (
            len(story.articles) >= min_articles
            and (person is None or _names_match(story.people, person))
            and (place is None or _names_match(story.places, place))
            and _within(story, since, until)
        )

    return keep


def _names_match(entities: Sequence[MergedEntity], wanted: str) -> bool:
    words = name_key(wanted).split()
    if not words:
        return False
    for entity in entities:
        for spelling in (entity.name, *entity.aliases):
            have = name_key(spelling).split()
            if any(have[i : i + len(words)] == words for i in range(len(have))):
                return True
    return False


def _within(story: Story, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    days = [d for a in story.articles if (d := published_day(a.published)) is not None]
    if not days:
        return False
    return (since is None or max(days) >= since) and (until is None or min(days) <= until)
