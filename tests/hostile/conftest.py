"""Helpers for the hostile-input suite: run the CLI as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def tripnews(
    *args: str | bytes,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m tripnews ARGS`` and return the finished process (never a hang)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tripnews", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[bytes], name: str, reason: str) -> None:
    """Exit 1, one stderr line naming the input and the reason, no traceback."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    assert any(name in line and reason in line for line in err.splitlines()), err


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(
        "Ministers meet in Paris\n\nFrench President Emmanuel Macron met Olaf Scholz in Paris "
        "on Monday, officials said.\n",
        encoding="utf-8",
    )
    return path
