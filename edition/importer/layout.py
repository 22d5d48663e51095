"""Indent element-only content and leave mixed content exactly as it is.

`lxml.etree.indent` also adds white space inside mixed content (after the last child
of a paragraph, say), which changes the text. Here only elements whose content is
elements and white space are re-indented.
"""

from __future__ import annotations

from lxml import etree

from edition.paths import T

# Elements whose content is text, where added white space would change the text.
MIXED = {f"{T}{name}" for name in (
    "p", "head", "item", "label", "titlePart", "docDate", "publisher", "pubPlace", "q",
    "said", "quote", "hi", "ref", "note", "title", "resp", "name", "change", "bibl",
    "dateline", "salute", "signed", "addrLine", "seg", "cell", "date", "foreign")}


def indent(element: etree._Element, level: int = 0, space: str = "  ") -> None:
    children = list(element)
    if not children or not _element_only(element):
        return
    inner = "\n" + space * (level + 1)
    element.text = inner
    for child in children:
        indent(child, level + 1, space)
        child.tail = inner
    children[-1].tail = "\n" + space * level


def _element_only(element: etree._Element) -> bool:
    if element.tag in MIXED or (element.text and element.text.strip()):
        return False
    return all(not (child.tail and child.tail.strip()) for child in element)
