"""Inputs that used to lose themselves or every input after them: each ends in a record
or one clear line naming it, and the good inputs around it keep their records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_clean_failure, tripnews

BODY = "Officials met in Berlin on Monday to discuss the budget, a spokesman said."
DEEP = "[" * 5000 + "]" * 5000


def _records(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.splitlines()]


# --- 1. lone surrogates ----------------------------------------------------------------


def test_a_lone_surrogate_in_json_becomes_a_replacement_character(tmp_path, good):
    """A cut emoji escape in a title or a body: the record is written (U+FFFD in its
    place) and every later input still comes out."""
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "a.json").write_text('{"title": "Cut \\ud83d emoji", "text": "' + BODY + '"}')
    (folder / "b.json").write_text('{"title": "Body", "text": "Cut \\udc00 ' + BODY + '"}')
    (folder / "c.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    proc = tripnews("ingest", str(folder), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    first, second, third = _records(proc)
    assert first["title"] == "Cut \ufffd emoji"
    assert "\ufffd" in second["text"] and "Berlin" in second["text"]
    assert third["source"].endswith("c.txt")
    pretty = tripnews("ingest", str(folder / "a.json"))  # the terminal view too
    assert pretty.returncode == 0 and "Cut \ufffd emoji" in pretty.stdout.decode()


def test_a_lone_surrogate_in_a_pages_json_ld_headline(tmp_path, good):
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Talks \\ud83d in Berlin"}</script></head><body><p>'
        + BODY * 3
        + "</p></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "page.html"), str(good), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    page_record, _ = _records(proc)
    assert page_record["title"] == "Talks \ufffd in Berlin"


# --- 2. deep nesting -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["deep.json", "deep.txt", "deep.jsonl"])
def test_json_nested_too_deeply_is_refused_and_the_rest_kept(tmp_path, good, name):
    content = '{"a": ' + DEEP + "}" if name.endswith(".jsonl") else DEEP
    if name.endswith(".jsonl"):
        content = json.dumps({"text": BODY}) + "\n" + content + "\n"
    (tmp_path / name).write_text(content, encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / name), str(good), "-f", "jsonl")
    where = f"{name}:2" if name.endswith(".jsonl") else name
    assert_clean_failure(proc, where, "nested too deeply")
    assert _records(proc)[-1]["source"].endswith("good.txt")


def test_json_nested_too_deeply_on_stdin(good):
    for data in (DEEP, '{"text": ' + DEEP + "}"):
        proc = tripnews("ingest", "-", str(good), "-f", "jsonl", stdin=data.encode())
        assert_clean_failure(proc, "-", "nested too deeply")
        assert len(proc.stdout.splitlines()) == 1


# --- 3. line separators inside JSONL ---------------------------------------------------


def test_line_separators_inside_jsonl_records_split_nothing(tmp_path):
    lines = [
        {"text": f"Officials met in Berlin{sep}on Monday, a spokesman said."}
        for sep in ("\u2028", "\u2029", "\x85")
    ] + [{"text": "Ministers met in Paris on Tuesday, an aide said."}]
    for name in ("feed.txt", "feed.json"):
        (tmp_path / name).write_text(
            "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
            encoding="utf-8",
        )
        proc = tripnews("ingest", str(tmp_path / name), "-f", "jsonl")
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        assert [r["source"] for r in _records(proc)] == [
            f"{tmp_path / name}:{n}" for n in (1, 2, 3, 4)
        ]


def test_own_jsonl_output_escapes_line_separators_and_reads_back(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "One\u2028two", "text": BODY + "\u2029"}, ensure_ascii=False),
        encoding="utf-8",
    )
    proc = tripnews("ingest", str(tmp_path / "a.json"), "-f", "jsonl")
    out = proc.stdout.decode("utf-8")
    assert "\u2028" not in out and "\u2029" not in out
    assert len(out.splitlines()) == 1  # even str.splitlines reads one record
    assert json.loads(out)["title"] == "One\u2028two"
    (tmp_path / "again.txt").write_text(out, encoding="utf-8")
    again = tripnews("ingest", str(tmp_path / "again.txt"), "-f", "jsonl")
    assert again.returncode == 0 and len(again.stdout.splitlines()) == 1


# --- 4. prose that starts like JSON ----------------------------------------------------


@pytest.mark.parametrize(
    "opening", ["[Updated 14:05] ", "[VIDEO] ", "{Exclusive} ", "[1] "]
)  # fmt: skip
def test_a_text_article_starting_with_a_bracket_is_prose(tmp_path, opening):
    (tmp_path / "story.txt").write_text(opening + BODY + "\n", encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "story.txt"), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    record = json.loads(proc.stdout)
    assert record["format"] == "text" and "Berlin" in record["text"]


# --- 5. unreadable folders -------------------------------------------------------------


def test_an_unreadable_subfolder_is_named_and_counted(tmp_path, monkeypatch):
    """In-process, so that it holds when the tests run as root (who reads any folder)."""
    from tripnews.load import read_inputs

    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text(BODY, encoding="utf-8")
    (root / "open.txt").write_text(BODY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_inputs([str(root)]))
    assert [getattr(i, "reason", "read") for i in items] == ["read", "permission denied"]
    assert items[1].source.endswith("locked")
    items = list(read_inputs([str(root / "locked")]))
    assert [i.reason for i in items] == ["permission denied"]  # not "holds no article files"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_an_unreadable_folder_fails_the_run(tmp_path, good):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        proc = tripnews("ingest", str(locked), str(good), "-f", "jsonl")
    finally:
        locked.chmod(0o755)
    assert_clean_failure(proc, "locked", "permission denied")


# --- 6 and 7. the -o file --------------------------------------------------------------


def test_a_failed_render_leaves_the_old_output_file_whole(tmp_path, good, monkeypatch):
    from typer.testing import CliRunner

    from tripnews.cli import app
    from tripnews.render import report_html

    report = tmp_path / "report.html"
    report.write_text("the old report\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(report_html, "digest_to_html", broken)
    result = CliRunner().invoke(app, ["digest", str(good), "-f", "html", "-o", str(report)])
    assert isinstance(result.exception, RuntimeError)
    assert report.read_text(encoding="utf-8") == "the old report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
    # a run that succeeds replaces the file, keeping its mode; a new file gets the usual one
    monkeypatch.undo()
    report.chmod(0o640)
    assert (
        CliRunner().invoke(app, ["digest", str(good), "-f", "html", "-o", str(report)]).exit_code
        == 0
    )
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert report.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.html"
    CliRunner().invoke(app, ["digest", str(good), "-f", "html", "-o", str(fresh)])
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(("fmt", "name"), [("html", "report.html"), ("markdown", "digest.md")])
def test_a_report_in_the_input_folder_is_not_read_back(tmp_path, fmt, name):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "berlin.txt").write_text("Budget talks\n\n" + BODY + "\n", encoding="utf-8")
    (folder / "tokyo.txt").write_text(
        "Earthquake drill\n\nSchools in Tokyo held an earthquake drill on Friday, the city "
        "said, and trains stopped for ten minutes.\n",
        encoding="utf-8",
    )
    first = tripnews("digest", str(folder), "-f", fmt, "-o", str(folder / name))
    assert first.returncode == 0, first.stderr
    for command in (["ingest", str(folder), "-f", "jsonl"], ["ingest", f"{folder}/*"]):
        proc = tripnews(*command)
        assert name.encode() not in proc.stdout, command
    stories = json.loads(tripnews("digest", str(folder), "-f", "json").stdout)["stories"]
    assert len(stories) == 2


def test_records_written_into_the_input_folder_are_not_read_back(tmp_path, good):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    for fmt, name in (("jsonl", "out.jsonl"), ("json", "out.json")):
        (folder / name).write_bytes(tripnews("ingest", str(folder), "-f", fmt).stdout)
    proc = tripnews("ingest", str(folder), "-f", "jsonl")
    assert [Path(r["source"]).name for r in _records(proc)] == ["a.txt"]
    # named on its own, a file of records is read as asked
    assert tripnews("ingest", str(folder / "out.jsonl"), "-f", "jsonl").returncode == 0


def test_an_output_path_that_is_an_input_is_refused(tmp_path, good):
    before = good.read_bytes()
    proc = tripnews("digest", str(good), "-f", "markdown", "-o", str(good))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "is also an input" in err and "Traceback" not in err
    assert good.read_bytes() == before
