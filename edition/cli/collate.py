"""`edition collate`: witnesses of one text to a TEI apparatus (CollateX)."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded, write_file


def collate_command(
    witnesses: list[Path] = typer.Argument(
        ..., help="Two or more witnesses: plain text (.txt) or TEI (.xml, the body's "
                  "edited reading); the siglum is the file name without the extension."),
    base: str = typer.Option(
        None, "--base", help="Siglum of the witness whose text is printed (default: the "
                             "first witness)."),
    text_id: str = typer.Option(
        ..., "--id", help="The xml:id of the text written (its paragraphs are ID.1, ID.2 …)."),
    out: Path = typer.Option(
        None, "--out", help="Where to write the TEI (default: standard output)."),
    siglum: list[str] = typer.Option(
        [], "--siglum", help="FILE=SIGLUM: the siglum of a witness other than its file "
                             "name; repeat for several."),
    ignore: str = typer.Option(
        "", "--ignore", help="Differences the comparison leaves aside: punctuation, case, "
                             "or both separated by a comma."),
) -> None:
    """Collate witnesses with CollateX into TEI parallel segmentation.

    Adjacent differences form one variant location (one app); the base witness's
    reading is the lem, each other reading a rdg with its witnesses. The number of
    variant locations is printed on standard error. The output is deterministic.

    Example: edition collate A.txt B.txt --base A --id letter --out texts/letter.xml
    """
    from edition.collate import Normalisation, collate_files

    overrides = guarded(lambda: _sigla(siglum))
    normalisation = guarded(lambda: Normalisation.parse(ignore))
    xml, count = guarded(lambda: collate_files(witnesses, base, text_id, overrides,
                                               normalisation))
    if out is None:
        typer.echo(xml, nl=False)
    else:
        guarded(lambda: write_file(out, xml))
    typer.echo(f"{count} variant locations in {len(witnesses)} witnesses"
               + (f"; wrote {out}" if out else ""), err=True)


def _sigla(pairs: list[str]) -> dict[Path, str]:
    from edition.problems import EditionError

    found: dict[Path, str] = {}
    for pair in pairs:
        path, sep, siglum = pair.rpartition("=")
        if not sep or not path or not siglum:
            raise EditionError(f"--siglum {pair!r}: give FILE=SIGLUM, e.g. A.txt=A",
                               rule="collate-usage")
        found[Path(path)] = siglum
    return found


def register(app: typer.Typer) -> None:
    app.command("collate")(collate_command)
