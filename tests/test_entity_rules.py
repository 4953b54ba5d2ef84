"""The entity extractor's rules, one row each: the split rules that cut a run of
capitalised words of our own into names, and the classifier's rule that decides a name in
a sentence of our own, with the kind it gives; the short path a name met again takes (its
plan) decides as the table read in turn does."""

from __future__ import annotations

import copy
import importlib
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import seed_paths
from tripnews.extract.entities import classify as entity_classify
from tripnews.extract.entities import runs as entity_runs
from tripnews.extract.entities.classify import (
    CLASSIFY_RULES,
    NO_RULE,
    classify,
    classify_in_turn,
)
from tripnews.extract.entities.runs import SPLIT_RULES, _split_run
from tripnews.extract.entities.vocab import Candidate

# (rule, run, the names in it as (offset, name, role))
SPLITS = [
    ("split_at_an_inner_possessive", "Tokyo’s Governor Marta Kessling",
     [(0, "Tokyo", None), (17, "Marta Kessling", "Governor")]),
    ("no_closing_full_stop", "Marta Kessling Jr.", [(0, "Marta Kessling Jr", None)]),
    ("no_possessive", "Marta Kessling's", [(0, "Marta Kessling", None)]),
    ("no_lone_common_word", "The", []),
    ("no_nationality", "Austrian Marta Kessling", [(9, "Marta Kessling", None)]),
    ("split_a_place_before_a_title", "Tokyo Governor Marta Kessling",
     [(0, "Tokyo", None), (15, "Marta Kessling", "Governor")]),
    ("split_a_place_from_its_country", "Tibet China", [(0, "Tibet", None), (6, "China", None)]),
    ("split_a_country_before_a_name", "Ukraine Marta Kessling",
     [(0, "Ukraine", None), (8, "Marta Kessling", None)]),
    ("no_opening_function_word", "Should Kessling", [(7, "Kessling", None)]),
    ("no_leading_common_word", "The Kessling Trust", [(4, "Kessling Trust", None)]),
    ("no_base_or_month_before_a_company", "Aalsmeer-based Kestrel Widget Corp",
     [(15, "Kestrel Widget Corp", None)]),
    ("no_base_or_month_before_a_company", "August Kestrel Widget Corp",
     [(7, "Kestrel Widget Corp", None)]),
    ("split_places_joined_by_a_hyphen", "Japan-Korea", [(0, "Japan", None), (6, "Korea", None)]),
    ("no_trailing_particle", "Kestrel Bank of", [(0, "Kestrel Bank", None)]),
    ("split_a_person_of_an_organization", "Marta Kessling of Kestrel Widget Corp",
     [(0, "Marta Kessling", None), (18, "Kestrel Widget Corp", None)]),
    ("split_a_company_from_its_country", "Kestrel Widget Corp of South Korea",
     [(0, "Kestrel Widget Corp", None), (23, "South Korea", None)]),
    ("split_a_name_from_its_place", "King Zanthor of Jordan",
     [(5, "Zanthor", "King"), (16, "Jordan", None)]),
    ("a_title_is_a_role", "Foreign Minister Marta Kessling",
     [(17, "Marta Kessling", "Foreign Minister")]),
    ("no_name_of_common_words", "Secretary of Defence", []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "run", "names"), SPLITS)
def test_each_split_rule_cuts_its_runs(
    rule: str, run: str, names: list[tuple[int, str, str | None]]
) -> None:
    cut_by: list[str] = []
    assert list(_split_run(run, 0, len(run), cut_by)) == names
    assert rule in cut_by


def test_every_split_rule_has_a_row_and_a_one_line_rule_of_the_language() -> None:
    named = {rule for rule, *_ in SPLITS}
    for rule in SPLIT_RULES:
        assert rule.__name__ in named
        assert (rule.__doc__ or "").strip(), rule


# (rule, sentence, the name in it, a role the run's title gave, the kind)
CASES = [
    ("an_event", "Crowds gathered for the Aalsmeer Marathon on a wet day.",
     "Aalsmeer Marathon", None, None),
    ("an_organization_known_or_shaped", "Members of the Kestrel Fishing Council met.",
     "Kestrel Fishing Council", None, "org"),
    ("an_organization_known_or_shaped", "Shares rose, a report from ABB showed.",
     "ABB", None, "org"),
    ("an_organization_word_after_the", "He wrote to the Council last week.",
     "Council", None, "org"),
    ("a_place_by_shape", "They sailed to Kestrel Island at dawn.",
     "Kestrel Island", None, "place"),
    ("a_person_by_title", "The defence secretary Qwabe Zanthor flew home.",
     "Qwabe Zanthor", None, "person"),
    ("a_place_in_the_gazetteer", "Talks resumed in Tokyo on Monday.", "Tokyo", None, "place"),
    ("a_small_town_in_place", "Floods hit homes near Aalsmeer overnight.",
     "Aalsmeer", None, "place"),
    ("an_acronym_in_prose", "Leaders of the ZQX party met voters.", "ZQX", None, "org"),
    ("a_known_given_name_or_surname", "Marta Kessling opened the meeting.",
     "Marta Kessling", None, "person"),
    ("an_initial_before_a_surname", "The report by J. Quillfeather was read aloud.",
     "J. Quillfeather", None, "person"),
    ("a_speaker", "Quillfeather said the vote would wait.", "Quillfeather", None, "person"),
    ("a_short_name_with_a_role", "Secretary of State Qwabe Zanthor arrived by train.",
     "Qwabe Zanthor", "Secretary of State", "person"),
    ("a_known_surname_alone", "Talks stalled after Yeltsin left the room.",
     "Yeltsin", None, "person"),
    ("a_lone_given_name", "Talks stalled after Marta left the room.", "Marta", None, None),
    ("a_name_with_a_known_part", "The award went to Qwabe Marta Zanthor in the end.",
     "Qwabe Marta Zanthor", None, "person"),
    ("no_rule_applies", "Talks stalled after Zanthor left the room.", "Zanthor", None, None),
    # the refusals: a surname opening a sentence is a common noun there; a small town with
    # no word saying it is a place; an acronym on a line in capitals
    ("no_rule_applies", "Talks stalled. Yeltsin aides left.", "Yeltsin", None, None),
    ("no_rule_applies", "Aalsmeer growers sold tulips.", "Aalsmeer", None, None),
]  # fmt: skip


def _candidate(sentence: str, name: str, role: str | None) -> Candidate:
    start = sentence.index(name)
    return Candidate(start, start + len(name), name, None, role)


@pytest.mark.parametrize(("rule", "sentence", "name", "role", "kind"), CASES)
def test_each_rule_decides_its_names(
    rule: str, sentence: str, name: str, role: str | None, kind: str | None
) -> None:
    for way in (classify, classify_in_turn):
        decided = way(sentence, _candidate(sentence, name, role), False)
        assert (decided.name, decided.kind) == (rule, kind)


def test_every_rule_has_a_row_and_a_one_line_rule_of_the_language() -> None:
    named = {rule for rule, *_ in CASES}
    for rule in (*CLASSIFY_RULES, NO_RULE):
        assert rule.name in named
    for rule in CLASSIFY_RULES:
        for part in (rule.fits, rule.test):
            assert part is None or (part.__doc__ or "").strip(), part


def test_a_name_s_plan_decides_as_the_table_read_in_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every mention of the seeds: its name's plan (the rules the name alone allows) gives
    the rule the whole table, read in turn, gives."""
    seen: list[tuple[str, Candidate, bool]] = []

    def recording(
        text: str, cand: Candidate, in_caps: bool, memo: entity_classify.Plans | None = None
    ) -> entity_classify.Rule:
        seen.append((text, copy.copy(cand), in_caps))
        return classify(text, cand, in_caps, memo)

    monkeypatch.setattr(entity_runs, "classify", recording)
    for seed in seed_paths():
        entity_runs.find_candidates(seed.read_text(encoding="utf-8"))
    assert len(seen) > 300
    memo = entity_classify.new_plans()
    for text, cand, in_caps in seen:
        wanted = classify_in_turn(text, copy.copy(cand), in_caps)
        # met first, met again (the plan is made), then read by the plan
        for _ in range(3):
            assert classify(text, copy.copy(cand), in_caps, memo) is wanted, cand.text


def test_the_ner_bench_shows_the_rule_behind_each_wrong_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    ner = importlib.import_module("ner")
    text = "Talks ended when Zanthor said no to Governor Qwabe Marta in Tokyo.\n"
    doc = ner.Doc("doc000", text, Counter({("PER", "qwabe"): 1}))
    found = {"doc000": Counter({("PER", "zanthor"): 1, ("PER", "qwabe marta"): 1})}
    ner.print_errors([doc], found, "PER", {"doc000": text})
    out = capsys.readouterr().out
    assert "PER missed: qwabe 1\n" in out
    assert (
        "PER extra: zanthor 1 [person:a_speaker 1], "
        "qwabe marta 1 [person:a_title_is_a_role > a_person_by_title 1]\n"
    ) in out
