"""Articles in scripts written without spaces: the cleaner must not take them for footers,
captions or header lines because they have few spaced "words"."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import tripnews

# Written for this test: a Chinese and a Japanese news story, a headline and three paragraphs.
CHINESE = (
    "新桥今日正式通车\n"
    "市政府周二宣布，横跨城市河流的新大桥在推迟三年之后终于正式通车，工程总造价超出预算近一半。\n"
    "数千名市民沿河观看了通车仪式，许多人表示等待是值得的，因为过桥时间从四十分钟缩短到十分钟。\n"
    "市议会将于下月就过桥收费方案进行表决，官员表示收费收入将用于道路维护\n"
)
JAPANESE = (
    "新しい橋がようやく開通\n"
    "市は火曜日、川に架かる新しい橋が三年遅れで開通したと発表した。総工費は予算を大きく上回った。\n"
    "開通式には数千人の市民が集まり、多くの人が待った甲斐があったと話していた。\n"
    "市議会は来月、通行料の案について採決する予定で、収入は道路の維持に充てられるという\n"
)


@pytest.mark.parametrize("story", [CHINESE, JAPANESE], ids=["chinese", "japanese"])
def test_a_cjk_article_keeps_its_body(tmp_path, story):
    path = tmp_path / "story.txt"
    path.write_text(story, encoding="utf-8")
    done = tripnews("ingest", str(path), "--format", "json", "-q", "--workers", "1")
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    headline, *paragraphs = story.strip().split("\n")
    assert record["title"] == headline
    for paragraph in paragraphs:
        assert paragraph in record["text"]
    assert not [r for r in record["removed"] if r["kind"] in ("footer", "caption")]
