"""The same pipeline on a local Dask cluster of several worker processes: the README's
dask.bag recipe gives exactly the records one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tripnews import process_record

dask_bag = pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two JSONL partitions: the seeds as records, plus one record that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [
        json.dumps({"id": path.name, "text": path.read_text(encoding="utf-8")})
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    lines.append(json.dumps({"id": "empty", "text": "   "}))
    (folder / "part-0.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (folder / "part-1.jsonl").write_text("\n".join(lines[3:]) + "\n", encoding="utf-8")
    return folder


def test_dask_bag_on_a_local_cluster_equals_one_process(corpus: Path) -> None:
    records = [
        json.loads(line)
        for part in sorted(corpus.glob("*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    expected = [process_record(r) for r in records]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = dask_bag.read_text(str(corpus / "*.jsonl")).map(json.loads).map(process_record)
        got = bag.compute()
    assert got == expected
    assert [r.get("error") for r in got][-1] is not None  # the bad record is reported, not lost
    assert {r["source"] for r in got if "error" not in r} == {p.name for p in SEEDS.glob("*.txt")}
