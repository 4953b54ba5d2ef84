"""Pages that hold no article by design say so: a bot challenge, a script shell."""

from __future__ import annotations

from typer.testing import CliRunner

from tripnews.cli import app

runner = CliRunner()

_CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"></head><body>
<div class="main-wrapper"><noscript>Enable JavaScript and cookies to continue</noscript>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8a1"></script>
</div></body></html>"""

_SHELL = """<!doctype html><html><head><title>Harbour Daily: the port reopens</title>
<script defer src="/static/js/main.4f1c.js"></script></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root">
</div></body></html>"""

_ARTICLE = """<html><head><title>Ferry returns</title></head><body><article>
<p>The ferry between the two islands returned to service on Tuesday after a month of
repairs, the harbour office said in a short statement to passengers.</p>
</article></body></html>"""


def _ingest(tmp_path, pages: dict[str, str]):
    for name, markup in pages.items():
        (tmp_path / name).write_text(markup, encoding="utf-8")
    return runner.invoke(app, ["ingest", str(tmp_path), "-f", "jsonl", "-w", "1"])


def test_a_bot_challenge_is_named_and_its_title_is_not_kept(tmp_path):
    result = _ingest(tmp_path, {"wall.html": _CHALLENGE, "story.html": _ARTICLE})
    assert result.exit_code == 1
    assert "wall.html: no article: the page is a bot challenge" in result.stderr
    assert "Just a moment" not in result.stdout  # the wall's title is no article's
    assert result.stdout.count("\n") == 1 and "Ferry returns" in result.stdout


def test_a_script_shell_is_named_and_its_title_kept(tmp_path):
    result = _ingest(tmp_path, {"shell.html": _SHELL})
    assert "Harbour Daily: the port reopens" in result.stdout
    assert "shell.html: no article text found" in result.stderr


def test_a_script_shell_without_title_says_what_it_is(tmp_path):
    untitled = _SHELL.replace("<title>Harbour Daily: the port reopens</title>", "")
    result = _ingest(tmp_path, {"shell.html": untitled})
    assert result.exit_code == 1
    assert "shell.html: no article: the page is a script shell" in result.stderr


def test_an_empty_page_without_marks_keeps_the_plain_message(tmp_path):
    result = _ingest(tmp_path, {"empty.html": "<html><body><p> </p></body></html>"})
    assert "empty.html: no article text found" in result.stderr
