"""The README documents every command and option, and every command has help with an example."""

from __future__ import annotations

import re

import click
import pytest
import typer.main

from edition.cli import app

README = (__import__("pathlib").Path(__file__).resolve().parent.parent / "README.md").read_text(
    encoding="utf-8")
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)


def _options(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            names.extend(o for o in param.opts + param.secondary_opts if o.startswith("--"))
    return names


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
