"""`edition new`: start an edition in a new folder."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded


def new_command(
    folder: Path = typer.Argument(..., help="The new edition's folder (new, or empty)."),
    title: str = typer.Option(None, "--title", show_default="the folder's name",
                              help="The edition's title."),
    editors: list[str] = typer.Option(
        [], "--editor", show_default=False,
        help="An editor, as \"Surname, Forename\" or as written; repeat for several; "
             "at least one."),
    publisher: str = typer.Option(None, "--publisher", show_default="the editors",
                                  help="Who publishes the edition."),
    licence: str = typer.Option("CC-BY-4.0", "--licence",
                                help="The licence, as an SPDX identifier (CC0-1.0, MIT, ...)."),
    lang: str = typer.Option("en", "--lang", help="The edition's language, a BCP 47 tag."),
) -> None:
    """Write a new edition: edition.toml, the edition header, registers, a sample
    text and a README, ready for `edition validate`, `build` and `serve`.

    Example: edition new letters --title "Letters of 1890" --editor "Doe, Jane"
    """
    from edition.scaffold import NewEdition, new_edition

    options = NewEdition(folder, title, tuple(editors), publisher, licence, lang)
    written = guarded(lambda: new_edition(options))
    typer.echo(f"wrote {len(written)} files into {folder}; next: cd {folder} && edition build")


def register(app: typer.Typer) -> None:
    app.command("new")(new_command)
