"""`edition annotate`: tag names and dates using the registers as gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.cli.project import edition_project


def annotate_command(
    paths: list[Path] = typer.Argument(
        None, help="TEI texts to annotate in place (default: the texts of the edition the "
                   "working folder is in)."),
    registers: Path = typer.Option(
        None, "--registers", show_default="registers/ of the texts' edition",
        help="Folder holding the register files."),
    report: bool = typer.Option(
        False, "--report", help="List untagged capitalised candidates and ambiguous matches."
    ),
) -> None:
    """Tag persons, places, organisations, events and dates, linked to the registers.

    Running it twice changes nothing the second time.

    Example: edition annotate tei/texts/kis1957.xml --report
    """
    from edition.annotate import annotate_paths

    paths = paths or [edition_project().source / "texts"]
    registers = registers or _registers_of(paths[0])
    result = guarded(lambda: annotate_paths(paths, registers, report=report))
    for line in result.lines():
        typer.echo(line)


def _registers_of(path: Path) -> Path:
    """The registers of the edition ``path`` lies in (the nearest folder above it with
    edition.xml or registers/), else of the working folder's edition."""
    from edition.validate import edition_root

    root = edition_root(path) if path.exists() else None
    if root is not None and (root / "registers").is_dir():
        return root / "registers"
    return edition_project().source / "registers"


def register(app: typer.Typer) -> None:
    app.command("annotate")(annotate_command)
