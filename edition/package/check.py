"""Verify a deposit package (zip or bag folder): checksums, required files, metadata.

Every problem names the file it concerns, as ``<package>/<path in bag>``. bagit's own
validation stops at the first failed check (a missing file only shows as a wrong
``Payload-Oxum``), so missing, unexpected and altered payload files are found here first
from the manifests, file by file, before bagit checks the rest of the bag.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import bagit
import yaml
from lxml import etree

from edition.package.archive import safe_extract
from edition.package.bag import DRAFT, DRAFT_FIELD, METADATA_FILES, NO_DOI_RULE
from edition.package.datacite import datacite_xml, validate_record
from edition.package.dublincore import OAI_DC
from edition.problems import EditionError, Problem, Severity, display_path

CFF_REQUIRED = ("cff-version", "message", "title", "authors")
ZENODO_REQUIRED = ("upload_type", "title", "creators", "description")


class _Report:
    def __init__(self, package: Path) -> None:
        self.package = display_path(package)
        self.problems: list[Problem] = []

    def add(self, member: str, message: str, rule: str,
            severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(f"{self.package}/{member}", 0, 0, severity,
                                     message, rule))


def _bag_root(folder: Path) -> Path:
    if (folder / "bagit.txt").is_file():
        return folder
    children = [p for p in folder.iterdir() if p.is_dir()]
    if len(children) == 1 and (children[0] / "bagit.txt").is_file():
        return children[0]
    return folder


def _file_digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_payload(bag: bagit.Bag, root: Path, report: _Report) -> None:
    entries = bag.payload_entries()
    present = {Path(p).as_posix() for p in bag.payload_files()}
    for member in sorted(set(entries) - present):
        report.add(member, "listed in the manifest but missing", "package-missing-file")
    for member in sorted(present - set(entries)):
        report.add(member, "present but not listed in the manifest", "package-unexpected-file")
    for member in sorted(set(entries) & present):
        for algorithm, expected in sorted(entries[member].items()):
            if _file_digest(root / member, algorithm) != expected:
                report.add(member, f"damaged: its {algorithm} checksum does not match the "
                           "manifest", "package-checksum")
                break


def _check_bagit(bag: bagit.Bag, report: _Report) -> None:
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as error:
        details = getattr(error, "details", None) or []
        for detail in details:
            report.add(getattr(detail, "path", "") or "bag", str(detail), "package-bag")
        if not details:
            report.add("bag-info.txt", str(error.message), "package-bag")


def _check_required(root: Path, report: _Report) -> None:
    for name in METADATA_FILES:
        if not (root / "data" / "metadata" / name).is_file():
            report.add(f"data/metadata/{name}", "required metadata file is missing",
                       "package-required")
    if not (root / "data" / "html" / "index.html").is_file():
        report.add("data/html/index.html", "the HTML edition's home page is missing",
                   "package-required")
    for member, what in (("data/html/dts/index.json", "the DTS entry point"),
                         ("data/html/oai.xml", "the OAI-PMH static repository")):
        if not (root / member).is_file():
            report.add(member, f"{what} is missing", "package-required")
    if not any((root / "data" / "pdf").glob("*.pdf")):
        report.add("data/pdf", "no PDF in the package", "package-required")
    if not any((root / "data" / "tei").rglob("*.xml")):
        report.add("data/tei", "no TEI document in the package", "package-required")


def _check_metadata(root: Path, report: _Report) -> None:
    folder = root / "data" / "metadata"

    def read(name: str) -> bytes | None:
        path = folder / name
        return path.read_bytes() if path.is_file() else None

    member = "data/metadata/"
    raw = read("datacite.json")
    if raw is not None:
        try:
            record = json.loads(raw)
            for message in validate_record(record):
                report.add(member + "datacite.json", f"not valid DataCite 4.5: {message}",
                           "package-datacite")
            xml = read("datacite.xml")
            if xml is not None and xml != datacite_xml(record):
                report.add(member + "datacite.xml", "does not match datacite.json",
                           "package-datacite")
        except (ValueError, KeyError, TypeError) as error:
            report.add(member + "datacite.json", f"unreadable: {error}", "package-datacite")
    for name, root_tag in (("datacite.xml", "{http://datacite.org/schema/kernel-4}resource"),
                           ("dublin-core.xml", f"{{{OAI_DC}}}dc")):
        xml = read(name)
        if xml is None:
            continue
        try:
            tag = etree.fromstring(xml, etree.XMLParser(resolve_entities=False,
                                                        no_network=True)).tag
        except etree.XMLSyntaxError as error:
            report.add(member + name, f"not well-formed XML: {error}", "package-metadata")
            continue
        if tag != root_tag:
            report.add(member + name, f"root element is {tag}, expected {root_tag}",
                       "package-metadata")
    _check_keys(read("CITATION.cff"), member + "CITATION.cff", CFF_REQUIRED, yaml.safe_load,
                report)
    _check_keys(read(".zenodo.json"), member + ".zenodo.json", ZENODO_REQUIRED, json.loads,
                report)


OAI_REPOSITORY = "{http://www.openarchives.org/OAI/2.0/static-repository}Repository"


def _check_site_api(root: Path, report: _Report) -> None:
    """The machine-readable files of the site: the DTS entry point and collection, every
    IIIF manifest and image description parse, and oai.xml is a static repository."""
    site = root / "data" / "html"
    files = [site / "dts" / "index.json", site / "dts" / "collection.json",
             *sorted((site / "iiif").glob("*/manifest.json")),
             *sorted((site / "iiif").glob("*/*/info.json"))]
    for path in (p for p in files if p.is_file()):
        try:
            json.loads(path.read_bytes())
        except ValueError as error:
            report.add(path.relative_to(root).as_posix(), f"not JSON: {error}",
                       "package-site-api")
    oai = site / "oai.xml"
    if oai.is_file():
        try:
            tag = etree.parse(str(oai), etree.XMLParser(resolve_entities=False,
                                                        no_network=True)).getroot().tag
        except etree.XMLSyntaxError as error:
            tag = f"not well-formed XML ({error})"
        if tag != OAI_REPOSITORY:
            report.add("data/html/oai.xml", f"not an OAI-PMH static repository: {tag}",
                       "package-site-api")


def _check_keys(raw: bytes | None, member: str, required: tuple[str, ...], load,  # noqa: ANN001
                report: _Report) -> None:
    if raw is None:
        return
    try:
        data = load(raw)
    except (ValueError, yaml.YAMLError) as error:
        report.add(member, f"unreadable: {error}", "package-metadata")
        return
    missing = [key for key in required if not isinstance(data, dict) or not data.get(key)]
    if missing:
        report.add(member, f"lacks required field(s): {', '.join(missing)}",
                   "package-metadata")


def _check_draft(bag: bagit.Bag, root: Path, report: _Report) -> None:
    """A record without DOI is a draft, and ``bag-info.txt`` must say so (and only then)."""
    try:
        record = json.loads((root / "data" / "metadata" / "datacite.json").read_bytes())
    except (OSError, ValueError):
        return  # reported by the metadata checks
    draft = bag.info.get(DRAFT_FIELD) == DRAFT
    if not isinstance(record, dict) or record.get("doi"):
        if draft:
            report.add("bag-info.txt", f"{DRAFT_FIELD}: {DRAFT}, but the DataCite record has "
                       "a DOI", "package-draft")
        return
    if not draft:
        report.add("bag-info.txt", f"the DataCite record has no DOI, but {DRAFT_FIELD} is "
                   f"not {DRAFT}", "package-draft")
        return
    report.add("data/metadata/datacite.json", "a draft: the DataCite record has no DOI "
               "(identifier), which the repository has to assign", NO_DOI_RULE,
               Severity.WARNING)


def check_bag_folder(folder: Path, package: Path) -> list[Problem]:
    report = _Report(package)
    root = _bag_root(folder)
    try:
        bag = bagit.Bag(str(root))
    except bagit.BagError as error:
        report.add("bagit.txt", f"not a BagIt bag: {error}", "package-bag")
        return report.problems
    _check_payload(bag, root, report)
    if not report.problems:
        _check_bagit(bag, report)
    _check_required(root, report)
    _check_metadata(root, report)
    _check_site_api(root, report)
    _check_draft(bag, root, report)
    return sorted(set(report.problems))


def check_package(path: Path) -> list[Problem]:
    """Problems of the package at ``path`` (a zip or a bag folder); empty when it is sound."""
    if not path.exists():
        raise EditionError("no such package", path=path, rule="io")
    if path.is_dir():
        return check_bag_folder(path, path)
    with tempfile.TemporaryDirectory(prefix="edition-check-") as temporary:
        safe_extract(path, Path(temporary))
        return check_bag_folder(Path(temporary), path)
