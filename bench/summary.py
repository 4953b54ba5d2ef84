"""Score summaries on summary-dev (CNN/DailyMail): tripnews beside Lead-3, LexRank and TextRank.

    pip install -e '.[bench]'
    python bench/summary.py [DATA_DIR] [--sentences 3]   # default ../shared/eval/summary-dev

ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 with Porter stemming (rouge-score), averaged
over articles, summaries joined by newlines, as the data's README states. The
sumy anchors are skipped with a note when sumy is not installed; without nltk's
downloadable English Punkt model they split sentences with an untrained Punkt.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "summary-dev"
sys.path.insert(0, str(ROOT / "src"))

Summariser = Callable[[str, int], list[str]]


def tripnews_summary(article: str, n: int) -> list[str]:
    from tripnews.pipeline import process_text

    return list(process_text(article, source="summary-dev", summary_sentences=n).summary)


def lead(article: str, n: int) -> list[str]:
    from tripnews.pipeline import process_text
    from tripnews.segment import sentences

    text = process_text(article, summary_sentences=0).text
    return [text[s.start : s.end] for s in sentences(text)[:n]]


def _sumy(kind: str) -> Summariser | None:
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
    except ImportError:
        return None
    tokenizer: object
    try:
        tokenizer = Tokenizer("english")
    except LookupError:  # nltk's punkt model is a download, not a package: train-free Punkt
        tokenizer = _UntrainedPunktTokenizer()
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[kind]

    def run(article: str, n: int) -> list[str]:
        parser = PlaintextParser.from_string(article, tokenizer)
        summariser = cls(Stemmer("english"))
        return [str(s) for s in summariser(parser.document, n)]

    return run


class _UntrainedPunktTokenizer:
    """sumy's tokenizer interface over nltk's Punkt with default parameters, for machines
    without the downloadable English Punkt model; words as sumy's own pattern takes them."""

    language = "english"

    def __init__(self) -> None:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        self._sentences = PunktSentenceTokenizer()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in self._sentences.tokenize(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[^\W\d_](?:[^\W\d_]|['-])*", sentence))


def score(data: Path, systems: dict[str, Summariser], n: int) -> dict[str, tuple[float, ...]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    rows = [json.loads(line) for line in (data / "dev.jsonl").read_text().splitlines() if line]
    out: dict[str, tuple[float, ...]] = {}
    for name, system in systems.items():
        totals = [0.0, 0.0, 0.0]
        for row in rows:
            summary = "\n".join(system(row["article"], n))
            result = scorer.score(row["highlights"], summary)
            for i, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                totals[i] += result[key].fmeasure
        out[name] = tuple(t / len(rows) for t in totals)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.data / "dev.jsonl").exists():
        parser.error(f"{args.data / 'dev.jsonl'}: not found (pass the summary-dev folder)")
    systems: dict[str, Summariser] = {"Lead-3": lead, "tripnews": tripnews_summary}
    for kind in ("lexrank", "textrank"):
        found = _sumy(kind)
        if found is None:
            print(f"(sumy not installed: {kind} skipped)", file=sys.stderr)
        else:
            systems[f"sumy {kind}"] = found
    print(f"{'system':<16} {'R1':>6} {'R2':>6} {'RL':>6}")
    for name, (r1, r2, rl) in score(args.data, systems, args.sentences).items():
        print(f"{name:<16} {r1:>6.3f} {r2:>6.3f} {rl:>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
