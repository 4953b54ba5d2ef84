"""The digest of a corpus kept on disk: the same stories and the same JSON as the digest
of articles held in memory, with nothing left behind in the temporary folder."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS, seed_paths
from tests.test_digest import BOTH, CHESS, CHESS_2, CHESS_3, FLOOD, FLOOD_2, FLOOD_3, article
from tripnews.cli import app
from tripnews.digest import Corpus, build_digest, grouping, pack
from tripnews.model import Article
from tripnews.render.digest import digest_to_json, stream_digest_json


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    from tripnews.pipeline import ingest

    return [a for a in ingest([str(p) for p in seed_paths()]) if isinstance(a, Article)]


def invented(count: int, mixed: bool = True) -> list[Article]:
    """``count`` articles: six short texts of two events (and one that tells both),
    repeated as wire copies under new names and over three months of publication days."""
    texts = [FLOOD, FLOOD_2, FLOOD_3, CHESS, CHESS_2, CHESS_3, *([BOTH] if mixed else [])]
    return [
        article(f"wire{i}.txt", texts[i % len(texts)], f"2024-0{1 + i % 3}-{1 + i % 27:02d}")
        for i in range(count)
    ]


def test_a_corpus_on_disk_digests_as_the_articles_in_memory(seeds, tmp_path) -> None:
    for articles in (seeds, invented(300) + seeds):
        expected = build_digest(articles)
        with Corpus(articles, folder=str(tmp_path)) as corpus:
            assert build_digest(corpus) == expected
            # the file is anonymous: nothing is ever seen in its folder
            assert list(tmp_path.iterdir()) == []
        assert len(expected.stories) > 1


def test_the_json_written_a_story_at_a_time_is_the_whole_digest(seeds) -> None:
    digest = build_digest(invented(120) + seeds)
    streamed = "".join(stream_digest_json(digest.stories))
    assert streamed == digest_to_json(digest)
    assert json.loads(streamed)["names"]
    assert "".join(stream_digest_json([])) == json.dumps({"stories": [], "names": []}, indent=2)


def test_articles_packed_in_a_worker_file_as_the_articles_themselves(seeds, tmp_path) -> None:
    with Corpus(seeds, folder=str(tmp_path)) as direct, Corpus(folder=str(tmp_path)) as packed:
        for a in seeds:
            packed.add(pack(a))
        assert build_digest(packed) == build_digest(direct)
        assert packed.articles([2, 0]) == [
            dataclasses.replace(a, removed=()) for a in (seeds[2], seeds[0])
        ]


def test_the_temporary_file_goes_with_an_error(tmp_path) -> None:
    with pytest.raises(RuntimeError), Corpus(invented(10), folder=str(tmp_path)) as corpus:
        raise RuntimeError("stopped half way")
    with pytest.raises(ValueError):  # closed: the file is gone with its handle
        corpus.articles([0])
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_leaves_no_file_and_writes_the_library_digest(
    seeds, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    result = CliRunner().invoke(app, ["digest", str(SEEDS), "-f", "json", "-w", "1"])
    assert result.exit_code == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
    from_library = json.loads(digest_to_json(build_digest(seeds)))
    assert json.loads(result.stdout)["stories"] == from_library["stories"]


def test_stories_keep_only_their_articles_headers(seeds) -> None:
    digest = build_digest(seeds)
    for story in digest.stories:
        for kept in story.articles:
            assert (kept.text, kept.people, kept.quotes, kept.trip) == ("", (), (), ())
            assert kept.source in {a.source for a in seeds}
    assert any(s.people and s.quotes and s.legs for s in digest.stories)


def test_average_link_by_part_merges_as_over_the_whole_graph() -> None:
    # Several unconnected parts (two events, copies, dates a season apart): merging each
    # part alone gives the groups that merging the whole graph at once gives.
    articles = invented(140, mixed=False)
    table = grouping.TermTable()
    for a in articles:
        table.add(a)
    edges = grouping.pair_arrays(grouping.weigh_table(table))
    component = grouping._components(len(articles), edges)
    assert len(set(component.tolist())) > 1
    units = [(i,) for i in range(len(articles))]
    threshold = (grouping.SAME_STORY, grouping.STRONG_LINK)
    cohesion = grouping.KEEP_COHESION
    by_part = grouping.average_link(units, edges, component, threshold, table.days, cohesion)
    whole = grouping._average_link(dict(enumerate(units)), edges, threshold, table.days, cohesion)
    assert sorted(by_part) == sorted(whole)
    assert any(len(group) > 1 for group in whole)
    # the pairs as arrays are the pairs of the dict, in the same order
    assert list(grouping.similar_pairs(grouping.weigh_table(table))) == list(
        zip(edges.first.tolist(), edges.second.tolist(), strict=True)
    )
    assert np.all(edges.first < edges.second)
