"""`edition import`: transcriptions (.txt, .md, .docx, .odt) to TEI drafts."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded, write_file


def import_command(
    source: Path = typer.Argument(
        ..., help="A transcription (.txt, .md, .docx, .odt) or a folder of them."),
    text_id: str = typer.Option(
        "{stem}", "--id",
        help="Identifier of the text, or a pattern of {n} (the text's number) and {stem} "
             "(the file name), e.g. letter-{n:03}."),
    out: Path = typer.Option(
        None, "--out",
        help="Where to write the draft (default: standard output); a folder when the "
             "input gives several texts."),
    registers: Path = typer.Option(
        None, "--registers",
        help="Folder of register files: names speakers in @who and links a letter's "
             "sender, recipient and place."),
    kind: str = typer.Option(
        "auto", "--kind", help="book, article, letter, diary or auto (the default: chosen "
                               "from the text, with the reason printed)."),
    lang: str = typer.Option(
        None, "--lang", help="The text's language as a BCP 47 tag (default: detected)."),
    split_on: str = typer.Option(
        None, "--split-on", help="'heading': one text per top-level heading of the input."),
    report: bool = typer.Option(
        False, "--report", help="Say what was recognised, what was guessed and why, and "
                                "what was left as plain paragraphs."),
) -> None:
    """Turn transcriptions into TEI drafts (deterministic).

    Readings that look like typing or recognition errors in a .txt file, and whatever a
    word-processor file holds that the draft does not represent, are reported as warnings
    on standard error. Nothing is written when any input is bad.

    Example: edition import letters.docx --split-on heading --id letter-{n:03} --out drafts/
    """
    from edition.importer.convert import Options, import_paths

    options = Options(kind, lang, text_id, split_on, registers)
    texts = guarded(lambda: import_paths(source, options))
    _warn(source, texts, kind, report)
    if len(texts) == 1 and (out is None or not out.is_dir()):
        _emit(out, texts[0].xml)
        return
    if out is None:
        guarded(_needs_folder)
    guarded(lambda: _write_all(out, texts))
    typer.echo(f"wrote {len(texts)} drafts to {out}", err=True)


def _warn(source: Path, texts: list, kind: str, report: bool) -> None:
    from edition.importer import check_file
    from edition.importer.convert import describe

    for imported in texts:
        lines = describe(imported)
        for line in lines:
            if ": not represented: " in line:
                place, _, what = line.partition(": not represented: ")
                typer.echo(f"{place}: warning: not represented: {what} [import-lost]",
                           err=True)
            elif report or (kind == "auto" and ": kind: " in line):
                typer.echo(line, err=True)
    if source.is_file() and source.suffix.casefold() == ".txt":
        for problem in guarded(lambda: check_file(source)):
            typer.echo(str(problem), err=True)


def _emit(out: Path | None, xml: str) -> None:
    if out is None:
        typer.echo(xml, nl=False)
        return
    guarded(lambda: write_file(out, xml))
    typer.echo(f"wrote {out}", err=True)


def _needs_folder() -> None:
    from edition.problems import EditionError

    raise EditionError("the input gives several texts: name a folder with --out",
                       rule="import-usage")


def _write_all(folder: Path, texts: list) -> None:
    from edition.problems import EditionError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EditionError(f"cannot make the folder: {error.strerror}", path=folder,
                           rule="io") from None
    for imported in texts:
        write_file(folder / f"{imported.text_id}.xml", imported.xml)


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
