"""An incremental build equals a clean one, and a build with nothing changed does nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.synth import generate
from edition.build import BuildOptions, build
from edition.incremental import MANIFEST_NAME, Manifest
from edition.problems import ContentErrors


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def pinned_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def edition(tmp_path: Path, mini_edition: Path) -> Path:
    source = tmp_path / "edition"
    generate(mini_edition, source, 3)
    return source


def _correct_one_text(source: Path) -> Path:
    path = source / "texts" / "mini1-00001.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("visited", "travelled to"),
                    encoding="utf-8")
    return path


def test_after_one_text_changed_only_its_pages_are_made_again_and_equal_a_clean_build(
        tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False, jobs=2))
    _correct_one_text(edition)
    report = build(BuildOptions(edition, out, pdf=False, jobs=2))
    assert report.work["text pages rendered"] == 1
    assert report.work["text pages reused"] == 2
    assert report.work["files checked"] == 1
    clean = tmp_path / "clean"
    build(BuildOptions(edition, clean, pdf=False, jobs=1, reuse=False))
    assert _files(out / "html") == _files(clean / "html")
    assert "travelled to" in (out / "html" / "texts" / "mini1-00001.html").read_text(
        encoding="utf-8")


def test_a_build_with_nothing_changed_leaves_the_output_as_it_was(tmp_path: Path,
                                                                  edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    page = out / "html" / "texts" / "mini1-00002.html"
    before = (os.stat(page).st_ino, os.stat(out / MANIFEST_NAME).st_mtime_ns)
    report = build(BuildOptions(edition, out, pdf=False))
    assert report.up_to_date
    assert not report.work
    assert (os.stat(page).st_ino, os.stat(out / MANIFEST_NAME).st_mtime_ns) == before
    assert any("up to date" in line for line in report.lines())


def test_a_changed_register_entry_renders_the_texts_naming_it_again(tmp_path: Path,
                                                                    edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    persons = edition / "registers" / "persons.xml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        "Leader of the Soviet Union", "Head of the Soviet Union"), encoding="utf-8")
    report = build(BuildOptions(edition, out, pdf=False))
    assert report.work["text pages rendered"] == 3
    assert "Head of the Soviet Union" in (out / "html" / "texts" / "mini1-00000.html"
                                          ).read_text(encoding="utf-8")


def test_every_product_in_the_manifest_is_in_the_output(tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    manifest = Manifest.load(out)
    assert {name for name in manifest.products} == {
        "site", *(f"html:mini1-0000{n}" for n in range(3))}
    assert "html/index.html" in manifest.products["site"].files
    for product in manifest.products.values():
        assert product.files and all((out / f).is_file() for f in product.files)


def test_a_removed_output_file_is_made_again(tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    (out / "html" / "texts" / "mini1-00000.html").unlink()
    report = build(BuildOptions(edition, out, pdf=False))
    assert not report.up_to_date
    assert report.work["text pages rendered"] == 1
    assert (out / "html" / "texts" / "mini1-00000.html").is_file()


def test_a_damaged_cache_is_ignored(tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    shutil.rmtree(out / ".edition-cache")
    (out / MANIFEST_NAME).write_text("garbage", encoding="utf-8")
    report = build(BuildOptions(edition, out, pdf=False))
    assert report.work["files checked"] == len(list(edition.rglob("*.xml")))
    assert report.work["files reused"] == 0
    assert report.work["text pages rendered"] == 3


def test_a_change_of_wording_reuses_the_checks_across_files_but_a_new_pointer_does_not(
        tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    _correct_one_text(edition)
    assert build(BuildOptions(edition, out, pdf=False)).work["cross-file checks reused"] == 1
    text = edition / "texts" / "mini1-00002.xml"
    text.write_text(text.read_text(encoding="utf-8").replace('ref="#moscow"', 'ref="#mosco"'),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(BuildOptions(edition, out, pdf=False))
    assert any(p.rule == "ref-unresolved" and p.path.endswith("mini1-00002.xml")
               for p in raised.value.problems)


def test_a_removed_site_page_makes_the_build_run_again(tmp_path: Path, edition: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False))
    (out / "html" / "index.html").unlink()
    report = build(BuildOptions(edition, out, pdf=False))
    assert not report.up_to_date
    assert report.work["text pages reused"] == 3
    assert (out / "html" / "index.html").is_file()
