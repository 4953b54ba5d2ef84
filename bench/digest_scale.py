"""Time and peak memory of ``tripnews digest`` as the corpus grows, and the report's size.

    python bench/digest_scale.py [--sizes 1000,10000] [--raw] [--report 615] [--eval DIR]

Real news texts (the seeds, stories-dev and quotes-dev from ../shared/eval when
present) are ingested once into tripnews records; each size is then a JSONL file of
that many records (the texts repeated as copies under new sources, as wire copies
are), digested by ``tripnews digest FILE -f json -w 2`` in a child process: wall-clock
seconds and the peak RSS of the child (its largest process). Digesting records is
the "ingest once, digest many times" path. ``--raw`` digests the news texts
themselves instead (a JSONL file of ``{"id", "text"}`` objects, the same copies), so
the figure includes ingest. ``--report N`` also writes the HTML report of N distinct
articles and prints its size. Run the big sizes once: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT / "src"))

# Runs one digest in a child and prints its peak RSS (KiB on Linux), so the figure
# excludes this script's own memory.
_MEASURED_CHILD = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "tripnews", "digest", *sys.argv[1:]],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def texts(eval_dir: Path) -> list[tuple[str, str]]:
    """(name, text) of every distinct news text at hand."""
    found = [(p.name, p.read_text("utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for folder in ("stories-dev/docs", "quotes-dev/docs"):
        found += [(p.name, p.read_text("utf-8")) for p in sorted(eval_dir.glob(f"{folder}/*.txt"))]
    return found


def records(found: list[tuple[str, str]]) -> list[dict[str, object]]:
    from tripnews.model import Article
    from tripnews.pipeline import ingest
    from tripnews.render.record import to_record

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, text in found:
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        return [to_record(a) for a in ingest(paths, workers=2) if isinstance(a, Article)]


def write(records_: list[dict[str, object]], count: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = dict(records_[i % len(records_)])
            record["source"] = f"{record['source']}#{i // len(records_)}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_texts(found: list[tuple[str, str]], count: int, path: Path) -> None:
    """``count`` raw news texts as JSONL input (not records): each copy under its own id."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            name, text = found[i % len(found)]
            item = {"id": f"{name}#{i // len(found)}", "text": text}
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


def measure(path: Path, *args: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_CHILD, str(path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, int(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--report", type=int, default=0, help="articles in the HTML report")
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument(
        "--raw", action="store_true", help="digest the raw texts (ingest included), not records"
    )
    args = parser.parse_args()
    found = texts(args.eval)
    if args.raw:
        mean = sum(len(text.encode("utf-8")) for _name, text in found) / len(found) / 1000
        print(f"{len(found)} distinct raw texts, mean {mean:.1f} KB, ingest included")
    if not args.raw or args.report:
        started = time.perf_counter()
        corpus = records(found)
        print(f"{len(corpus)} distinct articles ingested in {time.perf_counter() - started:.1f} s")
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(folder) / f"r{size}.jsonl"
            if args.raw:
                write_texts(found, size, path)
            else:
                write(corpus, size, path)
            output = str(Path(folder) / "d.json")
            seconds, peak = measure(path, "-f", "json", "-w", "2", "-q", "-o", output)
            print(f"{size:>9} {seconds:>8.1f} {size / seconds:>11.0f} {peak / 1e6:>8.0f}")
            path.unlink()
        if args.report:
            count = min(args.report, len(corpus))
            path = Path(folder) / "report.jsonl"
            write(corpus, count, path)
            page = Path(folder) / "report.html"
            seconds, _peak = measure(path, "-f", "html", "-q", "-o", str(page))
            print(
                f"HTML report of {count} articles: {page.stat().st_size / 1e6:.2f} MB "
                f"in {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()
