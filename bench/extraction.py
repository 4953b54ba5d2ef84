"""Score article text and publication dates on extraction-dev, tripnews beside the anchors.

    python bench/extraction.py [DATA_DIR]     # default ../shared/eval/extraction-dev

The method is the one the data's README states. Body: `\\w+` tokens, 4-token
shingles as multisets; per page TP, FP and FN over TP+FP+FN; precision is the
mean over pages that output something, recall the mean over all pages, F1 of
the two means; `acc` is the share of pages whose tokens equal the gold exactly.
Dates: the first 10 characters of the answer must equal the gold day.

tripnews is run once through its CLI on every page (`tripnews ingest FILES
--format json`); the anchors (trafilatura, readability-lxml, htmldate,
newspaper4k) run in-process when installed (`pip install -e '.[bench]'`) and
are skipped with a note otherwise. Pages per second are wall-clock figures of
one run on this machine, start-up included for tripnews.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import installed, timed

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "extraction-dev"
_WORD = re.compile(r"\w+")

Extractor = Callable[[str], tuple[str | None, str | None]]  # html -> (text, date)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 0)))


def page_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, each over tp+fp+fn."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (1.0, 0.0, 0.0)


def body_scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    precisions, recalls, exact = [], [], 0
    for page, text in gold.items():
        answer = predicted.get(page) or ""
        tp, fp, fn = page_scores(text, answer)
        recalls.append(tp / (tp + fn) if tp + fn else 1.0)
        if answer.strip():
            precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        exact += _WORD.findall(text) == _WORD.findall(answer)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "p": p, "r": r, "acc": exact / len(gold)}


def date_scores(gold: dict[str, str | None], predicted: dict[str, str | None]) -> dict[str, float]:
    right = given = month = 0
    for page, day in gold.items():
        answer = (predicted.get(page) or "")[:10] or None
        given += answer is not None
        right += answer == day
        month += bool(answer and day and answer[:7] == day[:7])
    with_gold = sum(day is not None for day in gold.values())
    return {
        "acc": right / len(gold),
        "p": right / given if given else 0.0,
        "r": right / with_gold if with_gold else 0.0,
        "month": month / len(gold),
    }


# ---------------------------------------------------------------------------
# tripnews, through its CLI as users run it


def run_tripnews(pages: dict[str, str]) -> tuple[dict[str, dict[str, Any]], float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for page, html in pages.items():
            path = Path(tmp) / f"{page}.html"
            path.write_text(html, encoding="utf-8")
            paths.append(str(path))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tripnews", "ingest", *paths, "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"tripnews failed ({done.returncode}): {done.stderr[-2000:]}")
    records = json.loads(done.stdout or "[]")
    return {Path(r["source"]).stem: r for r in records}, elapsed


# ---------------------------------------------------------------------------
# anchors, each optional


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(html: str) -> tuple[str | None, str | None]:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        if doc is None:
            return None, None
        return getattr(doc, "text", None), getattr(doc, "date", None)

    return extract


def _readability() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def extract(html: str) -> tuple[str | None, str | None]:
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content(), None

    return extract


def _newspaper() -> Extractor | None:
    try:
        from newspaper import Article
    except ImportError:
        return None

    def extract(html: str) -> tuple[str | None, str | None]:
        article = Article("https://example.invalid/", fetch_images=False)  # no network
        article.download(input_html=html)
        article.parse()
        day = article.publish_date.date().isoformat() if article.publish_date else None
        return article.text, day

    return extract


def _htmldate() -> Extractor | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None

    def extract(html: str) -> tuple[str | None, str | None]:
        return None, find_date(html, original_date=True)

    return extract


ANCHORS: dict[str, Callable[[], Extractor | None]] = {
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "newspaper4k": _newspaper,
    "htmldate": _htmldate,
}


def _never_raising(extract: Extractor) -> Extractor:
    """An anchor's crash on one page is an empty answer, as it is for tripnews."""

    def run(html: str) -> tuple[str | None, str | None]:
        try:
            return extract(html)
        except Exception:
            return (None, None)

    return run


# ---------------------------------------------------------------------------


def load(data: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, Any]]:
    """(body pages, body gold, date pages, date gold), keyed by file stem."""
    body_gold = {
        k: v["articleBody"] for k, v in json.loads((data / "ground-truth.json").read_text()).items()
    }
    body_pages = {p.stem: _read(p) for p in sorted((data / "html").glob("*.html"))}
    date_gold = {
        k: v["date"]
        for k, v in json.loads((data / "pubdate" / "ground-truth.json").read_text()).items()
    }
    date_pages = {p.stem: _read(p) for p in sorted((data / "pubdate" / "html").glob("*.html"))}
    return body_pages, body_gold, date_pages, date_gold


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--pages", action="store_true", help="print tripnews' per-page scores")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        sys.exit(f"error: {args.data}: no ground-truth.json (pass the extraction-dev folder)")
    body_pages, body_gold, date_pages, date_gold = load(args.data)
    pages = {**body_pages, **date_pages}

    records, elapsed = run_tripnews(pages)
    rows = []
    texts = {k: records[k]["text"] if k in records else "" for k in body_gold}
    dates = {k: ((records.get(k) or {}).get("published") or {}).get("value") for k in date_gold}
    rows.append(("tripnews", body_scores(body_gold, texts), date_scores(date_gold, dates), elapsed))
    if args.pages:
        for page in body_gold:
            tp, fp, fn = page_scores(body_gold[page], texts[page])
            print(f"{page[:12]}  tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}", file=sys.stderr)

    for name, extract in installed(ANCHORS):
        answers, seconds = timed(_never_raising(extract), pages)
        body = None
        if name != "htmldate":
            body = body_scores(body_gold, {k: answers[k][0] or "" for k in body_gold})
        date = None
        if name != "readability-lxml":
            date = date_scores(date_gold, {k: answers[k][1] for k in date_gold})
        rows.append((name, body, date, seconds))

    n = len(pages)
    print(f"extraction-dev: {len(body_gold)} body pages, {len(date_gold)} date pages\n")
    print(f"{'system':18} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} | "
          f"{'date':>6} {'P':>6} {'R':>6} {'month':>6} | {'pages/s':>8}")  # fmt: skip
    for name, body, date, seconds in rows:
        left = " ".join(f"{body[k]:6.3f}" for k in ("f1", "p", "r", "acc")) if body else " " * 27
        right = " ".join(f"{date[k]:6.3f}" for k in ("acc", "p", "r", "month")) if date else ""
        right = right or " " * 27
        print(f"{name:18} {left} | {right} | {n / seconds:8.1f}")


if __name__ == "__main__":
    main()
