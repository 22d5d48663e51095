"""What the pages showing every text need from each text's tree, taken when the text is
checked (`text_extracts`), so that those pages are made without parsing every text again:
its source-only words (the search index) and the editorial principles it declares (the
principles page).

Apart from the build's tasks and from the HTML pages, which both use it: the pages read
the extracts, the tasks make them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.model import Text
from edition.textual import T, source_only_words

PRINCIPLES = ("projectDesc", "samplingDecl", "editorialDecl")
"""The parts of a header's ``encodingDesc`` the principles page shows."""


def declared_principles(root: etree._Element) -> etree._Element | None:
    """The ``encodingDesc`` of a TEI document when it declares editorial principles."""
    declared = root.find(f"{T}teiHeader/{T}encodingDesc")
    if declared is None or next(
            declared.iterchildren(*(f"{T}{n}" for n in PRINCIPLES)), None) is None:
        return None
    return declared


MAX_KEPT_LINE = 65535
"""Source lines above this are not kept exactly by every libxml2 once set by hand."""


@dataclass(frozen=True)
class Fragment:
    """An element kept apart from its document: its XML, its tail and the source line of
    every node, so that the element rebuilt from it reports the same lines."""

    xml: bytes
    tail: str | None
    lines: tuple[int, ...]

    @classmethod
    def of(cls, element: etree._Element) -> Fragment | None:
        lines = tuple(node.sourceline or 0 for node in element.iter())
        if any(line > MAX_KEPT_LINE for line in lines):
            return None
        return cls(etree.tostring(element, with_tail=False), element.tail, lines)

    def element(self) -> etree._Element:
        root = etree.fromstring(self.xml, etree.XMLParser(resolve_entities=False,
                                                          no_network=True))
        for node, line in zip(root.iter(), self.lines, strict=True):
            node.sourceline = line
        root.tail = self.tail
        return root


@dataclass(frozen=True)
class TextExtracts:
    """What the pages showing every text need from each text's tree, taken when the text
    is checked, so that they are made without parsing every text again."""

    source_words: dict[str, str]
    """`edition.textual.source_only_words` (the search index)."""
    principles: Fragment | None
    """The ``encodingDesc`` declaring editorial principles (the principles page)."""
    has_principles: bool
    """Whether the text declares principles; when it does but ``principles`` is None,
    the tree is read again."""


def text_extracts(tree: etree._ElementTree) -> TextExtracts:
    root = tree.getroot()
    declared = declared_principles(root)
    return TextExtracts(source_only_words(root),
                        Fragment.of(declared) if declared is not None else None,
                        declared is not None)


def principles_of(text: Text) -> etree._Element | None:
    """A text's declared principles, from its extracts when it has them."""
    extracts = getattr(text, "extracts", None)
    if extracts is not None and (not extracts.has_principles or extracts.principles):
        return extracts.principles.element() if extracts.principles else None
    return declared_principles(text.tree.getroot())
