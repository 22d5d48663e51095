"""`edition annotate`: tag names and dates using the registers as gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.paths import BUNDLED_EDITION


def annotate_command(
    paths: list[Path] = typer.Argument(
        None, help="TEI texts to annotate in place (default: the texts of the bundled edition)."
    ),
    registers: Path = typer.Option(
        BUNDLED_EDITION / "registers", "--registers", help="Folder holding the register files."
    ),
    report: bool = typer.Option(
        False, "--report", help="List untagged capitalised candidates and ambiguous matches."
    ),
) -> None:
    """Tag persons, places, organisations, events and dates, linked to the registers.

    Running it twice changes nothing the second time.

    Example: edition annotate tei/texts/kis1957.xml --report
    """
    from edition.annotate import annotate_paths

    result = guarded(lambda: annotate_paths(paths or [BUNDLED_EDITION / "texts"], registers,
                                            report=report))
    for line in result.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("annotate")(annotate_command)
