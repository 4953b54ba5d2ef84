"""Group articles into stories, and stories into topics, at near-linear cost.

    groups = cluster(articles)
    groups.stories   # [[0, 3], [1], [2, 4]]: article indices, by first article
    groups.topics    # [0, 1, 0]: the topic of each story (stories of one kind of news)

Each article becomes a TF-IDF vector over the content words of its language and the
names of its people, places and organizations (a name counts more than a word: it
says who and where, which is what tells two events of one kind apart). The close
cosine leaves out the terms one article alone holds: they link it to nothing and
only shrink its every cosine; the whole-text cosine keeps them, for the strong link.

Only articles that share a term held by at most ``MAX_POSTING`` articles are ever
compared (an inverted index, never all pairs), and their cosine is summed over those
terms. Stories are then built by average link (the mean similarity of every pair
across two groups must reach ``SAME_STORY``, and one pair must be a strong link),
which does not chain the way single link does: one article that mentions two
stories cannot make them one. Two groups whose publication dates lie more than
``MAX_DAYS_APART`` apart are never joined, so an undated article cannot bridge them
either, and two established groups join only when nearly as alike across as inside
(``KEEP_COHESION``). Topics continue the same average link over whole stories down
to ``SAME_TOPIC``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from tripnews.lexicon import name_key
from tripnews.model import Article
from tripnews.pubdate import published_day
from tripnews.rules import load_table, load_words

# Mean cosine at or above which two groups of articles tell one story, and one topic.
# Read off stories-dev (ECB+), whose topics each hold two events of one kind: story
# B-cubed F1 peaks near 0.15 (0.92 with the rules below), topic B-cubed near 0.03
# (0.95). The seeds' four articles of one trip link at 0.36 to 0.60.
SAME_STORY = 0.15
SAME_TOPIC = 0.03
# Two groups whose publication dates are further apart than this are different stories
# (a follow-up weeks later is usually a new story); an article with no date is free.
MAX_DAYS_APART = 30
# A name is worth this many words: shared people and places mark one event better
# than shared vocabulary does.
NAME_WEIGHT = 2
# IDF raised to this power: rarer terms, the ones naming one event, weigh more than
# plain TF-IDF gives them (1.0 merges same-kind events; 2.0 splits stories apart).
IDF_POWER = 1.5
# Two groups make one story only when at least one article of each is this alike to
# one of the other over its whole text (every term, plain IDF). The close cosine leaves
# out what one article alone says; in a handful of articles on one theme that hides an
# article about another event of the kind (on the seeds: best link 0.16 against 0.24).
STRONG_LINK = 0.18
# Two groups of at least ESTABLISHED articles each join only when their mean similarity
# across is at least KEEP_COHESION of the mean inside the looser one: two events of one
# kind (two earthquakes, two coaches fired) share the theme's words, but less than the
# articles of one event share among themselves. On stories-dev it lifts story B-cubed
# F1 from 0.894 to 0.921 (both halves of its topics gain); 0.65 to 0.75 give the same.
KEEP_COHESION = 0.7
ESTABLISHED = 5
# Terms held by more articles than this are left out of the candidate index: too
# common to make two articles one story, and the cost of a term grows with the square
# of its articles. It bounds the work per article, so the cost grows about linearly.
MAX_POSTING = 200
# Pairs whose similarity stays under this are never kept, nor more than this many of
# an article's pairs with earlier articles, the closest first: memory and the cost of
# merging stay proportional to the corpus (a story of a thousand wire copies would
# otherwise hold half a million pairs).
FLOOR = SAME_TOPIC / 2
NEIGHBOURS = 50
# An article's language is read from at most this many of its first words.
LANGUAGE_SAMPLE = 300

_WORD = re.compile(r"[^\W\d_][\w’'-]{2,}")


@dataclass(frozen=True, slots=True)
class Groups:
    """Stories as lists of article indices (in order of their first article), the topic
    number of each story, and each article's best similarity inside its story."""

    stories: tuple[tuple[int, ...], ...]
    topics: tuple[int, ...]
    best: tuple[float, ...]


def cluster(
    articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
) -> Groups:
    """Group ``articles`` into stories and topics (see the module's docstring)."""
    table = TermTable()
    for article in articles:
        table.add(article)
    return cluster_table(table, on_progress)


def cluster_table(table: TermTable, on_progress: Callable[[int], None] | None = None) -> Groups:
    """Group the articles whose terms and days ``table`` holds (what ``cluster`` does,
    from features alone: the articles themselves need not be in memory)."""
    n = len(table.lengths)
    if n == 0:
        return Groups(stories=(), topics=(), best=())
    edges = pair_arrays(weigh_table(table), on_progress)
    days = table.days
    component = _components(n, edges)
    units: list[tuple[int, ...]] = [(i,) for i in range(n)]
    stories = average_link(units, edges, component, (SAME_STORY, STRONG_LINK), days, KEEP_COHESION)
    stories.sort(key=lambda s: s[0])
    topics = average_link(stories, edges, component, (SAME_TOPIC, 0.0), None)
    topic_of = {i: t for t, group in enumerate(sorted(topics)) for i in group}
    story_topic = [topic_of[s[0]] for s in stories]
    # topics numbered by their first story
    renumber: dict[int, int] = {}
    for t in story_topic:
        renumber.setdefault(t, len(renumber))
    story_of = np.empty(n, dtype=np.int64)
    for number, story in enumerate(stories):
        story_of[list(story)] = number
    inside = story_of[edges.first] == story_of[edges.second]
    best_of = np.zeros(n, dtype=np.float64)
    np.maximum.at(best_of, edges.first[inside], edges.close[inside])
    np.maximum.at(best_of, edges.second[inside], edges.close[inside])
    best = best_of.tolist()
    for story in stories:
        if len(story) == 1:
            best[story[0]] = 1.0
    return Groups(
        stories=tuple(stories),
        topics=tuple(renumber[t] for t in story_topic),
        best=tuple(round(b, 3) for b in best),
    )


# ---------------------------------------------------------------------------
# terms and weights


@cache
def _function_words() -> dict[str, frozenset[str]]:
    by_language: dict[str, set[str]] = {}
    for language, word in load_table("function_words"):
        by_language.setdefault(language, set()).add(word)
    return {language: frozenset(words) for language, words in by_language.items()}


@cache
def _stop_lists() -> tuple[frozenset[str], tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """English's function words, and each other language's (alone, and with English's)."""
    english = load_words("stopwords")
    return english, tuple(
        (words, words | english) for _language, words in sorted(_function_words().items())
    )


def language_stopwords(words: Sequence[str]) -> frozenset[str]:
    """The function words of the language whose list most of the distinct ``words``
    (lower case) are in, with English's; English's alone when no other list is hit more.

    >>> sorted(language_stopwords("die regierung und der kanzler".split()) - {"a"})[:3]
    ['aber', 'about', 'above']
    """
    english, others = _stop_lists()
    sample = set(words[:LANGUAGE_SAMPLE])
    best, hits = english, len(sample & english)
    for listed in others:
        found = len(sample & listed[0])
        if found > hits:
            best, hits = listed[1], found
    return best


@cache
def _stopwords_by_language() -> dict[str, frozenset[str]]:
    """Each listed language's function words with English's, and English's alone."""
    english = load_words("stopwords")
    by_language = {code: words | english for code, words in _function_words().items()}
    by_language["en"] = english
    return by_language


def terms(article: Article) -> Counter[str]:
    """The article's key terms with their counts: content words, and names as ``@name``.
    The function words dropped are those of the language the record names; only an
    article whose language is unknown (or unlisted) has it guessed from its words."""
    words = [w.lower() for w in _WORD.findall(article.text)]
    known = _stopwords_by_language().get(article.language or "")
    stop = known if known is not None else language_stopwords(words)
    bag: Counter[str] = Counter(w for w in words if w not in stop)
    for group in (article.people, article.places, article.organizations):
        for entity in group:
            bag["@" + name_key(entity.name)] += NAME_WEIGHT * entity.count
    return bag


@dataclass(frozen=True, slots=True)
class Vectors:
    """Unit TF-IDF rows of the articles over the terms of the candidate index: ``close``
    (IDF raised to ``IDF_POWER``, normed over the terms another article shares) and
    ``whole`` (plain IDF, normed over every term), as sparse matrices of one shape."""

    close: csr_matrix
    whole: csr_matrix


class TermTable:
    """The term bags and publication days of a corpus, as compact as a big corpus needs:
    every article's term ids and counts in flat integer arrays (a ``Counter`` per
    article would take as much memory as the articles' texts), one vocabulary."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.ids = array("i")
        self.counts = array("i")
        self.lengths = array("i")  # distinct terms of each article
        self.days: list[dt.date | None] = []

    def __len__(self) -> int:
        return len(self.lengths)

    def add(self, article: Article) -> None:
        """Count ``article``'s terms and note its publication day."""
        self.add_bag(terms(article), published_day(article.published))

    def add_bag(self, bag: Counter[str], day: dt.date | None = None) -> None:
        vocabulary = self.vocabulary
        self.ids.extend(vocabulary.setdefault(term, len(vocabulary)) for term in bag)
        self.counts.extend(bag.values())
        self.lengths.append(len(bag))
        self.days.append(day)


def weigh(bags: Sequence[Counter[str]]) -> Vectors:
    """TF-IDF vectors of ``bags`` (see ``weigh_table``)."""
    table = TermTable()
    for bag in bags:
        table.add_bag(bag)
    return weigh_table(table)


# Articles weighed at once: bounds the memory of the weighing's temporary arrays.
WEIGH_CHUNK = 5000


def weigh_table(table: TermTable) -> Vectors:
    """TF-IDF vectors of the bags of ``table`` (sublinear term frequency, IDF from the
    bags at hand).

    Only terms of two to ``MAX_POSTING`` articles are columns: a term of one article
    adds to no dot product, and a commoner one is left out of the index (it still
    counts in the norms). Articles are weighed a chunk at a time: every figure of an
    article comes from its own terms and the document frequencies, so a chunk gives
    what the whole corpus at once gives, in a fraction of the memory."""
    n = len(table.lengths)
    ids = np.frombuffer(table.ids, dtype=np.int32) if table.ids else np.zeros(0, np.int32)
    counts = np.frombuffer(table.counts, dtype=np.int32) if table.counts else np.zeros(0, np.int32)
    lengths = np.frombuffer(table.lengths, dtype=np.int32) if n else np.zeros(0, np.int32)
    df = np.bincount(ids, minlength=len(table.vocabulary))
    idf = np.log1p(n / np.maximum(df, 1))
    bounds = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64)))
    parts: list[tuple[np.ndarray, ...]] = []
    for first in range(0, n, WEIGH_CHUNK):
        last = min(first + WEIGH_CHUNK, n)
        span = slice(int(bounds[first]), int(bounds[last]))
        parts.append(_weigh_rows(ids[span], counts[span], lengths[first:last], first, df, idf))
    shape = (n, len(table.vocabulary))
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0))
    row, term, close, whole = (
        (np.concatenate([p[k] for p in parts]) for k in range(4)) if parts else empty
    )
    return Vectors(
        csr_matrix((close, (row, term)), shape=shape),
        csr_matrix((whole, (row, term)), shape=shape),
    )


def _weigh_rows(
    ids: np.ndarray,
    counts: np.ndarray,
    lengths: np.ndarray,
    first: int,
    df: np.ndarray,
    idf: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The indexed entries (row, term, close weight, whole weight) of consecutive
    articles from ``first``, their norms taken over all their terms."""
    n = len(lengths)
    term = ids.astype(np.int64)
    row = np.repeat(np.arange(n), lengths)
    tf = 1 + np.log(np.maximum(counts.astype(np.float64), 1e-9))
    whole = tf * idf[term]
    shared = df[term] > 1
    close = np.where(shared, tf * idf[term] ** IDF_POWER, 0.0)
    whole_norm = np.sqrt(np.bincount(row, weights=whole * whole, minlength=n))
    close_norm = np.sqrt(np.bincount(row, weights=close * close, minlength=n))
    indexed = shared & (df[term] <= MAX_POSTING)
    row, term = row[indexed], term[indexed]
    whole = whole[indexed] / np.where(whole_norm > 0, whole_norm, 1.0)[row]
    close = close[indexed] / np.where(close_norm > 0, close_norm, 1.0)[row]
    return row + first, term, close, whole


# ---------------------------------------------------------------------------
# candidate pairs

Pair = tuple[int, int]
Scores = tuple[float, float]  # (close, whole) cosines of a pair
# Articles scored against the whole corpus at once: bounds the memory of one product,
# which holds every candidate of its articles (on 10,000 records of wire copies 2,000
# articles took 416 MB, 250 take 60 MB, and run faster: the product fits the caches).
# Each row is summed alone, so the scores are the same in any chunking.
CHUNK = 250


@dataclass(frozen=True, slots=True)
class Edges:
    """Scored pairs as parallel arrays, in the order they were found: ``first[k] <
    second[k]`` are articles, ``close[k]`` and ``whole[k]`` their two cosines. Arrays
    take a tenth of the memory of a dict of tuples, which at 100,000 articles is the
    difference between half a gigabyte and a gigabyte and more."""

    first: np.ndarray
    second: np.ndarray
    close: np.ndarray
    whole: np.ndarray

    def __len__(self) -> int:
        return len(self.first)

    def taken(self, which: np.ndarray) -> Edges:
        """The edges at the positions (or mask) ``which``, in their order."""
        return Edges(self.first[which], self.second[which], self.close[which], self.whole[which])

    def items(self, step: int = 100_000) -> Iterator[tuple[int, int, float, float]]:
        """Each edge as plain numbers, converted a slice at a time (not all at once)."""
        for start in range(0, len(self.first), step):
            part = slice(start, start + step)
            yield from zip(
                self.first[part].tolist(),
                self.second[part].tolist(),
                self.close[part].tolist(),
                self.whole[part].tolist(),
                strict=True,
            )


def similar_pairs(
    vectors: Vectors, on_progress: Callable[[int], None] | None = None
) -> dict[Pair, Scores]:
    """Both cosines of every pair (i < j) sharing a term of at most ``MAX_POSTING``
    articles, summed over those terms, kept when the close one reaches ``FLOOR``
    (``pair_arrays`` as a dict)."""
    return {
        (i, j): (close, whole) for i, j, close, whole in pair_arrays(vectors, on_progress).items()
    }


def pair_arrays(vectors: Vectors, on_progress: Callable[[int], None] | None = None) -> Edges:
    """Both cosines of every pair (i < j) sharing a term of at most ``MAX_POSTING``
    articles, summed over those terms, kept when the close one reaches ``FLOOR``.

    A sparse product scores a chunk of articles against all others through the terms
    they share, as an inverted index would: the work is the sum of the posting lengths,
    bounded by ``MAX_POSTING`` per term, never all pairs; memory holds one chunk's
    products and the pairs kept.
    """
    n = vectors.close.shape[0]
    close_t = vectors.close.T.tocsr()
    found: list[Edges] = []
    for start in range(0, n, CHUNK):
        product = vectors.close[start : start + CHUNK] @ close_t
        rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr)) + start
        cols, scores = product.indices, product.data
        keep = (cols < rows) & (scores >= FLOOR)
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
        keep = _best_of_each_row(rows, scores, NEIGHBOURS)
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
        # the whole-text cosine of the pairs kept: row by row dot products
        whole = np.asarray(vectors.whole[rows].multiply(vectors.whole[cols]).sum(axis=1)).ravel()
        found.append(Edges(cols.astype(np.int32), rows.astype(np.int32), scores, whole))
        if on_progress is not None:
            on_progress(min(start + CHUNK, n))
    if not found:
        return Edges(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0), np.zeros(0))
    return Edges(
        np.concatenate([e.first for e in found]),
        np.concatenate([e.second for e in found]),
        np.concatenate([e.close for e in found]),
        np.concatenate([e.whole for e in found]),
    )


def postings(vectors: Vectors) -> list[list[tuple[int, float, float]]]:
    """Each indexed term's articles with their two weights: the inverted index, as plain
    data a distributed engine can partition (one posting per term).

    ``dask.bag.from_sequence(postings(v)).map(posting_pairs).flatten()`` then
    ``.foldby(pair, sum)`` gives the pairs ``similar_pairs`` scores on one machine.
    """
    by_term = vectors.close.T.tocsr()
    whole = vectors.whole.T.tocsr()
    return [
        list(
            zip(
                by_term.indices[start:end].tolist(),
                by_term.data[start:end].tolist(),
                whole.data[start:end].tolist(),
                strict=True,
            )
        )
        for start, end in zip(by_term.indptr[:-1], by_term.indptr[1:], strict=True)
        if end > start
    ]


def posting_pairs(posting: Sequence[tuple[int, float, float]]) -> list[tuple[Pair, Scores]]:
    """Every pair (i < j) of one term's articles with that term's share of both cosines."""
    ordered = sorted(posting)
    return [
        ((i, j), (close_i * close_j, whole_i * whole_j))
        for n, (i, close_i, whole_i) in enumerate(ordered)
        for j, close_j, whole_j in ordered[n + 1 :]
    ]


def add_scores(a: Scores, b: Scores) -> Scores:
    return a[0] + b[0], a[1] + b[1]


def _best_of_each_row(rows: np.ndarray, scores: np.ndarray, best: int) -> np.ndarray:
    """A mask of each row's ``best`` highest scores (``rows`` in order)."""
    order = np.lexsort((-scores, rows))
    rank = np.empty(len(rows), dtype=np.int64)
    starts = np.searchsorted(rows[order], rows[order], side="left")
    rank[order] = np.arange(len(rows)) - starts
    return rank < best


# ---------------------------------------------------------------------------
# average link over the sparse graph


def _components(n: int, edges: Edges) -> np.ndarray:
    """Each article's connected part of the graph of scored pairs (a number per part)."""
    graph = csr_matrix((np.ones(len(edges)), (edges.first, edges.second)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


def average_link(
    units: Sequence[tuple[int, ...]],
    edges: Edges,
    component: np.ndarray,
    threshold: Scores,
    days: Sequence[dt.date | None] | None,
    cohesion: float = 0.0,
) -> list[tuple[int, ...]]:
    """Merge groups of articles (``units``) while the mean close cosine over all pairs
    across two groups (a pair with no edge counts as 0) reaches ``threshold[0]`` and
    their best whole-text link reaches ``threshold[1]``, best mean first. With ``days``,
    two groups are never merged when their dated articles lie further apart than
    ``MAX_DAYS_APART``. Two groups of ``ESTABLISHED`` articles or more each are merged
    only when their mean across reaches ``cohesion`` times the mean inside the looser
    of the two. Returns the groups, each sorted.

    Groups merge only along edges, so each connected part of the graph (``component``:
    each article's part) is merged on its own, with the same numbers and in the same
    order as the whole graph at once would be; only one part's running sums are in
    memory at a time."""
    if not units:
        return []
    unit_part = component[[unit[0] for unit in units]]
    unit_order = np.argsort(unit_part, kind="stable")
    edge_part = component[edges.first]
    edge_order = np.argsort(edge_part, kind="stable")
    edge_part = edge_part[edge_order]
    parts, starts = np.unique(unit_part[unit_order], return_index=True)
    ends = [*starts[1:].tolist(), len(units)]
    low = np.searchsorted(edge_part, parts, side="left").tolist()
    high = np.searchsorted(edge_part, parts, side="right").tolist()
    out: list[tuple[int, ...]] = []
    for start, end, first, last in zip(starts.tolist(), ends, low, high, strict=True):
        members = {u: units[u] for u in unit_order[start:end].tolist()}
        if first == last:
            out.extend(tuple(sorted(unit)) for unit in members.values())
            continue
        part_edges = edges.taken(edge_order[first:last])
        out.extend(_average_link(members, part_edges, threshold, days, cohesion))
    return out


def _average_link(
    units: dict[int, tuple[int, ...]],
    edges: Edges,
    threshold: Scores,
    days: Sequence[dt.date | None] | None,
    cohesion: float,
) -> list[tuple[int, ...]]:
    """``average_link`` over one connected part: ``units`` by their number."""
    owner = {i: u for u, unit in units.items() for i in unit}
    members: dict[int, list[int]] = {u: list(unit) for u, unit in units.items()}
    sums: dict[int, dict[int, list[float]]] = {u: {} for u in members}
    for i, j, close, whole in edges.items():
        a, b = owner[i], owner[j]
        if a != b:
            total = sums[a].setdefault(b, [0.0, 0.0])
            total[0] += close
            total[1] = max(total[1], whole)
            sums[b][a] = total
    span: dict[int, tuple[dt.date, dt.date] | None] = {u: None for u in members}
    if days is not None:
        for u, unit in members.items():
            dated = [d for i in unit if (d := days[i]) is not None]
            span[u] = (min(dated), max(dated)) if dated else None

    least, strong = threshold
    inner = dict.fromkeys(members, 0.0)  # close cosines summed inside each group
    for i, j, close, _whole in edges.items():
        if owner[i] == owner[j]:
            inner[owner[i]] += close

    def loose(u: int) -> float:
        size = len(members[u])
        return inner[u] / (size * (size - 1) / 2)

    version = dict.fromkeys(members, 0)  # bumped at each merge: older heap entries are stale
    heap = []
    for a, near in sums.items():
        for b, (close, whole) in near.items():
            mean = close / (len(members[a]) * len(members[b]))
            if a < b and mean >= least and whole >= strong:
                heap.append((-mean, a, b, 0, 0))
    heapq.heapify(heap)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if version.get(a) != version_a or version.get(b) != version_b:
            continue  # a stale entry: one side has merged since
        if _far_apart(span[a], span[b]):
            continue
        if (
            len(members[a]) >= ESTABLISHED
            and len(members[b]) >= ESTABLISHED
            and -negative < cohesion * min(loose(a), loose(b))
        ):
            continue  # two told events of one kind: alike in theme, each tighter inside
        if len(sums[a]) < len(sums[b]):
            a, b = b, a  # fold the group with fewer neighbours into the other
        inner[a] += inner.pop(b) + sums[a].get(b, [0.0, 0.0])[0]
        members[a].extend(members.pop(b))
        del version[b]
        version[a] += 1
        span[a] = _joined(span[a], span.pop(b))
        near_a = sums[a]
        for c, (close, whole) in sums.pop(b).items():
            if c == a:
                continue
            del sums[c][b]
            total = near_a.setdefault(c, [0.0, 0.0])
            total[0] += close
            total[1] = max(total[1], whole)
            sums[c][a] = total
        near_a.pop(b, None)
        size_a = len(members[a])
        for c, (close, whole) in near_a.items():
            mean = close / (size_a * len(members[c]))
            if mean >= least and whole >= strong:
                first, second = (a, c) if a < c else (c, a)
                entry = (-mean, first, second, version[first], version[second])
                heapq.heappush(heap, entry)
    return [tuple(sorted(group)) for group in members.values()]


def _far_apart(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    if a is None or b is None:
        return False
    gap = max(a[0], b[0]) - min(a[1], b[1])
    return gap.days > MAX_DAYS_APART


def _joined(
    a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])
