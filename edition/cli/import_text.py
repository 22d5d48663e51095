"""`edition import`: plain-text transcription to a TEI draft."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded


def import_command(
    source: Path = typer.Argument(..., help="Plain-text transcription (UTF-8)."),
    text_id: str = typer.Option(..., "--id", help="Identifier of the text, e.g. kis1957."),
    out: Path = typer.Option(
        None, "--out", help="Where to write the TEI draft (default: standard output)."
    ),
    registers: Path = typer.Option(
        None, "--registers",
        help="Folder of register files (persons.xml, ...) used to name speakers in @who.",
    ),
) -> None:
    """Turn a plain-text transcription into a TEI draft (deterministic).

    Readings that look like typing or recognition errors are reported as warnings on
    standard error, for the editor to correct in the TEI.

    Example: edition import tei/sources/kim-il-sung-1957.txt --id kis1957 --out draft.xml
    """
    from edition.importer import check_file, import_file

    xml = guarded(lambda: import_file(source, text_id, registers))
    for problem in guarded(lambda: check_file(source)):
        typer.echo(str(problem), err=True)
    if out is None:
        typer.echo(xml, nl=False)
    else:
        guarded(lambda: _write(out, xml))
        typer.echo(f"wrote {out}", err=True)


def _write(out: Path, xml: str) -> None:
    from edition.problems import EditionError

    try:
        out.write_text(xml, encoding="utf-8")
    except OSError as error:
        raise EditionError(f"cannot write file: {error.strerror}", path=out,
                           rule="io") from None


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
