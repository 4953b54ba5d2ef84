"""Records an analyst can query and join back: SQLite (tables, full-text search, upsert,
whole articles only), CSV, ``url`` and ``source_id``, and the Python entry points."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import tripnews
from tests.conftest import ROOT, SEEDS
from tripnews import ingest, process_record
from tripnews.cli import app
from tripnews.model import Article
from tripnews.paths import count_articles
from tripnews.pipeline import process_text
from tripnews.render.database import (
    ArticleWriteError,
    Database,
    DatabaseError,
    article_rows,
    write_database,
)
from tripnews.render.record import dumps_line, render_indented, to_record

runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


# ---------------------------------------------------------------------------
# SQLite


def test_sqlite_full_text_search_finds_the_seeds_that_name_anchorage(tmp_path):
    db = tmp_path / "news.db"
    result = run("ingest", str(SEEDS), "-f", "sqlite", "-o", str(db), "-w", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    with sqlite3.connect(db) as con:
        titles = {
            row[0]
            for row in con.execute(
                "select title from articles_fts where articles_fts match 'Anchorage'"
            )
        }
        # the same question asked the slow way, over the articles table
        slow = "select title from articles where text like '%Anchorage%'"
        expected = {row[0] for row in con.execute(slow)}
    assert len(titles) == 3 and titles == expected


def test_a_database_written_into_the_input_folder_is_not_read_as_articles(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(SEEDS.iterdir())[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    db = str(folder / "news.db")
    for _ in range(2):  # the second run finds the database (and its log) in the folder
        result = run("ingest", str(folder), "-f", "sqlite", "-o", db, "-w", "1")
        assert result.exit_code == 0, result.stderr
        assert "news.db" not in result.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone() == (2,)


def test_sqlite_twice_keeps_one_row_per_article_and_a_sound_index(tmp_path):
    db = str(tmp_path / "news.db")
    for _ in range(2):
        assert run("ingest", str(SEEDS), "-f", "sqlite", "-o", db, "-w", "2").exit_code == 0
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone() == (5,)
        assert con.execute("select count(distinct article_id) from people").fetchone() == (5,)
        people = con.execute("select count(*) from people").fetchone()[0]
        # each person of each seed once, not twice
        assert people == sum(len(process_text(p.read_text()).people) for p in SEEDS.iterdir())
        con.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
        hits = con.execute("select count(*) from articles_fts where articles_fts match 'Blinken'")
        assert hits.fetchone() == (5,)


def test_sqlite_tables_join_back_to_the_article(tmp_path):
    db = str(tmp_path / "news.db")
    article = process_text(
        'Foreign Minister Ana Lopes arrived in Lisbon on Monday. "We came to listen," '
        "Lopes told reporters. She will travel to Madrid next week.",
        source="note.txt",
    )
    with Database(db) as database:
        database.add(article)
    with sqlite3.connect(db) as con:
        row = con.execute(
            "select a.source, p.name, p.roles from people p join articles a on a.id = p.article_id"
        ).fetchone()
        assert row[:2] == ("note.txt", "Ana Lopes") and "Foreign Minister" in json.loads(row[2])
        start, end, text = con.execute(
            "select start, end, text from mentions where entity = 'Lisbon'"
        ).fetchone()
        assert article.text[start:end] == text == "Lisbon"
        assert con.execute("select speaker from quotes").fetchone() == ("Ana Lopes",)
        legs = con.execute("select place, travellers from trip_legs").fetchall()
        assert ("Lisbon", '["Ana Lopes"]') in legs


def test_a_failure_inside_an_article_leaves_whole_articles_only(tmp_path):
    db = str(tmp_path / "news.db")
    good = process_text("Officials met in Tokyo on Monday.", source="good.txt")
    bad = article_rows(process_text("Officials met in Seoul on Monday.", source="bad.txt"))
    bad["places"] = [*bad["places"], ("too", "few", "columns")]  # fails after the article row
    with pytest.raises(DatabaseError), Database(db) as database:
        database.add(good)
        database.commit()
        database.add_rows(bad)
    with sqlite3.connect(db) as con:
        assert con.execute("select source from articles").fetchall() == [("good.txt",)]
        assert con.execute("select name from places").fetchall() == [("Tokyo",)]


def test_an_article_that_cannot_be_stored_costs_only_itself(tmp_path):
    """A lone surrogate (a JSON feed's broken escape) cannot be encoded for SQLite: that
    article fails on its own, the batch around it is kept and the writer goes on."""
    db = str(tmp_path / "news.db")
    oslo = process_text("Officials met in Oslo on Monday.", source="bad.txt")
    bad = dataclasses.replace(oslo, id="b" * 16, title="Oslo \udc80 talks")
    with Database(db) as database:
        database.add(process_text("Officials met in Tokyo on Monday.", source="a.txt"))
        with pytest.raises(ArticleWriteError, match=r"bad\.txt"):
            database.add(bad)
        database.add(process_text("Officials met in Seoul on Monday.", source="b.txt"))
    with sqlite3.connect(db) as con:
        assert con.execute("select source from articles order by seq").fetchall() == [
            ("a.txt",),
            ("b.txt",),
        ]
        assert con.execute("select name from places order by name").fetchall() == [
            ("Seoul",),
            ("Tokyo",),
        ]


def test_a_reader_with_a_query_open_does_not_lock_the_writer_out(tmp_path):
    db = str(tmp_path / "news.db")
    write_database(db, [process_text("Officials met in Tokyo on Monday.", source="a.txt")])
    reader = sqlite3.connect(db, timeout=0.5)
    try:
        reader.execute("begin")
        assert reader.execute("select count(*) from articles").fetchone() == (1,)
        with Database(db) as database:
            database.add(process_text("Officials met in Seoul on Monday.", source="b.txt"))
        # the reader keeps its own view until it ends its transaction
        assert reader.execute("select count(*) from articles").fetchone() == (1,)
        reader.execute("commit")
        assert reader.execute("select count(*) from articles").fetchone() == (2,)
    finally:
        reader.close()


def test_ctrl_c_keeps_the_whole_articles_written_before_it(tmp_path):
    db = str(tmp_path / "news.db")
    with pytest.raises(KeyboardInterrupt), Database(db) as database:
        database.add(process_text("Officials met in Tokyo on Monday.", source="a.txt"))
        raise KeyboardInterrupt
    with sqlite3.connect(db) as con:
        assert con.execute("select source from articles").fetchall() == [("a.txt",)]


def test_sqlite_needs_a_file_and_refuses_a_foreign_database(tmp_path):
    result = run("ingest", str(SEEDS), "-f", "sqlite")
    assert result.exit_code == 2 and "-o FILE" in result.stderr
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("create table accounts (id integer)")
    result = run("ingest", str(SEEDS), "-f", "sqlite", "-o", str(other))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "other.db" in result.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    result = run("ingest", str(SEEDS), "-f", "sqlite", "-o", str(notes))
    assert result.exit_code == 2 and "notes.txt" in result.stderr


# ---------------------------------------------------------------------------
# CSV


def test_csv_is_five_rows_under_a_header():
    result = run("ingest", str(SEEDS), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    out = result.stdout_bytes.decode("utf-8")
    assert out.count("\r\n") == 6  # RFC 4180 line ends (the runner's stdout drops the CRs)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 5
    assert {row["language"] for row in rows} == {"en"}
    assert all("Antony Blinken" in row["people"].split("; ") for row in rows)


def test_csv_quotes_commas_quotes_and_line_breaks(tmp_path):
    page = tmp_path / "a.json"
    page.write_text(
        json.dumps(
            {
                "id": "n-1",
                "title": 'Talks, at last: "a start"',
                "text": "Officials met in Tokyo on Monday.\n\nThey met again in Seoul.",
            }
        )
    )
    result = run("ingest", str(page), "-f", "csv", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["title"] == 'Talks, at last: "a start"'
    assert row["source_id"] == "n-1" and row["places"] == "Tokyo; Seoul"


def test_csv_cells_that_a_spreadsheet_would_run_are_text(tmp_path):
    page = tmp_path / "a.json"
    page.write_text(
        json.dumps({"title": '=HYPERLINK("http://example.invalid","x")', "text": "A note."})
    )
    result = run("ingest", str(page), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert row["title"] == '\'=HYPERLINK("http://example.invalid","x")'


def test_csv_join_keys_stay_as_given_while_free_text_is_defused():
    line = json.dumps({"id": "-5", "title": "+1 for the plan", "text": "Officials met."})
    result = run("ingest", "-", "-f", "csv", stdin=line + "\n")
    assert result.exit_code == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert (row["source"], row["source_id"]) == ("-:1", "-5")
    assert row["title"] == "'+1 for the plan"


# ---------------------------------------------------------------------------
# url and source_id


def test_a_jsonl_line_with_id_and_url_gives_source_id_and_url(tmp_path):
    lines = tmp_path / "feed.jsonl"
    lines.write_text(
        json.dumps({"id": 1234, "url": "https://news.example/a", "text": "Talks opened in Oslo."})
        + "\n"
        + json.dumps({"_id": {"$oid": "64ab"}, "text": "Talks closed in Oslo."})
        + "\n"
        + json.dumps({"guid": "urn:x:9", "link": "https://news.example/c", "text": "No talks."})
        + "\n"
    )
    result = run("ingest", str(lines), "-f", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    schema = json.loads(run("schema").stdout)
    for record in records:
        jsonschema.validate(record, schema)
    assert [(r["source_id"], r["url"]) for r in records] == [
        ("1234", "https://news.example/a"),
        ("64ab", None),
        ("urn:x:9", "https://news.example/c"),
    ]


def test_a_page_gives_its_canonical_link_and_the_input_url_wins(tmp_path):
    body = "<p>" + "Officials met in Tokyo on Monday to talk about trade and ships. " * 8 + "</p>"
    page = (
        '<html><head><link rel="canonical" href="https://paper.example/world/talks">'
        f"<title>Talks</title></head><body><article>{body}</article></body></html>"
    )
    path = tmp_path / "talks.html"
    path.write_text(page)
    record = json.loads(run("ingest", str(path), "-f", "jsonl").stdout)
    assert record["url"] == "https://paper.example/world/talks"
    given = process_record({"html": page, "url": "https://mirror.example/1"})
    assert given["url"] == "https://mirror.example/1"
    relative = process_record({"html": page.replace("https://paper.example", "")})
    assert relative["url"] is None  # a link with no site is no address


# ---------------------------------------------------------------------------
# Python API and progress


def test_ingest_takes_one_path_as_a_string_or_a_path(tmp_path):
    assert len([a for a in ingest(str(SEEDS)) if isinstance(a, Article)]) == 5
    assert tripnews.write_database(str(tmp_path / "n.db"), ingest(str(SEEDS))) == 5
    assert len(list(ingest(SEEDS))) == 5
    assert len(list(ingest([SEEDS / "000_a8a58c5cf111a636.txt", str(SEEDS)]))) == 6


def test_count_articles_for_the_progress_total(tmp_path):
    assert count_articles([str(SEEDS)]) == 5
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    (tmp_path / "b.txt").write_text("text")
    assert count_articles([str(tmp_path)]) == 4
    (tmp_path / "c.json").write_text('[{"text": "a"}]')
    assert count_articles([str(tmp_path)]) is None  # an array's length is not known unread
    assert count_articles(["-"]) is None
    assert count_articles([str(tmp_path / "missing")]) == 1  # one error line


def test_the_readme_sqlite_example_prints_what_it_shows(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = r"\$ (tripnews ingest seeds/ -f sqlite .*?)\n\$ sqlite3 news.db \"(.+?)\"\n(.*?)```"
    block = re.search(example, readme, re.S)
    assert block is not None
    ingest_line, query, shown = block.groups()
    monkeypatch.chdir(ROOT)
    db = tmp_path / "news.db"
    args = ingest_line.split()[1:]
    assert run(*args[:-1], str(db)).exit_code == 0
    with sqlite3.connect(db) as con:
        titles = [row[0] for row in con.execute(query)]
    assert titles == shown.strip().splitlines()
    named = {p.name for p in Path(SEEDS).iterdir() if "Anchorage" in p.read_text()}
    assert len(titles) == len(named) == 3


def test_pages_without_body_text_keep_their_own_rows(tmp_path):
    """A page that yields a title and no text is kept with a warning; two such pages
    must not share the empty text's id, or the database would keep one of them."""
    for name, title in (("a.html", "Storm closes ports"), ("b.html", "Markets rally")):
        (tmp_path / name).write_text(
            f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a>"
            "</nav></body></html>"
        )
    db = tmp_path / "news.db"
    result = run("ingest", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "-f", "sqlite",
                 "-o", str(db))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as con:
        titles = sorted(row[0] for row in con.execute("select title from articles"))
    assert titles == ["Markets rally", "Storm closes ports"]


def test_pages_without_text_and_with_one_title_keep_their_own_ids(tmp_path):
    """Two paywalled pages with the same title and no date differ only in where they came
    from: files by their path, JSON records by their url or id."""
    page = "<html><head><title>Subscribe to read</title></head><body></body></html>"
    for name in ("one.html", "two.html"):
        (tmp_path / name).write_text(page)
    from_files = {a.id for a in ingest([str(tmp_path)]) if isinstance(a, Article)}
    records = [{"url": f"https://news.example/{n}", "html": page} for n in ("a", "b")]
    from_records = {process_record(r)["id"] for r in records}
    with_ids = {process_record({"id": n, "html": page})["id"] for n in ("x", "y")}
    assert len(from_files) == len(from_records) == len(with_ids) == 2
    # the same input read twice keeps its id, and a page with text is named by it alone
    assert process_record(records[0])["id"] == process_record(records[0])["id"]
    one = process_record({"id": "1", "url": "https://a.example/x", "text": "Talks opened."})
    two = process_record({"id": "2", "url": "https://b.example/y", "text": "Talks opened."})
    assert one["id"] == two["id"] == "89ae315a04cba3cf"


def test_articles_from_a_pipe_reach_the_database_as_they_are_done(tmp_path):
    db = tmp_path / "news.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "tripnews", "ingest", "-", "-f", "sqlite", "-o", str(db)]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdin is not None
        proc.stdin.write(b'{"id": "a", "text": "Officials met in Tokyo on Monday."}\n')
        proc.stdin.flush()
        deadline = time.monotonic() + 120
        found = 0
        while found == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                with sqlite3.connect(db) as con:
                    found = con.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.OperationalError:  # not created yet, or locked mid-write
                pass
        assert found == 1  # the first article is there while the pipe is still open
        proc.stdin.write(b'{"id": "b", "text": "Officials met in Seoul on Monday."}\n')
        proc.stdin.close()
        assert proc.wait(timeout=120) == 0
    with sqlite3.connect(db) as con:
        assert con.execute("select source_id from articles order by seq").fetchall() == [
            ("a",),
            ("b",),
        ]


# ---------------------------------------------------------------------------
# the JSON writers


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    title=_ANY_TEXT,
    text=_ANY_TEXT,
    # coordinates as the gazetteer stores them, to four places (the two writers differ
    # only below 1e-4, which "1e-05" and "0.00001" both mean)
    lat=st.integers(min_value=-1_800_000, max_value=1_800_000).map(lambda i: i / 10_000),
    count=st.integers(min_value=-(2**63), max_value=2**63 - 1),
)
def test_the_fast_writers_write_what_the_json_module_writes(title, text, lat, count):
    base = process_text("Antony Blinken arrived in Tokyo on Monday.", source="a.txt")
    place = dataclasses.replace(base.places[0], lat=lat)
    stats = dataclasses.replace(base.stats, words=count)
    article = dataclasses.replace(base, title=title, text=text, places=(place,), stats=stats)
    record = to_record(article)
    assert dumps_line(article) == json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    assert render_indented(article).body == json.dumps(record, ensure_ascii=False, indent=2)


def test_what_the_fast_writer_refuses_is_written_the_slow_way():
    base = process_text("Antony Blinken arrived in Tokyo on Monday.", source="a.txt")
    article = dataclasses.replace(
        base, title="cut \ud83d", stats=dataclasses.replace(base.stats, words=2**70)
    )
    assert json.loads(dumps_line(article))["stats"]["words"] == 2**70
    assert json.loads(render_indented(article).body)["title"] == "cut \ud83d"
