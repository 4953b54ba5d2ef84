"""Paths a user may give by mistake: none hangs, none raises, the rest are processed."""

from __future__ import annotations

import json
import os

import pytest

from tests.hostile.conftest import assert_clean_failure, tripnews


def test_missing_path(tmp_path, good):
    proc = tripnews("ingest", str(tmp_path / "missing.txt"), str(good), "-f", "jsonl")
    assert_clean_failure(proc, "missing.txt", "no such file or directory")
    assert len(proc.stdout.splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path, good):
    secret = tmp_path / "secret.txt"
    secret.write_text("Words.", encoding="utf-8")
    secret.chmod(0)
    proc = tripnews("ingest", str(secret), str(good), "-f", "jsonl")
    assert_clean_failure(proc, "secret.txt", "permission denied")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_at_once(device, good):
    proc = tripnews("ingest", device, str(good), "-f", "jsonl", timeout=30)
    assert_clean_failure(proc, device, "not a regular file")


def test_fifo_does_not_hang(tmp_path, good):
    os.mkfifo(tmp_path / "fifo")
    proc = tripnews("ingest", str(tmp_path / "fifo"), str(good), "-f", "jsonl", timeout=30)
    assert_clean_failure(proc, "fifo", "not a regular file")


def test_dev_stdin_with_no_input(good):
    proc = tripnews("ingest", "/dev/stdin", str(good), "-f", "jsonl", timeout=30)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr


def test_dash_without_stdin_data(good):
    proc = tripnews("ingest", "-", str(good), "-f", "jsonl", timeout=30)
    assert_clean_failure(proc, "-", "empty")


def test_symlink_loop(tmp_path, good):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "story.txt").write_text(good.read_text(), encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "d" / "again")
    proc = tripnews("ingest", str(tmp_path / "d"), "-f", "jsonl", timeout=30)
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize("name", ["with space.txt", "new\nline.txt", "tab\tname.txt"])
def test_odd_file_names(tmp_path, good, name):
    path = tmp_path / name
    path.write_text(good.read_text(), encoding="utf-8")
    proc = tripnews("ingest", str(path), "-f", "jsonl")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["source"] == str(path)


def test_non_utf8_file_name(tmp_path, good):
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(good.read_bytes())
    proc = tripnews("ingest", os.fsdecode(raw_name), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"].endswith("caf\ufffd.txt")
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/gone\xff.txt")
    proc = tripnews("ingest", missing, "-f", "jsonl")
    assert_clean_failure(proc, "gone\ufffd.txt", "no such file")
