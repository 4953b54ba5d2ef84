"""The seeds' floor facts (``tests/seed_facts.json``), so intent survives golden rewrites."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tripnews.load import read_inputs
from tripnews.model import Article, RawInput
from tripnews.pipeline import Settings, process_raw
from tripnews.render.record import to_record

FACTS: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).parent / "seed_facts.json").read_text(encoding="utf-8")
)


def _article(name: str, reference_date: str | None = None) -> Article:
    (item,) = list(read_inputs([str(SEEDS / name)]))
    assert isinstance(item, RawInput)
    anchor = dt.date.fromisoformat(reference_date) if reference_date else None
    return process_raw(item, Settings(reference_date=anchor))


@pytest.fixture(scope="module", params=sorted(FACTS), ids=lambda n: n[:3])
def seed(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Article]:
    facts = FACTS[request.param]
    return facts, _article(request.param, facts["reference_date"])


def test_title(seed):
    facts, article = seed
    assert article.title == facts["title"]


def test_published_and_publisher(seed):
    facts, article = seed
    if facts["published"] is None:
        assert article.published is None
    else:
        assert article.published is not None
        assert article.published.value.startswith(facts["published"])
    assert article.publisher == facts["publisher"]


def test_people(seed):
    facts, article = seed
    names = {p.name for p in article.people}
    assert set(facts["people"]) <= names, set(facts["people"]) - names
    assert not names & set(facts["not_people"])


def test_places(seed):
    facts, article = seed
    names = {p.name for p in article.places}
    assert set(facts["places"]) <= names, set(facts["places"]) - names
    assert not names & set(facts["not_places"])


def test_organizations(seed):
    facts, article = seed
    names = {o.name for o in article.organizations}
    assert set(facts["organizations"]) <= names, set(facts["organizations"]) - names


def test_boilerplate_gone(seed):
    facts, article = seed
    for phrase in facts["absent_from_text"]:
        assert phrase not in article.text
    everything = json.dumps({k: v for k, v in to_record(article).items() if k != "removed"})
    for word in facts["absent_anywhere"]:
        assert word not in everything, word
    kinds = {block.kind for block in article.removed}
    assert set(facts["removed_kinds"]) <= kinds


def test_dates(seed):
    facts, article = seed
    found = [(d.text, d.value) for d in article.dates]
    for text, value in facts["dates"]:
        assert (text, value) in found, (text, value, found)
    for text in facts.get("unresolved", []):
        matches = [d for d in article.dates if d.text == text]
        assert matches and all(d.value is None and not d.resolved for d in matches), text


def test_every_offset_slices_text(seed):
    _, article = seed
    spans = [
        m for e in (*article.people, *article.places, *article.organizations) for m in e.mentions
    ]
    spans += list(article.dates)
    for span in spans:
        assert article.text[span.start : span.end] == span.text
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
    for sentence in article.summary:
        assert sentence in article.text


def test_quote_speakers(seed):
    """Each listed quote (by its opening words) has its speaker, or none and a description."""
    facts, article = seed
    for opening, speaker, *description in facts["quotes"]:
        found = [q for q in article.quotes if q.text.startswith(opening)]
        assert found, opening
        want = tuple(speaker) if isinstance(speaker, list) else speaker
        assert all(q.speaker == want for q in found), (opening, [q.speaker for q in found])
        if description:
            assert all(q.speaker_description == description[0] for q in found), opening


def test_trip_legs(seed):
    """The legs a careful reader lists, each once, in order: place, travellers, and where
    given the date and whether it is planned."""
    facts, article = seed
    assert [leg.place for leg in article.trip] == [leg[0] for leg in facts["trip"]]
    for leg, (place, travellers, *rest) in zip(article.trip, facts["trip"], strict=True):
        assert list(leg.travellers) == travellers, place
        if rest:
            assert leg.date == rest[0], place
        if len(rest) > 1:
            assert leg.planned is rest[1], place
