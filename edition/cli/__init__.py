"""The `edition` command line: one module per command, each translating options into
one library call and the library's errors into a message and an exit code."""

import typer

from edition import __version__
from edition.cli import (
    annotate,
    build,
    cite,
    collate,
    deposit,
    import_text,
    new,
    package,
    serve,
    validate,
)

app = typer.Typer(
    name="edition",
    help="Publish TEI-XML scholarly editions: validate, build HTML and PDF, cite, deposit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"edition {__version__}")
        raise typer.Exit()


CITING_COMMANDS = {"build", "cite", "package"}
"""Commands that format citations, for which citeproc-py is corrected at start-up."""


@app.callback()
def main(
    context: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Publish TEI-XML scholarly editions.

    Example: edition build tei --out build
    """
    if context.invoked_subcommand in CITING_COMMANDS:
        from edition.citation import citeproc_fixes
        from edition.cli.guard import guarded

        guarded(citeproc_fixes.apply)  # the corrections, checked, before any work


for module in (new, validate, build, serve, import_text, annotate, collate, cite, package,
               deposit):
    module.register(app)
