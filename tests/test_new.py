"""`edition new`: a new edition folder that validates and builds at once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from edition.build import BuildOptions, build
from edition.cli import app
from edition.model import load_edition
from edition.paths import NSMAP
from edition.problems import EditionError
from edition.scaffold import licence
from edition.validate import validate_paths


def new(folder: Path, *options: str):
    return CliRunner().invoke(app, ["new", str(folder), *options])


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "letters-1890"
    result = new(folder, "--title", "Letters & Notes of 1890", "--editor", "Doe, Jane",
                 "--editor", "Kim Il Sung", "--publisher", "Small Press", "--licence",
                 "cc-by-sa-4.0", "--lang", "de-CH")
    assert result.exit_code == 0, result.output
    return folder


def test_the_folder_holds_the_edition_files(letters: Path) -> None:
    files = sorted(p.relative_to(letters).as_posix() for p in letters.rglob("*") if p.is_file())
    assert files == ["README.md", "edition.toml", "edition.xml", "registers/events.xml",
                     "registers/orgs.xml", "registers/persons.xml", "registers/places.xml",
                     "texts/sample.xml"]
    readme = (letters / "README.md").read_text()
    for command in ("import", "annotate", "validate", "build", "serve", "cite", "package"):
        assert f"edition {command}" in readme


def test_the_header_is_made_from_the_options(letters: Path) -> None:
    meta = load_edition(letters).meta
    assert meta.title == "Letters & Notes of 1890"
    assert meta.id == "letters-1890"
    assert meta.publisher == "Small Press"
    assert [(e.family, e.given, e.literal) for e in meta.editors] == [
        ("Doe", "Jane", None), (None, None, "Kim Il Sung")]
    assert meta.licence_url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert "Creative Commons Attribution Share Alike 4.0 International" in meta.licence
    assert meta.languages == ("de-CH",)
    header = etree.parse(str(letters / "edition.xml"))
    assert header.xpath("//tei:language/text()", namespaces=NSMAP) == ["German"]


def test_the_sample_shows_a_name_a_date_a_note_and_a_correction(letters: Path) -> None:
    text = etree.parse(str(letters / "texts" / "sample.xml"))
    body = text.getroot().find(".//tei:body", NSMAP)
    assert body.xpath(".//tei:persName[@ref='#thomas-reed']", namespaces=NSMAP)
    assert body.xpath(".//tei:date[@when]", namespaces=NSMAP)
    assert body.xpath(".//tei:note[@resp='#ed1']", namespaces=NSMAP)
    assert body.xpath(".//tei:choice[tei:sic][tei:corr/@resp='#ed1']", namespaces=NSMAP)


def test_the_registers_are_empty_but_for_the_person_the_sample_names(letters: Path) -> None:
    registers = load_edition(letters).registers
    assert [e.id for r in registers.values() for e in r.entries] == ["thomas-reed"]


def test_the_new_edition_validates_without_a_single_problem(letters: Path) -> None:
    assert validate_paths([letters]) == []


def test_the_new_edition_builds_its_site_and_pdfs_at_once(letters: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    report = build(BuildOptions(source=letters, out=out, jobs=1))
    assert report.problems == []
    page = (out / "html" / "texts" / "sample.html").read_text()
    assert "Thomas Reed" in page and "received" in page
    assert (out / "html" / "index.html").is_file()
    text = subprocess.run(["pdftotext", str(out / "pdf" / "letters-1890.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Letters & Notes of 1890" in text and "I have received your letter" in text


def test_a_folder_that_is_not_empty_is_refused_and_left_untouched(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    result = new(tmp_path, "--editor", "Doe, Jane")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "exists and is not empty" in result.output
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()} == before


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    folder = tmp_path / "war_letters"
    folder.mkdir()
    assert new(folder, "--editor", "Doe, Jane").exit_code == 0
    assert (folder / "edition.toml").is_file()
    assert load_edition(folder).meta.title == "War letters"
    assert load_edition(folder).meta.id == "war-letters"


@pytest.mark.parametrize("options, words", [
    (["--editor", "Doe, Jane", "--licence", "CC-BY-4"], ["--licence 'CC-BY-4'", "SPDX",
                                                          "did you mean CC-BY-4.0?"]),
    (["--editor", "Doe, Jane", "--lang", "english"], ["--lang 'english'", "BCP 47"]),
    ([], ["--editor"]),
    (["--editor", "Doe, Jane", "--title", " "], ["--title"]),
])
def test_bad_options_are_one_line_and_nothing_is_written(tmp_path: Path, options: list[str],
                                                         words: list[str]) -> None:
    folder = tmp_path / "ed"
    result = new(folder, *options)
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0, result.output
    for word in words:
        assert word in result.output
    assert not folder.exists()


@pytest.mark.parametrize("identifier, spelled, url", [
    ("CC0-1.0", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("MIT", "MIT", "https://spdx.org/licenses/MIT.html"),
])
def test_licences_link_to_their_deed_or_the_spdx_page(identifier: str, spelled: str,
                                                      url: str) -> None:
    key, name, found = licence(identifier)
    assert (key, found) == (spelled, url) and name


def test_a_licence_that_is_not_spdx_is_refused() -> None:
    with pytest.raises(EditionError, match="not an SPDX licence identifier"):
        licence("all rights reserved")


def test_the_build_date_is_the_header_date(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(os.environ, "SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert new(tmp_path / "ed", "--editor", "Doe, Jane").exit_code == 0
    assert load_edition(tmp_path / "ed").meta.date == "2026-01-01"


def test_the_build_inside_the_edition_folder_is_never_read_as_tei(tmp_path: Path) -> None:
    from edition.sources import find_xml_files

    folder = tmp_path / "ed"
    assert new(folder, "--editor", "Doe, Jane").exit_code == 0
    before = find_xml_files([folder])
    build(BuildOptions(source=folder, out=folder / "build", pdf=False, jobs=1))
    assert (folder / "build" / "html" / "tei" / "sample.xml").is_file()  # the download copy
    (folder / ".build.staging-1").mkdir()  # what a killed build leaves
    (folder / ".build.staging-1" / "x.xml").write_text("<not-tei/>")
    assert find_xml_files([folder]) == before
    assert validate_paths([folder]) == []
