"""`edition package`: the repository deposit (BagIt), and its check."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import EXIT_CONTENT, guarded
from edition.paths import BUNDLED_EDITION, DEFAULT_BUILD_DIR


def package_command(
    source: Path = typer.Option(BUNDLED_EDITION, "--source", help="Folder of TEI files."),
    build_dir: Path = typer.Option(
        DEFAULT_BUILD_DIR, "--build", help="Build folder holding html/ and pdf/ to include."
    ),
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
    path = guarded(lambda: make_package(source, build_dir))
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("package")(package_command)
