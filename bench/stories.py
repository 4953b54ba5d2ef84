"""Score story grouping on stories-dev (ECB+): tripnews digest beside TF-IDF baselines.

    pip install -e '.[bench]'
    python bench/stories.py [DATA_DIR] [--half all|first|second] [--errors]
    # default DATA_DIR ../shared/eval/stories-dev

Every article is ingested once; ``build_digest`` groups them, and two TF-IDF
agglomerative baselines (single and average link over cosine, at the thresholds the
data's README gives) group the same texts in the same run. Each grouping is scored
against ``gold.json`` with B-cubed and pairwise precision, recall and F1, at the story
level (gold = the event) and the topic level (the two events of a topic count as one);
the digest's stories are scored at both, and so are its topics (related stories).
``--half`` keeps the topics up to 23 (first) or after (second), so a rule read off one
half can be checked on the other. The baselines need scikit-learn and scipy; without
them they are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from pathlib import Path

from _common import record_figures

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "stories-dev"
sys.path.insert(0, str(ROOT / "src"))

# The thresholds the data's README reports as best on this split for each linkage.
SINGLE_LINK_AT = 0.36
AVERAGE_LINK_AT = 0.28
# Topics up to this number make the first half, the rest the second.
HALF_AT = 23

Grouping = list[list[str]]


def topic(story: str) -> str:
    return story.split("_")[0]


def b_cubed(predicted: Grouping, gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Mean per-article precision and recall of its predicted story against its gold one."""
    cluster_of = {name: i for i, group in enumerate(predicted) for name in group}
    sizes = Counter(gold.values())
    precision = recall = 0.0
    for group in predicted:
        labels = Counter(gold[name] for name in group)
        for name in group:
            shared = labels[gold[name]]
            precision += shared / len(group)
            recall += shared / sizes[gold[name]]
    n = len(cluster_of)
    p, r = precision / n, recall / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(predicted: Grouping, gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision and recall over the pairs of articles put in one story."""
    guessed = sum(len(g) * (len(g) - 1) // 2 for g in predicted)
    right = sum(1 for g in predicted for a, b in combinations(g, 2) if gold[a] == gold[b])
    sizes = Counter(gold.values())
    true = sum(s * (s - 1) // 2 for s in sizes.values())
    p = right / guessed if guessed else 1.0
    r = right / true if true else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: Grouping, gold: Mapping[str, str]) -> dict[str, float]:
    topics = {name: topic(story) for name, story in gold.items()}
    out: dict[str, float] = {"clusters": len(predicted)}
    for level, labels in (("story", gold), ("topic", topics)):
        for kind, measure in (("b3", b_cubed), ("pair", pairwise)):
            p, r, f = measure(predicted, labels)
            out |= {f"{level}_{kind}_p": p, f"{level}_{kind}_r": r, f"{level}_{kind}_f": f}
    return out


# --- systems ----------------------------------------------------------------------------


def tripnews_groups(paths: Sequence[Path]) -> tuple[Grouping, Grouping, float]:
    """The digest's stories and its topics (the stories of each topic together)."""
    from tripnews.digest import build_digest
    from tripnews.pipeline import ingest

    started = time.perf_counter()
    articles = list(ingest([str(p) for p in paths]))
    digest = build_digest(articles)
    seconds = time.perf_counter() - started
    groups = [[Path(a.source).name for a in story.articles] for story in digest.stories]
    topics: dict[int, list[str]] = {}
    for story, names in zip(digest.stories, groups, strict=True):
        topics.setdefault(story.topic, []).extend(names)
    return groups, list(topics.values()), seconds


def _tfidf_linkage(method: str, threshold: float) -> Callable[[Mapping[str, str]], Grouping]:
    def run(texts: Mapping[str, str]) -> Grouping:
        from scipy.cluster.hierarchy import fcluster, linkage
        from sklearn.feature_extraction.text import TfidfVectorizer

        names = list(texts)
        matrix = TfidfVectorizer(stop_words="english").fit_transform([texts[n] for n in names])
        tree = linkage(matrix.toarray(), method=method, metric="cosine")
        labels = fcluster(tree, t=1 - threshold, criterion="distance")
        groups: dict[int, list[str]] = {}
        for name, label in zip(names, labels, strict=True):
            groups.setdefault(int(label), []).append(name)
        return list(groups.values())

    return run


def baselines() -> dict[str, Callable[[Mapping[str, str]], Grouping] | None]:
    try:
        import scipy.cluster.hierarchy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        return {"TF-IDF single link": None, "TF-IDF average link": None}
    return {
        f"TF-IDF single link >= {SINGLE_LINK_AT}": _tfidf_linkage("single", SINGLE_LINK_AT),
        f"TF-IDF average link >= {AVERAGE_LINK_AT}": _tfidf_linkage("average", AVERAGE_LINK_AT),
    }


# --- report -----------------------------------------------------------------------------


def _row(name: str, s: Mapping[str, float], seconds: float) -> str:
    return (
        f"{name:<32} {s['story_b3_p']:.3f} {s['story_b3_r']:.3f} {s['story_b3_f']:.3f}  "
        f"{s['story_pair_p']:.3f} {s['story_pair_r']:.3f} {s['story_pair_f']:.3f}  "
        f"{int(s['clusters']):>4}  {s['topic_b3_f']:.3f} {s['topic_pair_f']:.3f}  {seconds:6.1f}"
    )


def print_errors(predicted: Grouping, gold: Mapping[str, str]) -> None:
    """Each predicted story that mixes gold stories, with the counts of each."""
    for group in sorted(predicted, key=len, reverse=True):
        labels = Counter(gold[name] for name in group)
        if len(labels) > 1:
            print(f"mixed {len(group):>3}: {dict(labels.most_common())}")
    for story, size in sorted(Counter(gold.values()).items()):
        parts = [sum(1 for n in g if gold[n] == story) for g in predicted]
        split = sorted((p for p in parts if p), reverse=True)
        if len(split) > 1:
            print(f"split {story} ({size}): {split}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--half", choices=("all", "first", "second"), default="all")
    parser.add_argument("--errors", action="store_true", help="list tripnews' mixed stories")
    args = parser.parse_args(argv)
    if not (args.data / "gold.json").exists():
        sys.exit(f"no gold.json in {args.data}")
    gold: dict[str, str] = json.loads((args.data / "gold.json").read_text("utf-8"))
    if args.half != "all":
        first = args.half == "first"
        gold = {n: s for n, s in gold.items() if (int(topic(s)) <= HALF_AT) == first}
    paths = [args.data / "docs" / name for name in sorted(gold)]
    print(f"stories-dev ({args.half}): {len(paths)} articles, {len(set(gold.values()))} stories")
    print(
        f"{'system':<32} {'story B3 P/R/F1':<17}  {'story pair P/R/F1':<17}  "
        f"{'n':>4}  {'topic B3/pair F1':<11}  seconds"
    )
    groups, topics, seconds = tripnews_groups(paths)
    found = {name for g in groups for name in g}
    lost = [[name] for name in gold if name not in found]  # a lost article stands alone
    groups += lost
    figures = score(groups, gold)
    print(_row("tripnews digest stories", figures, seconds))
    if args.half == "all":
        topic_figures = score(topics + lost, gold)
        record_figures(
            "stories",
            args.data,
            {"story_b3_f": figures["story_b3_f"], "topic_b3_f": topic_figures["topic_b3_f"]},
        )
    print(_row("tripnews digest topics", score(topics + lost, gold), seconds))
    texts = {p.name: p.read_text("utf-8") for p in paths}
    for name, run in baselines().items():
        if run is None:
            print(f"note: {name} needs scikit-learn and scipy; skipped", file=sys.stderr)
            continue
        started = time.perf_counter()
        predicted = run(texts)
        print(_row(name, score(predicted, gold), time.perf_counter() - started))
    if args.errors:
        print_errors(groups, gold)


if __name__ == "__main__":
    main()
