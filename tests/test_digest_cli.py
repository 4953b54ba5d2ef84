"""``tripnews digest`` on tripnews' own records, and its story filters."""

from __future__ import annotations

import json

from tests.conftest import SEEDS
from tests.test_cli import run


def _stories(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["stories"]


def test_records_in_give_the_same_stories_as_the_raw_files(tmp_path) -> None:
    records = run("ingest", str(SEEDS), "-f", "jsonl")
    assert records.exit_code == 0
    path = tmp_path / "r.jsonl"
    path.write_text(records.stdout, encoding="utf-8")
    from_records = run("digest", str(path), "-f", "json")
    from_files = run("digest", str(SEEDS), "-f", "json")
    assert from_records.stdout == from_files.stdout  # dates and publishers kept
    published = [a["published"] for s in _stories(from_records) for a in s["articles"]]
    assert any(published)


def test_a_broken_record_is_one_failed_input(tmp_path) -> None:
    records = run("ingest", str(SEEDS), "-f", "jsonl").stdout.splitlines()
    broken = json.loads(records[0])
    broken["people"] = "not a list"
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join([json.dumps(broken), *records[1:]]) + "\n", encoding="utf-8")
    result = run("digest", str(path), "-f", "json")
    assert result.exit_code == 1
    assert "not a valid tripnews record" in result.stderr and "'people'" in result.stderr
    assert sum(len(s["articles"]) for s in json.loads(result.stdout)["stories"]) == 4


def test_filters_keep_the_stories_asked_for() -> None:
    every = _stories(run("digest", str(SEEDS), "-f", "json"))
    assert len(every) == 2
    several = _stories(run("digest", str(SEEDS), "-f", "json", "--min-articles", "2"))
    assert [len(s["articles"]) for s in several] == [4]
    # a surname finds the full name; an undated story drops out of a date filter
    dated = _stories(
        run("digest", str(SEEDS), "-f", "json", "--person", "austin", "--since", "2021-03-01")
    )
    assert len(dated) == 1 and any(p["name"] == "Lloyd Austin" for p in dated[0]["people"])
    assert _stories(run("digest", str(SEEDS), "-f", "json", "--until", "2020-12-31")) == []
    assert _stories(run("digest", str(SEEDS), "-f", "json", "--place", "Atlantis")) == []


def test_a_bad_date_filter_is_a_usage_error() -> None:
    assert run("digest", str(SEEDS), "--since", "yesterday").exit_code == 2
