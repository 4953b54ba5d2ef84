"""The command line through Typer's CliRunner and, where a real pipe matters, a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from tripnews import __version__
from tripnews.cli import app

runner = CliRunner()
SEED = str(SEEDS / "002_20ca1ab23c72d2da.txt")


def run(*args: str, stdin: bytes | str | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tripnews {__version__}"


@pytest.mark.parametrize("command", ["ingest", "clean", "schema", "digest"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "tripnews" in result.stdout


def test_jsonl_one_valid_record_per_seed():
    result = run("ingest", str(SEEDS), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    schema = json.loads(run("schema").stdout)
    for line in lines:
        jsonschema.validate(json.loads(line), schema)


def test_json_is_one_array_in_input_order():
    result = run("ingest", str(SEEDS), "-f", "json")
    records = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in records] == sorted(p.name for p in SEEDS.iterdir())


def test_output_is_byte_identical_across_runs():
    first = run("ingest", str(SEEDS), "-f", "jsonl").stdout
    assert first == run("ingest", str(SEEDS), "-f", "jsonl").stdout


def test_pretty_shows_title_and_tables_without_markup_injection(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Talks resume in Geneva\n\nBiden said [bold red]no[/bold red] \x1b[31mred\x1b[0m.\n",
        encoding="utf-8",
    )
    result = run("ingest", str(article))
    assert result.exit_code == 0
    assert "Talks resume in Geneva" in result.stdout
    assert "[bold red]no[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout


def test_stdin_dash(tmp_path):
    result = run("ingest", "-", "-f", "jsonl", stdin="Blinken arrived in Tokyo on Monday.\n")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["source"] == "-"
    assert record["format"] == "text"


def test_reference_date_resolves_weekdays():
    seed = str(SEEDS / "004_1caab5316afe433e.txt")
    plain = json.loads(run("ingest", seed, "-f", "jsonl").stdout)
    assert plain["dates"] and all(
        not d["resolved"] for d in plain["dates"] if d["text"] == "Saturday"
    )
    anchored = json.loads(
        run("ingest", seed, "-f", "jsonl", "--reference-date", "2023-06-17").stdout
    )
    saturday = [d for d in anchored["dates"] if d["text"] == "Saturday"]
    assert saturday and saturday[0]["value"] == "2023-06-17"


def test_bad_reference_date_is_a_usage_error():
    result = run("ingest", SEED, "--reference-date", "14/03/2021")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_missing_path_reported_others_still_processed(tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"), SEED, "-f", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "nope.txt: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \n\t\n", "only white space"),
        ("pic.png", b"\x89PNG\r\n\x1a\nrest", "binary file (PNG image)"),
        ("nul.txt", b"abc\x00def", "NUL bytes"),
    ],
)
def test_bad_files_one_line_each(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    result = run("ingest", str(tmp_path / name), SEED, "-f", "jsonl")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert any(name in line and reason in line for line in errors), errors
    assert len(result.stdout.splitlines()) == 1


def test_malformed_jsonl_line_is_named(tmp_path):
    good = json.dumps({"title": "T", "text": "Biden spoke in Ohio on Monday."})
    (tmp_path / "a.jsonl").write_text(good + "\n{oops\n" + good + "\n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "a.jsonl"), "-f", "jsonl")
    assert result.exit_code == 1
    assert "a.jsonl:2: malformed JSON" in result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert [s.rsplit(":", 1)[1] for s in sources] == ["1", "3"]


def test_directory_without_articles(tmp_path):
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    result = run("ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "directory holds no article files" in result.stderr


def test_clean_prints_text_and_removed_blocks():
    result = run("clean", SEED, "--show-removed")
    assert result.exit_code == 0
    assert "Latest World News" not in result.stdout.split("--- removed")[0]
    assert "--- removed (related-links)" in result.stdout


def test_schema_is_json_schema():
    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_digest_groups_the_seed_stories():
    result = run("digest", str(SEEDS), "-f", "json")
    assert result.exit_code == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    names = [[Path(a["source"]).name[:3] for a in s["articles"]] for s in stories]
    assert names == [["000", "001", "002", "003"], ["004"]]
    march = stories[0]
    people = {p["name"]: p for p in march["people"]}
    assert "Kim Jong-un" in people["Kim Jong Un"]["aliases"]
    assert "probable misspelling" in (people["Xi Jinping"]["note"] or "")
    legs = {(leg["place"], leg["date"]) for leg in march["trip"]}
    assert {("Tokyo", "2021-03-15"), ("Seoul", "2021-03-17")} <= legs
    tokyo = next(leg for leg in march["trip"] if leg["place"] == "Tokyo")
    # the day is stated by the articles that tell the visit as "Japan", merged into Tokyo
    assert not tokyo["date_inferred"] and len(tokyo["sources"]) == 4
    assert {"Delhi", "Anchorage"} <= {leg["place"] for leg in march["trip"]}


def test_digest_markdown_is_a_report():
    result = run("digest", str(SEEDS), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n## Story ") == 2
    assert "### Trip" in result.stdout


def _subprocess(*args: str, **kwargs):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "tripnews", *args], capture_output=True, env=env, **kwargs
    )


@pytest.mark.parametrize("fmt", ["jsonl", "pretty"])
def test_closed_pipe_ends_quietly(fmt):
    """Status 0 whatever the format (rich alone would exit 1 from the pretty output)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tripnews", "ingest", str(SEEDS), "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert fmt == "pretty" or json.loads(first)["schema"] == 1
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


def test_no_stdin_and_no_colour_when_piped():
    proc = _subprocess("ingest", SEED, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 0
    assert b"\x1b[" not in proc.stdout
    assert proc.stderr == b""
