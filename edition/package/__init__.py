"""The repository deposit: ``build/deposit/<edition-id>-<version>.zip``, a BagIt bag with
the TEI, the HTML site, the PDFs and DataCite, Dublin Core, CFF and Zenodo metadata.

- `make_package(source, build_dir)` builds the edition first when ``build_dir`` lacks the
  HTML or the PDFs, then writes the zip and returns its path;
- `check_package(path)` verifies a package (zip or bag folder) and returns its problems.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from edition.package.archive import write_zip
from edition.package.bag import assemble_bag
from edition.package.check import check_package

DEPOSIT_FOLDER = "deposit"

__all__ = ["check_package", "make_package", "package_name"]


def package_name(edition_id: str, version: str) -> str:
    return f"{edition_id}-{version}"


def make_package(source: Path, build_dir: Path) -> Path:
    """Write the deposit zip of the edition at ``source`` into ``build_dir/deposit/``.

    The edition is validated (an invalid edition is never packaged); the HTML and PDFs
    come from ``build_dir``, built first if either is missing."""
    from edition.build import BuildOptions, build, check_edition

    build_dir = build_dir.resolve()
    if not (build_dir / "html").is_dir() or not (build_dir / "pdf").is_dir():
        build(BuildOptions(source=source, out=build_dir))
    # files the build already checked (unchanged since) are taken from its cache
    edition = check_edition(source, cache=build_dir).edition
    name = package_name(edition.meta.id, edition.meta.version)
    deposit = build_dir / DEPOSIT_FOLDER
    deposit.mkdir(parents=True, exist_ok=True)
    target = deposit / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix=".bag-", dir=deposit) as temporary:
        folder = Path(temporary) / name
        folder.mkdir()
        assemble_bag(edition, build_dir, folder)
        write_zip(folder, target, prefix=name)
    return target
