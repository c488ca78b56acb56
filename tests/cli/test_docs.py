"""The command line is a documented surface: every command has help and is in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.cli.main import _COMMANDS

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))


def test_every_registered_command_loads_and_is_listed() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in _COMMANDS:
        assert re.search(rf"^  {name}\s", result.output, re.MULTILINE), f"{name} not listed"


@pytest.mark.parametrize("name", sorted(_COMMANDS))
def test_command_has_help_and_is_documented(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 3
    assert f"pvrules {name}" in README, f"README does not mention 'pvrules {name}'"


def test_quick_start_has_exactly_three_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in section.splitlines() if line.startswith("    ")]
    assert len(commands) == 3
    assert commands[0].endswith("pvrules advise --example")
    assert commands[1].endswith("pytest -q")
    assert commands[2].endswith("pvrules serve")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, ".ci/run must run the README's test command verbatim"


def test_documented_options_exist() -> None:
    # every `--option` the docs show for advise is a real option of advise
    help_text = CliRunner().invoke(main, ["advise", "--help"]).output
    shown = set(re.findall(r"pvrules advise [^\n`]*", DOCS))
    for line in shown:
        for option in re.findall(r"(--[a-z-]+)", line):
            assert option in help_text, f"{option} in '{line}' is not an option of advise"
