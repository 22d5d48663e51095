"""The bundled edition, built once and packaged: a valid bag that `--check` accepts, with
every TEI file, a PDF per text and metadata tying the edition to its printed sources."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import bagit
import pytest

from edition.cli.package import built_package
from edition.model import load_edition
from edition.package import check_package
from edition.sources import find_xml_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundled_package(bundled_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build_dir = tmp_path_factory.mktemp("bundled") / "build"
        return built_package(bundled_edition, build_dir, strict=False).path


def test_the_bundled_package_is_a_valid_complete_bag(bundled_package: Path,
                                                     bundled_edition: Path,
                                                     tmp_path: Path) -> None:
    assert [p.rule for p in check_package(bundled_package)] == ["deposit-no-doi"]
    with zipfile.ZipFile(bundled_package) as archive:
        archive.extractall(tmp_path)
    [root] = [p for p in tmp_path.iterdir() if p.is_dir()]
    bagit.Bag(str(root)).validate(processes=1)
    tei = {p.relative_to(bundled_edition).as_posix() for p in find_xml_files([bundled_edition])}
    packed = {p.relative_to(root / "data" / "tei").as_posix()
              for p in (root / "data" / "tei").rglob("*.xml") if "schema" not in p.parts}
    assert tei <= packed
    edition = load_edition(bundled_edition)
    pdfs = {p.stem for p in (root / "data" / "pdf").glob("*.pdf")}
    assert {t.id for t in edition.texts} <= pdfs
    zenodo = json.loads((root / "data" / "metadata" / ".zenodo.json").read_text())
    assert any(r["scheme"] == "isbn" for r in zenodo["related_identifiers"])
