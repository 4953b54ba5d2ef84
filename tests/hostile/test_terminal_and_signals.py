"""Terminal safety, closed pipes, Ctrl-C, and byte-identical output whatever the machine."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from tests.conftest import SEEDS
from tests.hostile.conftest import tripnews

NASTY = (
    "Markup and escapes\n\n"
    "Officials in Rome said [bold red]nothing[/bold red] and [link=https://evil.test]click[/link] "
    "on Monday.\x1b[2J\x1b]0;pwned\x07 The bell\x07 rang\x1b[31m red.\n"
)


def test_article_text_never_drives_the_terminal(tmp_path):
    (tmp_path / "nasty.txt").write_text(NASTY, encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "nasty.txt"), env={"TERM": "xterm", "COLUMNS": "100"})
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold red]nothing[/bold red]" in out


def test_json_escapes_control_characters(tmp_path):
    (tmp_path / "nasty.txt").write_text(NASTY, encoding="utf-8")
    proc = tripnews("ingest", str(tmp_path / "nasty.txt"), "-f", "jsonl")
    line = proc.stdout.decode()
    assert "\x1b" not in line and "\x07" not in line
    record = json.loads(line)
    assert record["source"].endswith("nasty.txt")


def test_closed_stdout_ends_quietly():
    proc = subprocess.run(
        f"{sys.executable} -m tripnews ingest {SEEDS} -f jsonl --workers 1 | head -c 10",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert len(proc.stdout) == 10
    assert b"Traceback" not in proc.stderr and b"Broken" not in proc.stderr


def test_ctrl_c_exits_130_with_a_note(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SEEDS / "002_20ca1ab23c72d2da.txt").read_text(encoding="utf-8")
    for index in range(400):
        (corpus / f"{index:04}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tripnews", "ingest", str(corpus), "-f", "json", "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.read(100)  # the run has started and is writing
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"interrupted" in err and b"incomplete" in err
    assert b"Traceback" not in err


def test_same_bytes_whatever_locale_timezone_and_workers():
    base = tripnews("ingest", str(SEEDS), "-f", "jsonl", "--workers", "1").stdout
    odd = tripnews(
        "ingest",
        str(SEEDS),
        "-f",
        "jsonl",
        "--workers",
        "2",
        env={"TZ": "Pacific/Kiritimati", "LANG": "tr_TR.ISO-8859-9", "LC_ALL": "C"},
    ).stdout
    assert base and base == odd


def test_workers_keep_input_order_across_batches_and_report_a_bad_file(tmp_path):
    """Twenty files travel to the workers in several batches, one of them unreadable: the
    records come out in input order, the same as in-process, and the bad file is named."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(20):
        name = tmp_path / f"{index:02d}.txt"
        if index == 11:
            name.write_bytes(b"\x00\x01\x02" * 10)  # binary: refused, not fatal
        else:
            name.write_text(seeds[index % len(seeds)].read_text(encoding="utf-8"))
    runs = {w: tripnews("ingest", str(tmp_path), "-f", "jsonl", "--workers", w) for w in "12"}
    lines = runs["2"].stdout.splitlines()
    assert len(lines) == 19 and runs["2"].stdout == runs["1"].stdout
    assert [json.loads(line)["source"][-6:] for line in lines][10:12] == ["10.txt", "12.txt"]
    assert b"11.txt" in runs["2"].stderr and runs["2"].returncode == runs["1"].returncode != 0
