"""The DOI, from the edition header or reserved in ``edition.toml``, reaches every output
that cites the edition, and the DataCite record validates against the official schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from edition.cli import app
from edition.model import load_edition
from edition.package import check_package
from edition.package.datacite import datacite_record, datacite_xml, validate_record
from edition.problems import EditionError

ROOT = Path(__file__).resolve().parent.parent
XSD = ROOT.parent / "shared" / "datacite" / "kernel-4.5" / "metadata.xsd"
DATACITE = "{http://datacite.org/schema/kernel-4}"
DOI, CONCEPT = "10.5281/zenodo.1234568", "10.5281/zenodo.1234566"
PREVIOUS = "10.5281/zenodo.1234567"
ROR = "https://ror.org/05dxps055"
DEPOSIT_TOML = f"""[deposit]
doi = "https://doi.org/{DOI}"
concept_doi = "{CONCEPT}"
previous_doi = "{PREVIOUS}"
"""


@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    if not XSD.is_file():
        pytest.skip(f"the DataCite 4.5 XSD is not at {XSD} (the shared folder beside the "
                    "worktree holds it)")
    return etree.XMLSchema(etree.parse(str(XSD)))


def with_deposit_config(source: Path, target: Path, editor: str | None = None) -> Path:
    shutil.copytree(source, target)
    (target / "edition.toml").write_text(DEPOSIT_TOML, encoding="utf-8")
    if editor:
        header = target / "edition.xml"
        text = header.read_text(encoding="utf-8")
        header.write_text(text.replace("</titleStmt>", f"{editor}</titleStmt>", 1),
                          encoding="utf-8")
    return target


def schema_errors(xsd: etree.XMLSchema, xml: bytes) -> list[str]:
    xsd.validate(etree.fromstring(xml))
    return [f"{e.line}: {e.message}" for e in xsd.error_log]


def test_the_bundled_edition_with_a_doi_is_valid_datacite_xml_and_json(
        bundled_edition: Path, tmp_path: Path, xsd: etree.XMLSchema) -> None:
    edition = load_edition(with_deposit_config(bundled_edition, tmp_path / "tei"))
    record = datacite_record(edition)
    assert validate_record(record) == []
    assert schema_errors(xsd, datacite_xml(record)) == []
    root = etree.fromstring(datacite_xml(record))
    assert root.findtext(f"{DATACITE}identifier") == DOI
    rights = root.find(f"{DATACITE}rightsList/{DATACITE}rights")
    assert rights.get("rightsURI") == "https://creativecommons.org/licenses/by/4.0/"
    assert (rights.get("rightsIdentifier"), rights.get("rightsIdentifierScheme")) == (
        "CC-BY-4.0", "SPDX")
    versions = {(r.get("relationType"), r.text) for r in root.iter(f"{DATACITE}relatedIdentifier")
                if r.get("relatedIdentifierType") == "DOI"}
    assert versions == {("IsVersionOf", CONCEPT), ("IsNewVersionOf", PREVIOUS)}


def test_without_a_doi_the_record_fails_the_xsd_only_for_its_identifier(
        bundled_edition: Path, xsd: etree.XMLSchema) -> None:
    record = datacite_record(load_edition(bundled_edition))
    assert "doi" not in record and validate_record(record) == []
    [error] = schema_errors(xsd, datacite_xml(record))
    assert "identifier" in error


def test_orcid_and_ror_of_contributors_reach_the_record(mini_edition: Path, tmp_path: Path,
                                                        xsd: etree.XMLSchema) -> None:
    editor = (f'<editor><orgName>Institute of Examples<idno type="ROR">{ROR}</idno></orgName>'
              "</editor>")
    edition = load_edition(with_deposit_config(mini_edition, tmp_path / "mini", editor))
    xml = datacite_xml(datacite_record(edition))
    assert schema_errors(xsd, xml) == []
    creators = etree.fromstring(xml).findall(f"{DATACITE}creators/{DATACITE}creator")
    found = [(c.findtext(f"{DATACITE}creatorName"),
              c.find(f"{DATACITE}creatorName").get("nameType"),
              c.findtext(f"{DATACITE}nameIdentifier"),
              c.find(f"{DATACITE}nameIdentifier").get("nameIdentifierScheme")) for c in creators]
    assert found == [("Editor, Ada", "Personal", "https://orcid.org/0000-0002-1825-0097", "ORCID"),
                     ("Institute of Examples", "Organizational", ROR, "ROR")]


def test_a_header_doi_that_disagrees_with_edition_toml_is_refused(mini_edition: Path,
                                                                  tmp_path: Path) -> None:
    folder = with_deposit_config(mini_edition, tmp_path / "mini")
    header = folder / "edition.xml"
    header.write_text(header.read_text(encoding="utf-8").replace(
        '<idno type="edition-id">',
        '<idno type="DOI">10.1000/other</idno><idno type="edition-id">'),
        encoding="utf-8")
    with pytest.raises(EditionError, match="declares DOI 10.1000/other, but edition.toml"):
        load_edition(folder)


def test_a_malformed_doi_in_edition_toml_is_one_line_naming_the_file(mini_edition: Path,
                                                                      tmp_path: Path) -> None:
    folder = with_deposit_config(mini_edition, tmp_path / "mini")
    (folder / "edition.toml").write_text('[deposit]\ndoi = "zenodo 42"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["cite", "edition", "--source", str(folder)])
    assert result.exit_code == 1
    assert "edition.toml" in result.output and "is not a DOI" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def doi_build(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini edition with a DOI reserved in edition.toml, built and packaged."""
    folder = with_deposit_config(mini_edition, tmp_path_factory.mktemp("doi") / "mini")
    out = folder.parent / "build"
    result = CliRunner().invoke(app, ["package", "--source", str(folder), "--build", str(out),
                                      "--strict"])
    assert result.exit_code == 0, result.output
    return out


def test_a_reserved_doi_reaches_every_output_that_cites_the_edition(doi_build: Path) -> None:
    home = (doi_build / "html" / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="citation_doi" content="{DOI}">' in home
    assert f"https://doi.org/{DOI}" in home
    imprint = subprocess.run(["pdftotext", "-l", "6", str(doi_build / "pdf" / "mini.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert f"DOI: {DOI}" in imprint
    with zipfile.ZipFile(doi_build / "deposit" / "mini-1.2.0.zip") as archive:
        def member(name: str) -> str:
            return archive.read(f"mini-1.2.0/data/metadata/{name}").decode("utf-8")
        assert json.loads(member("datacite.json"))["doi"] == DOI
        assert json.loads(member(".zenodo.json"))["doi"] == DOI
        assert {"identifier": CONCEPT, "relation": "isVersionOf", "scheme": "doi"} in json.loads(
            member(".zenodo.json"))["related_identifiers"]
        assert f"doi: {DOI}" in member("CITATION.cff")
        dublin_core = member("dublin-core.xml")
        assert f"<dc:identifier>https://doi.org/{DOI}</dc:identifier>" in dublin_core
        assert f"<dc:relation>https://doi.org/{PREVIOUS}</dc:relation>" in dublin_core
        assert json.loads(member("citation.json"))[0]["DOI"] == DOI
        assert f"doi = {{{DOI}}}" in member("citation.bib")
        assert f"DO  - {DOI}" in member("citation.ris")
        bag_info = archive.read("mini-1.2.0/bag-info.txt").decode("utf-8")
    assert f"External-Identifier: https://doi.org/{DOI}" in bag_info
    assert "Deposit-Status" not in bag_info


def test_the_packaged_record_with_a_doi_passes_the_xsd_and_the_check(
        doi_build: Path, xsd: etree.XMLSchema) -> None:
    package = doi_build / "deposit" / "mini-1.2.0.zip"
    assert check_package(package) == []
    with zipfile.ZipFile(package) as archive:
        xml = archive.read("mini-1.2.0/data/metadata/datacite.xml")
    assert schema_errors(xsd, xml) == []
