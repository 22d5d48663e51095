"""The skeleton of a document: what the checks across files need from it.

The checks across files (`edition.validate.references`) run on skeletons, so that they
see every file of the edition without the building process holding every parsed text
at once.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from edition.paths import XML_ID
from edition.sources import SourceFile, classify
from edition.validate.references import POINTER_ATTRIBUTES

_LINE = "{urn:edition:skeleton}line"
SKELETON_ATTRIBUTES = frozenset({XML_ID, "type", *POINTER_ATTRIBUTES})


def skeleton(tree: etree._ElementTree) -> bytes:
    """The document without its text: every element, in place, with its line and only
    the attributes the checks across files read (ids, pointers, ``type``).

    The checks across files (`edition.validate.references`) run on skeletons rebuilt
    by `from_skeleton`, so they see every file of the edition without the building
    process holding every parsed text at once.
    """
    root = tree.getroot()
    bare = copy.deepcopy(root)
    for original, element in zip(root.iter(), bare.iter(), strict=True):
        element.tail = None
        if not isinstance(element.tag, str):
            continue
        element.text = None
        for name in [n for n in element.attrib if n not in SKELETON_ATTRIBUTES]:
            del element.attrib[name]
        element.set(_LINE, str(original.sourceline or 0))
    return etree.tostring(bare)


def from_skeleton(path: Path, data: bytes) -> SourceFile:
    """A `SourceFile` for the checks across files, with the lines of the original."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in root.iter():
        if isinstance(element.tag, str):
            element.sourceline = int(element.attrib.pop(_LINE, "0"))
    tree = root.getroottree()
    return SourceFile(path, tree, classify(tree))
