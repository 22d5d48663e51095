"""`edition validate`: the publish gate."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from edition.cli.guard import EXIT_CONTENT, guarded
from edition.cli.project import tei_folders


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def validate_command(
    paths: list[Path] = typer.Argument(
        None, help="TEI files or folders to check (default: the edition the working folder is in)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text: one line per problem; json: for machines."
    ),
) -> None:
    """Check well-formedness, the RELAX NG schema, Schematron rules and every reference.

    Example: edition validate tei/texts/kis1957.xml --strict
    """
    from edition.problems import has_failures, summary, to_json
    from edition.validate import validate_paths

    folders = tei_folders(paths or [])
    problems = guarded(lambda: validate_paths(folders))
    if output_format is OutputFormat.json:
        typer.echo(to_json(problems))
    else:
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(summary(problems), err=True)
    if has_failures(problems, strict):
        raise typer.Exit(EXIT_CONTENT)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
