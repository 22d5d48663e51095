"""Find the TEI documents of an edition folder and say what each one is.

Every file is read through `read_tei`: the hardened parser, then `edition.foreign.adapt`
(a TEI P4 document, a `teiCorpus`, a TEI fragment as the root are read as TEI P5 with a
warning). Files that are still not TEI P5 documents (a `<TEI>` without the TEI namespace,
any other vocabulary) are refused by `check_root` with advice on what to do, instead of
being silently skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lxml import etree

from edition.foreign import adapt
from edition.incremental import MANIFEST_NAME
from edition.paths import NSMAP, TEI_NS, T
from edition.problems import EditionError, Problem
from edition.xmlparse import TEI_P4_ADVICE, TEI_P4_ROOT, ParsedFile, read_file

IGNORED_DIRS = {"schema", "sources", "node_modules", ".git"}


class Kind(StrEnum):
    EDITION = "edition"
    TEXT = "text"
    REGISTER = "register"
    OTHER = "other"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    tree: etree._ElementTree
    kind: Kind
    problems: list[Problem] = field(default_factory=list, compare=False)
    """What reading the file found without refusing it (`edition.xmlparse.ParsedFile`)."""


def find_xml_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.xml`` named or below a named folder, sorted; outside schema/, sources/,
    hidden folders (a build's staging folder) and build output (a folder holding a build
    manifest: an edition's ``build/`` may sit inside its TEI folder)."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise EditionError("no such file or folder", path=path, rule="io")
        if path.is_dir():
            outputs: dict[Path, bool] = {}
            found.extend(p for p in sorted(path.rglob("*.xml"))
                         if not _ignored(path, p.relative_to(path).parts[:-1], outputs))
        else:
            found.append(path)
    return found


def _ignored(root: Path, folders: tuple[str, ...], outputs: dict[Path, bool]) -> bool:
    if IGNORED_DIRS.intersection(folders) or any(f.startswith(".") for f in folders):
        return True
    folder = root
    for name in folders:
        folder = folder / name
        if folder not in outputs:
            outputs[folder] = (folder / MANIFEST_NAME).is_file()
        if outputs[folder]:
            return True
    return False


def classify(tree: etree._ElementTree) -> Kind:
    root = tree.getroot()
    if root.tag != f"{T}TEI":
        return Kind.OTHER
    declared = root.get("type")
    if declared in {k.value for k in Kind}:
        return Kind(declared)
    body = root.find("tei:text/tei:body", NSMAP)
    if body is not None:
        return Kind.REGISTER if _only_lists(body) else Kind.TEXT
    if root.find("tei:text/tei:group", NSMAP) is not None \
            or root.find("tei:sourceDoc", NSMAP) is not None:
        return Kind.TEXT
    if root.find("tei:standOff", NSMAP) is not None:
        return Kind.REGISTER
    return Kind.OTHER


REGISTER_LISTS = {f"{T}{name}" for name in
                  ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")}


def _only_lists(body: etree._Element) -> bool:
    """A body holding nothing but registers (a personography kept in a file of its own,
    as correspondence projects do), perhaps inside divisions with headings."""
    found = False
    for child in body.iter():
        if child is body or not isinstance(child.tag, str):
            continue
        if child.tag in REGISTER_LISTS:
            found = True
        elif not any(a.tag in REGISTER_LISTS for a in child.iterancestors()) and \
                etree.QName(child).localname not in {"div", "head"}:
            return False
    return found


def _root_error(root: etree._Element) -> tuple[str, str] | None:
    """(message, rule) when ``root`` is not the root of a TEI P5 document."""
    if not isinstance(root.tag, str):
        return "the document has no root element", "not-tei"
    qname = etree.QName(root)
    if qname.namespace is None and qname.localname == TEI_P4_ROOT:
        return TEI_P4_ADVICE, "tei-p4"
    if qname.namespace is None and qname.localname == "TEI":
        return (f'root <TEI> has no namespace: add xmlns="{TEI_NS}" (TEI P5 elements live '
                "in the TEI namespace)", "not-tei")
    if qname.namespace != TEI_NS or qname.localname != "TEI":
        shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        return (f'root element <{shown}> is not a TEI document: expected <TEI xmlns="{TEI_NS}">',
                "not-tei")
    return None


def check_root(tree: etree._ElementTree, path: Path) -> None:
    """Raise `EditionError` unless ``tree`` is a TEI P5 document."""
    root = tree.getroot()
    found = _root_error(root)
    if found is not None:
        message, rule = found
        raise EditionError(message, path=path, line=root.sourceline or 1, column=1, rule=rule)


def read_tei(path: Path) -> ParsedFile:
    """Parse one file safely and read it as TEI P5 where that can be done."""
    return adapt(read_file(path), path)


def parse_tei(path: Path) -> etree._ElementTree:
    """The tree `read_tei` reads: what every stage that parses a file again must use."""
    return read_tei(path).tree


def parse_source(path: Path) -> SourceFile:
    """Parse one file, make sure it is TEI P5 and classify it; raise `EditionError`."""
    parsed = read_tei(path)
    check_root(parsed.tree, path)
    return SourceFile(path, parsed.tree, classify(parsed.tree), list(parsed.problems))


def load_sources(paths: Iterable[Path]) -> list[SourceFile]:
    """Parse and classify every TEI file; the first bad file raises `EditionError`."""
    return [parse_source(path) for path in find_xml_files(paths)]
