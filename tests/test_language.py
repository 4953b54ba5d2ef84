"""Language identification and the English-only rules: seeds are English, a German
article keeps its text and places but gets no people, a short text keeps every rule."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import seed_paths
from tripnews.cli import app
from tripnews.language import SAMPLE_CHARS, identify, looks_english
from tripnews.pipeline import process_text

GERMAN = (
    "Regierung verlängert Hilfen\n\n"
    "Am Donnerstag hat die Regierung in Berlin beschlossen, die Hilfen für die Landwirte um "
    "ein weiteres Jahr zu verlängern. Der Minister Klaus Werner sagte am Abend vor "
    "Journalisten: „Wir lassen niemanden allein.“ Die Opposition kritisierte den Beschluss "
    "als zu spät und forderte eine Debatte im Parlament. In München und Hamburg sollen die "
    "ersten Zahlungen schon im Mai ankommen, hieß es aus dem Ministerium."
)


def test_every_seed_is_english():
    for path in seed_paths():
        assert process_text(path.read_text(encoding="utf-8")).language == "en", path.name


def test_a_german_article_keeps_text_title_and_places_but_no_english_rules():
    article = process_text(GERMAN)
    assert article.language == "de"
    assert article.title == "Regierung verlängert Hilfen"
    assert "Landwirte" in article.text
    assert {place.name for place in article.places} >= {"Berlin", "Hamburg"}
    assert article.people == () and article.organizations == ()
    assert article.quotes == () and article.trip == () and article.summary == ()
    assert article.dates == ()


def test_a_short_text_has_no_language_and_keeps_the_english_rules():
    article = process_text("President Joe Biden said on Monday he would visit Tokyo.")
    assert article.language is None
    assert [person.name for person in article.people] == ["Joe Biden"]
    assert [place.name for place in article.places] == ["Tokyo"]


def test_a_results_table_full_of_foreign_names_is_still_english():
    rows = "\n".join(
        f"{home} {a} {away} {b}"
        for home, a, away, b in [
            ("Legia Warszawa", 2, "Widzew Łódź", 1),
            ("Wisła Kraków", 0, "Lech Poznań", 0),
            ("Górnik Zabrze", 3, "Pogoń Szczecin", 2),
            ("Śląsk Wrocław", 1, "Zagłębie Lubin", 1),
            ("Ruch Chorzów", 2, "Stomil Olsztyn", 0),
        ]
    )
    text = (
        "Results of first division soccer matches played in Poland on Saturday, "
        "as reported by the league:\n\n" + rows + "\n\nThe leaders play again next weekend."
    )
    assert identify(text) == "en"


def test_identify_gives_iso_codes_and_no_guess_on_short_text():
    assert identify("Biden visits Tokyo") is None
    assert identify("") is None
    assert identify(GERMAN) == "de"
    italian = (
        "Il ministro degli Esteri è arrivato a Roma giovedì sera per una serie di incontri "
        "con i colleghi europei. Secondo fonti diplomatiche, i colloqui riguarderanno la "
        "sicurezza energetica e la cooperazione nel Mediterraneo, due temi che il governo "
        "considera prioritari per i prossimi mesi."
    )
    assert identify(italian) == "it"


def test_the_cli_warns_naming_the_file_and_the_language(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "-f", "jsonl"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["language"] == "de"
    jsonschema.validate(record, json.loads(CliRunner().invoke(app, ["schema"]).stdout))
    warning = [line for line in result.stderr.splitlines() if "language de" in line]
    assert len(warning) == 1 and "bericht.txt" in warning[0]


# A paragraph of each language, written for this test; the English fast path must take
# only the English one, and the model must agree with it.
PARAGRAPHS = {
    "en": "The council said on Tuesday that the new bridge over the river was ready, and "
    "that the first buses would cross it in the spring. It is the second bridge built by "
    "the city in ten years, and the mayor has called it a gift to the people of the town.",
    "de": "Der Rat sagte am Dienstag, die neue Brücke über den Fluss sei fertig und die "
    "ersten Busse würden sie im Frühjahr überqueren. Es ist die zweite Brücke, die die "
    "Stadt in zehn Jahren gebaut hat, und der Bürgermeister nannte sie ein Geschenk.",
    "nl": "De raad zei dinsdag dat de nieuwe brug over de rivier klaar is en dat de eerste "
    "bussen er in het voorjaar over zullen rijden. Het is de tweede brug die de stad in "
    "tien jaar heeft gebouwd, en de burgemeester noemde het een geschenk aan de stad.",
    "fr": "Le conseil a déclaré mardi que le nouveau pont sur la rivière était prêt et que "
    "les premiers bus le traverseraient au printemps. C'est le deuxième pont construit par "
    "la ville en dix ans, et le maire l'a qualifié de cadeau pour les habitants.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_the_english_fast_path_takes_english_prose_only(code: str) -> None:
    text = PARAGRAPHS[code] * 3
    assert looks_english(text[:SAMPLE_CHARS]) == (code == "en")
    assert identify(text) == code
