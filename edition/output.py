"""Write a build beside the old one and swap it in only when it is complete.

A build renders into a staging folder next to the output folder. On success the two
folders are exchanged in one atomic ``renameat2(RENAME_EXCHANGE)`` call where the
kernel offers it (two renames otherwise), and the old build is removed. A failed or
killed build therefore never touches the last good one; its staging folder is cleared
at the start of the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc_renameat2():  # noqa: ANN202 - a ctypes function or None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    return getattr(libc, "renameat2", None)


_renameat2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> None:
    """Swap two existing folders atomically (falls back to two renames)."""
    if _renameat2 is not None:
        if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                      _RENAME_EXCHANGE) == 0:
            return
    parked = a.with_name(a.name + ".swap")
    os.rename(a, parked)
    os.rename(b, a)
    os.rename(parked, b)


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def clear_stale_staging(out: Path) -> None:
    """Remove staging folders that a failed or killed build left behind."""
    if not out.parent.is_dir():
        return
    for stale in out.parent.glob(staging_prefix(out) + "*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged_output(out: Path, keep: set[str] = frozenset()) -> Iterator[Path]:
    """Yield an empty staging folder; on success it becomes ``out``.

    Top-level products named in ``keep`` (for instance ``pdf`` when only the HTML is
    rebuilt) are carried over from the previous build by hard links, so they survive.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clear_stale_staging(out)
    stage = out.parent / f"{staging_prefix(out)}{os.getpid()}"
    stage.mkdir()
    try:
        yield stage
        for name in sorted(keep):
            previous = out / name
            if previous.is_dir() and not (stage / name).exists():
                shutil.copytree(previous, stage / name, copy_function=_link_or_copy)
        if out.exists():
            exchange(out, stage)
            shutil.rmtree(stage, ignore_errors=True)
        else:
            os.rename(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
