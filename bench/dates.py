"""Score temporal expressions on dates-dev (TimeBank/AQUAINT TimeML), tripnews beside anchors.

    python bench/dates.py [DATA_DIR] [--errors]     # default ../shared/eval/dates-dev
    python bench/dates.py ../shared/eval/dates-train --in-process --no-anchors --errors

`--in-process` calls the library the CLI calls (same records, no process start per
creation date) and `--no-anchors` skips the other systems: a quick loop while
reading errors. The figures for the README come from the default run.

The method is the one the data's README states: each document's plain text is
run through `tripnews ingest DIR --format jsonl --reference-date DCT`, one run
per creation date; predicted spans are carried back onto the input text; gold
and predicted mentions are paired one-to-one, same span first (strict), then
largest overlap (relaxed); a value is right when it equals the gold's once
upper-cased and stripped of a trailing ":00" or "Z". TempEval-3 figures are
summed over documents: strict and relaxed F1, value F1, by type and overall.
dateparser's `search_dates` and datefinder run in-process when installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import installed, record_figures, timed

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "dates-dev"
_TOKEN = re.compile(r"\w+|[^\w\s]")
GROUPS = ("DATE+TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # DATE, TIME, DURATION or SET
    value: str | None


@dataclass
class Doc:
    name: str
    dct: str
    text: str
    gold: list[Mention]


def read_tml(path: Path) -> Doc:
    """The README's reading of a .tml file: plain text and gold spans in it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if dct_match is None or body_match is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    body = body_match.group(1)
    out: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    stack: list[tuple[int, dict[str, str]]] = []
    n = pos = 0
    for tag in re.finditer(r"<(/?)([\w.-]+)([^>]*?)(/?)>", body):
        segment = html.unescape(body[pos : tag.start()])
        out.append(segment)
        n += len(segment)
        pos = tag.end()
        if tag.group(2) == "TIMEX3" and not tag.group(4):
            if not tag.group(1):
                stack.append((n, dict(re.findall(r'(\w+)="([^"]*)"', tag.group(3)))))
            else:
                start, attrs = stack.pop()
                gold.append((start, n, attrs["type"], attrs["value"]))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    text = text.strip() + "\n"
    mentions = [Mention(s - lead, e - lead, kind, value) for s, e, kind, value in gold]
    return Doc(path.stem, dct_match.group(1)[:10], text, mentions)


# ---------------------------------------------------------------------------
# carrying predicted spans from tripnews' cleaned text back to the input text


def carry_back(
    source: str, cleaned: str, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    if source == cleaned:
        return [(s, e) for s, e, _t in spans]
    src = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(source)]
    dst = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(cleaned)]
    matcher = difflib.SequenceMatcher(None, [t for *_p, t in dst], [t for *_p, t in src], False)
    mapping: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    starts = {s: i for i, (s, _e, _t) in enumerate(dst)}
    ends = {e: i for i, (_s, e, _t) in enumerate(dst)}
    out = []
    for start, end, text in spans:
        first, last = starts.get(start), ends.get(end)
        if first in mapping and last in mapping:
            out.append((src[mapping[first]][0], src[mapping[last]][1]))
            continue
        found = [m.start() for m in re.finditer(re.escape(text), source)]
        if found:
            want = start / max(len(cleaned), 1) * len(source)
            at = min(found, key=lambda i: abs(i - want))
            out.append((at, at + len(text)))
    return out


# ---------------------------------------------------------------------------
# systems: each maps a document to its predicted mentions


def run_tripnews(docs: list[Doc]) -> tuple[dict[str, list[Mention]], float]:
    by_dct: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_dct[doc.dct].append(doc)
    found: dict[str, list[Mention]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for dct, group in by_dct.items():
            folder = Path(tmp) / dct
            folder.mkdir()
            for doc in group:
                (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
            done = subprocess.run(
                [sys.executable, "-m", "tripnews", "ingest", str(folder), "--format", "jsonl",
                 "--reference-date", dct],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            for line in done.stdout.splitlines():
                record = json.loads(line)
                name = Path(record["source"]).stem
                doc = next(d for d in group if d.name == name)
                found[name] = _record_mentions(doc, record)
    return found, time.perf_counter() - started


_KIND_OF = {"time": "TIME", "duration": "DURATION", "set": "SET"}


def run_in_process(docs: list[Doc]) -> tuple[dict[str, list[Mention]], float]:
    """What `run_tripnews` gets, without a process per creation date: the pipeline the
    CLI runs, on the same text, anchored the same way."""
    from tripnews.model import RawInput
    from tripnews.pipeline import Settings, process_raw
    from tripnews.render.record import to_record

    found: dict[str, list[Mention]] = {}
    started = time.perf_counter()
    for doc in docs:
        raw = RawInput(source=f"{doc.name}.txt", format="text", text=doc.text)
        settings = Settings(reference_date=dt.date.fromisoformat(doc.dct))
        found[doc.name] = _record_mentions(doc, to_record(process_raw(raw, settings)))
    return found, time.perf_counter() - started


def _record_mentions(doc: Doc, record: dict) -> list[Mention]:
    text = record["text"]
    spans = []
    for date in record.get("dates", []):
        start, end = date["start"], date["end"]
        if text[start:end] != date["text"]:
            at = text.find(date["text"])
            if at < 0:
                continue
            start, end = at, at + len(date["text"])
        spans.append((start, end, date["text"]))
    placed = carry_back(doc.text, text, spans)
    return [
        Mention(s, e, _KIND_OF.get(d.get("granularity") or "", "DATE"), d.get("value"))
        for (s, e), d in zip(placed, record.get("dates", []), strict=False)
    ]


def _dateparser() -> Callable[[Doc], list[Mention]] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(doc: Doc) -> list[Mention]:
        base = dt.datetime.fromisoformat(doc.dct)
        hits = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        return _locate(doc.text, [(text, when) for text, when in hits])

    return run


def _datefinder() -> Callable[[Doc], list[Mention]] | None:
    try:
        import datefinder
    except ImportError:
        return None

    def run(doc: Doc) -> list[Mention]:
        base = dt.datetime.fromisoformat(doc.dct)
        hits = datefinder.find_dates(doc.text, source=True, base_date=base)
        return _locate(doc.text, [(text.strip(" ,.;:()"), when) for when, text in hits])

    return run


def _locate(text: str, hits: list[tuple[str, dt.datetime]]) -> list[Mention]:
    """Place matched strings in the text in order; value at the string's own granularity."""
    out, pos = [], 0
    for matched, when in hits:
        at = text.find(matched, pos)
        if at < 0 or not matched:
            continue
        pos = at + len(matched)
        out.append(Mention(at, pos, "DATE", _value_at_granularity(matched, when)))
    return out


def _value_at_granularity(matched: str, when: dt.datetime) -> str:
    if re.search(r"\d{1,2}:\d{2}|\b[ap]\.?m\b", matched, re.I):
        return when.strftime("%Y-%m-%dT%H:%M")
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?![\d,]*\d{3})", matched) or re.search(
        r"day|tomorrow|yesterday|tonight|mon|tue|wed|thu|fri|sat|sun", matched, re.I
    )
    has_month = re.search(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|month", matched, re.I)
    if has_day:
        return when.strftime("%Y-%m-%d")
    if has_month:
        return when.strftime("%Y-%m")
    return when.strftime("%Y")


ANCHORS: dict[str, Callable[[], Callable[[Doc], list[Mention]] | None]] = {
    "dateparser": _dateparser,
    "datefinder": _datefinder,
}


# ---------------------------------------------------------------------------
# scoring


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.upper()
    value = value.removesuffix("Z")
    return value[:-3] if re.search(r"T\d\d:\d\d:00$", value) else value


def _group(kind: str) -> str:
    return "DATE+TIME" if kind in ("DATE", "TIME") else kind


def match(gold: list[Mention], pred: list[Mention]) -> list[tuple[Mention, Mention, bool]]:
    """One-to-one pairs (gold, predicted, strict)."""
    pairs: list[tuple[Mention, Mention, bool]] = []
    free_g, free_p = set(range(len(gold))), set(range(len(pred)))
    for i, g in enumerate(gold):
        for j in sorted(free_p):
            if (pred[j].start, pred[j].end) == (g.start, g.end):
                pairs.append((g, pred[j], True))
                free_g.discard(i)
                free_p.discard(j)
                break
    overlaps = sorted(
        (
            (min(g.end, p.end) - max(g.start, p.start), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(pred)
            if i in free_g and j in free_p and min(g.end, p.end) > max(g.start, p.start)
        ),
        reverse=True,
    )
    for _size, i, j in overlaps:
        if i in free_g and j in free_p:
            pairs.append((gold[i], pred[j], False))
            free_g.discard(i)
            free_p.discard(j)
    return pairs


def score(docs: list[Doc], found: dict[str, list[Mention]]) -> dict[str, dict[str, float]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc in docs:
        pred = found.get(doc.name, [])
        for g in doc.gold:
            counts[_group(g.kind)]["gold"] += 1
            counts["overall"]["gold"] += 1
        for p in pred:
            counts[_group(p.kind)]["pred"] += 1
            counts["overall"]["pred"] += 1
        for g, p, strict in match(doc.gold, pred):
            right = _norm(p.value) is not None and _norm(p.value) == _norm(g.value)
            for key in {_group(g.kind), "overall"}:
                counts[key]["recall_relaxed"] += 1
                counts[key]["recall_strict"] += strict
                counts[key]["recall_value"] += right
            for key in {_group(p.kind), "overall"}:
                counts[key]["precision_relaxed"] += 1
                counts[key]["precision_strict"] += strict
                counts[key]["precision_value"] += right
            counts["overall"]["type_right"] += g.kind == p.kind
    out = {}
    for key, c in counts.items():
        row = {}
        for what in ("relaxed", "strict", "value"):
            p = c[f"precision_{what}"] / c["pred"] if c["pred"] else 0.0
            r = c[f"recall_{what}"] / c["gold"] if c["gold"] else 0.0
            row[what] = 2 * p * r / (p + r) if p + r else 0.0
            row[f"{what}_p"], row[f"{what}_r"] = p, r
        row["gold"], row["pred"] = c["gold"], c["pred"]
        if key == "overall":
            matched = c["recall_relaxed"]
            row["value_acc"] = c["recall_value"] / matched if matched else 0.0
            row["type_acc"] = c["type_right"] / matched if matched else 0.0
        out[key] = row
    return out


def _context(doc: Doc, start: int, end: int, width: int = 60) -> str:
    """The mention in brackets inside its line, for reading an error without the file."""
    left = doc.text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    right = doc.text[end : end + width].split("\n", 1)[0]
    return f"{left}[{doc.text[start:end]}]{right}".strip()


def print_errors(docs: list[Doc], found: dict[str, list[Mention]]) -> None:
    """Every error, one line each, grouped by kind: SPAN (extent differs), VALUE (extent
    overlaps, value differs), MISSED (gold not found), EXTRA (found, not in the gold).
    Each line gives the document, its creation date, gold and found, and the context."""
    lines: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        pred = found.get(doc.name, [])
        pairs = match(doc.gold, pred)
        matched_g = {id(g) for g, _p, _s in pairs}
        matched_p = {id(p) for _g, p, _s in pairs}
        where = f"{doc.name} {doc.dct}"
        for g, p, strict in pairs:
            gold = f"{doc.text[g.start : g.end]!r} {g.kind} {g.value}"
            got = f"{doc.text[p.start : p.end]!r} {p.kind} {p.value}"
            if not strict:
                lines["SPAN"].append(f"{where}  gold {gold} | got {got}  :: "
                                     f"{_context(doc, g.start, g.end)}")  # fmt: skip
            if _norm(p.value) != _norm(g.value):
                lines["VALUE"].append(f"{where}  gold {gold} | got {got}  :: "
                                      f"{_context(doc, g.start, g.end)}")  # fmt: skip
        unmatched = (("MISSED", doc.gold, matched_g), ("EXTRA", pred, matched_p))
        for kind, mentions, matched in unmatched:
            for m in mentions:
                if id(m) not in matched:
                    said = f"{doc.text[m.start : m.end]!r} {m.kind} {m.value}"
                    lines[kind].append(f"{where}  {said}  :: {_context(doc, m.start, m.end)}")
    for kind in ("SPAN", "VALUE", "MISSED", "EXTRA"):
        print(f"== {kind} ({len(lines[kind])})")
        for line in lines[kind]:
            print(f"{kind} {line}")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", action="store_true", help="list tripnews' misses and misfires")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="call the library instead of one CLI run per creation date",
    )
    parser.add_argument("--no-anchors", action="store_true", help="score tripnews only")
    args = parser.parse_args()
    files = sorted((args.data / "tml").glob("*.tml"))
    if not files:
        sys.exit(f"error: {args.data}: no tml/*.tml files (pass the dates-dev folder)")
    docs = [read_tml(f) for f in files]

    found, seconds = (run_in_process if args.in_process else run_tripnews)(docs)
    if args.errors:
        print_errors(docs, found)
    rows = [("tripnews", score(docs, found), seconds)]
    for name, run in installed({} if args.no_anchors else ANCHORS):
        answers, seconds = timed(run, {doc.name: doc for doc in docs})
        rows.append((name, score(docs, answers), seconds))

    gold_total = sum(len(d.gold) for d in docs)
    print(f"{args.data.name}: {len(docs)} documents, {gold_total} gold TIMEX3\n")
    header = f"{'system':12} {'relaxed':>8} {'strict':>7} {'value':>7} {'val.acc':>8} {'type':>6}"
    groups = f"{'DATE+TIME r/v':>14} {'DURATION r/v':>13} {'SET r/v':>10}"
    print(f"{header} | {groups} | docs/s")
    for name, result, secs in rows:
        o = result["overall"]
        parts = []
        for group in GROUPS:
            g = result.get(group)
            parts.append(f"{g['relaxed']:.3f}/{g['value']:.3f}" if g else "-")
        print(f"{name:12} {o['relaxed']:8.3f} {o['strict']:7.3f} {o['value']:7.3f} "
              f"{o['value_acc']:8.3f} {o['type_acc']:6.3f} | {parts[0]:>14} {parts[1]:>13} "
              f"{parts[2]:>10} | {len(docs) / secs:6.1f}")  # fmt: skip
    o = rows[0][1]["overall"]
    record_figures("dates", args.data, {k: o[k] for k in ("relaxed", "strict", "value")})
    print(f"\ntripnews relaxed P/R {o['relaxed_p']:.3f}/{o['relaxed_r']:.3f}, "
          f"strict P/R {o['strict_p']:.3f}/{o['strict_r']:.3f}, "
          f"value P/R {o['value_p']:.3f}/{o['value_r']:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
