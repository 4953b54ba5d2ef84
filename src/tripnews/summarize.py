"""Summary sentences: the article's most telling sentences, copied verbatim, in text order.

>>> text = "Blinken arrived in Tokyo for talks on China. It rained. Talks went on in Tokyo."
>>> summarize(text, 1)
('Blinken arrived in Tokyo for talks on China.',)

Each sentence is scored by rules a news editor would recognise:
- position: news puts the point first, so the lead weighs most and the weight
  falls off with depth;
- key terms: the sentence's share of the article's own frequent content words;
- entities: people, places and organizations named in it;
- narration over quotation: a sentence that is mostly a quote is someone's
  colour, not the article's claim.
Headings, captions-like fragments (no verb-sized length), questions and
sentences that are nearly a copy of one already chosen are never picked.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

from tripnews.model import Entities, Span
from tripnews.rules import load_words, lower_same_length
from tripnews.segment import sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# A summary sentence says something whole: not a fragment, not a paragraph-long run-on.
MIN_WORDS = 6
MAX_WORDS = 55
# Two sentences sharing this share of their words say the same thing.
NEAR_DUPLICATE = 0.6
# How fast the lead bonus decays with sentence index.
POSITION_DECAY = 0.25
WEIGHTS = {"position": 1.0, "terms": 0.5, "entities": 0.15, "quoted": 0.5}


def summarize(
    text: str, count: int, headings: tuple[Span, ...] = (), found: Entities | None = None
) -> tuple[str, ...]:
    """Return up to ``count`` sentences of ``text``, the best by the rules above, in text order."""
    if count <= 0:
        return ()
    lowered = lower_same_length(text)  # offsets into it are offsets into the text
    spans = sentences(text)
    # each sentence's words, read once for the term weights, the length test and the score
    # (lists by sentence index: a Span's dataclass hash is a Python call per lookup)
    words_in = [_WORD.findall(lowered, s.start, s.end) for s in spans]
    candidates = [
        index
        for index, span in enumerate(spans)
        if _eligible(text, span, words_in[index])
        and not (headings and _inside_heading(span, headings))
    ]
    if not candidates:
        return ()
    weights = _term_weights(chain.from_iterable(words_in))
    top = max(weights.values(), default=1.0)
    entity_starts = _entity_starts(found)
    marked = '"' in text or "“" in text  # else no sentence needs searching for a quote
    scored = []
    for rank, index in enumerate(candidates):
        start, end = spans[index].start, spans[index].end
        score = _score(text, start, end, words_in[index], rank, weights, top, entity_starts, marked)
        scored.append((-score, start, index))
    scored.sort()
    chosen: list[int] = []
    for _neg, _start, index in scored:
        if len(chosen) == count:
            break
        if any(_similar(words_in[index], words_in[other]) for other in chosen):
            continue
        chosen.append(index)
    return tuple(text[spans[i].start : spans[i].end] for i in sorted(chosen))


def _inside_heading(span: Span, headings: Sequence[Span]) -> bool:
    return any(h.start <= span.start < h.end for h in headings)


def _eligible(text: str, span: Span, words: list[str]) -> bool:
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    sentence = text[span.start : span.end]
    stripped = sentence.rstrip("”\"’' ")
    return not stripped.endswith(("?", ":")) and not sentence.isupper()


def _term_weights(words: Iterable[str]) -> dict[str, float]:
    """Content words weighted by how often the article uses them (log-damped)."""
    stop = _stopwords()
    counts = Counter(words)
    # the words used more than once and not stop words, in the counter's order; one
    # comprehension over (word, count) pairs: faster than the itertools chain it replaced
    # (26 -> 16 us an article), whose calls of method wrappers cost more per word
    return {word: math.log1p(n) for word, n in counts.items() if n > 1 and word not in stop}


def _entity_starts(found: Entities | None) -> list[int]:
    if found is None:
        return []
    groups = (found.people, found.places, found.organizations)
    return sorted(m.start for group in groups for entity in group for m in entity.mentions)


# The weights by name, read once rather than from the dict for every sentence (the same
# floats in the same expression, so the same scores to the last bit).
_POSITION, _TERMS, _ENTITIES, _QUOTATION = (
    WEIGHTS["position"],
    WEIGHTS["terms"],
    WEIGHTS["entities"],
    WEIGHTS["quoted"],
)


def _score(
    text: str,
    start: int,
    end: int,
    words: list[str],
    rank: int,
    weights: dict[str, float],
    top: float,
    entity_starts: list[int],
    marked: bool,
) -> float:
    """The score of the sentence at ``start:end``; ``marked`` says whether the article
    has a quotation mark at all."""
    position = 1.0 / (1.0 + POSITION_DECAY * rank)
    # (the sum in the set's own order, as ever: another order would round otherwise)
    terms = sum(map(weights.__getitem__, weights.keys() & words)) / (top * math.sqrt(len(words)))
    entities = bisect.bisect_left(entity_starts, end) - bisect.bisect_left(entity_starts, start)
    quoted = 0.0
    # read in place: no copy of the sentence for the few that hold a quote
    if marked and (text.find('"', start, end) >= 0 or text.find("“", start, end) >= 0):
        quoted = sum(map(len, _QUOTED.findall(text, start, end))) / (end - start)
    return (
        _POSITION * position
        + _TERMS * terms
        + _ENTITIES * min(entities, 4) / 4
        - _QUOTATION * quoted
    )


def _similar(words_a: list[str], words_b: list[str]) -> bool:
    wa, wb = set(words_a), set(words_b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE


def _stopwords() -> frozenset[str]:
    return load_words("stopwords")
