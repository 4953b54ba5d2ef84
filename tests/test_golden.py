"""Each seed's full record equals its golden file (``pytest --update-golden`` rewrites them)."""

from __future__ import annotations

import difflib
import json

import pytest

from tests.conftest import GOLDEN, seed_paths
from tripnews.load import read_inputs
from tripnews.model import RawInput
from tripnews.pipeline import process_raw
from tripnews.render.record import dumps_pretty, to_record


def _record_text(path: str) -> str:
    (item,) = list(read_inputs([path]))
    assert isinstance(item, RawInput)
    return dumps_pretty(to_record(process_raw(item)))


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.stem)
def test_seed_matches_golden(seed, update_golden, monkeypatch):
    monkeypatch.chdir(seed.parents[1])  # sources are recorded as given: seeds/NAME
    actual = _record_text(f"seeds/{seed.name}")
    golden = GOLDEN / f"{seed.stem}.json"
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "golden", "actual", n=2
            )
        )
        pytest.fail(f"{seed.name} differs from its golden file:\n{diff[:6000]}")


def test_golden_files_are_valid_json():
    files = sorted(GOLDEN.glob("*.json"))
    assert len(files) == len(seed_paths())
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["source"].startswith("seeds/")


def test_seed_digest_matches_golden(update_golden, monkeypatch):
    """The seeds' digest (stories, merged entities, trip timeline) as JSON, reviewed by diff."""
    from tripnews.digest import build_digest
    from tripnews.pipeline import ingest
    from tripnews.render.digest import digest_to_dict

    monkeypatch.chdir(seed_paths()[0].parents[1])
    articles = list(ingest([f"seeds/{p.name}" for p in seed_paths()]))
    actual = json.dumps(digest_to_dict(build_digest(articles)), ensure_ascii=False, indent=2)
    golden = GOLDEN / "digest" / "seeds.json"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual + "\n" != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), (actual + "\n").splitlines(True), "golden", "actual"
            )
        )
        pytest.fail(f"the seeds' digest differs from its golden file:\n{diff[:6000]}")
