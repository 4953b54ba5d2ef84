"""Score article text, bylines and publication dates from HTML, tripnews beside the anchors.

    python bench/extraction.py [DATA_DIR] [--anchors trafilatura,htmldate] [--pages]

DATA_DIR defaults to ../shared/eval/extraction-dev. A folder may hold any of three
parts, each scored when present, as the data's READMEs state:

- body pages (`ground-truth.json` + `html/`, the Zyte benchmark): `\\w+` tokens, 4-token
  shingles as multisets; per page TP, FP and FN over TP+FP+FN; precision is the mean over
  pages that output something, recall the mean over all pages, F1 of the two means; `acc`
  is the share of pages whose tokens equal the gold exactly.
- must/must-not pages (`trafilatura/expectations.json` + `trafilatura/html/*.html.gz`):
  whitespace collapsed, a `with` string found in the text is a true positive, one missed a
  false negative, a `without` string found a false positive; micro P, R and F1 over all
  strings. Author: over pages annotated with one, right when the byline's words hold the
  gold's words or the gold's hold the byline's (annotations are sometimes partial);
  `found` is the share right of pages with a gold author, `P` the share right of pages
  where a byline was given. Date: the first 10 characters must equal the gold day.
  `lost` counts pages whose article trafilatura finds (one `with` string or more) and
  where tripnews finds none of them; `empty` those where tripnews' text is empty.
- date pages (`pubdate/ground-truth.json` + `pubdate/html/`): the first 10 characters of
  the answer must equal the gold day; accuracy, precision, recall, same-month accuracy.

Pages are decoded as UTF-8 when they are UTF-8, else by their declared charset, else by
detection. tripnews is run once through its CLI on every page (`tripnews ingest FILES
--format jsonl --workers 1`); the anchors (trafilatura, readability-lxml, htmldate,
newspaper4k) run in-process when installed (`pip install -e '.[bench]'`) and are skipped
with a note otherwise; `--anchors none` runs tripnews alone. Pages per second are
wall-clock figures of one run on this machine, start-up included for tripnews.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import installed, record_figures, timed

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "extraction-dev"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset=["']?([\w-]{2,30})""", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    """What an extractor says of one page; None where it does not say."""

    text: str | None = None
    date: str | None = None
    author: str | None = None


Extractor = Callable[[str], Answer]


@dataclass
class Suite:
    """The parts found in a data folder, each keyed by a page key unique across parts."""

    pages: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)  # key -> gold article text
    strings: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> expectations
    dates: dict[str, str | None] = field(default_factory=dict)  # key -> gold day


# ---------------------------------------------------------------------------
# metrics


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
        "acc": right / len(gold) if gold else 0.0,
        "p": right / given if given else 0.0,
        "r": right / with_gold if with_gold else 0.0,
        "month": month / len(gold) if gold else 0.0,
    }


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def string_hits(expected: dict[str, Any], text: str) -> tuple[int, int, int]:
    """(tp, fn, fp) of one page's must / must-not strings."""
    text = _squeeze(text)
    found = [_squeeze(s) in text for s in expected["with"]]
    fp = sum(_squeeze(s) in text for s in expected["without"])
    return sum(found), len(found) - sum(found), fp


def string_scores(gold: dict[str, dict[str, Any]], texts: dict[str, str]) -> dict[str, float]:
    tp = fn = fp = 0
    for page, expected in gold.items():
        a, b, c = string_hits(expected, texts.get(page) or "")
        tp, fn, fp = tp + a, fn + b, fp + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "p": p, "r": r}


_BY = re.compile(r"^\W*(?:by|von|par|por|di|door|av|af)\b", re.IGNORECASE)


def _author_words(value: str) -> set[str]:
    return set(_WORD.findall(_BY.sub("", value).casefold()))


def author_right(gold: str, predicted: str | None) -> bool:
    """Whether a byline names the annotated author(s): one's words hold the other's."""
    want, got = _author_words(gold), _author_words(predicted or "")
    return bool(want and got) and (want <= got or got <= want)


def author_scores(gold: dict[str, str], predicted: dict[str, str | None]) -> dict[str, float]:
    with_gold = [k for k, v in gold.items() if v.strip()]
    right = sum(author_right(gold[k], predicted.get(k)) for k in with_gold)
    given = sum(bool(predicted.get(k)) for k in gold)
    return {
        "found": right / len(with_gold) if with_gold else 0.0,
        "p": right / given if given else 0.0,
    }


# ---------------------------------------------------------------------------
# tripnews, through its CLI as users run it


def run_tripnews(pages: dict[str, str]) -> tuple[dict[str, Answer], float]:
    with tempfile.TemporaryDirectory() as tmp:
        for page, html in pages.items():
            (Path(tmp) / f"{page}.html").write_text(html, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tripnews",
                "ingest",
                tmp,
                "--format",
                "jsonl",
                "-q",
                "--workers",
                "1",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"tripnews failed ({done.returncode}): {done.stderr[-2000:]}")
    answers = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        answers[Path(record["source"]).stem] = Answer(
            text=record["text"],
            date=(record.get("published") or {}).get("value"),
            author=record.get("byline"),
        )
    return answers, elapsed


# ---------------------------------------------------------------------------
# anchors, each optional


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(html: str) -> Answer:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        if doc is None:
            return Answer()
        return Answer(
            getattr(doc, "text", None), getattr(doc, "date", None), getattr(doc, "author", None)
        )

    return extract


def _readability() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def extract(html: str) -> Answer:
        summary = Document(html).summary(html_partial=True)
        return Answer(text=lxml.html.fromstring(summary).text_content())

    return extract


def _newspaper() -> Extractor | None:
    try:
        from newspaper import Article
    except ImportError:
        return None

    def extract(html: str) -> Answer:
        article = Article("https://example.invalid/", fetch_images=False)  # no network
        article.download(input_html=html)
        article.parse()
        day = article.publish_date.date().isoformat() if article.publish_date else None
        return Answer(article.text, day, "; ".join(article.authors) or None)

    return extract


def _htmldate() -> Extractor | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None

    def extract(html: str) -> Answer:
        return Answer(date=find_date(html, original_date=True))

    return extract


ANCHORS: dict[str, Callable[[], Extractor | None]] = {
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "newspaper4k": _newspaper,
    "htmldate": _htmldate,
}
TEXT_ONLY = {"readability-lxml"}
DATE_ONLY = {"htmldate"}


def _never_raising(extract: Extractor) -> Extractor:
    """An anchor's crash on one page is an empty answer, as it is for tripnews."""

    def run(html: str) -> Answer:
        try:
            return extract(html)
        except Exception:
            return Answer()

    return run


# ---------------------------------------------------------------------------
# data


def load(data: Path) -> Suite:
    """Every part the folder holds; keys are prefixed by part so they never collide."""
    suite = Suite()
    if (data / "ground-truth.json").is_file():
        for stem, gold in json.loads((data / "ground-truth.json").read_text()).items():
            suite.body[f"b-{stem}"] = gold["articleBody"]
        for path in sorted((data / "html").glob("*.html")):
            suite.pages[f"b-{path.stem}"] = decode(path.read_bytes())
    strings = data / "trafilatura"
    if (strings / "expectations.json").is_file():
        for stem, gold in json.loads((strings / "expectations.json").read_text()).items():
            suite.strings[f"s-{stem}"] = gold
            suite.pages[f"s-{stem}"] = decode(
                gzip.decompress((strings / "html" / f"{stem}.html.gz").read_bytes())
            )
    dates = data / "pubdate"
    if (dates / "ground-truth.json").is_file():
        for stem, gold in json.loads((dates / "ground-truth.json").read_text()).items():
            suite.dates[f"d-{stem}"] = gold["date"]
            suite.pages[f"d-{stem}"] = decode((dates / "html" / f"{stem}.html").read_bytes())
    return suite


def decode(data: bytes) -> str:
    """A page's text: UTF-8 when it is, else its declared charset, else detected."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------
# report


def score(suite: Suite, answers: dict[str, Answer], name: str) -> dict[str, dict[str, float]]:
    """Every figure an extractor earns on the suite's parts."""
    out: dict[str, dict[str, float]] = {}
    if suite.body and name not in DATE_ONLY:
        out["body"] = body_scores(suite.body, {k: answers[k].text or "" for k in suite.body})
    if suite.strings:
        texts = {k: answers[k].text or "" for k in suite.strings}
        if name not in DATE_ONLY:
            out["strings"] = string_scores(suite.strings, texts)
        annotated = {k: _joined(v["author"]) for k, v in suite.strings.items() if "author" in v}
        if name not in DATE_ONLY | TEXT_ONLY and annotated:
            out["author"] = author_scores(annotated, {k: answers[k].author for k in annotated})
        dated = {k: v["date"] for k, v in suite.strings.items() if v.get("date")}
        if name not in TEXT_ONLY and dated:
            out["strings-date"] = date_scores(dated, {k: answers[k].date for k in dated})
    if suite.dates and name not in TEXT_ONLY:
        out["dates"] = date_scores(suite.dates, {k: answers[k].date for k in suite.dates})
    return out


def _joined(value: str | list[str]) -> str:
    """A few annotations list their authors instead of joining them with ';'."""
    return value if isinstance(value, str) else "; ".join(value)


def lost_pages(suite: Suite, ours: dict[str, Answer], theirs: dict[str, Answer]) -> list[str]:
    """Pages whose article the anchor finds (a `with` string, or any text on a date page)
    and tripnews does not."""
    lost = []
    for key, expected in suite.strings.items():
        if (
            string_hits(expected, theirs[key].text or "")[0]
            and not string_hits(expected, ours[key].text or "")[0]
        ):
            lost.append(key)
    for key in suite.dates:
        if len(_squeeze(theirs[key].text or "")) >= 200 and not (ours[key].text or "").strip():
            lost.append(key)
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument(
        "--anchors",
        default=",".join(ANCHORS),
        help="comma-separated anchors to run, or 'none' (default: all)",
    )
    parser.add_argument("--pages", action="store_true", help="print tripnews' per-page misses")
    args = parser.parse_args()
    suite = load(args.data)
    if not suite.pages:
        sys.exit(f"error: {args.data}: no ground-truth.json, trafilatura/ or pubdate/ pages")
    wanted = {a.strip() for a in args.anchors.split(",")} - {"none", ""}
    if unknown := wanted - set(ANCHORS):
        sys.exit(f"error: unknown anchors: {', '.join(sorted(unknown))}")

    ours, elapsed = run_tripnews(suite.pages)
    ours = {k: ours.get(k, Answer()) for k in suite.pages}
    rows = [("tripnews", score(suite, ours, "tripnews"), elapsed)]
    runs = {"tripnews": ours}
    for name, extract in installed({k: v for k, v in ANCHORS.items() if k in wanted}):
        answers, seconds = timed(_never_raising(extract), suite.pages)
        runs[name] = answers
        rows.append((name, score(suite, answers, name), seconds))
    if args.pages:
        _print_pages(suite, ours)
    headline = {"body": "f1", "strings": "f1", "author": "found", "dates": "acc"}
    record_figures(
        "extraction",
        args.data,
        {
            f"{part}_{key}": rows[0][1][part][key]
            for part, key in headline.items()
            if part in rows[0][1]
        },
    )

    print(
        f"{args.data}: {len(suite.body)} body pages, {len(suite.strings)} must/must-not "
        f"pages, {len(suite.dates)} date pages\n"
    )
    columns = {
        "body": ("f1", "p", "r", "acc"),
        "strings": ("f1", "p", "r"),
        "author": ("found", "p"),
        "strings-date": ("acc", "p", "r"),
        "dates": ("acc", "p", "r", "month"),
    }
    for part, keys in columns.items():
        scored = [(name, figures[part], s) for name, figures, s in rows if part in figures]
        if not scored:
            continue
        print(f"{part:20}" + "".join(f"{k:>7}" for k in keys) + f"{'pages/s':>9}")
        for name, figures, seconds in scored:
            cells = "".join(f"{figures[k]:7.3f}" for k in keys)
            print(f"  {name:18}{cells}{len(suite.pages) / seconds:9.1f}")
        print()
    if "trafilatura" in runs:
        lost = lost_pages(suite, ours, runs["trafilatura"])
        empty = [k for k in lost if not (ours[k].text or "").strip()]
        print(
            f"pages whose article trafilatura finds and tripnews does not: {len(lost)} "
            f"(empty: {len(empty)}) {' '.join(sorted(lost))}"
        )


def _print_pages(suite: Suite, ours: dict[str, Answer]) -> None:
    for key, gold in suite.body.items():
        tp, fp, fn = page_scores(gold, ours[key].text or "")
        print(f"{key[:14]}  tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}", file=sys.stderr)
    for key, expected in suite.strings.items():
        text = _squeeze(ours[key].text or "")
        for s in expected["with"]:
            if _squeeze(s) not in text:
                print(f"{key}  missed  {s[:80]!r}", file=sys.stderr)
        for s in expected["without"]:
            if _squeeze(s) in text:
                print(f"{key}  kept    {s[:80]!r}", file=sys.stderr)
    for key, day in suite.dates.items():
        if (ours[key].date or "")[:10] != day:
            print(f"{key}  date {ours[key].date} gold {day}", file=sys.stderr)


if __name__ == "__main__":
    main()
