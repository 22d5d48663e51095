"""Zip a folder reproducibly, and unpack a zip safely.

The same folder gives the same bytes: entries sorted by path, every timestamp set to the
build clock (``SOURCE_DATE_EPOCH`` when set), permissions fixed (0644), fixed compression
level, no extra fields.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

from edition.clock import build_time
from edition.problems import EditionError

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def _timestamp() -> tuple[int, int, int, int, int, int]:
    moment = build_time()
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
             moment.second - moment.second % 2)  # zip times have two-second resolution
    return max(stamp, _ZIP_EPOCH)


def write_zip(folder: Path, target: Path, prefix: str) -> None:
    """Zip every file below ``folder`` as ``prefix/<relative path>`` into ``target``,
    writing beside it first and renaming, so a reader never sees half a zip."""
    stamp = _timestamp()
    partial = target.with_name(f".{target.name}.partial")
    files = sorted((p for p in folder.rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(folder).as_posix())
    with zipfile.ZipFile(partial, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    os.replace(partial, target)


def safe_extract(archive_path: Path, destination: Path) -> None:
    """Unpack ``archive_path``, refusing entries that would land outside ``destination``."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            for name in archive.namelist():
                member = PurePosixPath(name)
                if member.is_absolute() or ".." in member.parts:
                    raise EditionError(f"unsafe path in package: {name}", path=archive_path,
                                       rule="package-unsafe-path")
            archive.extractall(destination)
    except zipfile.BadZipFile as error:
        raise EditionError(f"not a readable zip file: {error}", path=archive_path,
                           rule="package-zip") from None
