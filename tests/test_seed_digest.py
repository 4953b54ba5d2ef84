"""The seeds' digest facts (``tests/seed_digest.json``): which seeds tell one story, who is
in it under one name, and its legs, checked in every digest format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from tripnews.cli import app

FACTS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "seed_digest.json").read_text(encoding="utf-8")
)
runner = CliRunner()


def _digest(output_format: str) -> str:
    result = runner.invoke(app, ["digest", str(SEEDS), "-f", output_format, "-w", "1"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def stories() -> list[dict[str, Any]]:
    return json.loads(_digest("json"))["stories"]


def test_the_seeds_tell_the_stories_listed(stories):
    told = [sorted(Path(a["source"]).name for a in story["articles"]) for story in stories]
    assert told == [sorted(story["articles"]) for story in FACTS["stories"]]


def test_each_story_names_its_people_once(stories):
    for story, facts in zip(stories, FACTS["stories"], strict=True):
        names = [person["name"] for person in story["people"]]
        assert set(facts["people"]) <= set(names)
        # one entry per person: no surname or spelling beside the full name
        surnames = {name.split()[-1] for name in facts["people"]}
        assert not [n for n in names if n in surnames], names


def test_each_story_has_its_legs_in_order(stories):
    for story, facts in zip(stories, FACTS["stories"], strict=True):
        legs = [[leg["place"], leg["travellers"], leg["date"]] for leg in story["trip"]]
        assert legs == facts["trip"]


@pytest.mark.parametrize("output_format", ["pretty", "markdown", "html"])
def test_every_format_shows_the_same_people_and_legs(output_format):
    shown = _digest(output_format)
    for facts in FACTS["stories"]:
        for name in facts["people"]:
            assert name in shown, (output_format, name)
        for place, travellers, _date in facts["trip"]:
            assert place in shown, (output_format, place)
            assert all(t in shown for t in travellers), (output_format, place)
