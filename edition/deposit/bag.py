"""What a deposit sends from a bag: its DataCite record, the zip, and the PDFs beside it.

The bag is checked first (`edition.package.check_package`); one with errors is never
deposited. A bag folder is zipped as ``edition package`` would have written it. The PDFs
are uploaded beside the zip so that the repository can preview them.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition.deposit.http import Upload
from edition.package.archive import write_zip
from edition.package.check import check_package
from edition.problems import ContentErrors, Severity


@dataclass(frozen=True)
class BagFiles:
    record: dict[str, Any]
    """The bag's DataCite record (``data/metadata/datacite.json``)."""
    files: dict[str, Upload]
    """Key on the server → the local file."""


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _upload(path: Path, label: str = "") -> Upload:
    return Upload(path, path.stat().st_size, md5_of(path), label)


def _unpacked(bag: Path, into: Path) -> Path:
    with zipfile.ZipFile(bag) as archive:
        names = [n for n in archive.namelist()
                 if (n.count("/") == 3 and "/data/pdf/" in n and n.endswith(".pdf"))
                 or n.endswith("/data/metadata/datacite.json")]
        archive.extractall(into, members=names)
    [root] = [p for p in into.iterdir() if p.is_dir()]
    return root


@contextmanager
def opened_bag(bag: Path) -> Iterator[BagFiles]:
    """The record and files of the bag (a zip, or a bag folder zipped here)."""
    problems = check_package(bag)
    if any(p.severity == Severity.ERROR for p in problems):
        raise ContentErrors(problems)
    with tempfile.TemporaryDirectory(prefix="edition-deposit-") as temporary:
        work = Path(temporary)
        if bag.is_dir():
            root = bag.resolve()
            archive = work / f"{root.name}.zip"
            write_zip(root, archive, prefix=root.name)
        else:
            archive, root = bag.resolve(), _unpacked(bag, work / "unpacked")
        record = json.loads((root / "data" / "metadata" / "datacite.json").read_bytes())
        files = {archive.name: _upload(archive)}
        files |= {pdf.name: _upload(pdf, f"{bag}:{root.name}/data/pdf/{pdf.name}")
                  for pdf in sorted((root / "data" / "pdf").glob("*.pdf"))}
        yield BagFiles(record, files)
