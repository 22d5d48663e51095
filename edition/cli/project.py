"""Which edition a command works on: the one named on the command line, else the one
the working folder is in (found by its ``edition.toml``, see `edition.config`)."""

from __future__ import annotations

from pathlib import Path

import typer

from edition.cli.guard import guarded
from edition.config import Project

SOURCE_ARGUMENT = typer.Argument(
    None, show_default=False,
    help="Edition folder (with edition.toml) or folder of TEI files (default: the edition "
         "the working folder is in).")
"""The ``SOURCE`` of the commands that build."""
SOURCE_OPTION = typer.Option(
    None, "--source", show_default="the edition the working folder is in",
    help="Edition folder (with edition.toml) or folder of TEI files.")
"""The ``--source`` of the commands that read an edition."""
JOBS_OPTION = typer.Option(
    None, "--jobs", "-j", min=1, show_default="number of cores",
    help="Worker processes for per-text work; 1 builds in this process alone.")


def edition_project(source: Path | None = None) -> Project:
    """The edition of ``source`` (an edition folder or a folder of TEI files), else of
    the working folder; a missing or bad ``edition.toml`` is one line and exit 1."""
    from edition.config import resolve_project

    return guarded(lambda: resolve_project(source))


def tei_folders(paths: list[Path]) -> list[Path]:
    """``paths`` with every edition folder (one holding ``edition.toml``) replaced by the
    folder of TEI files it names; the working folder's edition when none is given."""
    from edition.config import CONFIG_NAME

    if not paths:
        return [edition_project().source]
    return [edition_project(p).source if p.is_dir() and (p / CONFIG_NAME).is_file() else p
            for p in paths]
