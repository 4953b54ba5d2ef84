"""Story grouping: average link that does not chain, dates that keep stories apart, the
words of each article's own language, and candidate pairs that are never all pairs."""

from __future__ import annotations

import dataclasses

from tripnews.digest import build_digest, grouping
from tripnews.model import Article, Published, Stats


def article(source: str, text: str, published: str | None = None) -> Article:
    return Article(
        id=source,
        source=source,
        format="text",
        title=None,
        publisher=None,
        byline=None,
        published=Published(published, published, "meta") if published else None,
        dateline=None,
        text=text,
        removed=(),
        people=(),
        places=(),
        organizations=(),
        dates=(),
        quotes=(),
        trip=(),
        summary=(),
        stats=Stats(len(text), len(text), len(text.split()), 1),
    )


FLOOD = (
    "Floodwater swept through the riverside villages after the dam burst overnight. "
    "Rescue boats ferried stranded farmers from rooftops while the swollen river kept rising. "
    "Engineers blamed cracks in the ageing dam wall for the collapse."
)
FLOOD_2 = (
    "The dam burst overnight and floodwater drowned riverside villages. Rescue boats "
    "reached farmers stranded on rooftops; engineers said cracks in the ageing dam wall "
    "gave way as the swollen river rose."
)
CHESS = (
    "The chess prodigy won the championship with a daring queen sacrifice in the final "
    "round. Grandmasters praised the endgame technique of the teenage champion, whose "
    "opening preparation stunned the defending titleholder."
)
CHESS_2 = (
    "A teenage prodigy took the chess championship, sealing the final round with a queen "
    "sacrifice. The defending titleholder was stunned by the opening preparation and "
    "grandmasters hailed the endgame technique."
)
FLOOD_3 = (
    "Villages along the river lie under floodwater since the dam burst. Farmers waited on "
    "rooftops for rescue boats, and engineers pointed to cracks in the ageing dam."
)
CHESS_3 = (
    "Grandmasters called it the queen sacrifice of the year: the teenage prodigy is chess "
    "champion after a final round that left the defending titleholder stunned."
)
# One article that tells both stories: single link would make them one.
BOTH = FLOOD_2 + " " + CHESS_2


def stories_of(articles: list[Article]) -> list[list[str]]:
    return [[a.source for a in s.articles] for s in build_digest(articles).stories]


def test_the_two_stories_stay_two() -> None:
    found = stories_of(
        [article("f1", FLOOD), article("c1", CHESS), article("f2", FLOOD_2), article("c2", CHESS_2)]
    )
    assert sorted(found) == [["c1", "c2"], ["f1", "f2"]]


def test_an_article_telling_two_stories_does_not_chain_them() -> None:
    found = stories_of(
        [
            article("f1", FLOOD),
            article("f2", FLOOD_2),
            article("f3", FLOOD_3),
            article("both", BOTH),
            article("c1", CHESS),
            article("c2", CHESS_2),
            article("c3", CHESS_3),
        ]
    )
    assert not any({"f1", "c1"} <= set(story) for story in found)


def test_an_undated_article_cannot_bridge_two_dates_far_apart() -> None:
    found = stories_of(
        [
            article("early", FLOOD, "2019-04-02"),
            article("undated", FLOOD_2),
            article("late", FLOOD, "2021-09-30"),
        ]
    )
    assert not any({"early", "late"} <= set(story) for story in found)


def test_dates_close_together_keep_one_story() -> None:
    found = stories_of([article("a", FLOOD, "2021-09-28"), article("b", FLOOD_2, "2021-09-30")])
    assert found == [["a", "b"]]


GERMAN_A = (
    "Die Regierung und der Kanzler haben nicht über die neue Steuer gesprochen, "
    "aber die Opposition war mit dem Ergebnis der Abstimmung sehr unzufrieden."
)
GERMAN_B = (
    "Der Trainer und die Mannschaft haben nicht über das verlorene Spiel gesprochen, "
    "aber die Fans waren mit dem Ergebnis der Saison sehr enttäuscht."
)


def test_function_words_of_another_language_do_not_make_a_story() -> None:
    assert len(stories_of([article("de1", GERMAN_A), article("de2", GERMAN_B)])) == 2
    terms = grouping.terms(article("de1", GERMAN_A))
    assert "regierung" in terms and "und" not in terms and "der" not in terms


def test_a_story_is_numbered_into_a_topic_with_its_kind() -> None:
    digest = build_digest(
        [article("f1", FLOOD), article("f2", FLOOD_2), article("c1", CHESS), article("c2", CHESS_2)]
    )
    assert len({s.topic for s in digest.stories}) == 2


def test_candidate_pairs_come_from_rare_terms_only(monkeypatch) -> None:
    # Ten articles sharing only one word: with that word's postings over the cap, no
    # pair is ever scored.
    texts = [f"Marmalade recipe number {i} quince{i} pear{i} plum{i}." for i in range(10)]
    bags = [grouping.terms(article(str(i), t)) for i, t in enumerate(texts)]
    assert grouping.similar_pairs(grouping.weigh(bags))
    monkeypatch.setattr(grouping, "MAX_POSTING", 5)
    assert grouping.similar_pairs(grouping.weigh(bags)) == {}


def test_pairs_are_scored_alike_in_any_chunking(monkeypatch) -> None:
    texts = [FLOOD, FLOOD_2, FLOOD_3, CHESS, CHESS_2, CHESS_3, BOTH]
    vectors = grouping.weigh([grouping.terms(article(str(i), t)) for i, t in enumerate(texts)])
    whole = grouping.similar_pairs(vectors)
    monkeypatch.setattr(grouping, "CHUNK", 2)
    chunked = grouping.similar_pairs(vectors)
    assert chunked.keys() == whole.keys()
    assert all(abs(chunked[k][0] - whole[k][0]) < 1e-12 for k in whole)


def test_names_are_merged_across_stories() -> None:
    from tripnews.model import Person

    def named(a: Article, *people: tuple[str, int]) -> Article:
        found = tuple(Person(name, (), count, ()) for name, count in people)
        return type(a)(**{**{f: getattr(a, f) for f in a.__slots__}, "people": found})

    digest = build_digest(
        [
            named(article("f1", FLOOD), ("Barack Obama", 2)),
            named(article("f2", FLOOD_2), ("Obama", 1)),
            named(article("c1", CHESS), ("Obama", 3)),
            named(article("c2", CHESS_2), ("Magnus Vale", 1)),
        ]
    )
    assert len(digest.stories) == 2
    obama = next(e for e in digest.names if e.name == "Barack Obama")
    assert obama.aliases == ("Obama",)
    assert len(obama.stories) == 2 and obama.articles == 3 and obama.mentions == 6
    assert not any(e.name == "Obama" for e in digest.names)


def _dam_burst(tag: str, town: str, mayor: str, count: int) -> list[Article]:
    """``count`` reports of one dam burst: the theme's words, and the town's own."""
    theme = (
        "The dam burst and floodwater swept through villages; rescue boats reached "
        "stranded farmers on rooftops, and engineers blamed cracks in the wall."
    )
    return [
        article(
            f"{tag}{i}",
            f"{theme} In {town}, mayor {mayor} opened shelter number {i % 3} and "
            f"asked for pumps. {mayor} visited the {town} relief camp.",
        )
        for i in range(count)
    ]


def test_two_events_of_one_kind_stay_two_stories() -> None:
    found = stories_of(
        _dam_burst("a", "Ostrava", "Kolbe", 5) + _dam_burst("b", "Tarnow", "Wiesel", 5)
    )
    assert sorted(found) == [[f"a{i}" for i in range(5)], [f"b{i}" for i in range(5)]]


# ---------------------------------------------------------------------------
# one visit told at city and country level


def _visit(source: str, place: str, kind: str, date: str | None, *who: str) -> Article:
    from tripnews.model import Place, TripLeg

    sentence = f"{' and '.join(who)} will visit {place}."
    base = article(source, sentence)
    spot = Place(place, kind, "PE", None, None, 1, ())
    leg = TripLeg(tuple(who), place, date, sentence, planned=True)
    return Article(
        **{**{f: getattr(base, f) for f in base.__slots__}, "places": (spot,), "trip": (leg,)}
    )


def _legs(*articles: Article) -> list[tuple[str, str | None, tuple[str, ...], int]]:
    from tripnews.digest.merge import build_story

    story = build_story(list(articles), [1.0] * len(articles), 1)
    return [(leg.place, leg.date, leg.sources, len(leg.evidence)) for leg in story.legs]


def test_a_country_leg_joins_the_city_leg_of_the_same_visit() -> None:
    city = _visit("a.txt", "Lima", "city", "2024-05-02", "Ana Ruiz")
    country = _visit("b.txt", "Peru", "country", None, "Ana Ruiz", "Luis Soto")
    assert _legs(city, country) == [("Lima", "2024-05-02", ("a.txt", "b.txt"), 2)]
    # the country's date fills an undated city leg
    undated = _visit("c.txt", "Lima", "city", None, "Ana Ruiz")
    dated = _visit("d.txt", "Peru", "country", "2024-05-02", "Ana Ruiz")
    assert _legs(undated, dated) == [("Lima", "2024-05-02", ("c.txt", "d.txt"), 2)]
    # where the visit is not plainly one, the legs stay apart rather than guess
    lima = _visit("a.txt", "Lima", "city", "2024-05-02", "Ana Ruiz")
    other_day = _visit("b.txt", "Peru", "country", "2024-09-10", "Ana Ruiz")
    other_people = _visit("c.txt", "Peru", "country", None, "Luis Soto")
    cusco = _visit("d.txt", "Cusco", "city", "2024-05-04", "Ana Ruiz")
    country = _visit("e.txt", "Peru", "country", None, "Ana Ruiz")
    assert len(_legs(lima, other_day)) == 2  # two dates: maybe two visits
    assert len(_legs(lima, other_people)) == 2  # no traveller in common
    assert len(_legs(lima, cusco, country)) == 3  # which of two cities is not said


def test_the_seeds_first_story_tells_each_visit_once_at_its_city() -> None:
    from tests.conftest import SEEDS
    from tripnews import ingest

    articles = [a for a in ingest([str(SEEDS)]) if isinstance(a, Article)]
    story = next(s for s in build_digest(articles).stories if s.legs and len(s.articles) > 2)
    places = [leg.place for leg in story.legs]
    assert {"Tokyo", "Seoul", "Delhi"} <= set(places)
    assert not {"Japan", "South Korea", "India"} & set(places)
    tokyo = story.legs[places.index("Tokyo")]
    assert len(tokyo.sources) == 4 and not tokyo.date_inferred  # one article states the day


def test_a_record_read_back_is_the_article_it_was_written_from():
    """Every field of every seed survives ``to_record`` and ``article_from_record``,
    extensions included (url, source_id, language, dates_anchor, quote speakers)."""
    from tests.conftest import seed_paths
    from tripnews.pipeline import process_text
    from tripnews.render.record import to_record
    from tripnews.restore import article_from_record

    for path in seed_paths():
        article = process_text(path.read_text(encoding="utf-8"), source=str(path))
        assert article_from_record(to_record(article)) == article


def test_the_digest_drops_the_function_words_of_the_language_the_record_names():
    text = "the of and und der Kanzler Regierung"
    english_guess = grouping.terms(article("a", text))
    german = grouping.terms(dataclasses.replace(article("b", text), language="de"))
    assert "und" in english_guess and "der" in english_guess  # guessed English
    assert "und" not in german and "der" not in german and "kanzler" in german


def test_a_record_of_a_page_without_text_reads_back_into_the_digest(tmp_path):
    """A page that gave only a title and a date is kept as a record with empty text;
    digesting the records must keep it too, not refuse it as 'no article text'."""
    from typer.testing import CliRunner

    from tripnews.cli import app

    page = (
        "<html><head><title>Council meets on the harbour plan</title>"
        '<meta property="article:published_time" content="2024-02-06T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    runner = CliRunner()
    records = runner.invoke(app, ["ingest", str(tmp_path / "page.html"), "-f", "jsonl"])
    assert '"text":""' in records.stdout
    (tmp_path / "r.jsonl").write_text(records.stdout, encoding="utf-8")
    digest = runner.invoke(app, ["digest", str(tmp_path / "r.jsonl"), "-f", "json", "-w", "1"])
    assert digest.exit_code == 0, digest.stderr
    assert "Council meets on the harbour plan" in digest.stdout
