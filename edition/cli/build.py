"""`edition build`: validate, then render the HTML site and the PDFs."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.cli.project import JOBS_OPTION, SOURCE_ARGUMENT, edition_project


def build_command(
    source: Path = SOURCE_ARGUMENT,
    out: Path = typer.Option(None, "--out", show_default="build/ beside edition.toml",
                             help="Output folder."),
    html: bool = typer.Option(True, "--html/--no-html", help="Render the HTML site."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Render the PDFs."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    lenient: bool = typer.Option(
        False, "--lenient",
        help="Render even when validation finds errors (a preview of TEI from elsewhere); "
             "the errors are still listed."),
    jobs: int | None = JOBS_OPTION,
) -> None:
    """Build the edition: validate every file, then write build/html and build/pdf.

    Without SOURCE: the edition whose edition.toml is here or in a folder above.

    The new output replaces the old only when the whole build succeeded. What the
    previous build made from unchanged inputs is reused; with nothing changed, the
    build stops after checking that.

    Example: edition build tei --out build --no-pdf
    """
    from edition.build import BuildOptions, build

    project = edition_project(source)
    options = BuildOptions(source=project.source, out=out or project.out, html=html, pdf=pdf,
                           strict=strict, lenient=lenient, jobs=jobs)
    report = guarded(lambda: build(options))
    for line in report.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
