"""`edition package`: the repository deposit (BagIt), and its check."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import EXIT_CONTENT, guarded
from edition.cli.project import SOURCE_OPTION, edition_project


def package_command(
    source: Path = SOURCE_OPTION,
    build_dir: Path = typer.Option(
        None, "--build", show_default="build/ beside edition.toml",
        help="Build folder holding html/ and pdf/ to include."),
    check: Path = typer.Option(
        None, "--check", help="Verify an existing package (zip or bag folder) instead."
    ),
) -> None:
    """Write build/deposit/<edition-id>-<version>.zip, a checksummed BagIt bag with metadata.

    Example: edition package && edition package --check build/deposit/*.zip
    """
    from edition.package import check_package, make_package

    if check is not None:
        problems = guarded(lambda: check_package(check))
        for problem in problems:
            typer.echo(str(problem))
        if problems:
            raise typer.Exit(EXIT_CONTENT)
        typer.echo(f"{check}: bag is complete and valid")
        return
    project = edition_project(source)
    path = guarded(lambda: make_package(project.source, build_dir or project.out))
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("package")(package_command)
