"""The benchmark figures only rise: ``bench/floors.py`` reruns each bench's tripnews pass
and fails when a figure falls below its floor by more than the noise margin. Without the
eval data beside the clone (``../shared/eval``) the check is skipped with a note."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))


def test_floors_are_well_formed() -> None:
    assert 0 < FLOORS["margin"] <= 0.02
    for entry in FLOORS["floors"]:
        assert (ROOT / "bench" / entry["command"][0]).exists(), entry
        assert entry["figures"] and all(0 < v <= 1 for v in entry["figures"].values()), entry


@pytest.mark.skipif(not EVAL.exists(), reason="../shared/eval is absent: floors not checked")
def test_no_benchmark_figure_falls_below_its_floor() -> None:
    result = subprocess.run(
        [sys.executable, "floors.py"],
        cwd=ROOT / "bench",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
