"""Score floors that only rise: run each bench's tripnews-only pass on its splits and fail
when a figure falls below the floor recorded in ``bench/floors.json`` by more than the
noise margin.

    python bench/floors.py            # check every floor whose split is present
    python bench/floors.py --raise    # after an improvement: lift floors to today's figures

Each bench reports its headline figures through ``_common.record_figures`` into the file
named by ``$TRIPNEWS_FIGURES``; this script sets that variable, runs the benches, and
compares. A split missing from ``../shared/eval`` is skipped with a note (a clone without
the eval data still passes). Floors never go down here: ``--raise`` keeps the higher of
the old floor and today's figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import FIGURES_ENV

BENCH = Path(__file__).resolve().parent
EVAL = BENCH.parent.parent / "shared" / "eval"
FLOORS = BENCH / "floors.json"


@dataclass(frozen=True)
class Fall:
    """A figure that fell below its floor by more than the margin."""

    split: str
    figure: str
    floor: float
    now: float


def falls(
    floors: Mapping[str, float], figures: Mapping[str, float], margin: float, split: str
) -> list[Fall]:
    """Every floored figure that is missing or below ``floor - margin``.

    >>> falls({"f1": 0.90}, {"f1": 0.897}, 0.005, "x")
    []
    >>> falls({"f1": 0.90}, {"f1": 0.89}, 0.005, "x")
    [Fall(split='x', figure='f1', floor=0.9, now=0.89)]
    """
    out = []
    for name, floor in floors.items():
        now = figures.get(name, float("-inf"))
        if now < floor - margin:
            out.append(Fall(split, name, floor, now))
    return out


def run_bench(entry: Mapping[str, object]) -> dict[str, float] | None:
    """Run one entry's bench command; its figures for the entry's split, or None when the
    split is absent."""
    split = str(entry["split"])
    data = EVAL / split
    if not data.exists():
        return None
    script, *extra = (str(a) for a in entry["command"])  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        sink = Path(tmp) / "figures.jsonl"
        env = {**os.environ, FIGURES_ENV: str(sink)}
        subprocess.run(
            [sys.executable, str(BENCH / script), str(data), *extra],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for line in sink.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == split:
                return {k: float(v) for k, v in row["figures"].items()}
    raise RuntimeError(f"{script} reported no figures for {split}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--raise", dest="lift", action="store_true", help="lift floors")
    args = parser.parse_args(argv)
    table = json.loads(FLOORS.read_text(encoding="utf-8"))
    fallen: list[Fall] = []
    for entry in table["floors"]:
        figures = run_bench(entry)
        if figures is None:
            print(f"note: {EVAL / entry['split']} is absent; its floor is not checked")
            continue
        floors = entry["figures"]
        shown = ", ".join(f"{k} {figures.get(k, float('nan')):.3f} (floor {v:.3f})"
                          for k, v in floors.items())  # fmt: skip
        print(f"{entry['split']:<18} {shown}")
        fallen += falls(floors, figures, table["margin"], entry["split"])
        if args.lift:
            entry["figures"] = {k: round(max(v, figures.get(k, v)), 3) for k, v in floors.items()}
    if args.lift:
        FLOORS.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    for fall in fallen:
        print(f"FELL {fall.split} {fall.figure}: {fall.now:.3f} < floor {fall.floor:.3f}")
    return 1 if fallen else 0


if __name__ == "__main__":
    raise SystemExit(main())
