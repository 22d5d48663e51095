"""Turn failures into one readable line and an exit code, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from edition.problems import EditionError

T = TypeVar("T")

EXIT_CONTENT = 1  # the content has errors
EXIT_INTERNAL = 70  # a bug in edition itself (EX_SOFTWARE)


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``; report an `EditionError` or an unexpected failure in one line.

    Set EDITION_DEBUG=1 to see the traceback of an unexpected failure.
    """
    try:
        return action()
    except EditionError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_CONTENT) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except RecursionError:
        typer.echo("error: input nested too deeply to process [too-deep]", err=True)
        raise typer.Exit(EXIT_CONTENT) from None
    except MemoryError:
        typer.echo("error: input too large to process in memory [too-large]", err=True)
        raise typer.Exit(EXIT_CONTENT) from None
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if os.environ.get("EDITION_DEBUG"):
            raise
        name = type(error).__name__
        print(f"internal error: {name}: {error} (set EDITION_DEBUG=1 for details) [internal]",
              file=sys.stderr)
        raise typer.Exit(EXIT_INTERNAL) from None


def write_file(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` as UTF-8; a failure is an `EditionError` naming the file."""
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise EditionError(f"cannot write file: {error.strerror}", path=out,
                           rule="io") from None
