"""What every benchmark script does with its anchors: run the installed ones, skip the rest
with a note, and time each over the same inputs as tripnews."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def installed(
    anchors: Mapping[str, Callable[[], Callable[[In], Out] | None]],
) -> Iterator[tuple[str, Callable[[In], Out]]]:
    """Each anchor whose optional package is installed, by name; a note for the others."""
    for name, make in anchors.items():
        run = make()
        if run is None:
            print(f"note: {name} is not installed; skipped", file=sys.stderr)
            continue
        yield name, run


def timed(run: Callable[[In], Out], inputs: Mapping[str, In]) -> tuple[dict[str, Out], float]:
    """The anchor's answer for every input, by key, and the seconds all of them took."""
    started = time.perf_counter()
    answers = {key: run(item) for key, item in inputs.items()}
    return answers, time.perf_counter() - started


FIGURES_ENV = "TRIPNEWS_FIGURES"


def record_figures(bench: str, data: Path, figures: Mapping[str, float]) -> None:
    """Append tripnews' headline figures on one split to the JSONL file named by
    ``$TRIPNEWS_FIGURES``, when it is set: ``bench/floors.py`` reads them there, so a bench
    reports its figures to the floor check without the check parsing its printed table."""
    target = os.environ.get(FIGURES_ENV)
    if not target:
        return
    row = {"bench": bench, "split": data.resolve().name, "figures": dict(figures)}
    with open(target, "a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
