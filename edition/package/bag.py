"""Assemble the deposit: a BagIt bag (RFC 8493) holding the edition and its metadata.

Payload layout (below ``data/``)::

    tei/        the TEI documents (edition header, texts, registers), the schema, and the
                raw transcriptions the texts were made from
    html/       the HTML site
    pdf/        the PDFs
    metadata/   datacite.xml and datacite.json (DataCite 4.5), dublin-core.xml (oai_dc),
                CITATION.cff, .zenodo.json, and the edition's citation as CSL-JSON,
                BibTeX and RIS

The bag has SHA-256 and SHA-512 manifests; ``bag-info.txt`` takes its dates from the build
clock, so a build with ``SOURCE_DATE_EPOCH`` set gives the same bag. An edition without a
DOI is packaged as a draft: its DataCite record has no identifier, and ``bag-info.txt``
says ``Deposit-Status: draft`` for the repository to complete it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit

from edition.citation import csl_data, csl_item, to_bibtex, to_ris
from edition.clock import build_date
from edition.model import Edition
from edition.package.cff import citation_cff_text
from edition.package.datacite import datacite_record, datacite_xml, validate_record
from edition.package.dublincore import dublin_core
from edition.package.zenodo import zenodo_json
from edition.paths import PACKAGE_FILES, SCHEMA_FILES, T
from edition.problems import EditionError, Problem, Severity, display_path
from edition.sources import find_xml_files
from edition.xmlparse import parse_file

CHECKSUMS = ["sha256", "sha512"]
METADATA_FILES = ("datacite.xml", "datacite.json", "dublin-core.xml", "CITATION.cff",
                  ".zenodo.json", "citation.json", "citation.bib", "citation.ris")
"""Files of ``data/metadata/`` that every package holds."""
DRAFT_FIELD = "Deposit-Status"
DRAFT = "draft"
NO_DOI_RULE = "deposit-no-doi"


def deposit_warnings(edition: Edition) -> list[Problem]:
    """What keeps the deposit a draft: no DOI in the header or ``edition.toml``."""
    if edition.meta.doi:
        return []
    line, column = _publication_statement(edition.header_path)
    where = display_path(edition.header_path or edition.source)
    return [Problem(where, line, column, Severity.WARNING,
                    "the edition has no DOI: the DataCite record is written without an "
                    "identifier and bag-info.txt marks the bag as a draft; reserve one "
                    "(edition deposit) and set it as [deposit] doi in edition.toml, or declare "
                    'it in the header (publicationStmt/idno type="DOI")', NO_DOI_RULE)]


def _publication_statement(header: Path | None) -> tuple[int, int]:
    """Where the DOI would go: the header's ``publicationStmt`` (else its first line);
    0:0 when the edition has no header file."""
    if header is None:
        return 0, 0
    try:
        tree = parse_file(header)
    except EditionError:
        return 1, 1
    found = tree.getroot().find(f".//{T}publicationStmt")
    return (found.sourceline or 1, 1) if found is not None else (1, 1)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copy_tree(source: Path, target: Path) -> None:
    for path in sorted(p for p in source.rglob("*") if p.is_file()
                       and not PACKAGE_FILES.intersection(p.relative_to(source).parts)):
        _copy(path, target / path.relative_to(source))


def copy_tei(edition: Edition, target: Path) -> None:
    """The edition's TEI files, its schema (the project's when the folder has none) and its
    raw transcriptions, keeping their paths relative to the edition folder."""
    source = edition.source
    for path in find_xml_files([source]):
        _copy(path, target / path.relative_to(source))
    if (source / "schema").is_dir():
        _copy_tree(source / "schema", target / "schema")
    else:
        for path in SCHEMA_FILES:
            _copy(path, target / "schema" / path.name)
    if (source / "sources").is_dir():
        _copy_tree(source / "sources", target / "sources")


def write_metadata(edition: Edition, target: Path) -> None:
    record = datacite_record(edition)
    errors = validate_record(record)
    if errors:
        raise EditionError(f"DataCite metadata would be invalid: {errors[0]}",
                           path=edition.header_path or edition.source, rule="deposit-datacite")
    target.mkdir(parents=True, exist_ok=True)
    item = csl_item(edition)
    files = {
        "datacite.xml": datacite_xml(record),
        "datacite.json": json.dumps(record, ensure_ascii=False, indent=2) + "\n",
        "dublin-core.xml": dublin_core(edition),
        "CITATION.cff": citation_cff_text(edition),
        ".zenodo.json": zenodo_json(edition),
        "citation.json": json.dumps(csl_data(item), ensure_ascii=False, indent=2) + "\n",
        "citation.bib": to_bibtex(item),
        "citation.ris": to_ris(item),
    }
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (target / name).write_bytes(data)


def bag_info(edition: Edition) -> dict[str, str | list[str]]:
    meta = edition.meta
    info: dict[str, str | list[str]] = {
        "Source-Organization": meta.publisher or "unknown",
        "External-Description": f"{meta.full_title}, version {meta.version}: TEI sources, "
                                "HTML edition, PDFs and deposit metadata.",
        "External-Identifier": f"https://doi.org/{meta.doi}" if meta.doi
        else f"{meta.id}-{meta.version}",
        "Bag-Group-Identifier": meta.id,
        "Bagging-Date": build_date(),
        "Bag-Software-Agent": f"edition (bagit.py {bagit.VERSION})",
    }
    if meta.editors:
        info["Contact-Name"] = [e.name for e in meta.editors]
    if not meta.doi:
        info[DRAFT_FIELD] = DRAFT
        info["Internal-Sender-Description"] = (
            "Draft deposit: the DataCite record has no identifier; the repository is to "
            "assign the DOI.")
    return info


def assemble_bag(edition: Edition, build_dir: Path, folder: Path) -> None:
    """Fill the empty ``folder`` with the payload and turn it into a bag."""
    copy_tei(edition, folder / "tei")
    _copy_tree(build_dir / "html", folder / "html")
    _copy_tree(build_dir / "pdf", folder / "pdf")
    write_metadata(edition, folder / "metadata")
    bagit.make_bag(str(folder), bag_info(edition), processes=1, checksums=CHECKSUMS)
