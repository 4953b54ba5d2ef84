"""Hostile HTML pages and a JSONL stream that never ends: a record or one clear line each,
never a traceback, never a hang."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest

from tests.hostile.conftest import assert_clean_failure, tripnews

PROSE = (
    "<p>Officials met in Berlin on Monday to discuss the budget, a spokesman said. "
    "The talks ran late into the night and will resume next week in Paris.</p>"
)


def _page(body: str) -> str:
    return (
        f"<!doctype html><html><head><title>Budget talks</title></head><body>{body}</body></html>"
    )


HOSTILE_PAGES = {
    "deep.html": _page("<div>" * 60_000 + PROSE + "</div>" * 60_000),
    "unclosed.html": _page("<div><p>Officials met in Berlin on Monday<span><b>to discuss " * 50),
    "script-only.html": _page("<script>var a = '<p>not prose</p>';</script><style>p{}</style>"),
    "links-only.html": _page("<ul>" + "<li><a href='/x'>Latest headline here</a></li>" * 300),
    "base64.html": _page(
        '<img src="data:image/png;base64,'
        + base64.b64encode(bytes(range(256)) * 40_000).decode()
        + '">'
        + PROSE
    ),
    "entities.html": _page("<p>Caf&eacute &amp;amp; &#xZZ; &#99999999; &bogus; S&atilde;o Paulo "
                           "officials met in Berlin on Monday, a spokesman said.</p>"),
}  # fmt: skip


@pytest.mark.parametrize("name", ["deep.html", "unclosed.html", "base64.html", "entities.html"])
def test_hostile_markup_keeps_the_prose(tmp_path, good, name):
    (tmp_path / name).write_text(HOSTILE_PAGES[name], encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / name), str(good), "-f", "jsonl", timeout=240)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    page, other = (json.loads(line) for line in proc.stdout.splitlines())
    assert "met in Berlin on Monday" in page["text"]
    assert "<" not in page["text"] and "base64" not in page["text"]  # no markup leaks in
    assert other["source"].endswith("good.txt")


@pytest.mark.parametrize("name", ["script-only.html", "links-only.html"])
def test_a_page_without_article_text_keeps_its_title_and_says_so(tmp_path, name):
    (tmp_path / name).write_text(HOSTILE_PAGES[name], encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / name), "-f", "jsonl")
    assert proc.returncode == 0
    record = json.loads(proc.stdout)
    assert (record["title"], record["text"]) == ("Budget talks", "")
    assert f"{name}: no article text found" in proc.stderr.decode()


def test_a_page_with_nothing_at_all_is_one_clear_line(tmp_path, good):
    (tmp_path / "bare.html").write_text(
        "<html><body><script>x()</script><a href='/'>Home</a></body></html>", encoding="utf-8"
    )
    proc = tripnews("ingest", str(tmp_path / "bare.html"), str(good), "-f", "jsonl")
    assert_clean_failure(proc, "bare.html", "no article text found")
    assert len(proc.stdout.splitlines()) == 1  # the next input still gave its record


@pytest.mark.parametrize("workers", ["1", "2"])
def test_jsonl_on_stdin_is_processed_as_it_streams(workers: str):
    """A record comes out before the input ends: the reader does not wait for the end of a
    stream (a 1 GB JSONL file is read the same way, line by line), and the worker pool
    does not wait for a batch to fill."""
    command = [sys.executable, "-m", "tripnews", "ingest", "-", "-f", "jsonl", "--workers", workers]
    line = json.dumps({"text": "Officials met in Berlin on Monday, a spokesman said."})
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write((line + "\n").encode())
            proc.stdin.flush()
            first = proc.stdout.readline()  # the stream is still open
            assert json.loads(first)["places"][0]["name"] == "Berlin"
            proc.stdin.write((line + "\n").encode())
            proc.stdin.close()
            assert len(proc.stdout.read().splitlines()) == 1
        finally:
            proc.kill()
