"""Faults around the run: a full disk, a bad -o, signals with workers, a closed pipe. Each
ends with one line and its own exit status (README: exit status), never a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import signal
import subprocess
import sys
import time

import pytest

from tests.hostile.conftest import tripnews

LINE = json.dumps({"text": "Officials met in Berlin on Monday, a spokesman said."}) + "\n"


def _one_error_line(err: bytes, *words: str) -> None:
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text and "Fatal" not in text, text
    assert any(all(w in line for w in words) for line in text.splitlines()), text


# --- 16. a full disk -------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "json", "pretty"])
def test_a_full_disk_on_stdout_is_exit_3(good, fmt):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "tripnews", "ingest", str(good), "-f", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert proc.returncode == 3
    _one_error_line(proc.stderr, "standard output", "no space left on device")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_the_output_file_is_exit_3(good):
    proc = tripnews("digest", str(good), "-f", "markdown", "-o", "/dev/full")
    assert proc.returncode == 3
    _one_error_line(proc.stderr, "/dev/full", "no space left on device")


# --- 18. a bad -o is said before any article is read -----------------------------------


@pytest.mark.parametrize("where", ["folder", "missing/report.html"])
def test_a_bad_output_path_is_reported_before_reading(tmp_path, where):
    (tmp_path / "folder").mkdir()
    target = str(tmp_path / where)
    # stdin stays open: a run that read its inputs first would wait for ever
    command = [sys.executable, "-m", "tripnews", "digest", "-", "-o", target]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        try:
            _, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == 3
    _one_error_line(err, target, "directory")


# --- 17 and 18. signals ----------------------------------------------------------------


def _signal_mid_run(args: list[str], number: int, tty_stdin: bool) -> tuple[int, bytes]:
    """Start tripnews in its own process group with stdin open (a terminal or a pipe),
    wait for it to write, signal the whole group as a terminal does, and return the exit
    status and stderr once the group is gone."""
    controller, terminal = pty.openpty() if tty_stdin else (None, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tripnews", *args],
        stdin=terminal if tty_stdin else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        if controller is not None:
            os.write(controller, LINE.encode())
        else:
            assert proc.stdin is not None
            proc.stdin.write(LINE.encode())
            proc.stdin.flush()
        if "digest" not in args:
            assert proc.stdout.read(1)  # the first record is out: the run is under way
        else:
            time.sleep(3)  # the digest writes at the end; let it read the line
        os.killpg(proc.pid, number)
        proc.wait(timeout=60)
        time.sleep(0.5)
        with pytest.raises(ProcessLookupError):  # no worker is left behind
            os.killpg(proc.pid, 0)
        return proc.returncode, proc.stderr.read()
    finally:
        for fd in (controller, terminal):
            if fd is not None:
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdout.close()
        proc.stderr.close()
        if proc.stdin is not None:
            proc.stdin.close()


def test_ctrl_c_with_workers_and_stdin_open_exits_130():
    status, err = _signal_mid_run(
        ["ingest", "-", "-f", "jsonl", "--workers", "2"], signal.SIGINT, tty_stdin=True
    )
    assert status == 130
    _one_error_line(err, "interrupted")


def test_sigterm_with_workers_exits_143_with_one_line():
    status, err = _signal_mid_run(
        ["ingest", "-", "-f", "json", "--workers", "2"], signal.SIGTERM, tty_stdin=False
    )
    assert status == 143
    _one_error_line(err, "terminated", "incomplete")
    assert len(err.splitlines()) == 1


def test_ctrl_c_during_digest_says_so():
    status, err = _signal_mid_run(["digest", "-", "--workers", "1"], signal.SIGINT, False)
    assert status == 130
    _one_error_line(err, "interrupted")
