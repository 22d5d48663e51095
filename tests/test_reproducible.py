"""With SOURCE_DATE_EPOCH set, two builds of the same edition in different folders give
byte-identical HTML, PDFs and deposit zip."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from edition.build import BuildOptions, build, check_edition
from edition.package import make_package

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
PRODUCTS = ("html", "pdf", "deposit")


def _digests(build_dir: Path) -> dict[str, str]:
    return {path.relative_to(build_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for product in PRODUCTS for path in sorted((build_dir / product).rglob("*"))
            if path.is_file()}


def _build_and_package(source: Path, build_dir: Path) -> Path:
    build(BuildOptions(source=source, out=build_dir, reuse=False))
    return make_package(check_edition(source, cache=build_dir).edition, build_dir).path


@pytest.fixture(scope="module")
def two_builds(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Path, Path]:
    first = tmp_path_factory.mktemp("first") / "build"
    second = tmp_path_factory.mktemp("second-elsewhere") / "out" / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        _build_and_package(mini_edition, first)
        _build_and_package(mini_edition, second)
    return first, second


def test_two_builds_give_the_same_files_byte_for_byte(two_builds: tuple[Path, Path]) -> None:
    first, second = (_digests(b) for b in two_builds)
    assert sorted(first) == sorted(second)
    assert any(name.startswith("pdf/") for name in first)
    assert any(name.startswith("html/") for name in first)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == [], f"these files differ between the two builds: {differing}"


def test_the_zip_entries_are_sorted_with_fixed_times_and_permissions(
        two_builds: tuple[Path, Path]) -> None:
    [package] = (two_builds[0] / "deposit").glob("*.zip")
    with zipfile.ZipFile(package) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    with zipfile.ZipFile(package) as archive:
        info = archive.read(f"{names[0].split('/')[0]}/bag-info.txt").decode()
    assert "Bagging-Date: 2023-11-14" in info
