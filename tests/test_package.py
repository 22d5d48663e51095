"""`edition package`: the BagIt deposit, its metadata, and `--check` on sound and damaged bags."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from edition.cli import app
from edition.cli.package import built_package
from edition.model import Edition, load_edition
from edition.package import check_package, make_package
from edition.package.datacite import datacite_record, datacite_xml, validate_record
from edition.problems import Severity

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
DATACITE = "{http://datacite.org/schema/kernel-4}"


@pytest.fixture(scope="module")
def mini_package(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini edition built once and packaged (the command builds what is missing)."""
    build_dir = tmp_path_factory.mktemp("mini-build") / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return built_package(mini_edition, build_dir, strict=False).path


@pytest.fixture(scope="module")
def mini_bag(mini_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mini-bag")
    with zipfile.ZipFile(mini_package) as archive:
        archive.extractall(folder)
    return folder / "mini-1.2.0"


@pytest.fixture
def bag_copy(mini_bag: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(mini_bag, tmp_path / "bag"))


def test_the_package_is_named_after_the_edition_and_its_version(mini_package: Path) -> None:
    assert mini_package.name == "mini-1.2.0.zip"
    assert mini_package.parent.name == "deposit"


def test_the_bag_validates_with_bagit_and_has_both_manifests(mini_bag: Path) -> None:
    bag = bagit.Bag(str(mini_bag))
    bag.validate(processes=1)
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert bag.info["Bagging-Date"] == "2026-01-01"
    assert bag.info["External-Identifier"] == "mini-1.2.0"


def test_the_bag_holds_tei_schema_html_pdfs_and_metadata(mini_bag: Path) -> None:
    data = mini_bag / "data"
    for member in ("tei/edition.xml", "tei/texts/mini1.xml", "tei/registers/persons.xml",
                   "tei/schema/edition.rng", "html/index.html", "metadata/datacite.xml",
                   "metadata/dublin-core.xml", "metadata/CITATION.cff",
                   "metadata/.zenodo.json", "metadata/citation.bib"):
        assert (data / member).is_file(), member
    assert list((data / "pdf").glob("*.pdf"))
    assert (data / "pdf" / "mini1.pdf").read_bytes().startswith(b"%PDF")


def test_datacite_xml_is_the_schema_valid_record_in_kernel_4(mini_bag: Path) -> None:
    metadata = mini_bag / "data" / "metadata"
    record = json.loads((metadata / "datacite.json").read_text())
    assert validate_record(record) == []
    xml = (metadata / "datacite.xml").read_bytes()
    assert xml == datacite_xml(record)
    root = etree.fromstring(xml)
    assert root.tag == f"{DATACITE}resource"
    assert root.findtext(f"{DATACITE}publicationYear") == "2026"
    assert root.find(f"{DATACITE}resourceType").get("resourceTypeGeneral") == "Book"
    orcid = root.find(f".//{DATACITE}creator/{DATACITE}nameIdentifier")
    assert orcid.text == "https://orcid.org/0000-0002-1825-0097"
    assert root.find(f"{DATACITE}identifier") is None  # no DOI declared, none invented


def test_a_declared_doi_becomes_the_identifier(mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    edition = dataclasses.replace(edition, meta=dataclasses.replace(edition.meta,
                                                                    doi="10.5281/zenodo.42"))
    root = etree.fromstring(datacite_xml(datacite_record(edition)))
    identifier = root.find(f"{DATACITE}identifier")
    assert (identifier.text, identifier.get("identifierType")) == ("10.5281/zenodo.42", "DOI")


def test_the_bundled_edition_is_tied_to_its_sources(bundled_edition: Path) -> None:
    edition: Edition = load_edition(bundled_edition)
    record = datacite_record(edition)
    assert validate_record(record) == []
    isbns = {r["relatedIdentifier"] for r in record.get("relatedIdentifiers", [])
             if r["relatedIdentifierType"] == "ISBN"}
    expected = {s.isbn.replace(" ", "") for t in edition.texts for s in t.meta.sources
                if s.isbn}
    assert expected and isbns == expected
    years = {item.get("publicationYear") for item in record["relatedItems"]}
    assert {t.meta.date[:4] for t in edition.texts if t.meta.date} <= years
    assert all(i["relationType"] == "IsDerivedFrom" for i in record["relatedItems"])


def test_citation_cff_validates_with_cffconvert(mini_bag: Path, tmp_path: Path) -> None:
    cff = tmp_path / "CITATION.cff"
    shutil.copyfile(mini_bag / "data" / "metadata" / "CITATION.cff", cff)
    result = subprocess.run([sys.executable, "-m", "cffconvert", "--validate", "-i", str(cff)],
                            capture_output=True, text=True)
    if "No module named cffconvert" in result.stderr:  # the package has no __main__
        result = subprocess.run([shutil.which("cffconvert") or "cffconvert", "--validate",
                                 "-i", str(cff)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(cff.read_text())
    assert data["authors"] == [{"family-names": "Editor", "given-names": "Ada",
                                "orcid": "https://orcid.org/0000-0002-1825-0097"}]
    assert data["version"] == "1.2.0" and data["license"] == "CC-BY-4.0"


def test_zenodo_and_dublin_core_metadata_describe_the_edition(mini_bag: Path) -> None:
    metadata = mini_bag / "data" / "metadata"
    zenodo = json.loads((metadata / ".zenodo.json").read_text())
    assert zenodo["upload_type"] == "publication" and zenodo["version"] == "1.2.0"
    assert zenodo["creators"] == [{"name": "Editor, Ada", "orcid": "0000-0002-1825-0097"}]
    assert "doi" not in zenodo
    dc = etree.parse(str(metadata / "dublin-core.xml")).getroot()
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert dc.xpath("dc:title/text()", namespaces=ns) == [
        "A Miniature Edition: Fixture for the test suite"]
    assert dc.xpath("dc:rights/text()", namespaces=ns)[0].endswith("/licenses/by/4.0/")


def test_check_accepts_the_sound_package_and_its_folder(mini_package: Path,
                                                        mini_bag: Path) -> None:
    for package in (mini_package, mini_bag):
        [draft] = check_package(package)  # the mini edition has no DOI
        assert (draft.severity, draft.rule) == (Severity.WARNING, "deposit-no-doi")


def test_check_names_a_modified_file(bag_copy: Path) -> None:
    page = bag_copy / "data" / "html" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"<", b"[", 1))  # same size, other bytes
    problems = check_package(bag_copy)
    assert [p.rule for p in problems if p.severity == Severity.ERROR] == ["package-checksum"]
    assert problems[0].path.endswith("data/html/index.html")


def test_check_names_a_missing_file(bag_copy: Path) -> None:
    (bag_copy / "data" / "tei" / "texts" / "mini1.xml").unlink()
    problems = check_package(bag_copy)
    assert any(p.rule == "package-missing-file" and p.path.endswith("data/tei/texts/mini1.xml")
               for p in problems)


def test_check_names_an_unlisted_file_and_broken_metadata(bag_copy: Path) -> None:
    (bag_copy / "data" / "html" / "extra.html").write_text("<p>added later</p>")
    cff = bag_copy / "data" / "metadata" / "CITATION.cff"
    cff.write_text("cff-version: 1.2.0\n")
    problems = check_package(bag_copy)
    assert any(p.rule == "package-unexpected-file" and p.path.endswith("data/html/extra.html")
               for p in problems)
    assert any(p.rule == "package-checksum" and p.path.endswith("CITATION.cff")
               for p in problems)
    assert any(p.rule == "package-metadata" and "title" in p.message for p in problems)


def test_check_on_the_command_line_exits_non_zero_naming_the_file(bag_copy: Path,
                                                                  tmp_path: Path) -> None:
    (bag_copy / "data" / "metadata" / "dublin-core.xml").unlink()
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as archive:
        for path in sorted(bag_copy.rglob("*")):
            if path.is_file():
                archive.write(path, f"bag/{path.relative_to(bag_copy).as_posix()}")
    result = CliRunner().invoke(app, ["package", "--check", str(damaged)])
    assert result.exit_code == 1
    assert "data/metadata/dublin-core.xml" in result.output
    assert "Traceback" not in result.output


def test_check_refuses_a_file_that_is_no_zip(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip")
    result = CliRunner().invoke(app, ["package", "--check", str(bogus)])
    assert result.exit_code == 1
    assert "[package-zip]" in result.output


def test_the_package_command_writes_the_zip_and_its_check_passes(mini_edition: Path,
                                                                  mini_package: Path) -> None:
    build_dir = mini_package.parent.parent
    runner = CliRunner()
    result = runner.invoke(app, ["package", "--source", str(mini_edition), "--build",
                                 str(build_dir)], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    [warning, wrote] = result.output.strip().splitlines()
    assert wrote == f"wrote {mini_package}"
    assert "warning: the edition has no DOI" in warning and "[deposit-no-doi]" in warning
    # located where the DOI would be declared: the header's publicationStmt
    line = next(n for n, text in enumerate(
        (mini_edition / "edition.xml").read_text(encoding="utf-8").splitlines(), 1)
        if "<publicationStmt" in text)
    assert f"edition.xml:{line}:1: warning:" in warning
    result = runner.invoke(app, ["package", "--check", str(mini_package)])
    assert result.exit_code == 0
    assert "bag is complete and valid (a draft" in result.output
    assert "warning: a draft: the DataCite record has no DOI" in result.output
    result = runner.invoke(app, ["package", "--check", str(mini_package), "--strict"])
    assert result.exit_code == 1 and "[deposit-no-doi]" in result.output


def test_package_strict_refuses_an_edition_without_doi_and_writes_nothing(
        mini_edition: Path, mini_package: Path) -> None:
    before = mini_package.read_bytes()
    result = CliRunner().invoke(app, ["package", "--source", str(mini_edition), "--build",
                                      str(mini_package.parent.parent), "--strict"])
    assert result.exit_code == 1
    assert "the edition has no DOI" in result.output and "Traceback" not in result.output
    assert mini_package.read_bytes() == before


def test_packaging_needs_a_built_edition_and_builds_nothing(mini_edition: Path,
                                                            tmp_path: Path) -> None:
    from edition.problems import EditionError

    with pytest.raises(EditionError, match="build the edition first"):
        make_package(load_edition(mini_edition), tmp_path / "empty")
    assert not (tmp_path / "empty").exists()


def test_the_deposit_survives_a_later_build(mini_edition: Path, mini_package: Path) -> None:
    from edition.build import BuildOptions, build

    before = mini_package.read_bytes()
    build(BuildOptions(source=mini_edition, out=mini_package.parent.parent, pdf=False,
                       reuse=False))
    assert mini_package.read_bytes() == before
