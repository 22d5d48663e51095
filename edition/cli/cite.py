"""`edition cite`: citations of the edition, a text or one paragraph."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from edition.citation_styles import STYLES
from edition.cli.guard import guarded
from edition.cli.project import SOURCE_OPTION, edition_project

Style = StrEnum("Style", {name: name for name in STYLES})
"""The choices of ``--style``, from the edition's one list of citation styles."""


class CiteFormat(StrEnum):
    text = "text"
    html = "html"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


def cite_command(
    target: str = typer.Argument(
        "edition", help="'edition', a text id (kis1957) or a paragraph reference (kis1957.12)."
    ),
    style: Style = typer.Option(Style.chicago, "--style", help="Citation style."),
    output_format: CiteFormat = typer.Option(CiteFormat.text, "--format", help="Output format."),
    source: Path = SOURCE_OPTION,
) -> None:
    """Print a citation, with the paragraph as locator when a paragraph is named.

    Example: edition cite kis1957.12 --style mla
    """
    from edition.citation import cite

    folder = edition_project(source).source
    output = guarded(lambda: cite(folder, target, style.value, output_format.value))
    typer.echo(output, nl=not output.endswith("\n"))


def register(app: typer.Typer) -> None:
    app.command("cite")(cite_command)
