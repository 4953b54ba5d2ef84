"""The README's Quick start and CI agree, and every CLI option is documented."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tripnews.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash|console)?\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "tripnews ingest seeds/" in commands[0]


def test_ci_runs_the_readme_test_command():
    test_command = _quick_start_commands()[1]
    assert test_command in CI.splitlines()


def test_every_option_is_in_the_readme():
    import typer.main

    command = typer.main.get_command(app)
    for sub in command.commands.values():  # type: ignore[attr-defined]
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"{sub.name} {opt} is not documented"
