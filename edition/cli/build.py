"""`edition build`: validate, then render the HTML site and the PDFs."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.paths import BUNDLED_EDITION, DEFAULT_BUILD_DIR


def build_command(
    source: Path = typer.Argument(
        BUNDLED_EDITION, help="Folder of TEI files (default: the bundled edition in tei/)."
    ),
    out: Path = typer.Option(DEFAULT_BUILD_DIR, "--out", help="Output folder."),
    html: bool = typer.Option(True, "--html/--no-html", help="Render the HTML site."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Render the PDFs."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    lenient: bool = typer.Option(
        False, "--lenient",
        help="Render even when validation finds errors (a preview of TEI from elsewhere); "
             "the errors are still listed."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, show_default="number of cores",
        help="Worker processes for per-text work; 1 builds in this process alone."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="tcp://HOST:PORT|local:N",
        help="Run the per-file work on a Dask cluster: the address of its scheduler, or "
             "local:N to start N local workers (--jobs is then ignored)."),
) -> None:
    """Build the edition: validate every file, then write build/html and build/pdf.

    The new output replaces the old only when the whole build succeeded. What the
    previous build made from unchanged inputs is reused; with nothing changed, the
    build stops after checking that.

    Example: edition build tei --out build --no-pdf
    On a Dask cluster: edition build tei --scheduler tcp://scheduler:8786
    """
    from edition.build import BuildOptions, build

    options = BuildOptions(source=source, out=out, html=html, pdf=pdf, strict=strict,
                           lenient=lenient, jobs=jobs, scheduler=scheduler)
    report = guarded(lambda: build(options))
    for line in report.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
