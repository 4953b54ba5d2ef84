"""People, places and organizations: one test per rule family, the negatives the rules
must refuse, the seeds' entities with their mention counts, and offsets as a property."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tripnews import lexicon
from tripnews.extract.entities import capitals as entity_capitals
from tripnews.extract.entities import context as entity_context
from tripnews.extract.entities import find_entities
from tripnews.extract.entities import runs as entity_runs
from tripnews.extract.entities import vocab as entity_vocab
from tripnews.load import read_inputs
from tripnews.model import Article, Entities, RawInput
from tripnews.pipeline import Settings, process_raw, process_text


def people(found: Entities) -> dict[str, int]:
    return {p.name: p.count for p in found.people}


def places(found: Entities) -> dict[str, int]:
    return {p.name: p.count for p in found.places}


def orgs(found: Entities) -> dict[str, int]:
    return {o.name: o.count for o in found.organizations}


# --- people ------------------------------------------------------------------------------


def test_a_title_makes_a_person_and_becomes_a_role() -> None:
    found = find_entities("Foreign Minister Amara Okafor flew home. Okafor said little.")
    (person,) = found.people
    assert (person.name, person.count, person.roles) == ("Amara Okafor", 2, ("Foreign Minister",))


def test_honorifics_and_short_forms_link_to_the_full_name() -> None:
    text = "Antony Blinken arrived. Mr Blinken met Secretary Blinken's hosts. Blinken left."
    assert people(find_entities(text)) == {"Antony Blinken": 4}


def test_an_apposition_gives_the_role() -> None:
    text = "Patricia Kim, a senior policy analyst at the Institute of Peace, said it was new."
    (person,) = find_entities(text).people
    assert person.name == "Patricia Kim"
    assert person.roles == ("senior policy analyst",)


def test_a_speech_verb_makes_an_unknown_name_a_person() -> None:
    assert "Tadeusz Wrzosek" in people(find_entities("Tadeusz Wrzosek said the talks failed."))


def test_a_given_name_makes_a_person() -> None:
    assert people(find_entities("The report was written by Maria Oyelaran.")) == {
        "Maria Oyelaran": 1
    }


def test_an_initial_before_a_surname_is_a_person() -> None:
    assert "M. Thistlewood" in people(find_entities("Thanks went to M. Thistlewood and others."))


def test_a_public_figure_by_surname_alone_is_a_person() -> None:
    found = find_entities("On Monday Yeltsin flew to Moscow on a state visit.")
    assert "Yeltsin" in people(found)
    assert "Moscow" in places(found)


def test_two_people_sharing_a_surname_leave_the_bare_surname_alone() -> None:
    text = "Kim Jong Un met Sung Kim in Hanoi. Kim spoke first."
    assert people(find_entities(text)) == {"Kim Jong Un": 1, "Sung Kim": 1}


def test_a_bare_surname_after_one_full_name_is_that_person() -> None:
    text = "Patricia Kim spoke. Kim, an analyst, said the trip mattered."
    assert people(find_entities(text)) == {"Patricia Kim": 2}


# --- places ------------------------------------------------------------------------------


def test_gazetteer_places_carry_kind_country_and_coordinates() -> None:
    found = find_entities("Talks moved from Tokyo to Japan's neighbour, then to Asia.")
    by_name = {p.name: p for p in found.places}
    assert (by_name["Tokyo"].kind, by_name["Tokyo"].country) == ("city", "JP")
    assert by_name["Tokyo"].lat is not None and by_name["Tokyo"].lon is not None
    assert by_name["Japan"].kind == "country"
    assert by_name["Asia"].kind == "continent"


def test_aliases_fold_to_one_place() -> None:
    text = "The US, the U.S., America and the United States all agreed."
    assert places(find_entities(text))["United States"] == 4


def test_regions_and_seas_from_the_supplement() -> None:
    found = places(find_entities("Patrols in the South China Sea and in Xinjiang grew."))
    assert {"South China Sea", "Xinjiang"} <= set(found)
    found = places(find_entities("Farmers in the Midwest and traders on Wall Street lost."))
    assert {"Midwest", "Wall Street"} <= set(found)


def test_places_joined_by_a_hyphen_are_each_a_place() -> None:
    assert set(places(find_entities("The India-Pakistan border stayed shut."))) == {
        "India",
        "Pakistan",
    }


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("Voters in Atlanta, Georgia, lined up.", "state", "US"),
        ("Protests spread in Tbilisi, the capital of Georgia.", "country", "GE"),
        ("Georgia, Armenia and Azerbaijan met.", "country", "GE"),
    ],
)
def test_context_picks_the_reading_of_an_ambiguous_place(
    text: str, kind: str, country: str
) -> None:
    (georgia,) = [p for p in find_entities(text).places if p.name == "Georgia"]
    assert (georgia.kind, georgia.country) == (kind, country)


def test_a_city_named_beside_its_state_takes_that_country() -> None:
    found = find_entities("A fair in Paris, Texas, and a show in Paris, France.")
    assert sorted(p.country or "" for p in found.places if p.name == "Paris") == ["FR", "US"]


def test_a_name_of_a_place_is_the_name_and_the_place() -> None:
    found = find_entities("King Abdullah of Jordan met officials in Amman.")
    assert [(p.name, p.roles) for p in found.people] == [("Abdullah", ("King",))]
    assert set(places(found)) == {"Jordan", "Amman"}


def test_a_person_sharing_a_country_name_is_a_person() -> None:
    found = find_entities("Michael Jordan said he would play. Jordan scored 30.")
    assert people(found) == {"Michael Jordan": 2}
    assert not found.places


# --- organizations -----------------------------------------------------------------------


def test_organization_endings_and_known_names() -> None:
    text = "The Ministry of Defence, Stanford University, NATO and the Pentagon disagreed."
    assert set(orgs(find_entities(text))) == {
        "Ministry of Defence",
        "Stanford University",
        "NATO",
        "Pentagon",
    }


def test_a_legal_form_ends_a_company_name() -> None:
    text = "Brevik Foods SA and Kallmann Werke AG signed; Ostara Mining Plc stayed out."
    assert set(orgs(find_entities(text))) == {
        "Brevik Foods SA",
        "Kallmann Werke AG",
        "Ostara Mining Plc",
    }


def test_a_person_of_an_organization_is_two_mentions() -> None:
    found = find_entities(
        "Prices rose, said Maria Okafor of Halvard Capital Inc, and Chairman Alan Greenspan of "
        "the Federal Reserve agreed, but the Bank of England and the University of Leeds "
        "did not."
    )
    assert {"Maria Okafor", "Alan Greenspan"} <= set(people(found))
    assert {
        "Halvard Capital Inc",
        "Federal Reserve",
        "Bank of England",
        "University of Leeds",
    } <= set(orgs(found))


def test_a_company_of_a_place_is_the_company_and_the_place() -> None:
    found = find_entities("Orlen Motor Corp of South Korea said sales rose.")
    assert orgs(found) == {"Orlen Motor Corp": 1}
    assert "South Korea" in places(found)


def test_a_base_a_month_or_an_opening_word_is_no_part_of_an_organization() -> None:
    found = find_entities(
        "Shares of Denver-based Caldor Mining Corp rose. In August National Association of "
        "Purchasing Management figures fell. On Monday Federal Reserve officials met."
    )
    assert {
        "Caldor Mining Corp",
        "National Association of Purchasing Management",
        "Federal Reserve",
    } <= set(orgs(found))
    assert not any(name.startswith(("Denver", "In ", "On ", "August")) for name in orgs(found))
    assert "Sunday Times Magazine" in orgs(find_entities("The Sunday Times Magazine said so."))


def test_a_company_named_in_full_lends_its_type_to_its_short_name() -> None:
    text = "Veltrix Holdings Inc bought the plant. Veltrix said the deal closes in May."
    found = find_entities(text)
    assert orgs(found) == {"Veltrix Holdings Inc": 1, "Veltrix": 1}
    assert not found.people


def test_an_acronym_in_brackets_or_of_initials_is_the_organization() -> None:
    text = (
        "The Kurdistan Democratic Party ( KDP ) and the Organisation for Security and "
        "Cooperation in Europe met. KDP officials thanked the OSCE."
    )
    found = orgs(find_entities(text))
    assert found["KDP"] == 2
    assert found["OSCE"] == 1


def test_teams_named_after_places_in_a_sports_report() -> None:
    text = (
        "CRICKET - COUNTY CHAMPIONSHIP\n"
        "Hampshire beat Sussex by an innings and 12 runs to go top of the table .\n"
        "At Bristol , Surrey captain Tom Wexley scored 80 as the match was drawn .\n"
        "Scores : Kent 214 , Durham 108-3 .\n"
    )
    found = find_entities(text)
    assert {"Hampshire", "Sussex", "Surrey", "Kent", "Durham"} <= set(orgs(found))
    assert "Bristol" in places(found)  # the ground, not a team


def test_standings_lines_are_teams_and_nations_stay_places() -> None:
    text = (
        "BASEBALL - STANDINGS AFTER THURSDAY 'S GAMES\n"
        "W L PCT GB\nDENVER 68 61 .527 -\nBOSTON 67 62 .519 1\n"
        "In soccer , France beat Italy 2-1 in the final game of the season .\n"
    )
    found = find_entities(text)
    assert {"DENVER", "BOSTON"} <= set(orgs(found))
    assert {"France", "Italy"} <= set(places(found))


# --- what the rules must refuse ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Will the talks resume? Nobody knows.", "Will"),
        ("May was the wettest month on record.", "May"),
        ("The Prime Minister said nothing.", "Prime Minister"),
        ("Analysts said the rally would fade.", "Analysts"),
        ("Rice prices rose sharply in Asia.", "Rice"),  # a public figure's surname, as a noun
        ("Bush fires raged across the state.", "Bush"),
        ("The Pentagon said it would respond.", "Pentagon"),
    ],
)
def test_not_a_person(text: str, not_a_person: str) -> None:
    assert not_a_person not in people(find_entities(text))


def test_theresa_may_is_a_person_and_may_the_month_is_not() -> None:
    found = people(find_entities("Theresa May spoke in May. May was cold."))
    assert found == {"Theresa May": 1}


def test_washington_post_and_white_house_are_organizations_not_places() -> None:
    found = find_entities("The Washington Post and the White House disagreed in Washington.")
    assert {"Washington Post", "White House"} <= set(orgs(found))
    assert places(found) == {"Washington": 1}


def test_a_describing_word_before_a_place_is_no_part_of_it() -> None:
    found = find_entities(
        "Christian West Bank schools grew, and Chinese Communist Party rule held."
    )
    assert "West Bank" in places(found)
    assert set(orgs(found)) == {"Chinese Communist Party"}


def test_west_bank_is_a_place_despite_ending_like_a_bank() -> None:
    found = find_entities("Settlers moved into the West Bank.")
    assert places(found) == {"West Bank": 1}
    assert not found.organizations


def test_an_election_is_no_sports_report() -> None:
    text = (
        "Democrats won Georgia's runoff, a victory that lost Republicans the Senate. "
        "Turnout rose four points in Atlanta as the party won 51 seats to 49 .\n"
    )
    found = find_entities(text)
    assert {"Georgia", "Atlanta"} <= set(places(found))
    assert not {"Georgia", "Atlanta"} & set(orgs(found))


def test_a_city_is_no_team_outside_sports() -> None:
    found = find_entities("Chicago 3 , a documentary , was filmed in Chicago and Boston .")
    assert not found.organizations


def test_an_unknown_capitalised_word_is_no_entity() -> None:
    found = find_entities("Glorbix was mentioned once.")
    assert not (found.people or found.places or found.organizations)


# --- the seeds ---------------------------------------------------------------------------

# Counts checked by reading each cleaned seed: a surname's every occurrence is its
# person's, except where another person shares it (001's "Kim Jong-un" beside Patricia
# Kim); a place's, except inside a longer name ("South China Sea", "Washington Post").
SEED_PEOPLE = {
    "000": {"Antony Blinken": 7, "Lloyd Austin": 5, "Joe Biden": 3, "Yoshihide Suga": 1,
            "Kim Jong Un": 1, "Rajnath Singh": 1, "Jake Sullivan": 1},
    "001": {"Antony Blinken": 4, "Lloyd Austin": 4, "Joe Biden": 5, "Toshimitsu Motegi": 1,
            "Nobuo Kishi": 1, "Patricia Kim": 2, "Wang Yi": 1, "Yang Jiechi": 1,
            "Kim Jong-un": 1, "Leif-Eric Easley": 2, "Jake Sullivan": 1},
    "002": {"Antony Blinken": 5, "Lloyd Austin": 4, "Joe Biden": 8, "Kim Jong Un": 1,
            "Sung Kim": 1, "Jake Sullivan": 1},
    "003": {"Antony Blinken": 5, "Lloyd Austin": 5},
    "004": {"Antony Blinken": 5, "Park Jin": 2, "Hayashi Yoshimasa": 2, "Xi Jinping": 1},
}  # fmt: skip
SEED_PLACES = {
    "000": {"Tokyo": 2, "Japan": 2, "Seoul": 3, "South Korea": 1, "China": 9, "Beijing": 2,
            "India": 3, "Delhi": 1, "Anchorage": 1, "Hawaii": 1, "Xinjiang": 1, "Tibet": 1,
            "Hong Kong": 1, "Taiwan": 1, "South China Sea": 1, "Pyongyang": 1,
            "Washington": 1},
    "001": {"Tokyo": 3, "Seoul": 4, "Japan": 2, "South Korea": 2, "North Korea": 3,
            "China": 9, "Beijing": 2, "Anchorage": 1, "Alaska": 1, "Xinjiang": 2,
            "Pyongyang": 3, "Asia": 1},
    "002": {"Japan": 5, "South Korea": 4, "North Korea": 6, "China": 4, "Anchorage": 1,
            "Alaska": 1, "Tokyo": 1, "Seoul": 1, "Pyongyang": 1, "Asia": 2},
    "003": {"China": 8, "Beijing": 3, "Xinjiang": 3, "Hong Kong": 3, "Tibet": 1,
            "Taiwan": 1, "South China Sea": 1, "Japan": 4, "Washington": 1},
    "004": {"China": 6, "North Korea": 4, "Tokyo": 2, "Japan": 2, "Sea of Japan": 1,
            "Pyongyang": 1},
}  # fmt: skip


def _seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*")
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, RawInput)
    return process_raw(item, Settings())


@pytest.mark.parametrize("prefix", sorted(SEED_PEOPLE))
def test_seed_people_and_places_with_their_counts(prefix: str) -> None:
    article = _seed(prefix)
    found_people = {p.name: p.count for p in article.people}
    found_places = {p.name: p.count for p in article.places}
    assert {n: found_people.get(n) for n in SEED_PEOPLE[prefix]} == SEED_PEOPLE[prefix]
    assert {n: found_places.get(n) for n in SEED_PLACES[prefix]} == SEED_PLACES[prefix]


# --- offsets -----------------------------------------------------------------------------

_VOCABULARY = [
    "Antony", "Blinken", "Mr", "Secretary", "of", "State", "said", "in", "Tokyo", "US",
    "U.S.", "the", "White", "House", "Washington", "Post", "Kim", "Jong-un", "Leif-Eric",
    "Easley", ",", ".", "\n", "beat", "Surrey", "214", "'s", "’s", "CHINA", "Inc", "(",
    ")", "KDP", "Party", "US-China", "-", "&", "Co", "Prime", "Minister", "May", "Will",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=40), st.text(max_size=40))
def test_every_mention_slices_the_text(tokens: list[str], noise: str) -> None:
    text = " ".join(tokens) + noise
    found = find_entities(text)
    for entity in (*found.people, *found.places, *found.organizations):
        assert entity.count == len(entity.mentions)
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_runs_dropped_before_any_work_are_those_the_full_path_drops() -> None:
    """The one-word runs skipped up front ("The", "He") give no candidate the long way
    round either, so the shortcut changes nothing."""
    for word in entity_runs._lone_non_entities():
        assert entity_runs._names_in_run(word) == (), word


def test_a_lone_word_takes_the_short_path_to_the_same_names() -> None:
    """A run of one word of letters skips the rules of ``_split_run``; for every such word
    of the lists those rules read, as written and in capitals, the answer is the same."""
    from tripnews.rules import load_words

    vocabulary = (
        entity_vocab.non_entity_words()
        | entity_vocab.demonym_words()
        | entity_vocab.known_org_names()
        | lexicon.gazetteer().keys()
        | entity_vocab.role_noun_set()
        | load_words("opening_words")
        | {"Georgian", "Ukrainian", "Of", "Mr", "Trump"}
    )
    words = {w for w in vocabulary if w.isalpha() and "A" <= w[0] <= "Z"}
    for word in sorted(words | {w.upper() for w in words}):
        long_way = _the_long_way(word)
        assert entity_runs._lone_word_names(word) == long_way, word


def _the_long_way(run: str) -> tuple[tuple[int, str, str | None], ...]:
    """The run split by the table alone, its parts too (a trace turns the short paths off)."""
    return tuple(entity_runs._split_run(run, 0, len(run), []))


def test_a_known_place_or_organization_takes_the_short_path_to_the_same_names() -> None:
    """Every name of the gazetteer and the organization list written in plain capitalised
    words is split as the long way round splits it."""
    for name in sorted(lexicon.gazetteer().keys() | entity_vocab.known_org_names()):
        if " " in name and name.istitle() and name.replace(" ", "").isalpha():
            assert entity_runs._names_in_run(name) == _the_long_way(name), name


def test_a_known_organization_ending_in_a_country_is_split_as_the_long_way_splits_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A known organization is no known place, so a country after a place in it is cut
    off the long way round (no such organization is listed yet): the short path must not
    keep it whole."""
    runs = ("Golan Heights Israel", "Kashmir India")
    orgs = entity_vocab.known_org_names() | set(runs)
    monkeypatch.setattr(entity_runs, "known_org_names", lambda: orgs)
    monkeypatch.setattr(entity_vocab, "known_org_names", lambda: orgs)
    for run in runs:
        assert entity_runs._names_in_run(run) == _the_long_way(run)
        assert len(entity_runs._names_in_run(run)) == 2


def _words_the_rules_read() -> list[str]:
    """A sample of every list a rule of _split_run reads, written capital-first."""
    from tripnews.rules import load_words

    lists = [
        entity_vocab.non_entity_words(),
        entity_vocab.demonym_words(),
        entity_vocab.demonym_first_words(),
        entity_vocab.country_names(),
        entity_vocab.known_org_names(),
        entity_vocab.org_word_set(),
        entity_vocab.role_noun_set(),
        entity_vocab.title_openers(),
        entity_runs._function_words(),
        entity_runs._MONTHS_AND_DAYS,
        entity_vocab.given_name_set(),
        entity_vocab.surname_set(),
        load_words("corporate_endings"),
        load_words("paper_words"),
    ]
    words = set()
    for vocabulary in lists:
        plain = sorted({w.capitalize() for w in vocabulary if w.isalpha()})
        words.update(plain[:: max(1, len(plain) // 60)])
    return sorted(words | {"New", "York", "Antony", "Blinken", "Korea", "South", "Of"})


# (deferred: the lists are loaded when the test runs, not when the tests are collected)
@given(
    st.deferred(lambda: st.lists(st.sampled_from(_words_the_rules_read()), min_size=1, max_size=5))
)
@example(["Golan", "Heights", "Israel"])
@example(["Kashmir", "India"])
@example(["Ukraine", "Kurt", "Volker"])
@example(["Jordan", "Rhodes"])
@example(["Austrian", "Anna", "Berg"])
@example(["Charlotte", "Mayor", "Jennifer", "Roberts"])
@example(["Should", "Rubin", "Leave"])
@example(["Am", "Donnerstag"])
def test_a_run_of_plain_words_takes_the_short_path_to_the_same_names(words: list[str]) -> None:
    run = " ".join(words)
    assert entity_runs._names_in_run(run) == _the_long_way(run)
    assert entity_runs._names_in_run(run + "'s") == _the_long_way(run + "'s")


@given(
    st.lists(st.sampled_from([",", " ", "\n", "he", "said", "sa", "says", "told", "x"]), max_size=8)
)
def test_speech_verbs_as_a_trie_match_where_the_plain_alternation_matches(parts: list[str]) -> None:
    import re

    plain = re.compile(rf"^,?\s(?:\w+\s)?(?:{'|'.join(entity_vocab._SPEECH_VERBS)})\b")
    after = "".join(parts)
    assert bool(entity_vocab.SPEECH_AFTER.match(after)) == bool(plain.match(after))


@given(st.text(alphabet="0123456789-./ a\n", max_size=40))
def test_scores_matched_from_the_hyphen_are_those_matched_from_the_digits(head: str) -> None:
    """The score pattern starts at the hyphen for speed; it counts what the plain pattern,
    read from the first digit, counts."""
    import re

    plain = re.compile(r"\d(?<![\d./-]\d)\d{0,2}-\d{1,3}(?![\d/-])")
    assert len(entity_context._SCORE.findall(head)) == len(plain.findall(head))


@given(st.text(alphabet="aBcD éÉİ’“ 1", max_size=60))
def test_the_capitals_test_agrees_with_counting_every_letter(line: str) -> None:
    letters = sum(map(str.isalpha, line))
    expected = letters >= 12 and sum(map(str.isupper, line)) > 0.8 * letters
    assert entity_capitals.in_capitals(line) == expected


def test_a_title_keeps_its_modifiers_and_a_place_before_it_is_a_place() -> None:
    found = find_entities(
        "U.S. Assistant Secretary of State Mara Quell met Acting Deputy Prime Minister "
        "Ivo Brandt. One U.S. firm bought the bonds."
    )
    assert {p.name: p.roles for p in found.people} == {
        "Mara Quell": ("Assistant Secretary of State",),
        "Ivo Brandt": ("Acting Deputy Prime Minister",),
    }
    assert places(found) == {"United States": 2}


# --- the cleaner keeps tables and reads datelines by shape -------------------------------


def test_a_standings_table_under_an_unknown_dateline_place_is_kept_whole() -> None:
    from tripnews.clean import clean_text

    text = (
        "HOCKEY - NORDIC LEAGUE STANDINGS\n\n"
        "KVALSUND 2031-02-03\n"
        "Standings after Sunday 's games\n"
        "Tromvik 3 2 1 0 9 4 7\nSolberg 3 2 1 0 8 4 7\nHamarvik 3 1 0 2 5 6 3\n"
    )
    cleaned = clean_text(text)
    assert cleaned.dateline is not None and cleaned.dateline.place == "Kvalsund"
    for row in ("Tromvik 3 2 1 0 9 4 7", "Solberg 3 2 1 0 8 4 7", "Hamarvik 3 1 0 2 5 6 3"):
        assert row in cleaned.text
    assert cleaned.title != "KVALSUND 2031-02-03"
    # a caption is still a caption, and a mixed-case line before a date no dateline
    text = (
        "Floods close the coast road\n"
        "A man wades through water near the harbour\n"
        "Heavy rain closed the coast road on Monday , and officials said it would stay "
        "shut until the water went down .\n"
    )
    assert [r.kind for r in clean_text(text).removed] == ["caption"]
    assert clean_text("Results 2031-02-03\nThe body of the story is here, and it is long "
                      "enough to be read as a body paragraph.").dateline is None  # fmt: skip


def test_rows_of_names_scores_and_brackets_are_never_captions_or_footers() -> None:
    from tripnews.clean import clean_text

    text = (
        "Mirela Vasko won the downhill race at the resort on Saturday , ahead of two "
        "team mates who had led after the first run .\n"
        "Results :\n"
        "1. Mirela Vasko ( Slovakia ) 1:23.45\n"
        "2. Ines Harto ( Austria ) 1:23.90\n"
        "Varna 2 Ruse 1\n"
        "Ruse 2 Varna 1\n"
        "Squad : Ines Harto , Mirela Vasko , Dora Lenz , Eva Maric\n"
    )
    cleaned = clean_text(text)
    for row in ("1. Mirela Vasko ( Slovakia ) 1:23.45", "Varna 2 Ruse 1", "Ruse 2 Varna 1",
                "Squad : Ines Harto , Mirela Vasko , Dora Lenz , Eva Maric"):  # fmt: skip
        assert row in cleaned.text, row


# --- sports and market layouts -----------------------------------------------------------

_ROUND_UP = (
    "SOCCER - GERMAN SECOND DIVISION ROUND-UP\n"
    "Vorwaerts Leipzig beat Kestrel Bremen 2-1 in the league on Saturday .\n"
    "Crystal Palace 3 2 1 0 6 2 7\n"
    "Ivo Tallis 3 2 0 1 5 4 6\n"
    "Ernie Kallis 68 70 69 207\n"
    "The players flew home to Leipzig on Sunday , and coach Dirk Hensel said the "
    "team had played its best game .\n"
)


def test_a_club_named_with_its_city_or_a_club_word_is_an_organization() -> None:
    found = find_entities(_ROUND_UP)
    assert {"Vorwaerts Leipzig", "Kestrel Bremen", "Crystal Palace"} <= set(orgs(found))


def test_a_standings_row_is_a_team_whatever_its_name_looks_like() -> None:
    found = find_entities(_ROUND_UP)
    assert "Ivo Tallis" in orgs(found)  # seven columns of whole numbers: a team's row
    assert "Ernie Kallis" in people(found)  # a golfer's rounds and total: a player
    assert "Ernie Kallis" not in orgs(found)
    # a city is still a place in a sports report, and a club's name outside one is none
    assert places(found).get("Leipzig") == 1  # "home to Leipzig": the city
    assert "Dirk Hensel" in people(found)
    found = find_entities("Crystal Palace is a district of south London, Kate Ellery said.")
    assert "Crystal Palace" not in orgs(found)


def test_a_name_typed_once_is_typed_the_same_everywhere_in_any_case() -> None:
    text = (
        "SOCCER - KOLVENAAR SIGN STRIKER\n\n"
        "Kolvenaar beat Ostwijk 3-0 on Sunday , and the match was their third win in a "
        "row in the league . Kolvenaar play again next week .\n"
    )
    (club,) = [o for o in find_entities(text).organizations if o.name.lower() == "kolvenaar"]
    assert [m.text for m in club.mentions] == ["KOLVENAAR", "Kolvenaar", "Kolvenaar"]


# --- the dateline ------------------------------------------------------------------------


def test_the_dateline_place_and_its_country_join_the_places() -> None:
    from tripnews.model import Dateline

    found = find_entities(
        "Fishermen landed a record catch on Monday .",
        dateline=Dateline(place="Kvalsund", text="KVALSUND , Norway 2031-02-03"),
    )
    by_name = {p.name: p for p in found.places}
    assert (by_name["Kvalsund"].kind, by_name["Kvalsund"].country) == ("other", "NO")
    assert (by_name["Norway"].count, by_name["Norway"].mentions) == (0, ())
    found = find_entities(
        "Talks in Tallinn ended .", dateline=Dateline(place="Tallinn", text="TALLINN 2031-02-03")
    )
    assert [(p.name, p.count) for p in found.places] == [("Tallinn", 1)]


# --- guards: nations, countries and regions ----------------------------------------------


def test_a_nationality_is_no_person_and_no_part_of_a_name() -> None:
    found = find_entities(
        "Austrian Anna Berglund beat Sri Lankan Mala Perera , and the Dutch cheered ."
    )
    assert set(people(found)) == {"Anna Berglund", "Mala Perera"}


def test_a_country_is_never_a_persons_alias_nor_first_word() -> None:
    found = find_entities(
        "The envoy for Ukraine Kurt Volker met Sunni Yemen elders , Tadeo Marsh said . "
        "Yemen rejected the plan ."
    )
    assert "Kurt Volker" in people(found)
    assert not any(name.startswith("Ukraine") for name in people(found))
    assert places(found).get("Ukraine") == 1
    assert all(m.text != "Yemen" for p in found.people for m in p.mentions)
    # a person named like a country keeps the name
    found = find_entities("Chad Ellery scored twice . Ellery said Chad was happy .")
    assert "Chad Ellery" in people(found)
    found = find_entities("Michael Jordan said he would play. Jordan scored 30.")
    assert people(found) == {"Michael Jordan": 2}


def test_a_sentence_opening_function_word_is_no_part_of_a_name() -> None:
    found = find_entities(
        "Lennart Okko lost the vote . Neither Okko nor his rival won . Should Okko go , "
        "the party splits . Am Donnerstag sprach Okko in Berlin ."
    )
    assert people(found) == {"Lennart Okko": 4}
    assert "Berlin" in places(found)
    found = find_entities("Will Carling said the New York Stock Exchange fell .")
    assert "Will Carling" in people(found)
    assert "New York Stock Exchange" in orgs(found)


def test_two_people_sharing_a_surname_are_two_and_a_bare_surname_is_the_latest() -> None:
    text = (
        "Tamerlan Tsarnaev died on Friday . Tsarnaev was 26 . Police found Dzhokhar "
        "Tsarnaev in a boat . Tsarnaev was hurt ."
    )
    found = {p.name: [m.start for m in p.mentions] for p in find_entities(text).people}
    assert set(found) == {"Tamerlan Tsarnaev", "Dzhokhar Tsarnaev"}
    first, second = text.index("Tsarnaev was 26"), text.index("Tsarnaev was hurt")
    assert first in found["Tamerlan Tsarnaev"] and second in found["Dzhokhar Tsarnaev"]


def test_an_american_team_is_its_city_and_plural_name_in_a_sports_report() -> None:
    text = (
        "BASEBALL - AMERICAN LEAGUE SCORES\n"
        "The Houston Astros beat the Boston Red Sox 5-3 in the league on Sunday , and the "
        "pitcher threw a complete game in Houston .\n"
    )
    found = find_entities(text)
    assert {"Houston Astros", "Boston Red Sox"} <= set(orgs(found))
    assert places(found).get("Houston") == 1


def test_a_place_by_its_shape_is_a_place_and_never_a_person() -> None:
    found = find_entities(
        "Lars Vinter flew from Stansted airport to Kellow Island , then sailed on the "
        "Ombra River past the Tarvin Heights , Lars Vinter said ."
    )
    assert {"Stansted", "Kellow Island", "Ombra River", "Tarvin Heights"} <= set(places(found))
    assert set(people(found)) == {"Lars Vinter"}
    assert {p.name: p.kind for p in found.places}["Ombra River"] == "water"


def test_a_players_club_in_brackets_and_a_side_with_its_scorers_are_teams() -> None:
    text = (
        "SOCCER - BRETON LEAGUE RESULTS\n"
        "Results of matches in the league on Saturday :\n"
        "Vannes 2 ( Lemarc 15th , 42nd ) Brest 1 ( Tully 35th )\n"
        "Top scorers : Hugo Lemarc ( Vannes ) 4 , Tomas Ruiz ( Spain ) 3\n"
    )
    found = find_entities(text)
    assert orgs(found).get("Vannes") == 2 and "Brest" in orgs(found)
    assert "Spain" in places(found)  # a nation in brackets stays a place


def test_a_small_town_is_a_place_where_the_text_says_so() -> None:
    found = find_entities(
        "Shelling near Doboj , Bosnia , went on . Doboj was calm by night . "
        "Doboj is no person's name and Larnaca is no club ."
    )
    assert places(found).get("Doboj") == 3
    assert "Larnaca" not in places(found)  # named, but nowhere said to be a place


def test_an_athletes_nation_in_brackets_is_no_acronym_and_no_club() -> None:
    text = (
        "TENNIS - RESULTS OF THE GRASS COURT OPEN\n"
        "Results of matches in the tournament on Sunday :\n"
        "Tavi Washington ( U.S. ) beat Ana Ruiz ( Spain ) 6-4 6-2\n"
    )
    found = find_entities(text)
    assert places(found).get("United States") == 1
    assert "Tavi Washington" not in orgs(found)


def test_players_in_a_scorecard_and_a_scorers_list_and_an_initial() -> None:
    text = (
        "CRICKET - COUNTY SCOREBOARD\n"
        "Scores at the close of the first day of the championship match on Friday :\n"
        "A. Kellett c Brannock b Pellow 31\n"
        "I. Dunmore lbw b Pellow 4\n"
        "SOCCER - RESULT\nVannes 2 ( Lemarc 15th , Tully 42nd ) Brest 1\n"
    )
    found = people(find_entities(text))
    assert {"A. Kellett", "I. Dunmore", "Brannock", "Pellow", "Lemarc", "Tully"} <= set(found)
    assert found["Pellow"] == 2


def test_a_bare_name_a_cue_made_a_person_is_one_where_no_cue_is() -> None:
    text = "Kvarne blasts the plan .\n\nThe plan is bad , Kvarne said on Monday ."
    assert people(find_entities(text)) == {"Kvarne": 2}


def test_a_companys_first_word_is_the_company_later() -> None:
    text = "Kestrix Mining Corp raised output . Kestrix said gold sales rose , Ana Ruiz said ."
    found = find_entities(text)
    assert orgs(found) == {"Kestrix Mining Corp": 1, "Kestrix": 1}
    assert "Kestrix" not in people(found)
    found = find_entities("General Motors Corp cut jobs . General Lee said so .")
    assert "General" not in orgs(found)


def test_the_dateline_town_is_the_town_at_every_mention() -> None:
    from tripnews.model import Dateline

    found = find_entities(
        "Police in Kvalsund said Kvalsund was calm , and Kvalsund fishermen agreed .",
        dateline=Dateline(place="Kvalsund", text="KVALSUND , Norway 2031-02-03"),
    )
    (town,) = [p for p in found.places if p.name == "Kvalsund"]
    assert (town.count, town.country) == (3, "NO")
    assert not found.people


def test_a_place_then_its_country_is_two_places() -> None:
    found = find_entities("Troops left the Golan Heights Israel said on Monday .")
    assert {"Golan Heights", "Israel"} <= set(places(found))
    assert not found.people


# --- roles -------------------------------------------------------------------------------


def test_a_lower_case_title_before_a_name_is_the_role() -> None:
    found = find_entities("US secretary of state Mara Quell met prime minister Ivo Brandt .")
    assert {p.name: p.roles for p in found.people} == {
        "Mara Quell": ("US secretary of state",),
        "Ivo Brandt": ("prime minister",),
    }


def test_an_appositive_role_after_a_name_is_the_role() -> None:
    found = find_entities(
        "Wen Lo , Ruritania 's foreign minister , met Ana Ruiz , the trade minister , and "
        "Mara Quell , chief executive of Kestrix Mining Corp , but Tom Ray , who lives "
        "here , and Eva Diaz , the mother of two , said nothing ."
    )
    roles = {p.name: p.roles for p in found.people}
    assert roles["Wen Lo"] == ("Ruritania 's foreign minister",)
    assert roles["Ana Ruiz"] == ("trade minister",)
    assert roles["Mara Quell"] == ("chief executive of Kestrix Mining Corp",)
    assert roles["Tom Ray"] == () and roles["Eva Diaz"] == ()


def test_a_city_taking_a_plural_verb_or_called_a_team_is_the_team() -> None:
    text = (
        "SOCCER - LEAGUE ROUND-UP\n"
        "Results of league matches on Saturday :\n"
        "Auxerre 0 Lyon 0\nNantes 1 Metz 2\n"
        "Lyon are not playing well , and the Nantes soccer team has a new coach who "
        "played for Metz . The coach lives in Lyon .\n"
    )
    found = find_entities(text)
    assert orgs(found).get("Lyon") == 2 and orgs(found).get("Nantes") == 2
    assert orgs(found).get("Metz") == 2
    assert places(found).get("Lyon") == 1  # "lives in Lyon": the city


def test_a_museum_or_a_department_is_never_a_person() -> None:
    found = find_entities(
        "The Kestrel Museum said it would close . A State Department spokesman , Ned "
        "Price , said so ."
    )
    assert set(people(found)) == {"Ned Price"}
    assert {"Kestrel Museum", "State Department"} <= set(orgs(found))


def test_an_unknown_acronym_in_prose_is_an_organization() -> None:
    found = find_entities(
        "The KVP said on Monday it would leave the coalition , and shares in ZTLX fell . "
        "GDP grew 2 percent and the AIDS clinic opened at 1200 GMT ."
    )
    assert {"KVP", "ZTLX"} <= set(orgs(found))
    assert not {"GDP", "AIDS", "GMT"} & set(orgs(found))
    assert "KVP" not in people(found)


def test_the_ground_after_at_in_a_scorecard_is_a_place() -> None:
    text = (
        "CRICKET - COUNTY SCORES\n"
        "Close of play scores in the four-day county championship match on Friday :\n"
        "At Kelbrook Park : Kent 214 , Durham 108-3 .\n"
        "At The Mardle : Essex 301-7 .\n"
    )
    found = places(find_entities(text))
    assert {"Kelbrook Park", "Mardle"} <= set(found)


def test_an_event_or_a_storm_is_no_person() -> None:
    found = find_entities(
        "Ana Ruiz won the Kestrel Cup and the Varna Open , said Hurricane Edna had passed ."
    )
    assert set(people(found)) == {"Ana Ruiz"}


def test_a_name_after_a_riders_nation_is_the_team() -> None:
    text = (
        "MOTORCYCLING - GRAND PRIX RESULTS\n"
        "Results of the race over 25 laps on Sunday in the championship :\n"
        "1. Marco Moro ( Italy ) Kestrala 38:30.140\n"
        "2. Ana Ruiz ( Spain ) Velmora 38:31.002\n"
    )
    found = find_entities(text)
    assert {"Kestrala", "Velmora"} <= set(orgs(found))
    assert {"Marco Moro", "Ana Ruiz"} <= set(people(found))


def test_a_surname_link_ignores_a_generational_suffix() -> None:
    found = find_entities(
        "Kenton Graves Jr. hit a homer on Sunday . Graves said it felt good . Martin "
        "Luther King III spoke . King thanked them ."
    )
    assert people(found) == {"Kenton Graves Jr": 2, "Martin Luther King III": 2}


def test_a_transcript_label_in_capitals_is_no_organization():
    text = (
        "Senator Dana Rusk spoke to the network on Sunday about the budget.\n\n"
        'RUSK: "We will keep the schools open whatever the committee decides."\n\n'
        'HOST: "Thank you for joining us this morning."\n\n'
        "Officials at the NRDC said the plan was sound."
    )
    article = process_text(text, source="t.txt")
    assert [o.name for o in article.organizations] == ["NRDC"]
    assert [q.speaker for q in article.quotes] == ["Dana Rusk", None]
