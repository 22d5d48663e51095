"""Find the TEI documents of an edition folder and say what each one is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lxml import etree

from edition.paths import NSMAP, TEI_NS
from edition.problems import EditionError
from edition.xmlparse import parse_file

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


def find_xml_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.xml`` named or below a named folder (outside schema/ and sources/), sorted."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise EditionError("no such file or folder", path=path, rule="io")
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*.xml"))
                if not IGNORED_DIRS.intersection(p.relative_to(path).parts[:-1])
            )
        else:
            found.append(path)
    return found


def classify(tree: etree._ElementTree) -> Kind:
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        return Kind.OTHER
    declared = root.get("type")
    if declared in {k.value for k in Kind}:
        return Kind(declared)
    if root.find("tei:text/tei:body", NSMAP) is not None:
        return Kind.TEXT
    if root.find("tei:standOff", NSMAP) is not None:
        return Kind.REGISTER
    return Kind.OTHER


def load_sources(paths: Iterable[Path]) -> list[SourceFile]:
    """Parse and classify every TEI file; parse errors propagate as `EditionError`."""
    return [
        SourceFile(path, tree, classify(tree))
        for path, tree in ((p, parse_file(p)) for p in find_xml_files(paths))
    ]
