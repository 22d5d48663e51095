"""`edition build`: validate, then render the HTML site and the PDFs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from edition.cli.guard import guarded
from edition.cli.project import JOBS_OPTION, SOURCE_ARGUMENT, edition_project
from edition.cli.validate import OutputFormat
from edition.problems import summary

if TYPE_CHECKING:
    from edition.build import BuildOptions, BuildReport


class PdfVariant(StrEnum):
    A = "a"
    UA = "ua"


def build_command(
    source: Path = SOURCE_ARGUMENT,
    out: Path = typer.Option(None, "--out", show_default="build/ beside edition.toml",
                             help="Output folder."),
    html: bool = typer.Option(True, "--html/--no-html", help="Render the HTML site."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Render the PDFs."),
    pdf_variant: PdfVariant = typer.Option(
        PdfVariant.A, "--pdf-variant",
        help="a: PDF/A-3b; ua: PDF/A-3b that is also tagged PDF/UA-1."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    lenient: bool = typer.Option(
        False, "--lenient",
        help="Render even when validation finds errors (a preview of TEI from elsewhere); "
             "the errors are still reported, at most three lines per rule and file, then "
             "a table of rules by files."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format",
        help="text: the report for people; json: every problem, for machines (the outcome "
             "goes to stderr)."),
    jobs: int | None = JOBS_OPTION,
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="tcp://HOST:PORT|local:N",
        help="Run the per-file work on a Dask cluster: the address of its scheduler, or "
             "local:N to start N local workers (--jobs is then ignored)."),
) -> None:
    """Build the edition: validate every file, then write build/html and build/pdf.

    Without SOURCE: the edition whose edition.toml is here or in a folder above.

    The new output replaces the old only when the whole build succeeded. What the
    previous build made from unchanged inputs is reused; with nothing changed, the
    build stops after checking that.

    Example: edition build tei --out build --no-pdf
    On a Dask cluster: edition build tei --scheduler tcp://scheduler:8786
    """
    from edition.build import BuildOptions, build

    project = edition_project(source)
    options = BuildOptions(source=project.source, out=out or project.out, html=html, pdf=pdf,
                           strict=strict, lenient=lenient, jobs=jobs,
                           pdf_variant=pdf_variant.value, scheduler=scheduler)
    if output_format is OutputFormat.json:
        _build_as_json(options)
        return
    report = guarded(lambda: build(options))
    for line in report.lines():
        typer.echo(line)


def _build_as_json(options: BuildOptions) -> None:
    """Every problem as JSON on stdout, also when the build is refused; the outcome on
    stderr."""
    from edition.build import build
    from edition.cli.guard import EXIT_CONTENT
    from edition.problems import ContentErrors, to_json

    def attempt() -> BuildReport | ContentErrors:
        try:
            return build(options)
        except ContentErrors as refused:
            return refused

    outcome = guarded(attempt)
    typer.echo(to_json(outcome.problems))
    if isinstance(outcome, ContentErrors):
        typer.echo(summary(outcome.problems), err=True)
        raise typer.Exit(EXIT_CONTENT)
    for line in outcome.outcome_lines():
        typer.echo(line, err=True)


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
