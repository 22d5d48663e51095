"""`edition serve`: build, serve on loopback, rebuild and reload on every save."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.cli.project import JOBS_OPTION, SOURCE_ARGUMENT, edition_project

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serve_command(
    source: Path = SOURCE_ARGUMENT,
    host: str = typer.Option(
        None, "--host", show_default="127.0.0.1",
        help="Address to listen on (edition.toml: host in the serve section)."),
    port: int = typer.Option(
        None, "--port", min=0, max=65535, show_default="8000",
        help="Port to listen on, 0 for any free one (edition.toml: port in the serve section)."),
    pdf: bool = typer.Option(False, "--pdf/--no-pdf", help="Build the PDFs on every save too."),
    jobs: int | None = JOBS_OPTION,
) -> None:
    """Build the edition, serve the site and rebuild it on every save.

    Open pages reload by themselves. A save that does not build prints its
    problems and shows them on the pages as a banner, while the last good
    build stays served. Ctrl-C stops.

    Example: edition serve --port 8001
    """
    from edition.serve import ServeOptions, serve

    project = edition_project(source)
    host = host or project.host
    if host not in LOOPBACK:
        typer.echo(f"warning: serving on {host}: other machines may read the site", err=True)
    options = ServeOptions(project, host, project.port if port is None else port, pdf, jobs)
    guarded(lambda: serve(options, say=lambda line: typer.echo(line)))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
