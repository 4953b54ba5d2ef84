"""The digest's candidate step as a Dask bag job on a local cluster: the inverted index
partitioned by term, pairs summed by key, gives the pairs one machine scores."""

from __future__ import annotations

import pytest

from tests.test_digest import BOTH, CHESS, CHESS_2, CHESS_3, FLOOD, FLOOD_2, FLOOD_3, article
from tripnews.digest import grouping

dask_bag = pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def _pair(item: tuple[grouping.Pair, grouping.Scores]) -> grouping.Pair:
    return item[0]


def _add(total: grouping.Scores, item: tuple[grouping.Pair, grouping.Scores]) -> grouping.Scores:
    return grouping.add_scores(total, item[1])


def test_candidate_pairs_on_a_local_cluster_equal_one_machine() -> None:
    texts = [FLOOD, FLOOD_2, FLOOD_3, CHESS, CHESS_2, CHESS_3, BOTH]
    bags = [grouping.terms(article(str(i), t)) for i, t in enumerate(texts)]
    vectors = grouping.weigh(bags)
    expected = grouping.similar_pairs(vectors)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        summed = (
            dask_bag.from_sequence(grouping.postings(vectors), npartitions=3)
            .map(grouping.posting_pairs)
            .flatten()
            .foldby(_pair, _add, (0.0, 0.0), grouping.add_scores, (0.0, 0.0))
            .compute()
        )
    got = {pair: scores for pair, scores in summed if scores[0] >= grouping.FLOOR}
    assert got.keys() == expected.keys()
    for pair, (close, whole) in expected.items():
        assert got[pair] == pytest.approx((close, whole))
