"""The README documents every command and option, and every command has help with an example."""

from __future__ import annotations

import re

import pytest
import typer.main

from edition.cli import app

README = (__import__("pathlib").Path(__file__).resolve().parent.parent / "README.md").read_text(
    encoding="utf-8")
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)


def _options(command: object) -> list[str]:
    """Long option names; typer may bundle its own click, so options are told from
    arguments by their dashes rather than by class."""
    names = []
    for param in command.params:
        opts = list(param.opts) + list(getattr(param, "secondary_opts", []))
        if "--help" not in opts:
            names.extend(o for o in opts if o.startswith("--"))
    return names


def test_options_are_found_at_all() -> None:
    assert "--strict" in _options(GROUP.commands["validate"])
    assert "--no-pdf" in _options(GROUP.commands["build"])


def test_the_fixed_command_names_exist() -> None:
    assert {"validate", "build", "import", "annotate", "cite", "package"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_readme_section(name: str) -> None:
    assert re.search(rf"^### `edition {re.escape(name)}\b", README, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented_in_its_readme_section(name: str) -> None:
    section = README.split(f"### `edition {name}", 1)[1].split("\n### ", 1)[0]
    for option in _options(GROUP.commands[name]):
        assert f"`{option}" in section or f"/{option}" in section or f"|{option}" in section, (
            f"edition {name} {option} is not documented in README.md")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = GROUP.commands[name]
    assert command.help and "Example:" in command.help, name
    for param in command.params:
        if "--help" not in getattr(param, "opts", []):
            assert getattr(param, "help", None), f"edition {name} {param.name} has no help"


def test_global_options_are_documented() -> None:
    for option in _options(GROUP):
        assert f"`{option}`" in README
