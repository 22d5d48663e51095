"""Write a build beside the old one and swap it in only when it is complete.

A build renders into a staging folder next to the output folder. On success the two
folders are exchanged in one atomic ``renameat2(RENAME_EXCHANGE)`` call, and the old
build is removed. Where the kernel or the file system cannot exchange (``ENOSYS``,
``EINVAL``, ``EOPNOTSUPP``), the output becomes a symbolic link to the finished build,
replaced in one atomic ``os.replace``: readers see the old build or the new one, never a
mixture. (Turning a real folder into that link once takes two renames; a build killed in
between leaves ``<out>.swap``, which the next build moves back or removes.) A failed or
killed build therefore never touches the last good one; its staging folder is cleared at
the start of the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}
"""What renameat2 answers where the kernel or the file system cannot exchange."""


def _libc_renameat2():  # noqa: ANN202 - a ctypes function or None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        # int renameat2(int olddirfd, const char *oldpath, int newdirfd,
        #               const char *newpath, unsigned int flags)
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                             ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


_renameat2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing folders atomically; False where this system cannot.

    Any other failure (permissions, a folder gone) raises `OSError` with its errno."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def _site_prefix(out: Path) -> str:
    """Finished builds an output link points at: ``.<out>.site-<pid>-<ns>``."""
    return f".{out.name}.site-"


def _parked(out: Path) -> Path:
    return out.with_name(out.name + ".swap")


def _flip(out: Path, stage: Path) -> None:
    """Make ``out`` a link to the finished ``stage``, replacing what was there in one
    ``os.replace``; the build the old link pointed at is removed afterwards."""
    target = out.with_name(f"{_site_prefix(out)}{os.getpid()}-{time.time_ns()}")
    os.rename(stage, target)
    link = out.with_name(f".{out.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(target.name, link)
    old = os.readlink(out) if out.is_symlink() else None
    os.replace(link, out)
    if old and not os.path.isabs(old):
        shutil.rmtree(out.parent / old, ignore_errors=True)


def swap_in(out: Path, stage: Path) -> None:
    """Put the finished ``stage`` in the place of ``out`` atomically, old build removed."""
    if out.is_symlink():
        _flip(out, stage)
    elif not out.exists():
        os.rename(stage, out)
    elif exchange(out, stage):
        shutil.rmtree(stage, ignore_errors=True)
    else:
        parked = _parked(out)
        os.rename(out, parked)
        _flip(out, stage)
        shutil.rmtree(parked, ignore_errors=True)


def clear_stale_staging(out: Path) -> None:
    """Remove what a failed or killed build left: staging folders, a half-made link, a
    parked ``<out>.swap`` (moved back when the build was killed before ``out`` was
    replaced) and finished builds no link points at any more."""
    if not out.parent.is_dir():
        return
    parked = _parked(out)
    if parked.is_dir() and not out.exists() and not out.is_symlink():
        os.rename(parked, out)
    shutil.rmtree(parked, ignore_errors=True)
    current = os.readlink(out) if out.is_symlink() else None
    for stale in out.parent.glob(staging_prefix(out) + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.link-*"):
        stale.unlink(missing_ok=True)
    for stale in out.parent.glob(_site_prefix(out) + "*"):
        if stale.name != current:
            shutil.rmtree(stale, ignore_errors=True)


def output_path(out: Path) -> Path:
    """``out`` made absolute without following it: it may be a link to the build."""
    return out.parent.resolve() / out.name


@contextmanager
def staged_output(out: Path, keep: set[str] = frozenset()) -> Iterator[Path]:
    """Yield an empty staging folder; on success it becomes ``out``.

    Top-level products named in ``keep`` (for instance ``pdf`` when only the HTML is
    rebuilt) are carried over from the previous build by hard links, so they survive.
    """
    out = output_path(out)
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
        swap_in(out, stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
