"""What reaches a terminal is sanitised in every command; globs, --workers, --max-bytes and
`clean` stay within bounds however they are driven."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys

import pytest

from tests.hostile.conftest import tripnews

# OSC 52 (clipboard), OSC 0 (window title), OSC 8 (hidden link), a cursor move, a C1
# control, and a right-to-left override inside a name.
NASTY = (
    "Talks in Rome\x1b]0;pwned\x07\n\n"
    "Officials in Rome\x1b]52;c;ZWNobyBwd25lZA==\x07 met Anna \u202eKarlsson\u202c on Monday,"
    " \x1b]8;;https://evil.test\x1b\\a spokesman\x1b]8;;\x1b\\ said.\x1b[2A\x1b[1;1H\x9b31m "
    "The talks in Rome ended on Tuesday.\n"
)
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


def _assert_inert(data: bytes) -> None:
    text = data.decode("utf-8")
    assert not [c for c in FORBIDDEN if c in text], repr(text[:300])


# --- 10. terminal escapes --------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("clean",), ("clean", "--show-removed"), ("digest",), ("digest", "-f", "pretty")],
)
def test_no_command_passes_escapes_to_the_terminal(tmp_path, command):
    (tmp_path / "nasty.txt").write_text(NASTY, encoding="utf-8")
    (tmp_path / "other.txt").write_text(NASTY.replace("Rome", "Oslo"), encoding="utf-8")
    proc = tripnews(*command, str(tmp_path), env={"TERM": "xterm", "COLUMNS": "120"})
    assert proc.returncode == 0, proc.stderr
    _assert_inert(proc.stdout)
    assert b"Officials in Rome" in proc.stdout or b"Rome" in proc.stdout


def test_file_names_in_messages_are_sanitised(tmp_path):
    bad = tmp_path / "evil\x1b]0;pwned\x07\u202etxt.exe"
    bad.write_bytes(b"")
    proc = tripnews("ingest", str(bad), "-f", "jsonl")
    assert proc.returncode == 1
    _assert_inert(proc.stderr)
    assert b"file is empty" in proc.stderr


# --- 11. globs over symlink loops ------------------------------------------------------


def test_a_glob_walks_symlink_loops_once(tmp_path, good):
    root = tmp_path / "d"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "story.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "top.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(root, root / "sub" / "loop1")  # three loops: glob.glob never ends on these
    os.symlink(root / "sub", root / "sub" / "loop2")
    os.symlink(root, root / "loop3")
    proc = tripnews("ingest", f"{root}/**/*.txt", "-f", "jsonl", timeout=60)
    assert proc.returncode == 0, proc.stderr
    names = [json.loads(line)["source"] for line in proc.stdout.splitlines()]
    assert names == [f"{root}/top.txt", f"{root}/sub/story.txt"]
    # a glob that names folders reads each folder's files once, too
    proc = tripnews("ingest", f"{root}/*", "-f", "jsonl", timeout=60)
    assert len(proc.stdout.splitlines()) == 2


def test_glob_patterns_match_as_the_shell_does(tmp_path, good):
    from tripnews.paths import expand_path

    for name in ("a/x.txt", "a/b/y.txt", "a/b/c/z.html", "a/.hidden/h.txt", "w.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    def found(pattern: str) -> list[str]:
        return [os.path.relpath(str(p), tmp_path) for p in expand_path(f"{tmp_path}/{pattern}")]

    assert found("a/*.txt") == ["a/x.txt"]
    assert found("a/**/*.txt") == ["a/x.txt", "a/b/y.txt"]
    assert found("**/*.html") == ["a/b/c/z.html"]
    assert found("a/*/*") == ["a/b/y.txt", "a/b/c/z.html"]  # a matched folder is read whole
    assert found("?.txt") == ["w.txt"]
    assert [getattr(p, "reason", p) for p in expand_path(f"{tmp_path}/nothing/*.txt")] == [
        "no file matches this pattern"
    ]


# --- 13. bounds on --workers and --max-bytes -------------------------------------------


def test_huge_workers_and_max_bytes_are_bounded_and_said(good):
    from tripnews.cli import WORKERS_PER_CORE

    # one more than the bound, so the old behaviour (no bound) forks only a few processes
    over = WORKERS_PER_CORE * (os.cpu_count() or 1) + 1
    proc = tripnews("ingest", str(good), "-f", "jsonl", "-w", str(over))
    err = proc.stderr.decode()
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1
    assert f"--workers {over} is over the limit" in err
    proc = tripnews("ingest", str(good), "-f", "jsonl", "--max-bytes", "9" * 20)
    err = proc.stderr.decode()
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "--max-bytes 99999999999999999999 is over the limit" in err


def test_the_workers_bound_holds_for_any_number():
    from rich.console import Console

    from tripnews.cli import WORKERS_PER_CORE, _workers

    quiet = Console(file=open(os.devnull, "w"))  # noqa: SIM115 - closed with the test
    assert _workers(10**20, quiet) == WORKERS_PER_CORE * (os.cpu_count() or 1)
    assert _workers(1, quiet) == 1
    quiet.file.close()


# --- 15. clean streams -----------------------------------------------------------------


def test_clean_prints_each_input_before_reading_the_next(good):
    """`clean` used to read every input before printing (437 MB for a million files): the
    first file's text now comes out while the next input, a pipe, is still open."""
    command = [sys.executable, "-m", "tripnews", "clean", str(good), "-"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stdin is not None
        try:
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "nothing printed while stdin was open"
            assert proc.stdout.readline().startswith(b"==> ")
        finally:
            proc.stdin.close()
            proc.kill()
