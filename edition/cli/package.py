"""`edition package`: the repository deposit (BagIt), and its check."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import EXIT_CONTENT, guarded
from edition.cli.project import SOURCE_OPTION, edition_project
from edition.problems import Problem, has_failures


def built_package(source: Path, build_dir: Path, strict: bool):  # noqa: ANN202 - a Package
    """Build what the build folder lacks, check the edition, then package it."""
    from edition.build import BuildOptions, build, check_edition
    from edition.package import make_package

    build_dir = build_dir.resolve()
    if not (build_dir / "html").is_dir() or not (build_dir / "pdf").is_dir():
        build(BuildOptions(source=source, out=build_dir, strict=strict))
    # files the build already checked (unchanged since) are taken from its cache
    edition = check_edition(source, cache=build_dir, strict=strict).edition
    return make_package(edition, build_dir, strict=strict)


def _check(path: Path, strict: bool) -> None:
    from edition.package import check_package

    problems: list[Problem] = guarded(lambda: check_package(path))
    for problem in problems:
        typer.echo(str(problem))
    if has_failures(problems, strict):
        raise typer.Exit(EXIT_CONTENT)
    state = " (a draft: the repository has to assign the DOI)" if problems else ""
    typer.echo(f"{path}: bag is complete and valid{state}")


def package_command(
    source: Path = SOURCE_OPTION,
    build_dir: Path = typer.Option(
        None, "--build", show_default="build/ beside edition.toml",
        help="Build folder holding html/ and pdf/ to include."),
    check: Path = typer.Option(
        None, "--check", help="Verify an existing package (zip or bag folder) instead."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Treat warnings (such as a missing DOI) as errors."),
) -> None:
    """Write build/deposit/<edition-id>-<version>.zip, a checksummed BagIt bag with metadata.

    Example: edition package && edition package --check build/deposit/*.zip
    """
    if check is not None:
        _check(check, strict)
        return
    project = edition_project(source)
    package = guarded(lambda: built_package(project.source, build_dir or project.out, strict))
    for warning in package.warnings:
        typer.echo(str(warning), err=True)
    typer.echo(f"wrote {package.path}")


def register(app: typer.Typer) -> None:
    app.command("package")(package_command)
