"""The repository deposit: ``build/deposit/<edition-id>-<version>.zip``, a BagIt bag with
the TEI, the HTML site, the PDFs and DataCite, Dublin Core, CFF and Zenodo metadata.

- `make_package(edition, build_dir)` packages a checked edition whose HTML and PDFs are in
  ``build_dir`` (it builds nothing itself) and returns the zip's path with its warnings;
- `check_package(path)` verifies a package (zip or bag folder) and returns its problems.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from edition.model import Edition
from edition.package.archive import write_zip
from edition.package.bag import assemble_bag, deposit_warnings
from edition.package.check import check_package
from edition.problems import ContentErrors, EditionError, Problem

DEPOSIT_FOLDER = "deposit"

__all__ = ["Package", "check_package", "deposit_warnings", "make_package", "package_name"]


@dataclass(frozen=True)
class Package:
    path: Path
    warnings: list[Problem]
    """What a repository will have to complete (a DOI), reported once."""


def package_name(edition_id: str, version: str) -> str:
    return f"{edition_id}-{version}"


def make_package(edition: Edition, build_dir: Path, strict: bool = False) -> Package:
    """Write the deposit zip of the checked ``edition`` into ``build_dir/deposit/``, with the
    HTML and PDFs of ``build_dir``. With ``strict`` a warning stops it before anything is
    written (`ContentErrors`)."""
    build_dir = build_dir.resolve()
    for product in ("html", "pdf"):
        if not (build_dir / product).is_dir():
            raise EditionError(f"the build has no {product}/ to package: build the edition "
                               "first", path=build_dir, rule="package-unbuilt")
    warnings = deposit_warnings(edition)
    if strict and warnings:
        raise ContentErrors(warnings)
    name = package_name(edition.meta.id, edition.meta.version)
    deposit = build_dir / DEPOSIT_FOLDER
    deposit.mkdir(parents=True, exist_ok=True)
    target = deposit / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix=".bag-", dir=deposit) as temporary:
        folder = Path(temporary) / name
        folder.mkdir()
        assemble_bag(edition, build_dir, folder)
        write_zip(folder, target, prefix=name)
    return Package(target, warnings)
